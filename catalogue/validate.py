"""Every check an entry file must pass, reported all at once with `file:line:col`.

Field types, vocabularies, patterns and required fields are the JSON Schema's (`schema/tool.schema.json`,
checked with jsonschema); this module maps each schema error to a check name, a message and a hint, and
adds what a schema cannot say: the file itself (name, encoding, size, links), SPDX licences, dates
against today, rules across fields, and duplicates across files. The checks are listed, with their
fixes, in CONTRIBUTING.md; each has a stable name (`check`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import jsonschema
import pycountry
from rapidfuzz import fuzz, process

from catalogue.fields import (
    FIELD_BY_NAME,
    FIRST_YEAR,
    KINDS,
    MAX_FILE_BYTES,
    SEEN_ACTIVE_STALE_DAYS,
    SLUG_PATTERN,
    STALE_AFTER_DAYS,
    URL_PATTERN,
    partial_date_span,
)
from catalogue.geography import countries
from catalogue.model import Tool, tool_from_data
from catalogue.paths import PACKAGE_DIR, SCHEMA_HEADER, TOOLS_DIR
from catalogue.problems import BIDI_CONTROLS, Problem, SplitsProblems
from catalogue.scaffold import slugify
from catalogue.schema import build_schema
from catalogue.vocabulary import load_taxonomy
from catalogue.yamlio import ParsedYaml, YamlProblem, parse_yaml

logger = logging.getLogger(__name__)
SPECIAL_LICENCES = ("proprietary", "unknown")
#: rapidfuzz's `fuzz.ratio` (0-100) from which two names are a possible duplicate.
NEAR_DUPLICATE_SCORE = 90
#: Pasted text beyond this is not even parsed (the validator rejects files over 64 KB anyway).
PASTE_MAX_CHARS = 100_000
FALLBACK_SLUG = "entry"


@lru_cache(maxsize=1)
def spdx_ids() -> frozenset[str]:
    lines = (PACKAGE_DIR / "spdx_ids.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


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


# Cached: the app compares each draft with every catalogue entry on every rerun of the Contribute page.
@lru_cache(maxsize=8192)
def comparable_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for duplicate detection."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=8192)
def comparable_url(url: str) -> str:
    """Scheme-, case-, `www.`- and trailing-slash-insensitive form of a URL, for duplicate detection
    (`fields.canonical_url` is the form `--fix` writes)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}".lower()


# ---------------------------------------------------------------- the schema, and its errors as problems

# JSON's integer: YAML's `2015.0` is a float, not a year (jsonschema would accept it).
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
_ENUM = jsonschema.Draft202012Validator.VALIDATORS["enum"]


def _enum(validator: Any, allowed: Any, value: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    # jsonschema compares a value with each allowed one in Python (250 countries, for every country
    # code); a string found by the list's own `in` needs no more. Anything else takes the full check.
    if not (isinstance(value, str) and value in allowed):
        yield from _ENUM(validator, allowed, value, schema)


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, validators={"enum": _enum},
                                          type_checker=_TYPES)


# The `format` of dates: a real day (2024-02-30 has the shape of a date but is none).
_FORMATS = jsonschema.FormatChecker(["date"])
_FORMATS.checks("partial-date")(lambda value: not isinstance(value, str) or partial_date_span(value) is not None)


@lru_cache(maxsize=2)
def schema_validator(this_year: int) -> jsonschema.protocols.Validator:
    """The validator of the entry schema, years capped at `this_year`."""
    return _Validator(build_schema(this_year), format_checker=_FORMATS)


