"""Every check an entry file must pass, reported all at once with `file:line:col`.

The checks are listed, with their fixes, in CONTRIBUTING.md; each has a stable name (`check`).
"""
from __future__ import annotations

import datetime as dt
import difflib
import errno
import logging
import os
import stat
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import pycountry

from catalogue.fields import (
    FIELD_BY_NAME,
    FIELDS,
    FIRST_YEAR,
    MAX_FILE_BYTES,
    ORGANISATION_KEYS,
    SLUG_PATTERN,
    DESCRIPTION_MAX,
    SEEN_ACTIVE_STALE_DAYS,
    SUMMARY_MAX,
    TRANSLATION_KEYS,
    TRANSLATION_LANGUAGES,
    STALE_AFTER_DAYS,
    URL_PATTERN,
    partial_date_span,
)
from catalogue.geography import GLOBAL, countries
from catalogue.model import Tool, tool_from_data
from catalogue.paths import PACKAGE_DIR, SCHEMA_HEADER, TOOLS_DIR
from catalogue.problems import BIDI_CONTROLS, Problem, SplitsProblems
from catalogue.vocabulary import load_taxonomy
from catalogue.yamlio import ParsedYaml, YamlProblem, parse_yaml

logger = logging.getLogger(__name__)
SPECIAL_LICENCES = ("proprietary", "unknown")
NEAR_DUPLICATE_RATIO = 0.9


@lru_cache(maxsize=1)
def spdx_ids() -> frozenset[str]:
    lines = (PACKAGE_DIR / "spdx_ids.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def entry_files(directory: Path = TOOLS_DIR) -> list[Path]:
    """The entry files of a folder: every file except `_`- and `.`-prefixed ones such as `_example.yaml`.

    Misnamed files (`tool.yml`, `Tool.YAML`, `notes.txt`) are included on purpose: the `slug` check
    then reports them, instead of a misnamed entry passing unseen.
    """
    # Links are listed (and then refused by read_entry), dangling or looping ones included.
    return sorted(p for p in directory.iterdir()
                  if (p.is_symlink() or p.is_file()) and not p.name.startswith(("_", ".")))


class EntryFileRefused(Exception):
    """An entry file that is not read at all: a link, not a regular file, too large, unreadable."""

    def __init__(self, check: str, message: str, hint: str = ""):
        super().__init__(message)
        self.check, self.message, self.hint = check, message, hint


def read_entry_bytes(path: Path) -> bytes:
    """The bytes of an entry file, never through a symbolic link and never more than the size limit.

    A link could point anywhere on the machine (its values would be echoed in messages, and `--fix`
    would write to its target); the size is checked on the open file before a byte is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if path.is_symlink() or error.errno == errno.ELOOP:
            raise EntryFileRefused("symlink", "entry files may not be symbolic links",
                                   "replace the link with the file itself") from None
        raise EntryFileRefused("file", f"cannot read the file: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EntryFileRefused("file", "not a regular file", "an entry is a plain text file")
        if info.st_size > MAX_FILE_BYTES:
            raise EntryFileRefused("file-size", f"file is {info.st_size:,} bytes; at most {MAX_FILE_BYTES:,} allowed",
                                   "an entry is a short description: shorten it")
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # grew after the check
        raise EntryFileRefused("file-size", f"file is over {MAX_FILE_BYTES:,} bytes",
                               "an entry is a short description: shorten it")
    return raw


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for duplicate detection."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def normalise_url(url: str) -> str:
    """Scheme-, case-, `www.`- and trailing-slash-insensitive form of a URL."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}".lower()


@dataclass
class EntryCheck:
    """Collects the problems of one file while its fields are checked."""

    path: str
    parsed: ParsedYaml
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: tuple, check: str, message: str, hint: str = "", severity: str = "error") -> None:
        line, col = self.parsed.position(where)
        self.problems.append(Problem(self.path, line, col, severity, check, message, hint))


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    matches = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"did you mean `{matches[0]}`?" if matches else ""


