"""Build an entry file from the values of the app's Contribute form, and check pasted entry text.

Streamlit-free: the page reads its widgets into a plain mapping, calls `build_draft` or `check_pasted`,
and draws what comes back. Every check is the validator's own (`catalogue.validate.validate_text`, plus
the duplicate rules of `validate_paths` against the loaded catalogue), so the form and
`python -m catalogue validate` never disagree.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

import pycountry

from catalogue.fields import FIELD_BY_NAME, FIELD_ORDER, FIELDS, TRANSLATION_LANGUAGES
from catalogue.fix import SORTED_KINDS, dump_entry, normalise_url
from catalogue.geography import GLOBAL, countries, country_name
from catalogue.model import Tool
from catalogue.problems import Problem, SplitsProblems
from catalogue.scaffold import slugify
from catalogue.validate import language_codes, normalise_name, validate_text
from catalogue.validate import normalise_url as comparable_url
from catalogue.vocabulary import load_taxonomy
from catalogue.yamlio import YamlProblem, parse_yaml

#: Form values of the three-way yes/no questions; "not stated" leaves the optional field out.
NOT_STATED, YES, NO = "not stated", "yes", "no"
TRI_STATE = (NOT_STATED, YES, NO)
#: Values of `deployment_scope`: listed countries, or `global` (open to anyone anywhere).
SCOPE_COUNTRIES, SCOPE_GLOBAL = "countries", GLOBAL
#: Pasted text beyond this is not even parsed (the validator rejects files over 64 KB anyway).
PASTE_MAX_CHARS = 100_000
FALLBACK_SLUG = "entry"

# Form fields whose text holds one item per line.
LINE_LISTS = ("aliases", "partners", "sources")
ORGANISATION_FORM_FIELDS = {"name": "organisation_name", "type": "organisation_type",
                            "website": "organisation_website"}


def form_defaults(today: dt.date) -> dict[str, Any]:
    """The empty form: every form field with the value its widget starts from."""
    values: dict[str, Any] = {"slug": "", "deployment_scope": SCOPE_COUNTRIES,
                              "organisation_name": "", "organisation_type": None, "organisation_website": ""}
    for spec in FIELDS:
        if spec.kind == "organisation":
            continue
        if spec.kind == "translations":
            values.update({f"summary_{language}": "" for language in TRANSLATION_LANGUAGES})
            continue
        if spec.kind in ("terms", "countries", "deployment", "languages"):
            values[spec.name] = []
        elif spec.kind in ("term", "year"):
            values[spec.name] = None
        elif spec.kind == "bool":
            values[spec.name] = NOT_STATED
        elif spec.kind == "date":
            values[spec.name] = today
        else:
            values[spec.name] = ""
    return values


# ---------------------------------------------------------------- choices offered by the widgets

def term_options(list_name: str) -> list[str]:
    return load_taxonomy().keys(list_name)


def term_label(list_name: str, key: str) -> str:
    return load_taxonomy().label(list_name, key)


def vocabulary_help(list_name: str) -> str:
    """Every value of a vocabulary list with its definition, as Markdown (taxonomy text is trusted)."""
    taxonomy = load_taxonomy()
    return "\n".join(f"- **{term.label}**: {term.definition}" for term in taxonomy.lists[list_name].values())


def field_help(name: str) -> str:
    spec = FIELD_BY_NAME.get(name)
    return spec.doc if spec else ""


@lru_cache(maxsize=1)
def country_options() -> tuple[str, ...]:
    """Alpha-3 codes ordered by country name, for a picker that shows names."""
    return tuple(sorted(countries(), key=lambda code: country_name(code).casefold()))


def country_label(code: str) -> str:
    return "Global (anywhere)" if code == GLOBAL else country_name(code)


@lru_cache(maxsize=1)
def language_options() -> tuple[str, ...]:
    """ISO 639-1 codes ordered by language name."""
    return tuple(sorted(language_codes(), key=lambda code: language_label(code).casefold()))


def language_label(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return f"{language.name} ({code})" if language else code


# ---------------------------------------------------------------- form values -> entry

def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _one_line(value: Any) -> str:
    return re.sub(r"\s+", " ", _text(value)).strip()


def _paragraphs(value: Any) -> str:
    # One paragraph per line, as `validate --fix` keeps a description.
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in _text(value).splitlines())
    return "\n".join(line for line in lines if line)


def split_lines(value: Any) -> list[str]:
    """One item per non-empty line, trimmed, first occurrence kept."""
    return list(dict.fromkeys(_one_line(line) for line in _text(value).splitlines() if line.strip()))


def _choices(value: Any) -> list[str]:
    if value is None or isinstance(value, str):
        value = [value] if value else []
    return sorted(dict.fromkeys(str(item) for item in value if item))


def _year(value: Any) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value).strip())
    except ValueError:
        return None


def build_entry(values: Mapping[str, Any]) -> dict[str, Any]:
    """The entry mapping, in field order, that the form values describe.

    Empty values are left out, so a missing required value is reported by the validator as
    "missing required field `<name>`"; lists come out sorted and de-duplicated as `--fix` would.
    """
    entry: dict[str, Any] = {}
    for name in FIELD_ORDER:
        spec = FIELD_BY_NAME[name]
        raw = values.get(name)
        value: Any = None
        if spec.kind == "translations":
            summaries = {language: _one_line(values.get(f"summary_{language}")) for language in TRANSLATION_LANGUAGES}
            value = {language: {"summary": text} for language, text in summaries.items() if text} or None
        elif spec.kind == "organisation":
            organisation = {key: _one_line(values.get(form_key)) for key, form_key in ORGANISATION_FORM_FIELDS.items()}
            if organisation["website"]:
                organisation["website"] = normalise_url(organisation["website"])
            value = {key: text for key, text in organisation.items() if text} or None
        elif spec.kind == "text":
            value = _paragraphs(raw) if name == "description" else _one_line(raw)
        elif spec.kind == "url":
            value = normalise_url(_one_line(raw))
        elif spec.kind in ("names", "urls"):
            items = split_lines(raw)
            value = list(dict.fromkeys(normalise_url(item) for item in items)) if spec.kind == "urls" else items
        elif spec.kind == "deployment" and values.get("deployment_scope") == SCOPE_GLOBAL:
            value = [GLOBAL]
        elif spec.kind in SORTED_KINDS:
            value = _choices(raw)
        elif spec.kind == "term":
            value = _text(raw)
        elif spec.kind == "year":
            value = _year(raw)
        elif spec.kind == "bool":
            value = {YES: True, NO: False}.get(_text(raw))
        elif spec.kind in ("licence", "partial_date"):
            value = _one_line(raw)
        elif spec.kind == "date":
            value = _date(raw)
        if value not in (None, "", [], {}):
            entry[name] = value
    return entry


def slug_of(values: Mapping[str, Any]) -> str:
    """The file name without `.yaml`: the one typed, else made from the tool's name."""
    return slugify(_text(values.get("slug")) or _text(values.get("name")))