def json_ready(value: Any) -> Any:
    """The entry as the schema checks it: YAML's dates become ISO text, as they are in an editor using the
    schema, and `field:` with nothing after it is a field left out, as it always was."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class EntryCheck:
    """Collects the problems of one file while its fields are checked."""

    path: str
    parsed: ParsedYaml
    today: dt.date
    problems: list[Problem] = field(default_factory=list)
    reported: set[tuple] = field(default_factory=set)  # (keyword, path) reported once for every error of its kind

    def add(self, where: tuple, check: str, message: str, hint: str = "", severity: str = "error",
            about: str | None = None) -> None:
        """A problem at the YAML position `where`; `about` is its field path (default: from `where`)."""
        line, col = self.parsed.position(where)
        if about is None:
            about = ".".join(str(part) for part in where if part != "key" and not isinstance(part, int))
        self.problems.append(Problem(self.path, line, col, severity, check, message, hint, about))


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    match = process.extractOne(value, list(options), scorer=fuzz.ratio, score_cutoff=60)
    return f"did you mean `{match[0]}`?" if match else ""


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


def _country_hint(item: Any) -> str:
    if item is False:
        return "YAML reads NO as false: use the alpha-3 code NOR for Norway"
    if isinstance(item, str):
        if item.upper() in countries():
            return f"codes are upper case: `{item.upper()}`"
        try:
            found = pycountry.countries.get(alpha_2=item.upper()) if len(item) == 2 else \
                pycountry.countries.lookup(item)
        except LookupError:
            found = None
        if found:
            return f"use the alpha-3 code `{found.alpha_3}` ({found.name})"
    return "use three-letter codes such as KEN, THA, GBR (see catalogue/regions.csv)"


#: What a value of each JSON type is called in messages, below the top level of an entry.
_EXPECTED = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a number",
             "boolean": "true or false"}


def _schema_problems(entry: EntryCheck, error: jsonschema.ValidationError) -> None:
    """The problems one schema error stands for, each with its check name, message, hint and position."""
    path = tuple(error.absolute_path)
    spec = FIELD_BY_NAME.get(path[0]) if path and isinstance(path[0], str) else None
    names = [str(part) for part in path if not isinstance(part, int)]
    label = f"`{_shown_value('.'.join(names), 60, quoted=False)}`"
    if path and isinstance(path[-1], int):
        label = f"each of {label}"
    # jsonschema types these as "Any or unset"; on an error they are always set.
    keyword, value, rule = str(error.validator), cast(Any, error.instance), cast(Any, error.validator_value)
    if keyword in ("required", "additionalProperties"):
        # jsonschema reports each missing or unknown key apart; one pass over the mapping finds them all.
        if (keyword, path) in entry.reported:
            return
        entry.reported.add((keyword, path))
    if keyword == "required":
        for name in (name for name in rule if name not in value):
            dotted = ".".join(names + [name])
            doc = FIELD_BY_NAME[name].doc if not path else ""
            entry.add(("key",) + path if path else (), "missing-field", f"missing required field `{dotted}`", doc,
                      about=dotted)
    elif keyword == "additionalProperties":
        allowed = list(cast(dict, error.schema).get("properties", {}))
        for key in (key for key in value if key not in allowed):
            shown = ".".join(names + [_shown_value(key, 80, quoted=False)])
            hint = _did_you_mean(str(key), allowed) or (f"allowed: {', '.join(allowed)}" if path else
                                                         "see tools_data/_example.yaml for the fields")
            entry.add(("key",) + path + (key,), "unknown-field", f"unknown field `{shown}`", hint)
    elif keyword == "type" and not path:
        entry.add((), "not-mapping", f"the file must be a mapping of fields (`name: ...`), not {_type_name(value)}")
    elif keyword == "type":
        kind = KINDS[spec.kind] if spec and len(path) == 1 else None
        expects = kind.expects if kind else "a URL" if cast(dict, error.schema).get("pattern") == URL_PATTERN \
            else _EXPECTED.get(str(rule), "text")
        hint = {"a list": f"write it as `{names[-1]}: [first, second]` or as lines starting with `- `",
                "text": "put the value in double quotes"}.get(expects, "")
        entry.add(path, "type", f"{label} must be {expects}, not {_type_name(value)}", hint)
    elif keyword == "pattern" and rule == URL_PATTERN:
        if urlsplit(value.strip()).scheme.lower() not in ("http", "https"):
            entry.add(path, "url-scheme", f"{label} must be an http(s) URL, got {_shown_value(value)}",
                      "only links starting with https:// or http:// are allowed")
        else:
            entry.add(path, "url-scheme", f"{label} is not a valid URL: {_shown_value(value)}",
                      "remove spaces; check the host")
    elif keyword == "pattern" and rule == r"\S":
        entry.add(path, "type", f"{label} is empty")
    elif keyword in ("pattern", "format"):  # the dates: their shape (pattern), a real day (format)
        expects = KINDS[spec.kind].expects if spec else "a date"
        hint = "write the date of the newest source that shows the tool in use, e.g. 2024-05" \
            if spec and spec.kind == "partial_date" else ""
        entry.add(path, "type", f"{label} must be {expects}, not {_shown_value(value)}", hint)
    elif keyword == "not":
        entry.add(path, "type", f"{label} must be one line")
    elif keyword == "maxLength":
        entry.add(path, "length", f"{label} has {len(value)} characters; at most {rule} allowed",
                  "shorten it")
    elif keyword == "enum":
        _enum_problem(entry, path, label, value, spec)
    elif keyword == "minItems":
        entry.add(path, "missing-field", f"{label} needs at least one value")
    elif keyword == "maxItems":  # only `deployed_in` has one: `global` stands alone
        entry.add(path, "global-alone", f"{label} lists `global` with countries",
                  "use `[global]` alone for tools open to anyone anywhere, or list the countries")
    elif keyword == "uniqueItems":
        first: dict[str, int] = {}  # the first repeat, in linear time (by repr: items may be lists)
        index = next((i for i, item in enumerate(value) if first.setdefault(repr(item), i) != i), 0)
        entry.add(path + (index,), "duplicate-value", f"{label} lists {_shown_value(value[index])} twice",
                  "run `python -m catalogue validate --fix` to de-duplicate")
    elif keyword in ("minimum", "maximum"):
        entry.add(path, "year-range", f"{label} {value} is outside {FIRST_YEAR}..{entry.today.year}")
    else:  # a keyword added to the schema without a message here yet
        entry.add(path, "type", f"{label}: {_shown_value(error.message, 200, quoted=False)}")


def _enum_problem(entry: EntryCheck, path: tuple, label: str, value: Any, spec: Any) -> None:
    kind = spec.kind if spec else ""
    if kind in ("countries", "deployment"):
        entry.add(path, "country-code", f"{_shown_value(value)} is not an ISO 3166-1 alpha-3 country code",
                  _country_hint(value))
    elif kind == "languages":
        entry.add(path, "language-code", f"{_shown_value(value)} is not an ISO 639-1 language code",
                  "use two letters, e.g. en, fr, th")
    else:
        vocabulary = spec.vocabulary if spec and spec.vocabulary else "organisation_types"
        keys = load_taxonomy().keys(vocabulary)
        shown = _shown_value(value, quoted=False)
        hint = _did_you_mean(value, keys) if isinstance(value, str) else ""
        entry.add(path, "vocabulary", f"`{shown}` is not a value of {vocabulary}",
                  hint or f"allowed: {', '.join(keys)}")


# ---------------------------------------------------------------- what a schema cannot say

def _check_licence(entry: EntryCheck, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or value in SPECIAL_LICENCES:
        return
    ids = spdx_ids()
    for part in (part.strip("() ") for part in re.split(r"\s+(?:OR|AND|WITH)\s+", value)):
        if part.removesuffix("+") not in ids:
            lower = {spdx.lower(): spdx for spdx in ids}
            hint = f"did you mean `{lower[part.lower()]}`?" if part.lower() in lower else \
                "use an SPDX identifier (https://spdx.org/licenses/), `proprietary` or `unknown`"
            entry.add(("licence",), "licence", f"`{part}` is not an SPDX licence identifier", hint)


def _check_dates(entry: EntryCheck, data: dict) -> None:
    verified = partial_date_span(data.get("last_verified"))  # a real day: the schema checked its format
    if verified and verified[1] > entry.today:
        entry.add(("last_verified",), "date-future", f"`last_verified` {verified[0]} is in the future")
    elif verified and (entry.today - verified[1]).days > STALE_AFTER_DAYS:
        entry.add(("last_verified",), "stale", f"`last_verified` {verified[0]} is more than 18 months old",
                  "re-check the sources and update the date", severity="warning")
    seen = partial_date_span(data.get("last_seen_active"))
    if seen and seen[1] > entry.today:
        entry.add(("last_seen_active",), "date-future", f"`last_seen_active` {seen[0]} is in the future")


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_cross_fields(entry: EntryCheck, data: dict) -> None:
    primary, purposes = data.get("primary_purpose"), data.get("purposes")
    if isinstance(primary, str) and isinstance(purposes, list) and primary not in purposes:
        entry.add(("primary_purpose",), "primary-purpose",
                  f"`primary_purpose` {primary} is not listed in `purposes`", f"add `{primary}` to purposes")
    launched, discontinued = _year(data.get("launched")), _year(data.get("discontinued"))
    if launched and discontinued and discontinued < launched:
        entry.add(("discontinued",), "year-range", f"`discontinued` {discontinued} is before `launched` {launched}")
    seen = partial_date_span(data.get("last_seen_active"))  # see also Tool.seen_long_ago
    if seen and launched and seen[2].year < launched:
        entry.add(("last_seen_active",), "year-range", f"`last_seen_active` {seen[0]} is before `launched` {launched}")
    if seen and data.get("status") in ("active", "scaling") and (entry.today - seen[2]).days > SEEN_ACTIVE_STALE_DAYS:
        entry.add(("status",), "seen-long-ago",
                  f"`status: {data.get('status')}` rests on `last_seen_active` {seen[0]}, over three years ago",
                  "find a newer source showing the tool in use, or set status to unknown", severity="warning")


def check_entry(parsed: ParsedYaml, data: Any, path: str, slug: str, today: dt.date, text: str = "") -> list[Problem]:
    """All single-file checks of a parsed entry; `data` is its `json_ready` form (positions come from `parsed`)."""
    entry = EntryCheck(path, parsed, today)
    if text and not text.startswith(SCHEMA_HEADER):
        entry.problems.append(Problem(path, 1, 1, "warning", "schema-header",
                                      "line 1 is not the schema header that lets editors check the file",
                                      f"make line 1 `{SCHEMA_HEADER}` (or run --fix)"))
    if not re.match(SLUG_PATTERN, slug):
        entry.problems.append(Problem(path, 1, 1, "error", "slug", f"file name `{slug}` is not a valid slug",
                                      "use lowercase ASCII letters, digits and hyphens, e.g. `golden-dreams.yaml`",
                                      "slug"))
    bidi = BIDI_CONTROLS.search(text)
    if bidi:
        before = text[: bidi.start()]
        entry.problems.append(Problem(path, before.count("\n") + 1, bidi.start() - (before.rfind("\n") + 1) + 1,
                                      "error", "bidi-control",
                                      f"invisible text-direction character U+{ord(bidi.group()):04X}",
                                      "delete it: it can make text read differently from what it says"))
    for error in schema_validator(today.year).iter_errors(data):
        _schema_problems(entry, error)
    if isinstance(data, dict):
        _check_licence(entry, data.get("licence"))
        _check_dates(entry, data)
        _check_cross_fields(entry, data)
    return entry.problems


# ---------------------------------------------------------------- one file

@dataclass
class ReadResult:
    path: Path
    slug: str
    shown: str = ""
    text: str = ""
    parsed: ParsedYaml | None = None
    problems: list[Problem] = field(default_factory=list)
    tool: Tool | None = None

    @property
    def data(self) -> dict | None:
        """The entry's mapping, or None when the file is not one."""
        data = self.parsed.data if self.parsed else None
        return data if isinstance(data, dict) else None

    def position(self, where: tuple) -> tuple[int, int]:
        return self.parsed.position(where) if self.parsed else (1, 1)