def _check_text(entry: EntryCheck, where: tuple, value: Any, max_length: int, label: str) -> None:
    if not isinstance(value, str):
        entry.add(where, "type", f"{label} must be text, not {_type_name(value)}",
                  "put the value in double quotes")
        return
    if not value.strip():
        entry.add(where, "type", f"{label} is empty")
    elif max_length and len(value.strip()) > max_length:
        entry.add(where, "length", f"{label} has {len(value.strip())} characters; at most {max_length} allowed",
                  "shorten it")


def _check_url(entry: EntryCheck, where: tuple, value: Any, label: str) -> None:
    if not isinstance(value, str):
        entry.add(where, "type", f"{label} must be a URL, not {_type_name(value)}")
        return
    scheme = urlsplit(value.strip()).scheme.lower()
    if scheme not in ("http", "https"):
        entry.add(where, "url-scheme", f"{label} must be an http(s) URL, got {_shown_value(value)}",
                  "only links starting with https:// or http:// are allowed")
    elif not re.match(URL_PATTERN, value.strip()):
        entry.add(where, "url-scheme", f"{label} is not a valid URL: {_shown_value(value)}", "remove spaces; check the host")


def _shown_value(value: Any, limit: int = 80, quoted: bool = True) -> str:
    """A value for a message (repr, or a string as is when not `quoted`), cut short: a pasted value
    can be kilobytes long."""
    text = repr(value) if quoted or not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping", dt.date: "a date"}.get(type(value), type(value).__name__)


def _check_list(entry: EntryCheck, name: str, value: Any, required: bool) -> list | None:
    if not isinstance(value, list):
        entry.add((name,), "type", f"`{name}` must be a list, not {_type_name(value)}",
                  f"write it as `{name}: [first, second]` or as lines starting with `- `")
        return None
    if required and not value:
        entry.add((name,), "missing-field", f"`{name}` needs at least one value")
    seen: set = set()
    for index, item in enumerate(value):
        if isinstance(item, (str, int)) and not isinstance(item, bool) and item in seen:
            entry.add((name, index), "duplicate-value", f"`{name}` lists {_shown_value(item)} twice",
                      "run `python -m catalogue validate --fix` to de-duplicate")
        if isinstance(item, (str, int)):
            seen.add(item)
    return value


def _check_terms(entry: EntryCheck, name: str, values: list, vocabulary: str) -> None:
    keys = load_taxonomy().lists[vocabulary]
    for index, item in enumerate(values):
        if not isinstance(item, str) or item not in keys:
            shown = item if isinstance(item, str) else _type_name(item)
            hint = _did_you_mean(str(item), keys) if isinstance(item, str) else ""
            entry.add((name, index), "vocabulary", f"`{shown}` is not a value of {vocabulary}",
                      hint or f"allowed: {', '.join(keys)}")


def _check_countries(entry: EntryCheck, name: str, values: list, allow_global: bool) -> None:
    table = countries()
    if allow_global and GLOBAL in values and len(values) > 1:
        entry.add((name,), "global-alone", f"`{name}` lists `global` with countries",
                  "use `[global]` alone for tools open to anyone anywhere, or list the countries")
    for index, item in enumerate(values):
        if allow_global and item == GLOBAL:
            continue
        if isinstance(item, str) and item in table:
            continue
        entry.add((name, index), "country-code", f"{_shown_value(item)} is not an ISO 3166-1 alpha-3 country code",
                  _country_hint(item))


def _country_hint(item: Any) -> str:
    if item is False:
        return "YAML reads NO as false: use the alpha-3 code NOR for Norway"
    if isinstance(item, str):
        if item.upper() in countries():
            return f"codes are upper case: `{item.upper()}`"
        found = None
        if len(item) == 2:
            found = pycountry.countries.get(alpha_2=item.upper())
        else:
            try:
                found = pycountry.countries.lookup(item)
            except LookupError:
                found = None
        if found:
            return f"use the alpha-3 code `{found.alpha_3}` ({found.name})"
    return "use three-letter codes such as KEN, THA, GBR (see catalogue/regions.csv)"


