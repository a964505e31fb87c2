"""The Contribute form's values: what each widget starts from, the entry they describe, and which widget
a problem belongs to.

Streamlit-free (the page reads its widgets into a plain mapping) so it is tested directly. Every check is
the validator's own (`catalogue.validate.check_text`), so the form and `python -m catalogue validate`
never disagree.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pycountry

from catalogue.facets import GLOBAL_LABEL
from catalogue.fields import FIELD_BY_NAME, FIELDS, KINDS, TRANSLATION_LANGUAGES, language_codes, one_line
from catalogue.fix import dump_entry
from catalogue.geography import GLOBAL, countries, country_name
from catalogue.model import Tool
from catalogue.problems import Problem, SplitsProblems
from catalogue.scaffold import slugify
from catalogue.validate import FALLBACK_SLUG, check_text

#: Form values of the three-way yes/no questions; "not stated" leaves the optional field out.
NOT_STATED, YES, NO = "not stated", "yes", "no"
TRI_STATE = (NOT_STATED, YES, NO)
#: Values of `deployment_scope`: listed countries, or `global` (open to anyone anywhere).
SCOPE_COUNTRIES, SCOPE_GLOBAL = "countries", GLOBAL
#: Widgets standing for a part of a field: the organisation's three, the translated summaries.
PART_WIDGETS = {"organisation.name": "organisation_name", "organisation.type": "organisation_type",
                "organisation.website": "organisation_website",
                **{f"translations.{lang}.summary": f"summary_{lang}" for lang in TRANSLATION_LANGUAGES}}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def split_lines(value: Any) -> list[str]:
    """One item per non-empty line, trimmed, first occurrence kept."""
    return list(dict.fromkeys(one_line(line) for line in _text(value).splitlines() if line.strip()))


def _choices(value: Any, values: Mapping[str, Any]) -> list[str]:
    if value is None or isinstance(value, str):
        value = [value] if value else []
    return [str(item) for item in value if item]


def _year(value: Any, values: Mapping[str, Any]) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _date(value: Any, values: Mapping[str, Any]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value).strip())
    except ValueError:
        return None


def _organisation(value: Any, values: Mapping[str, Any]) -> dict[str, str] | None:
    parts = {key: one_line(_text(values.get(f"organisation_{key}"))) for key in ("name", "type", "website")}
    return {key: text for key, text in parts.items() if text} or None


def _translations(value: Any, values: Mapping[str, Any]) -> dict[str, dict[str, str]] | None:
    summaries = {language: one_line(_text(values.get(f"summary_{language}"))) for language in TRANSLATION_LANGUAGES}
    return {language: {"summary": text} for language, text in summaries.items() if text} or None


def _deployment(value: Any, values: Mapping[str, Any]) -> list[str]:
    return [GLOBAL] if values.get("deployment_scope") == SCOPE_GLOBAL else _choices(value, values)


@dataclass(frozen=True)
class Widget:
    """How the form asks for a kind of field: the widget's starting value, and how its value (and, for
    fields drawn as several widgets, the others' values) becomes the entry's."""

    start: Callable[[dt.date], Any]
    read: Callable[[Any, Mapping[str, Any]], Any]
    #: A field drawn as several widgets: each widget's name and starting value (instead of `start`).
    parts: Mapping[str, Any] = field(default_factory=dict)


def _line(value: Any, values: Mapping[str, Any]) -> str:
    return one_line(_text(value))


# Readers return the raw value; build_entry then applies the `--fix` rule of the kind (fields.KINDS).
WIDGETS: dict[str, Widget] = {
    "text": Widget(lambda today: "", lambda value, values: _text(value)),
    "url": Widget(lambda today: "", _line),
    "organisation": Widget(lambda today: None, _organisation,
                           {"organisation_name": "", "organisation_type": None, "organisation_website": ""}),
    "names": Widget(lambda today: "", lambda value, values: split_lines(value)),
    "urls": Widget(lambda today: "", lambda value, values: split_lines(value)),
    "terms": Widget(lambda today: [], _choices),
    "countries": Widget(lambda today: [], _choices),
    "deployment": Widget(lambda today: [], _deployment),
    "languages": Widget(lambda today: [], _choices),
    "term": Widget(lambda today: None, lambda value, values: _text(value)),
    "year": Widget(lambda today: None, _year),
    "bool": Widget(lambda today: NOT_STATED, lambda value, values: {YES: True, NO: False}.get(_text(value))),
    "licence": Widget(lambda today: "", _line),
    "partial_date": Widget(lambda today: "", _line),
    "date": Widget(lambda today: today, _date),
    "translations": Widget(lambda today: None, _translations,
                           {f"summary_{language}": "" for language in TRANSLATION_LANGUAGES}),
}


def form_defaults(today: dt.date) -> dict[str, Any]:
    """The empty form: every widget with the value it starts from."""
    values: dict[str, Any] = {"slug": "", "deployment_scope": SCOPE_COUNTRIES}
    for spec in FIELDS:
        widget = WIDGETS[spec.kind]
        values.update(widget.parts or {spec.name: widget.start(today)})
    return values


def build_entry(values: Mapping[str, Any]) -> dict[str, Any]:
    """The entry mapping, in field order, that the form values describe.

    Empty values are left out, so a missing required value is reported by the validator as
    "missing required field `<name>`"; lists come out sorted and de-duplicated as `--fix` would.
    """
    entry: dict[str, Any] = {}
    for spec in FIELDS:
        value = KINDS[spec.kind].tidy(WIDGETS[spec.kind].read(values.get(spec.name), values), spec)
        if value not in (None, "", [], {}):
            entry[spec.name] = value
    return entry


# ---------------------------------------------------------------- choices offered by the widgets

@lru_cache(maxsize=1)
def country_options() -> tuple[str, ...]:
    """Alpha-3 codes ordered by country name, for a picker that shows names."""
    return tuple(sorted(countries(), key=lambda code: country_name(code).casefold()))


def country_label(code: str) -> str:
    return GLOBAL_LABEL if code == GLOBAL else country_name(code)


@lru_cache(maxsize=1)
def language_options() -> tuple[str, ...]:
    """ISO 639-1 codes ordered by language name."""
    return tuple(sorted(language_codes(), key=lambda code: language_label(code).casefold()))


def language_label(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return f"{language.name} ({code})" if language else code


# ---------------------------------------------------------------- the draft and its problems

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
    checked = check_text(text, f"{slug}.yaml" if slug else "", today, existing, new_entry=True)
    return Draft(slug=slug, data=data, text=text, problems=checked.problems)


def widget_of(problem: Problem) -> str:
    """The form widget a problem belongs to ("" when it concerns the whole file)."""
    if problem.field in PART_WIDGETS:
        return PART_WIDGETS[problem.field]
    top = problem.field.split(".")[0]
    if top == "organisation":
        return "organisation_name"
    return top if top in FIELD_BY_NAME or top == "slug" else ""


def is_still_empty(problem: Problem, draft: Draft) -> bool:
    """True for a problem that only says a required value has not been given yet (no name, no file name)."""
    return problem.check == "missing-field" or (problem.check == "slug" and not draft.slug)


def still_empty_fields(draft: Draft) -> list[str]:
    """Names of the required fields not filled in yet (`organisation.type` for a sub-field), in file order."""
    return [problem.field for problem in draft.errors if problem.check == "missing-field" and problem.field]


def problems_by_field(draft: Draft) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in draft.problems:
        grouped.setdefault(widget_of(problem), []).append(problem)
    return grouped


def format_problem(problem: Problem) -> str:
    """`line:col: severity: message [check]` and the hint on its own line, as the CLI prints it minus the path."""
    text = f"{problem.line}:{problem.col}: {problem.severity}: {problem.message} [{problem.check}]"
    return text + (f"\n    hint: {problem.hint}" if problem.hint else "")