def read_entry(path: Path, today: dt.date, shown_path: str | None = None) -> ReadResult:
    """Read, parse and check one file; `tool` is set only when it has no errors."""
    shown = shown_path or str(path)
    result = ReadResult(path=path, slug=path.stem, shown=shown)
    if path.suffix != ".yaml":
        result.problems.append(Problem(shown, 1, 1, "error", "slug", "entry files must end in `.yaml`",
                                       f"rename it to `{path.stem}.yaml`", "slug"))
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
    """Parse (unless `result` holds the parse already) and check decoded entry text; shared by files on
    disk and text pasted in the app."""
    result.text = text
    try:
        result.parsed = result.parsed or parse_yaml(text)
    except YamlProblem as problem:
        result.problems.append(Problem(result.shown, problem.line, problem.col, "error", problem.check,
                                       problem.message, problem.hint))
        return result
    data = json_ready(result.parsed.data)  # once: the checks and the Tool both read it
    try:
        result.problems.extend(check_entry(result.parsed, data, result.shown, result.slug, today, text))
    except Exception as error:
        logger.exception("validator failed on %s", result.shown)
        result.problems.append(Problem(result.shown, 1, 1, "error", "internal",
                                       f"the validator could not check this file ({type(error).__name__})",
                                       "please report this file in an issue; meanwhile check its value types"))
    if not any(problem.is_error for problem in result.problems):
        result.tool = tool_from_data(result.slug, data, path=str(result.path))
    return result


