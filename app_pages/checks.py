"""What each validator check means, in words the Contribute page can show in every language.

The validator (catalogue/validate.py) writes its messages in English, with the values it found; the
app shows, in French and Spanish, the meaning of the check (translated from these lines) beside them.
The check names are stable (CONTRIBUTING.md lists them); a check missing here is shown by its message only.
"""
from __future__ import annotations

from catalogue.i18n import N_

CHECK_MESSAGES = {
    "yaml-syntax": N_("The file is not valid YAML, so nothing else could be checked."),
    "yaml-depth": N_("Lists or mappings are nested too deeply."),
    "yaml-date": N_("A date does not exist."),
    "yaml-character": N_("The file holds a control character that YAML does not allow."),
    "duplicate-key": N_("The same field appears twice."),
    "yaml-alias": N_("The file uses YAML anchors or aliases, which entries do not allow."),
    "yaml-tag": N_("A value carries a YAML tag, which entries do not allow."),
    "encoding": N_("The text is not valid UTF-8 or Unicode."),
    "file-size": N_("The file is too large for an entry."),
    "file": N_("The file could not be read."),
    "symlink": N_("The entry is a symbolic link."),
    "bidi-control": N_("The text holds an invisible character that changes the direction of the text."),
    "internal": N_("The validator itself failed on this file: please report it."),
    "slug": N_("The file name is not a valid slug (lowercase letters, digits and single hyphens, ending in .yaml)."),
    "not-mapping": N_("The file must be a list of fields, one “field: value” per line."),
    "schema-header": N_("Line 1 is not the schema header that lets editors check the file."),
    "unknown-field": N_("A field name is not part of the entry format."),
    "missing-field": N_("A required field is missing or empty."),
    "type": N_("A value has the wrong kind (text, list, number, date or yes/no)."),
    "length": N_("A text is too long."),
    "url-scheme": N_("A link is not a valid http(s) address."),
    "vocabulary": N_("A value is not in the controlled vocabulary."),
    "duplicate-value": N_("A list names the same value twice."),
    "country-code": N_("A country is not an ISO 3166-1 alpha-3 code."),
    "global-alone": N_("“Global” is listed together with countries."),
    "language-code": N_("A language is not a two-letter ISO 639-1 code."),
    "year-range": N_("A year is out of range, or the years are in the wrong order."),
    "licence": N_("The licence is not an SPDX identifier, “proprietary” or “unknown”."),
    "date-future": N_("A date is in the future."),
    "seen-long-ago": N_("The tool is said to be active, but the newest source showing it in use is over three "
                        "years old."),
    "stale": N_("The sources were last checked more than 18 months ago."),
    "primary-purpose": N_("The primary purpose is not one of the purposes."),
    "duplicate-name": N_("Another entry already has this name."),
    "duplicate-url": N_("Another entry already has this address."),
    "duplicate-slug": N_("An entry with this file name already exists."),
    "possible-duplicate": N_("The name is very close to the name of another entry."),
}