def _check_year(entry: EntryCheck, name: str, value: Any) -> None:
    this_year = entry.today.year
    if isinstance(value, bool) or not isinstance(value, int):
        entry.add((name,), "type", f"`{name}` must be a year such as 2019, not {_type_name(value)}")
    elif not FIRST_YEAR <= value <= this_year:
        entry.add((name,), "year-range", f"`{name}` {value} is outside {FIRST_YEAR}..{this_year}")


def _check_licence(entry: EntryCheck, value: Any) -> None:
    if not isinstance(value, str):
        entry.add(("licence",), "type", "`licence` must be text such as MIT or proprietary")
        return
    if value in SPECIAL_LICENCES:
        return
    parts = [part.strip("() ") for part in re.split(r"\s+(?:OR|AND|WITH)\s+", value)]
    ids = spdx_ids()
    for part in parts:
        if part.removesuffix("+") not in ids:
            lower = {spdx.lower(): spdx for spdx in ids}
            hint = f"did you mean `{lower[part.lower()]}`?" if part.lower() in lower else \
                "use an SPDX identifier (https://spdx.org/licenses/), `proprietary` or `unknown`"
            entry.add(("licence",), "licence", f"`{part}` is not an SPDX licence identifier", hint)


def _check_date(entry: EntryCheck, value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        entry.add(("last_verified",), "type", "`last_verified` must be a date YYYY-MM-DD")
        return None
    if value > entry.today:
        entry.add(("last_verified",), "date-future", f"`last_verified` {value} is in the future")
    elif (entry.today - value).days > STALE_AFTER_DAYS:
        entry.add(("last_verified",), "stale", f"`last_verified` {value} is more than 18 months old",
                  "re-check the sources and update the date", severity="warning")
    return value


def _check_partial_date(entry: EntryCheck, name: str, value: Any) -> None:
    span = partial_date_span(value)
    if span is None:
        entry.add((name,), "type", f"`{name}` must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"[:300],
                  "write the date of the newest source that shows the tool in use, e.g. 2024-05")
    elif span[1] > entry.today:
        entry.add((name,), "date-future", f"`{name}` {span[0]} is in the future")


def _check_translations(entry: EntryCheck, value: Any) -> None:
    if not isinstance(value, dict):
        entry.add(("translations",), "type", "`translations` must be a mapping of languages (fr, es)",
                  "write `translations:` then indented `fr:` and `es:`, each with `summary: ...`")
        return
    for language, texts in value.items():
        if language not in TRANSLATION_LANGUAGES:
            entry.add(("key", "translations", language), "unknown-field",
                      f"`translations.{_shown_value(language, 20, quoted=False)}` is not a language of the interface",
                      f"use {', '.join(TRANSLATION_LANGUAGES)}")
            continue
        where = ("translations", language)
        if not isinstance(texts, dict):
            entry.add(where, "type", f"`translations.{language}` must be a mapping with `summary`")
            continue
        for key in texts:
            if key not in TRANSLATION_KEYS:
                entry.add(("key", "translations", language, key), "unknown-field",
                          f"unknown field `translations.{language}.{_shown_value(key, 30, quoted=False)}`",
                          f"allowed: {', '.join(TRANSLATION_KEYS)}")
        if "summary" not in texts:
            entry.add(("key", "translations", language), "missing-field",
                      f"missing `translations.{language}.summary`", "a translation gives at least the summary")
        else:
            _check_text(entry, where + ("summary",), texts["summary"], SUMMARY_MAX, f"`translations.{language}.summary`")
            if isinstance(texts["summary"], str) and "\n" in texts["summary"].strip():
                entry.add(where + ("summary",), "type", f"`translations.{language}.summary` must be one line")
        if texts.get("description") is not None:
            _check_text(entry, where + ("description",), texts["description"], DESCRIPTION_MAX,
                        f"`translations.{language}.description`")


def _check_organisation(entry: EntryCheck, value: Any) -> None:
    if not isinstance(value, dict):
        entry.add(("organisation",), "type", "`organisation` must be a mapping with name and type",
                  "write `organisation:` then indented `name: ...` and `type: ...` lines")
        return
    for key in value:
        if key not in ORGANISATION_KEYS:
            entry.add(("key", "organisation", key), "unknown-field", f"unknown field `organisation.{key}`",
                      _did_you_mean(str(key), ORGANISATION_KEYS) or "allowed: name, type, website")
    for key in ("name", "type"):
        if key not in value:
            entry.add(("key", "organisation"), "missing-field", f"missing required field `organisation.{key}`")
    if "name" in value:
        _check_text(entry, ("organisation", "name"), value["name"], 200, "`organisation.name`")
    if "type" in value:
        keys = load_taxonomy().lists["organisation_types"]
        if not isinstance(value["type"], str) or value["type"] not in keys:
            entry.add(("organisation", "type"), "vocabulary",
                      f"`{_shown_value(value['type'], quoted=False)}` is not a value of organisation_types",
                      _did_you_mean(str(value["type"]), keys) or f"allowed: {', '.join(keys)}")
    if value.get("website") is not None:
        _check_url(entry, ("organisation", "website"), value["website"], "`organisation.website`")


def check_entry(parsed: ParsedYaml, path: str, slug: str, today: dt.date, text: str = "") -> list[Problem]:
    """All single-file checks of a parsed entry."""
    entry = EntryCheck(path, parsed, today)
    if text and not text.startswith(SCHEMA_HEADER):
        entry.problems.append(Problem(path, 1, 1, "warning", "schema-header",
                                      "line 1 is not the schema header that lets editors check the file",
                                      f"make line 1 `{SCHEMA_HEADER}` (or run --fix)"))
    if not re.match(SLUG_PATTERN, slug):
        entry.problems.append(Problem(path, 1, 1, "error", "slug",
                                      f"file name `{slug}` is not a valid slug",
                                      "use lowercase ASCII letters, digits and hyphens, e.g. `golden-dreams.yaml`"))
    bidi = BIDI_CONTROLS.search(text)
    if bidi:
        before = text[: bidi.start()]
        entry.problems.append(Problem(path, before.count("\n") + 1, bidi.start() - (before.rfind("\n") + 1) + 1,
                                      "error", "bidi-control",
                                      f"invisible text-direction character U+{ord(bidi.group()):04X}",
                                      "delete it: it can make text read differently from what it says"))
    data = parsed.data
    if not isinstance(data, dict):
        entry.add((), "not-mapping", "the file must be a mapping of fields (`name: ...`), "
                  f"not {_type_name(data)}")
        return entry.problems
    for key in data:
        if key not in FIELD_BY_NAME:
            entry.add(("key", key), "unknown-field", f"unknown field `{key}`",
                      _did_you_mean(str(key), FIELD_BY_NAME) or "see tools_data/_example.yaml for the fields")
    for spec in FIELDS:
        if spec.name not in data or data[spec.name] is None:
            if spec.required:
                entry.add((), "missing-field", f"missing required field `{spec.name}`", spec.doc)
            continue
        value, where, label = data[spec.name], (spec.name,), f"`{spec.name}`"
        if spec.kind == "text":
            _check_text(entry, where, value, spec.max_length, label)
            if spec.name == "summary" and isinstance(value, str) and "\n" in value.strip():
                entry.add(where, "type", "`summary` must be one line")
        elif spec.kind == "url":
            _check_url(entry, where, value, label)
        elif spec.kind == "organisation":
            _check_organisation(entry, value)
        elif spec.kind == "term":
            keys = load_taxonomy().lists[spec.vocabulary]
            if not isinstance(value, str) or value not in keys:
                entry.add(where, "vocabulary", f"`{_shown_value(value, quoted=False)}` is not a value of {spec.vocabulary}",
                          (_did_you_mean(value, keys) if isinstance(value, str) else "")
                          or f"allowed: {', '.join(keys)}")
        elif spec.kind in ("terms", "names", "countries", "deployment", "languages", "urls"):
            items = _check_list(entry, spec.name, value, spec.required)
            if items is None:
                continue
            if spec.kind == "terms":
                _check_terms(entry, spec.name, items, spec.vocabulary)
            elif spec.kind == "names":
                for index, item in enumerate(items):
                    _check_text(entry, (spec.name, index), item, 200, f"each of `{spec.name}`")
            elif spec.kind in ("countries", "deployment"):
                _check_countries(entry, spec.name, items, allow_global=spec.kind == "deployment")
            elif spec.kind == "languages":
                codes = language_codes()
                for index, item in enumerate(items):
                    if not isinstance(item, str) or item not in codes:
                        entry.add((spec.name, index), "language-code",
                                  f"{_shown_value(item)} is not an ISO 639-1 language code",
                                  "use two letters, e.g. en, fr, th")
            elif spec.kind == "urls":
                for index, item in enumerate(items):
                    _check_url(entry, (spec.name, index), item, f"each of `{spec.name}`")
        elif spec.kind == "year":
            _check_year(entry, spec.name, value)
        elif spec.kind == "bool":
            if not isinstance(value, bool):
                entry.add(where, "type", f"{label} must be true or false, not {_type_name(value)}")
        elif spec.kind == "licence":
            _check_licence(entry, value)
        elif spec.kind == "date":
            _check_date(entry, value)
        elif spec.kind == "partial_date":
            _check_partial_date(entry, spec.name, value)
        elif spec.kind == "translations":
            _check_translations(entry, value)
    _check_cross_fields(entry, data)
    return entry.problems


def _check_cross_fields(entry: EntryCheck, data: dict) -> None:
    primary, purposes = data.get("primary_purpose"), data.get("purposes")
    if isinstance(primary, str) and isinstance(purposes, list) and primary not in purposes:
        entry.add(("primary_purpose",), "primary-purpose",
                  f"`primary_purpose` {primary} is not listed in `purposes`", f"add `{primary}` to purposes")
    launched, discontinued = data.get("launched"), data.get("discontinued")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in (launched, discontinued)) \
            and discontinued < launched:
        entry.add(("discontinued",), "year-range",
                  f"`discontinued` {discontinued} is before `launched` {launched}")
    seen = partial_date_span(data.get("last_seen_active"))  # see also Tool.seen_long_ago
    if seen and isinstance(launched, int) and not isinstance(launched, bool) and seen[2].year < launched:
        entry.add(("last_seen_active",), "year-range",
                  f"`last_seen_active` {seen[0]} is before `launched` {launched}")
    if seen and data.get("status") in ("active", "scaling") \
            and (entry.today - seen[2]).days > SEEN_ACTIVE_STALE_DAYS:
        entry.add(("status",), "seen-long-ago",
                  f"`status: {data.get('status')}` rests on `last_seen_active` {seen[0]}, over three years ago",
                  "find a newer source showing the tool in use, or set status to unknown", severity="warning")