def validate_text(text: str, slug: str, today: dt.date, shown_path: str | None = None,
                  parsed: ParsedYaml | None = None) -> list[Problem]:
    """The single-file checks of `read_entry`, for entry text that is not on disk (pasted, or built by a form).

    `slug` stands for the file name; problems cite `shown_path` (default `<slug>.yaml`); `parsed` is the
    text's parse when the caller has it already.
    """
    shown = shown_path or f"{slug}.yaml"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # a lone surrogate: no file could hold it
        before = text[: error.start]
        line, col = before.count("\n") + 1, error.start - (before.rfind("\n") + 1) + 1
        return [Problem(shown, line, col, "error", "encoding", "the text holds a character that is not valid Unicode",
                        "retype the character at this position")]
    if size > MAX_FILE_BYTES:
        return [Problem(shown, 1, 1, "error", "file-size",
                        f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} allowed",
                        "an entry is a short description: shorten it")]
    return _check_entry_text(ReadResult(path=Path(shown), slug=slug, shown=shown, parsed=parsed), text, today).problems


# ---------------------------------------------------------------- across files

@dataclass(frozen=True)
class Identity:
    """What tells one entry from another: file, slug, name and URL (duplicates), names and aliases
    (near-duplicates). Built from a file being checked or from a tool already in the catalogue."""

    file_name: str
    slug: str
    name: str = ""
    url: str = ""
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, file_name: str, slug: str, data: dict) -> Identity:
        aliases = data.get("aliases")
        found = (comparable_name(n) for n in [data.get("name"), *(aliases if isinstance(aliases, list) else [])]
                 if isinstance(n, str))
        return cls(file_name, slug, comparable_name(data["name"]) if isinstance(data.get("name"), str) else "",
                   comparable_url(data["url"]) if isinstance(data.get("url"), str) else "",
                   tuple(n for n in found if len(n) >= 4))

    @classmethod
    def of_tool(cls, tool: Tool) -> Identity:
        data = {"name": tool.name, "url": tool.url, "aliases": list(tool.aliases)}
        return cls.of(f"{tool.slug}.yaml", tool.slug, data)

    def keys(self) -> Iterator[tuple[str, str]]:
        yield "slug", self.slug
        if self.name:
            yield "name", self.name
        if self.url:
            yield "url", self.url


