"""The entry format: one table of fields, and one table of field kinds that the JSON Schema, the
validator's messages, `new` and `--fix` all read, so a kind's rules are written once."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pycountry

from catalogue.geography import GLOBAL, countries
from catalogue.i18n import N_
from catalogue.vocabulary import load_taxonomy

SUMMARY_MAX = 200
DESCRIPTION_MAX = 2000
NAME_MAX = 200  # names of partners, aliases and the organisation
MAX_FILE_BYTES = 64 * 1024
FIRST_YEAR = 1990
STALE_AFTER_DAYS = 548  # about 18 months
SEEN_ACTIVE_STALE_DAYS = 3 * 365  # `status: active` resting on an older sighting is doubtful
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"
ORGANISATION_KEYS = ("name", "type", "website")
TRANSLATION_LANGUAGES = ("fr", "es")  # the interface's languages other than English
TRANSLATION_KEYS = ("summary", "description")


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    kind: str  # a key of KINDS
    vocabulary: str = ""  # taxonomy list for kinds `term` and `terms`
    max_length: int = 0
    doc: str = ""
    one_line: bool = False


FIELDS: tuple[Field, ...] = (
    Field("name", True, "text", max_length=120, doc=N_("Display name of the tool.")),
    Field("aliases", False, "names", doc=N_("Other names or acronyms people search for.")),
    Field("summary", True, "text", max_length=SUMMARY_MAX, one_line=True,
          doc=f"One sentence, at most {SUMMARY_MAX} characters, in your own words."),
    Field("description", True, "text", max_length=DESCRIPTION_MAX,
          doc=N_("A paragraph in your own words: what it does, for whom, where, since when, by whom.")),
    Field("url", True, "url", doc=N_("Official page of the tool, http(s).")),
    Field("organisation", True, "organisation",
          doc=N_("Who runs it: name (required), type (vocabulary organisation_types), website.")),
    Field("partners", False, "names", doc=N_("Names of partner organisations.")),
    Field("primary_purpose", True, "term", "purposes",
          doc=N_("The one main purpose (charts count it once); also listed in purposes.")),
    Field("purposes", True, "terms", "purposes", doc=N_("One or more purposes, including the primary one.")),
    Field("target_users", True, "terms", "target_users", doc=N_("One or more groups who use it.")),
    Field("technologies", True, "terms", "technologies", doc=N_("One or more technologies it uses.")),
    Field("exploitation_types", True, "terms", "exploitation_types",
          doc=N_("One or more forms of exploitation it addresses.")),
    Field("sectors", False, "terms", "sectors", doc=N_("Economic sectors it focuses on, if any.")),
    Field("developed_in", True, "countries",
          doc=N_("ISO 3166-1 alpha-3 codes of the countries where it was built.")),
    Field("deployed_in", True, "deployment",
          doc=N_("Alpha-3 codes of the countries where it is used, or `global` alone.")),
    Field("languages", False, "languages", doc=N_("ISO 639-1 codes of the languages it is offered in.")),
    Field("status", True, "term", "status",
          doc=N_("Vocabulary status; `active` needs a dated source showing use (`last_seen_active`).")),
    Field("last_seen_active", False, "partial_date",
          doc=N_("Date (YYYY, YYYY-MM or YYYY-MM-DD) of the newest source in `sources` showing the tool in use.")),
    Field("launched", False, "year", doc=N_("Year it was launched, if a source states it.")),
    Field("discontinued", False, "year", doc=N_("Year it closed, if a source states it; not before launched.")),
    Field("access", True, "term", "access", doc=N_("Who can use it (vocabulary access).")),
    Field("licence", False, "licence", doc=N_("SPDX licence identifier, `proprietary` or `unknown`.")),
    Field("source_code", False, "url", doc=N_("http(s) URL of its public source code.")),
    Field("survivor_informed", False, "bool", doc=N_("true if a source says survivors took part in its design.")),
    Field("handles_personal_data", False, "bool", doc=N_("true if it collects or stores personal data.")),
    Field("evidence_of_impact", False, "url", doc=N_("http(s) URL of an evaluation or impact report.")),
    Field("translations", False, "translations",
          doc=N_("Summary (and optionally description) in French (`fr`) and Spanish (`es`), "
                 "from the English; no new facts.")),
    Field("sources", True, "urls", doc=N_("Public pages backing the facts, the organisation's own first.")),
    Field("last_verified", True, "date", doc=N_("ISO date (YYYY-MM-DD) the facts were last checked.")),
)

FIELD_BY_NAME = {field.name: field for field in FIELDS}
FIELD_ORDER = tuple(field.name for field in FIELDS)


# ---------------------------------------------------------------- canonical forms (`validate --fix`)

def canonical_url(url: str) -> str:
    """The URL as `--fix` writes it: trimmed, scheme and host lower-cased; anything else untouched."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


def paragraphs(text: str) -> list[str]:
    """Each line is a paragraph (a folded block turns blank lines into single newlines)."""
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.strip().splitlines() if line.strip()]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _tidy_text(value: Any, field: Field) -> Any:
    if not isinstance(value, str):
        return value
    return "\n".join(paragraphs(value)) if field.name == "description" else one_line(value)


def _tidy_list(sort: bool, item: Callable[[str], str] = str.strip) -> Callable[[Any, Field], Any]:
    def tidy(value: Any, field: Field) -> Any:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value
        unique = list(dict.fromkeys(item(v) for v in value))
        return sorted(unique) if sort else unique
    return tidy


def _tidy_organisation(value: Any, field: Field) -> Any:
    if not isinstance(value, dict):
        return value
    tidy = {k: value[k] for k in ORGANISATION_KEYS if k in value}
    tidy.update({k: v for k, v in value.items() if k not in tidy})
    if isinstance(tidy.get("name"), str):
        tidy["name"] = one_line(tidy["name"])
    if isinstance(tidy.get("website"), str):
        tidy["website"] = canonical_url(tidy["website"])
    return tidy