@dataclass
class ReadResult:
    path: Path
    slug: str
    shown: str = ""
    text: str = ""
    parsed: ParsedYaml | None = None
    problems: list[Problem] = field(default_factory=list)
    tool: Tool | None = None


def read_entry(path: Path, today: dt.date, shown_path: str | None = None) -> ReadResult:
    """Read, parse and check one file; `tool` is set only when it has no errors."""
    shown = shown_path or str(path)
    result = ReadResult(path=path, slug=path.stem, shown=shown)
    if path.suffix != ".yaml":
        result.problems.append(Problem(shown, 1, 1, "error", "slug", "entry files must end in `.yaml`",
                                       f"rename it to `{path.stem}.yaml`"))
    try:
        raw = read_entry_bytes(path)
    except EntryFileRefused as refused:
        result.problems.append(Problem(shown, 1, 1, "error", refused.check, refused.message, refused.hint))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        result.problems.append(Problem(shown, line, col, "error", "encoding",
                                       f"the file is not UTF-8 (byte 0x{raw[error.start]:02x})",
                                       "save the file as UTF-8 in your editor"))
        return result
    return _check_entry_text(result, text, today)


def _check_entry_text(result: ReadResult, text: str, today: dt.date) -> ReadResult:
    """Parse and check decoded entry text; shared by files on disk and text pasted in the app."""
    result.text = text
    try:
        result.parsed = parse_yaml(text)
    except YamlProblem as problem:
        result.problems.append(Problem(result.shown, problem.line, problem.col, "error", problem.check,
                                       problem.message, problem.hint))
        return result
    try:
        result.problems.extend(check_entry(result.parsed, result.shown, result.slug, today, text))
    except Exception as error:  # noqa: BLE001 - one odd file must never stop a run or a page
        logger.exception("validator failed on %s", result.shown)
        result.problems.append(Problem(result.shown, 1, 1, "error", "internal",
                                       f"the validator could not check this file ({type(error).__name__})",
                                       "please report this file in an issue; meanwhile check its value types"))
    if not any(problem.is_error for problem in result.problems):
        result.tool = tool_from_data(result.slug, result.parsed.data, path=str(result.path))
    return result