def cross_file_problems(checked: list[ReadResult], others: Iterable[Identity], near_duplicates: bool = True,
                        hint: str = "one entry per tool: merge the two files or tell them apart") -> list[Problem]:
    """Duplicate slugs, names and URLs (errors) and near-duplicate names (warnings) of the `checked` files,
    against `others` and against each other: an earlier file name owns a key, a later one is reported.
    `hint` may name `{file}`, the entry already holding the key."""
    others = list(others)
    owners: dict[tuple[str, str], Identity] = {}
    for other in others:
        for owned in other.keys():
            owners.setdefault(owned, other)
    mine = [(result, Identity.of(result.path.name, result.slug, result.data))
            for result in sorted(checked, key=lambda r: r.path.name) if result.data is not None]
    problems = []
    for result, identity in mine:
        for kind, key in identity.keys():
            owner = owners.setdefault((kind, key), identity)
            if owner is not identity:
                line, col = result.position(() if kind == "slug" else (kind,))
                problems.append(Problem(result.shown, line, col, "error", f"duplicate-{kind}",
                                        f"same {kind} as {owner.file_name}", hint.format(file=owner.file_name), kind))
    if near_duplicates:
        problems += _near_duplicates(mine, others + [identity for _, identity in mine])
    return problems


def _near_duplicates(mine: list[tuple[ReadResult, Identity]], everyone: list[Identity]) -> list[Problem]:
    """A warning for each checked file with a name or alias equal or close to another entry's (each pair once)."""
    names = [name for identity in everyone for name in identity.names]
    owner_of = [identity for identity in everyone for _ in identity.names]
    checked = {id(identity) for _, identity in mine}
    # One n x n score matrix in C (rapidfuzz) instead of n^2 comparisons in Python.
    scores = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_SCORE, workers=1)
    row_of: dict[int, list[int]] = {}
    for index, identity in enumerate(owner_of):
        row_of.setdefault(id(identity), []).append(index)
    problems = []
    for result, identity in mine:
        for row in row_of.get(id(identity), []):
            match = next((col for col in scores[row].nonzero()[0] if owner_of[col] is not identity and not (
                id(owner_of[col]) in checked and owner_of[col].file_name < identity.file_name)), None)
            if match is not None:
                a, b = names[row], names[match]
                reason = f"name or alias `{a}` is also used" if a == b else f"name `{a}` is close to `{b}`"
                line, col = result.position(("name",))
                problems.append(Problem(result.shown, line, col, "warning", "possible-duplicate",
                                        f"{reason}: possible duplicate of {owner_of[match].file_name}",
                                        "if it is the same tool, correct that file instead of adding one", "name"))
                break
    return problems


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
    results = [read_entry(Path(path), today, shown_path(Path(path), base)) for path in paths]
    # absolute(), not resolve(): links are never followed (a link loop cannot even be resolved).
    mine = {r.path.absolute() for r in results}
    others = []
    if reference_dir is not None and reference_dir.is_dir():
        for path in entry_files(reference_dir):
            identity = _identity_on_disk(path) if path.absolute() not in mine else None
            if identity is not None:
                others.append(identity)
    cross = cross_file_problems(results, others, near_duplicates)
    problems = [p for r in results for p in r.problems] + cross
    failed = {p.path for p in cross if p.is_error}
    tools = [r.tool for r in results if r.tool is not None and r.shown not in failed]
    problems.sort(key=lambda p: (p.path, p.line, p.col))
    return Report(problems=problems, tools=tools, files=len(results))