def _stripped(value: Any, field: Field) -> Any:
    return value.strip() if isinstance(value, str) else value


# ---------------------------------------------------------------- JSON Schema fragments

def _url() -> dict[str, Any]:
    return {"type": "string", "pattern": URL_PATTERN}


def _terms(vocabulary: str) -> dict[str, Any]:
    return {"enum": load_taxonomy().keys(vocabulary)}


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def _list_of(items: dict[str, Any], field: Field) -> dict[str, Any]:
    schema = {"type": "array", "items": items, "uniqueItems": True}
    return schema | ({"minItems": 1} if field.required else {})


def _text_schema(field: Field, this_year: int) -> dict[str, Any]:
    # `\S` somewhere: blank text is empty. A one-line field has no line break between two words
    # (both patterns match in linear time: a pasted value can be 64 KiB).
    schema: dict[str, Any] = {"type": "string", "pattern": r"\S"}
    if field.one_line:
        schema["not"] = {"pattern": r"\S\s*\n\s*\S"}
    return schema | ({"maxLength": field.max_length} if field.max_length else {})


def _organisation_schema(field: Field, this_year: int) -> dict[str, Any]:
    return {"type": "object", "required": ["name", "type"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "pattern": r"\S", "maxLength": NAME_MAX},
                           "type": _terms("organisation_types"), "website": _url()}}


def _translations_schema(field: Field, this_year: int) -> dict[str, Any]:
    text = {"type": "object", "required": ["summary"], "additionalProperties": False,
            "properties": {"summary": _text_schema(FIELD_BY_NAME["summary"], this_year),
                           "description": _text_schema(FIELD_BY_NAME["description"], this_year)}}
    return {"type": "object", "additionalProperties": False,
            "properties": dict.fromkeys(TRANSLATION_LANGUAGES, text)}


def _deployment_schema(field: Field, this_year: int) -> dict[str, Any]:
    schema = _list_of({"enum": sorted(countries()) + [GLOBAL]}, field)
    # `global` stands alone: a list holding it has one item.
    return schema | {"if": {"contains": {"const": GLOBAL}}, "then": {"maxItems": 1}}


@dataclass(frozen=True)
class Kind:
    """What a kind of field is: its JSON Schema, what messages say it must be, its value in the
    template of `python -m catalogue new`, and the `--fix` rule that makes it canonical."""

    schema: Callable[[Field, int], dict[str, Any]]
    expects: str
    example: str = '""'
    tidy: Callable[[Any, Field], Any] = _stripped


KINDS: dict[str, Kind] = {
    "text": Kind(_text_schema, "text", tidy=_tidy_text),
    "url": Kind(lambda f, y: _url(), "a URL", "https://", lambda v, f: canonical_url(v) if isinstance(v, str) else v),
    "organisation": Kind(_organisation_schema, "a mapping with name and type", tidy=_tidy_organisation),
    "names": Kind(lambda f, y: _list_of({"type": "string", "pattern": r"\S", "maxLength": NAME_MAX}, f),
                  "a list", "[]", _tidy_list(sort=False)),
    "terms": Kind(lambda f, y: _list_of(_terms(f.vocabulary), f), "a list", "[]", _tidy_list(sort=True)),
    "term": Kind(lambda f, y: _terms(f.vocabulary), "a value of its vocabulary", "{unknown}"),
    "countries": Kind(lambda f, y: _list_of({"enum": sorted(countries())}, f), "a list", "[]", _tidy_list(sort=True)),
    "deployment": Kind(_deployment_schema, "a list", "[]", _tidy_list(sort=True)),
    "languages": Kind(lambda f, y: _list_of({"enum": sorted(language_codes())}, f), "a list", "[en]",
                      _tidy_list(sort=True)),
    "year": Kind(lambda f, y: {"type": "integer", "minimum": FIRST_YEAR, "maximum": y}, "a year such as 2019",
                 "{year}"),
    "bool": Kind(lambda f, y: {"type": "boolean"}, "true or false", "false"),
    "licence": Kind(lambda f, y: {"type": "string", "pattern": r"\S"}, "text such as MIT or proprietary", "unknown"),
    "urls": Kind(lambda f, y: _list_of(_url(), f), "a list", "\n  - https://", _tidy_list(False, canonical_url)),
    "date": Kind(lambda f, y: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"},
                 "a date YYYY-MM-DD", "{date}"),
    # A year alone is read by YAML as a number, so a partial date may be one.
    "partial_date": Kind(lambda f, y: {"type": ["string", "integer"], "pattern": PARTIAL_DATE_PATTERN,
                                       "format": "partial-date", "minimum": FIRST_YEAR, "maximum": y},
                         "a date YYYY, YYYY-MM or YYYY-MM-DD", "{month}"),
    "translations": Kind(_translations_schema, "a mapping of languages (fr, es)",
                         "\n#   fr:\n#     summary: \"\"\n#   es:\n#     summary: \"\""),
}


def partial_date_span(value: object) -> tuple[str, dt.date, dt.date] | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (text, or the int/date YAML makes of it) as
    (canonical text, first day, last day) of the period it names; None when it is not one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), value, value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.match(PARTIAL_DATE_PATTERN, value.strip()):
        return None
    text = value.strip()
    parts = [int(part) for part in text.split("-")]
    try:
        if len(parts) == 3:
            day = dt.date(*parts)
            return text, day, day
        if len(parts) == 2:
            year, month = parts
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return text, dt.date(year, month, 1), following - dt.timedelta(days=1)
        return text, dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:  # 2024-02-30 matches the pattern but is no day
        return None