def validate_text(text: str, slug: str, today: dt.date, shown_path: str | None = None) -> list[Problem]:
    """The single-file checks of `read_entry`, for entry text that is not on disk (pasted, or built by a form).

    `slug` stands for the file name; problems cite `shown_path` (default `<slug>.yaml`).
    """
    shown = shown_path or f"{slug}.yaml"
    result = ReadResult(path=Path(shown), slug=slug, shown=shown)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # a lone surrogate: no file could hold it
        before = text[: error.start]
        line, col = before.count("\n") + 1, error.start - (before.rfind("\n") + 1) + 1
        return [Problem(shown, line, col, "error", "encoding", "the text holds a character that is not valid Unicode",
                        "retype the character at this position")]
    if size > MAX_FILE_BYTES:
        return [Problem(shown, 1, 1, "error", "file-size", f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} allowed",
                        "an entry is a short description: shorten it")]
    return _check_entry_text(result, text, today).problems


def _cross_file_problems(results: list[ReadResult], reference: list[ReadResult],
                         near_duplicates: bool = True) -> list[Problem]:
    """Duplicate slugs, names and URLs across files (errors), and near-duplicates (warnings).

    Only files in `results` are reported; `reference` holds the rest of the catalogue to compare with.
    """
    problems: list[Problem] = []
    owners: dict[tuple[str, str], ReadResult] = {}
    everything = [r for r in reference if r.parsed and isinstance(r.parsed.data, dict)]
    checked = {id(r) for r in results}
    # Earlier files own a key; a later file that repeats it gets the error.
    for result in sorted(everything, key=lambda r: (id(r) in checked, r.path.name)):
        data = result.parsed.data
        keys = [("slug", result.slug)]
        if isinstance(data.get("name"), str):
            keys.append(("name", normalise_name(data["name"])))
        if isinstance(data.get("url"), str):
            keys.append(("url", normalise_url(data["url"])))
        for kind, key in keys:
            owner = owners.setdefault((kind, key), result)
            if owner is not result and id(result) in checked:
                where = {"slug": (), "name": ("name",), "url": ("url",)}[kind]
                line, col = result.parsed.position(where)
                problems.append(Problem(result.shown, line, col, "error", f"duplicate-{kind}",
                                        f"same {kind} as {owner.path.name}",
                                        "one entry per tool: merge the two files or tell them apart"))
    if near_duplicates:
        problems.extend(_near_duplicates(results, everything))
    return problems