@dataclass(frozen=True)
class Draft(SplitsProblems):
    """An entry built from the form: its file name, text and every problem the validator finds in it."""

    slug: str
    data: dict[str, Any]
    text: str
    problems: tuple[Problem, ...]

    @property
    def file_name(self) -> str:
        return f"{self.slug or FALLBACK_SLUG}.yaml"


def build_draft(values: Mapping[str, Any], today: dt.date, existing: Iterable[Tool] = ()) -> Draft:
    """Form values -> canonical entry text, checked as the CLI checks a new file of the catalogue."""
    slug = slug_of(values)
    data = build_entry(values)
    text = dump_entry(data)
    shown = f"{slug or FALLBACK_SLUG}.yaml"
    problems = validate_text(text, slug, today, shown_path=shown)
    problems += catalogue_duplicates(data, text, slug, existing, shown)
    return Draft(slug=slug, data=data, text=text, problems=tuple(sorted(problems, key=_order)))


def _order(problem: Problem) -> tuple:
    return (problem.line, problem.col, not problem.is_error, problem.check)


def catalogue_duplicates(data: Mapping[str, Any], text: str, slug: str, existing: Iterable[Tool],
                         shown: str, replaces: str | None = None) -> list[Problem]:
    """The validator's duplicate-slug/-name/-url errors against the loaded catalogue.

    `replaces` is the slug of the entry this text corrects: it is not a duplicate of itself,
    just as `validate` does not compare a file of tools_data/ with itself.
    """
    try:
        parsed = parse_yaml(text)
    except (YamlProblem, UnicodeError):  # UnicodeError: a lone surrogate, reported by validate_text
        return []
    name = normalise_name(data["name"]) if isinstance(data.get("name"), str) else None
    url = comparable_url(data["url"]) if isinstance(data.get("url"), str) else None
    problems: list[Problem] = []
    hint = "one entry per tool: to correct it, edit tools_data/{}.yaml instead of adding a file"
    for tool in existing:
        if tool.slug == replaces:
            continue
        clashes = [("slug", (), tool.slug == slug and bool(slug)),
                   ("name", ("name",), name is not None and normalise_name(tool.name) == name),
                   ("url", ("url",), url is not None and comparable_url(tool.url) == url)]
        for kind, where, clash in clashes:
            if clash:
                line, col = parsed.position(where)
                problems.append(Problem(shown, line, col, "error", f"duplicate-{kind}",
                                        f"same {kind} as {tool.slug}.yaml ({tool.name})", hint.format(tool.slug)))
    return problems


# ---------------------------------------------------------------- problems next to the widgets

_MISSING = re.compile(r"missing required field `([a-z_]+)(?:\.([a-z_]+))?`")
_TOP_KEY = re.compile(r"^([a-z_]+):")
_SUB_KEY = re.compile(r"^\s+([a-z_]+):")


