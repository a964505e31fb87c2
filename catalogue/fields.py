"""The entry format: one table of fields that the validator, the JSON Schema, `new` and `--fix` share."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from catalogue.i18n import N_

SUMMARY_MAX = 200
DESCRIPTION_MAX = 2000
MAX_FILE_BYTES = 64 * 1024
FIRST_YEAR = 1990
STALE_AFTER_DAYS = 548  # about 18 months
SEEN_ACTIVE_STALE_DAYS = 3 * 365  # `status: active` resting on an older sighting is doubtful
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    kind: str  # text, url, organisation, names, terms, term, countries, deployment, languages,
    #            year, bool, licence, urls, date, partial_date, translations
    vocabulary: str = ""  # taxonomy list for kinds `term` and `terms`
    max_length: int = 0
    doc: str = ""


FIELDS: tuple[Field, ...] = (
    Field("name", True, "text", max_length=120, doc=N_("Display name of the tool.")),
    Field("aliases", False, "names", doc=N_("Other names or acronyms people search for.")),
    Field("summary", True, "text", max_length=SUMMARY_MAX,
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
    Field("status", True, "term", "status", doc=N_("Vocabulary status; `active` needs a dated source showing use (`last_seen_active`).")),
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
          doc=N_("Summary (and optionally description) in French (`fr`) and Spanish (`es`), from the English; no new facts.")),
    Field("sources", True, "urls", doc=N_("Public pages backing the facts, the organisation's own first.")),
    Field("last_verified", True, "date", doc=N_("ISO date (YYYY-MM-DD) the facts were last checked.")),
)

FIELD_BY_NAME = {field.name: field for field in FIELDS}
FIELD_ORDER = tuple(field.name for field in FIELDS)
ORGANISATION_KEYS = ("name", "type", "website")
TRANSLATION_LANGUAGES = ("fr", "es")  # the interface's languages other than English
TRANSLATION_KEYS = ("summary", "description")


PARTIAL_DATE_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"


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