def _names_of(result: ReadResult) -> list[str]:
    data = result.parsed.data
    aliases = data.get("aliases")
    names = [data.get("name")] + (aliases if isinstance(aliases, list) else [])
    found = (normalise_name(n) for n in names if isinstance(n, str))
    return [n for n in found if len(n) >= 4]


def _near_duplicates(results: list[ReadResult], everything: list[ReadResult]) -> list[Problem]:
    problems = []
    checked = {id(r) for r in results}
    # (file name, normalised names, result, is being checked), computed once: the loop below is n².
    others = [(r.path.name, _names_of(r), r, id(r) in checked) for r in everything if r.parsed is not None
              and isinstance(r.parsed.data, dict)]
    names = {id(r): n for _, n, r, _ in others}
    for result in results:
        mine = names.get(id(result))
        if mine is None:
            continue
        file_name = result.path.name
        for other_name, theirs, other, other_checked in others:
            if other is result or (other_checked and other_name < file_name):
                continue  # report each pair once among the checked files
            reason = _similar(mine, theirs)
            if reason:
                line, col = result.parsed.position(("name",))
                problems.append(Problem(result.shown, line, col, "warning", "possible-duplicate",
                                        f"{reason}: possible duplicate of {other_name}",
                                        "if it is the same tool, correct that file instead of adding one"))
                break
    return problems


