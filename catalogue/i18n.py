"""Languages of the interface: gettext catalogs in locale/, and Babel for numbers, dates and places.

No Streamlit here (app_pages/i18n.py picks the language of a session), so the catalogue modules can mark
the strings the app shows with `N_` and translate them for a language given explicitly. The catalogs are
managed with Babel (`make messages`: extract, update, compile); never a translation table in code.
"""
from __future__ import annotations

import gettext as _gettext
from functools import cache

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from catalogue.paths import REPO_DIR

LOCALE_DIR = REPO_DIR / "locale"
DOMAIN = "messages"
DEFAULT = "en"
#: The interface languages, in selector order.
LANGUAGES = ("en", "fr", "es")


def N_(message: str) -> str:
    """Marks a string for extraction (`pybabel extract`) without translating it: translate where it is shown."""
    return message


def normalise(code: str | None) -> str | None:
    """"fr", "fr-FR", "FR_ca" -> "fr"; None for a language the interface does not offer."""
    if not code:
        return None
    base = str(code).strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language (locale/<lang>/LC_MESSAGES/messages.mo); English is the source."""
    if language == DEFAULT or language not in LANGUAGES:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True)


def gettext(message: str, language: str = DEFAULT) -> str:
    """`message` in `language` (itself when it has no translation). Empty stays empty."""
    return translations(language).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int, language: str = DEFAULT) -> str:
    return translations(language).ngettext(singular, plural, count)


def locale(language: str) -> Locale:
    return Locale.parse(language if language in LANGUAGES else DEFAULT)


def number(value: float | int, language: str = DEFAULT, digits: int | None = None) -> str:
    """A number written for the language: 1,234.5 / 1 234,5 / 1234,5; `digits` fixes the decimals."""
    if digits is None:
        return format_decimal(value, locale=locale(language))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale(language))


def month_year(partial_date: str, language: str = DEFAULT) -> str:
    """`2025-06` or `2025-06-03` as "June 2025" / "juin 2025" / "junio de 2025"; `2025` as itself."""
    import datetime as dt

    parts = partial_date.split("-")
    if len(parts) < 2:
        return partial_date
    day = dt.date(int(parts[0]), int(parts[1]), 1)
    return format_skeleton("yMMMM", day, locale=locale(language))


def date(value, language: str = DEFAULT) -> str:
    """A full date: ISO 8601 in English (as the data and the CLI write it), else 1 octobre 2026 /
    1 de octubre de 2026."""
    if language not in LANGUAGES or language == DEFAULT:
        return value.isoformat()
    return format_skeleton("yMMMMd", value, locale=locale(language))


def language_name(code: str, language: str = DEFAULT) -> str | None:
    """The name of an ISO 639-1 language in the interface language (Babel's locale data), or None."""
    name = locale(language).languages.get(code)
    return name[0].upper() + name[1:] if name else None