def form_field_of(problem: Problem, text: str) -> str:
    """The form field a problem of a built draft belongs to ("" when it concerns the whole file)."""
    if problem.check in ("slug", "duplicate-slug"):
        return "slug"
    missing = _MISSING.search(problem.message)
    if problem.check == "missing-field" and missing:
        top, sub = missing.groups()
        return ORGANISATION_FORM_FIELDS.get(sub or "", "organisation_name") if top == "organisation" else top
    lines = text.splitlines()
    for number in range(min(problem.line, len(lines)), 0, -1):
        found = _TOP_KEY.match(lines[number - 1])
        if not found:
            continue
        key = found.group(1)
        if key == "organisation":
            sub = _SUB_KEY.match(lines[problem.line - 1]) if problem.line <= len(lines) else None
            return ORGANISATION_FORM_FIELDS.get(sub.group(1) if sub else "", "organisation_name")
        return key if key in FIELD_BY_NAME else ""
    return ""


def is_still_empty(problem: Problem, draft: Draft) -> bool:
    """True for a problem that only says a required value has not been given yet (no name, no file name)."""
    return problem.check == "missing-field" or (problem.check == "slug" and not draft.slug)


def still_empty_fields(draft: Draft) -> list[str]:
    """Names of the required fields not filled in yet (`organisation.type` for a sub-field), in file order."""
    names = []
    for problem in draft.errors:
        missing = _MISSING.search(problem.message) if problem.check == "missing-field" else None
        if missing:
            names.append(".".join(part for part in missing.groups() if part))
    return names


def problems_by_field(draft: Draft) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in draft.problems:
        grouped.setdefault(form_field_of(problem, draft.text), []).append(problem)
    return grouped


def format_problem(problem: Problem) -> str:
    """`line:col: severity: message [check]` and the hint on its own line, as the CLI prints it minus the path."""
    text = f"{problem.line}:{problem.col}: {problem.severity}: {problem.message} [{problem.check}]"
    return text + (f"\n    hint: {problem.hint}" if problem.hint else "")


# ---------------------------------------------------------------- pasted entry files

@dataclass(frozen=True)
class PastedCheck(SplitsProblems):
    slug: str
    file_name: str
    problems: tuple[Problem, ...] = field(default=())
    truncated: bool = False  # only the first PASTE_MAX_CHARS characters were checked
    corrects: str = ""  # slug of the catalogue entry this text was checked as a correction of


def _mapping_in(text: str) -> dict | None:
    try:
        data = parse_yaml(text).data
    except (YamlProblem, UnicodeError):  # UnicodeError: a lone surrogate, reported by validate_text
        return None
    return data if isinstance(data, dict) else None


def _name_in(text: str) -> str:
    data = _mapping_in(text) or {}
    return data["name"] if isinstance(data.get("name"), str) else ""


def check_pasted(text: str, file_name: str, today: dt.date, existing: Iterable[Tool] = ()) -> PastedCheck:
    """Every problem `validate` would print for this text saved as `file_name` in tools_data/.

    A file name already in the catalogue, or (without a file name) the name or URL of a catalogue
    entry, makes the text a correction of that entry: like `validate` on a changed file, it is not
    compared with itself. Otherwise it is checked as a new file, slug made from its `name`.
    """
    truncated = len(text) > PASTE_MAX_CHARS
    text = text[:PASTE_MAX_CHARS]
    base = re.split(r"[\\/]", _one_line(file_name))[-1]
    problems: list[Problem] = []
    if base:
        stem, dot, suffix = base.rpartition(".")
        slug = stem if dot else base
        if dot and suffix != "yaml":
            problems.append(Problem(base, 1, 1, "error", "slug", "entry files must end in `.yaml`",
                                    f"rename it to `{slug}.yaml`"))
    existing = tuple(existing)
    data = _mapping_in(text)
    corrects = ""
    if not base:
        known = _same_tool(data or {}, existing)
        corrects = known.slug if known else ""
        slug = corrects or slugify(_name_in(text)) or FALLBACK_SLUG
    elif any(tool.slug == slug for tool in existing):
        corrects = slug
    shown = f"{slug}.yaml"
    problems += validate_text(text, slug, today, shown_path=shown)
    if data is not None and not any(p.check in ("encoding", "file-size") for p in problems):
        problems += catalogue_duplicates(data, text, slug, existing, shown, replaces=corrects or None)
    return PastedCheck(slug=slug, file_name=shown, problems=tuple(sorted(problems, key=_order)),
                       truncated=truncated, corrects=corrects)


def _same_tool(data: Mapping[str, Any], existing: Iterable[Tool]) -> Tool | None:
    """The catalogue entry with the same name (else the same URL) as this text, if any."""
    name = normalise_name(data["name"]) if isinstance(data.get("name"), str) else None
    url = comparable_url(data["url"]) if isinstance(data.get("url"), str) else None
    tools = list(existing)
    return next((t for t in tools if name and normalise_name(t.name) == name), None) or \
        next((t for t in tools if url and comparable_url(t.url) == url), None)