@lru_cache(maxsize=65536)
def _letter_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    return counts


def _similar(mine: list[str], theirs: list[str]) -> str:
    for a in mine:
        for b in theirs:
            if a == b:
                return f"name or alias `{a}` is also used"
            # Cheap bounds first: the ratio can't reach the threshold if the lengths differ too much,
            # nor if too few letters are shared (difflib's quick_ratio, from letter counts cached per name).
            total = len(a) + len(b)
            if 2 * min(len(a), len(b)) < NEAR_DUPLICATE_RATIO * total:
                continue
            counts_a, counts_b = _letter_counts(a), _letter_counts(b)
            shared = sum(min(n, counts_b.get(char, 0)) for char, n in counts_a.items())
            if 2 * shared < NEAR_DUPLICATE_RATIO * total:
                continue
            if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE_RATIO:
                return f"name `{a}` is close to `{b}`"
    return ""


@dataclass
class Report(SplitsProblems):
    problems: list[Problem]
    tools: list[Tool]
    files: int


def validate_paths(paths: Iterable[Path], today: dt.date | None = None,
                   reference_dir: Path | None = TOOLS_DIR, base: Path | None = None,
                   near_duplicates: bool = True) -> Report:
    """Check files; compare them with every entry of `reference_dir` for duplicates.

    Returns the problems of the given files only, and the tools that passed.
    """
    today = today or dt.date.today()
    base = base or Path.cwd()
    results = []
    for path in paths:
        results.append(read_entry(Path(path), today, shown_path(Path(path), base)))
    # absolute(), not resolve(): links are never followed (a link loop cannot even be resolved).
    mine = {r.path.absolute() for r in results}
    reference = list(results)
    if reference_dir is not None and reference_dir.is_dir():
        for path in entry_files(reference_dir):
            if path.absolute() not in mine:
                reference.append(read_entry(path, today, shown_path(path, base)))
    cross = _cross_file_problems(results, reference, near_duplicates)
    problems = [p for r in results for p in r.problems] + cross
    failed = {p.path for p in cross if p.is_error}
    tools = [r.tool for r in results if r.tool is not None and r.shown not in failed]
    problems.sort(key=lambda p: (p.path, p.line, p.col))
    return Report(problems=problems, tools=tools, files=len(results))


def shown_path(path: Path, base: Path) -> str:
    """How problems name a file: relative to `base` where it lies below it (links are not followed)."""
    try:
        return os.path.relpath(path.absolute(), base.resolve()) if path.absolute().is_relative_to(base.resolve()) \
            else str(path)
    except ValueError:
        return str(path)