def _identity_on_disk(path: Path) -> Identity | None:
    """The identity of a catalogue file compared with the checked ones: read and parsed, not validated
    (its own problems are not reported; a file that does not parse has none)."""
    try:
        data = parse_yaml(read_entry_bytes(path).decode("utf-8")).data
    except (EntryFileRefused, UnicodeError, YamlProblem):
        return None
    return Identity.of(path.name, path.stem, data) if isinstance(data, dict) else None


def shown_path(path: Path, base: Path) -> str:
    """How problems name a file: relative to `base` where it lies below it (links are not followed)."""
    try:
        return os.path.relpath(path.absolute(), base.resolve()) if path.absolute().is_relative_to(base.resolve()) \
            else str(path)
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- text not on disk (the app's Contribute page)

@dataclass(frozen=True)
class TextCheck(SplitsProblems):
    """The problems `validate` would print for entry text saved as `file_name` in tools_data/."""

    slug: str
    file_name: str
    problems: tuple[Problem, ...] = ()
    truncated: bool = False  # only the first PASTE_MAX_CHARS characters were checked
    corrects: str = ""  # slug of the catalogue entry this text was checked as a correction of


def check_text(text: str, file_name: str, today: dt.date, existing: Iterable[Tool] = (),
               new_entry: bool = False) -> TextCheck:
    """Every problem `validate` would print for this text saved as `file_name` in tools_data/.

    A file name already in the catalogue, or (without a file name) the name or URL of a catalogue
    entry, makes the text a correction of that entry (unless `new_entry`): like `validate` on a changed
    file, it is not compared with itself. Otherwise it is checked as a new file, slug made from its `name`.
    """
    truncated, text = len(text) > PASTE_MAX_CHARS, text[:PASTE_MAX_CHARS]
    base = re.split(r"[\\/]", file_name.strip())[-1]
    slug, problems = base, []
    if base:
        stem, dot, suffix = base.rpartition(".")
        slug = stem if dot else base
        if dot and suffix != "yaml":
            problems.append(Problem(base, 1, 1, "error", "slug", "entry files must end in `.yaml`",
                                    f"rename it to `{slug}.yaml`", "slug"))
    tools = tuple(existing)
    result = ReadResult(path=Path(f"{slug or FALLBACK_SLUG}.yaml"), slug=slug)
    with contextlib.suppress(YamlProblem, UnicodeError):  # reported by validate_text below
        result.parsed = parse_yaml(text)
    data, corrects = result.data or {}, ""
    if not new_entry and not base:  # recognised by its name, else its URL; a new file is named after it
        mine = Identity.of("", "", data)
        known = next((t for t in tools if mine.name and comparable_name(t.name) == mine.name), None) or \
            next((t for t in tools if mine.url and comparable_url(t.url) == mine.url), None)
        corrects = known.slug if known else ""
        slug = corrects or slugify(data["name"] if isinstance(data.get("name"), str) else "") or FALLBACK_SLUG
    elif not new_entry and any(tool.slug == slug for tool in tools):
        corrects = slug
    result.slug, result.path = slug, Path(f"{slug or FALLBACK_SLUG}.yaml")
    result.shown = shown = result.path.name
    problems += validate_text(text, slug, today, shown_path=shown, parsed=result.parsed)
    if result.data is not None and not any(p.check in ("encoding", "file-size") for p in problems):
        others = [Identity.of_tool(tool) for tool in tools if tool.slug != corrects]
        problems += cross_file_problems([result], others, near_duplicates=False, hint=(
            "one entry per tool: to correct it, edit tools_data/{file} instead of adding a file"))
    return TextCheck(slug=slug, file_name=shown, problems=tuple(sorted(problems, key=_order)),
                     truncated=truncated, corrects=corrects)


def _order(problem: Problem) -> tuple:
    return (problem.line, problem.col, not problem.is_error, problem.check)
