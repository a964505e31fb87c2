"""Languages of the interface: gettext catalogs in locale/, and Babel for numbers and places.

No Streamlit here (app_pages/i18n.py picks the language of a session and formats dates for it), so the
catalogue modules can mark the strings the app shows with `N_` and translate them for a language given
explicitly. The catalogs are
managed with Babel (`make messages`: extract, update, compile); never a translation table in code.
"""
from __future__ import annotations

import gettext as _gettext
from functools import cache

from babel import Locale
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
