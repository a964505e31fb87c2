"""The interface's translations (issue 13): complete, faithful to their placeholders, compiled, and used.

The messages are extracted from the code exactly as `make messages` does (babel.cfg), so a new `_()`
string without a French or Spanish translation fails here, as does a stale .mo file.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app_pages import i18n as app_i18n
from catalogue import i18n
from catalogue.facets import FACET_BY_KEY, FACETS
from catalogue.geography import ILO_REGIONS, M49_CODES, countries, country_name, region_name
from catalogue.vocabulary import FACET_LISTS, TRANSLATIONS_PATH, load_taxonomy, load_translations

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "locale"
TRANSLATED = ("fr", "es")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
LINK_TARGET = re.compile(r"\]\(\{?[^)]*\)")


def catalog(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def extracted() -> dict[object, str]:
    """Every message of the code (msgid, or (singular, plural)) -> where it is, as `make messages` finds them."""
    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        if message:
            found.setdefault(message if isinstance(message, str) else tuple(message), f"{filename}:{line}")
    return found


@pytest.fixture(scope="module")
def messages():
    return extracted()


def test_the_extraction_finds_the_interface(messages):
    assert "Search tools" in messages and "Explore" in messages  # pages and the router
    assert "Form of exploitation" in messages  # facets (N_)
    assert ("{count} tool", "{count} tools") in messages  # ngettext
    assert "Arab States" in messages  # ILO regions (N_ in geography)
    assert len(messages) > 400


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language, messages):
    po = catalog(language)
    missing = []
    for message, where in messages.items():
        entry = po.get(message[0] if isinstance(message, tuple) else message)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(f"{where}: {message!r}")
    assert not missing, f"{len(missing)} messages without a {language} translation (run `make messages`):\n" + \
        "\n".join(missing[:20])


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder_and_link(language):
    for entry in catalog(language):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0])))
        for string in strings:
            assert sorted(set(PLACEHOLDER.findall(string))) == wanted, (language, entry.id, string)
            assert LINK_TARGET.findall(string) == LINK_TARGET.findall(ids[0]), (language, entry.id, string)
            assert string.count("**") == ids[0].count("**"), (language, entry.id, string)
            assert string.count("`") == ids[0].count("`"), (language, entry.id, string)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogs_are_current(language):
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    checked_in = (LOCALE / language / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == checked_in, "locale/*.mo is older than its .po: run `make messages`"


def test_the_template_lists_what_the_code_says(messages):
    with open(LOCALE / "messages.pot", "rb") as handle:
        template = {entry.id for entry in read_po(handle) if entry.id}
    assert set(messages) == template, "locale/messages.pot is stale: run `make messages`"


def test_no_message_hides_inside_an_f_string():
    # pybabel does not look into f-strings: a `_()` there is never extracted, so never translated.
    for path in [REPO / "app.py", *sorted((REPO / "app_pages").glob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        hidden = re.findall(r"""f(?:"[^"\n]*\{_\(|'[^'\n]*\{_\()""", source)
        assert not hidden, (path.name, hidden)


def test_the_check_names_of_the_validator_all_have_a_translated_meaning():
    from app_pages.checks import CHECK_MESSAGES

    source = "\n".join((REPO / "catalogue" / name).read_text(encoding="utf-8")
                       for name in ("validate.py", "yamlio.py"))
    named = set(re.findall(r'"(?:error|warning)", "([a-z-]+)"', source))
    named |= set(re.findall(r'YamlProblem\("([a-z-]+)"', source))
    named |= set(re.findall(r'\.add\((?:\([^)]*\)|where[^,]*|path[^,]*), "([a-z-]+)"', source))
    named |= {f"duplicate-{kind}" for kind in ("slug", "name", "url")}
    assert named and named <= set(CHECK_MESSAGES), named - set(CHECK_MESSAGES)


# ---------------------------------------------------------------- languages, places, numbers

def test_language_codes_from_links_and_browsers():
    assert [app_i18n.normalise(code) for code in ("fr", "fr-FR", "FR_ca", "es-419", "en-GB", "de", "", None)] == \
        ["fr", "fr", "fr", "es", "en", None, None, None]


def test_messages_fall_back_to_english():
    assert i18n.gettext("Search tools", "fr") == "Rechercher des outils"
    assert i18n.gettext("Search tools", "es") == "Buscar herramientas"
    assert i18n.gettext("Search tools", "en") == "Search tools"
    assert i18n.gettext("not a message of the catalog", "fr") == "not a message of the catalog"
    assert i18n.ngettext("{count} tool", "{count} tools", 1, "fr") == "{count} outil"
    assert i18n.ngettext("{count} tool", "{count} tools", 0, "fr") == "{count} outil"  # French: 0 is singular
    assert i18n.ngettext("{count} tool", "{count} tools", 0, "es") == "{count} herramientas"


def test_places_come_from_babel_in_each_language():
    assert country_name("THA") == "Thailand"
    assert country_name("THA", "fr") == "Thaïlande" and country_name("THA", "es") == "Tailandia"
    assert country_name("CIV", "fr") == "Côte d’Ivoire"
    assert region_name("South-eastern Asia", "fr") == "Asie du Sud-Est"
    assert region_name("Sub-Saharan Africa", "es") == "África subsahariana"
    assert region_name("Latin America and the Caribbean", "es") == "América Latina y el Caribe"
    assert region_name("Arab States", "fr") == "États arabes"
    assert region_name("Arab States") == "Arab States"
    every_region = {getattr(c, level) for c in countries().values() for level in ("m49_region", "m49_sub_region")}
    assert every_region - {""} <= set(M49_CODES)
    for language in TRANSLATED:
        for region in every_region - {"", "Latin America and the Caribbean"} - set(ILO_REGIONS):
            babel = i18n.locale(language).territories[M49_CODES[region]]
            assert region_name(region, language) == babel[0].upper() + babel[1:], (language, region)
        for region in ILO_REGIONS:
            assert region_name(region, language) != region, (language, region)
        for code in countries():
            assert country_name(code, language), code


def test_numbers_and_dates_follow_the_language():
    assert i18n.number(1234.5, "en", 1) == "1,234.5"
    assert i18n.number(1234.5, "fr", 1) == "1\u202f234,5"
    assert i18n.number(1234.5, "es", 1) == "1.234,5"
    assert i18n.number(0.9, "fr", 1) == "0,9"
    assert app_i18n.month_year("2025-06", "en") == "June 2025"
    assert app_i18n.month_year("2025-06-03", "fr") == "juin 2025"
    assert app_i18n.month_year("2025-06", "es") == "junio de 2025"
    assert app_i18n.month_year("2025", "fr") == "2025"
    assert app_i18n.date(dt.date(2026, 10, 1), "en") == "2026-10-01"
    assert app_i18n.date(dt.date(2026, 10, 1), "fr") == "1 octobre 2026"


def test_facets_speak_every_language():
    for facet in FACETS:
        for language in TRANSLATED:
            assert facet.title(language) and facet.explanation(language) != facet.help, (language, facet.key)
    assert FACET_BY_KEY["exploitation_type"].title("fr") == "Forme d'exploitation"
    assert FACET_BY_KEY["exploitation_type"].title("es") == "Forma de explotación"
    assert FACET_BY_KEY["country"].label_of("global", "fr") == "Mondial (partout)"
    assert FACET_BY_KEY["open_source"].label_of("yes", "es") == "Sí"
    assert FACET_BY_KEY["country"].label_of("KEN", "es") == "Kenia"


# ---------------------------------------------------------------- the vocabulary in French and Spanish

@pytest.mark.parametrize("language", TRANSLATED)
def test_every_vocabulary_term_has_a_label_and_definition(language):
    assert TRANSLATIONS_PATH.exists()
    translated = load_translations().get(language, {})
    taxonomy = load_taxonomy()
    missing = [f"{name}.{key}" for name in FACET_LISTS for key in taxonomy.keys(name)
               if not (translated.get(name, {}).get(key) and translated[name][key].label
                       and translated[name][key].definition)]
    assert not missing, f"{language}: no label or definition for {missing}"
    unknown = [f"{name}.{key}" for name, terms in translated.items() for key in terms
               if name not in taxonomy.lists or key not in taxonomy.lists[name]]
    assert not unknown, f"{language}: terms not in taxonomy.yaml: {unknown}"


def test_vocabulary_falls_back_to_english(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("fr:\n  purposes:\n    worker_voice: {label: Parole des travailleurs}\n", encoding="utf-8")
    loaded = load_translations(path)
    assert loaded["fr"]["purposes"]["worker_voice"].label == "Parole des travailleurs"
    assert loaded["fr"]["purposes"]["worker_voice"].definition == ""
    assert load_translations(tmp_path / "absent.yaml") == {}
    taxonomy = load_taxonomy()
    assert taxonomy.label("purposes", "worker_voice") == "Worker voice"
    assert taxonomy.label("purposes", "not_a_key", "fr") == "not_a_key"
