"""AppTest: every page in French and Spanish (issue 13), with no English left where a translation exists.

The language comes from `?lang=` (set before the first run, as a permalink would), the selector, or
the browser; AppTest's browser says English, so the other test files see the English interface.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from tests.test_app_explore_tool import fixture_catalogue

TIMEOUT = 60
REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
# A set of characters, not a prefix or suffix: str.strip() takes any of them off either end of a shown text
# (spaces, bold markers, colons and icons; ⬇️ and ⚠️ carry the emoji variation selector U+FE0F).
DECORATION = " *:⬇️🔗←→✅❌⚠️"
PAGES = ("explore", "tool", "landscape", "gaps", "contribute", "about")

# Per page and language: strings that must be shown, and English that must not be.
EXPECTED = {
    "explore": {"fr": ["Catalogue des technologies contre la traite", "Rechercher des outils", "Forme d'exploitation",
                       "Filtres", "Trier par", "3 sur 3 outils"],
                "es": ["Catálogo de tecnologías contra la trata", "Buscar herramientas", "Forma de explotación",
                       "Filtros", "Ordenar por", "3 de 3 herramientas"],
                "en": ["Search tools", "Form of exploitation", "Filters", "Sort by", "Clear all", "of 3 tools"]},
    "tool": {"fr": ["Qui le gère", "Ce qu'il fait", "Statut et accès", "Utilisateurs cibles", "Kenya", "Swahili",
                    "1 octobre 2026", "(en anglais)"],
             "es": ["Quién la gestiona", "Qué hace", "Estado y acceso", "Usuarios destinatarios", "Kenia", "Suajili",
                    "1 de octubre de 2026", "(en inglés)"],
             "en": ["Who runs it", "What it does", "Status and access", "Target users", "Back to results",
                    "Facts last verified on"]},
    "landscape": {"fr": ["Panorama", "Par objectif", "Lancements par année", "Qui construit pour qui",
                         "Pays de déploiement"],
                  "es": ["Panorama", "Por propósito", "Lanzamientos por año", "Quién construye para quién",
                         "Países de despliegue"],
                  "en": ["By purpose", "Launches per year", "Who builds for whom", "Deployment countries",
                         "Data as a table"]},
    "gaps": {"fr": ["Lacunes", "Plus grandes lacunes", "Région × objectif", "dans la région", "millions de personnes"],
             "es": ["Brechas", "Mayores brechas", "Región × propósito", "en la región", "millones de personas"],
             "en": ["Largest gaps", "Region × purpose", "Tools against need, by ILO region", "million people"]},
    "contribute": {"fr": ["Contribuer", "Créer une nouvelle fiche", "Vérifier un fichier de fiche", "Qui le gère"],
                   "es": ["Contribuir", "Crear una ficha nueva", "Comprobar un archivo de ficha", "Quién la gestiona"],
                   "en": ["Build a new entry", "Check an entry file", "Fields marked * are required"]},
    "about": {"fr": ["À propos du catalogue", "Vocabulaire", "Comment citer", "Télécharger les données",
                     "Objectifs", "Cartographies antérieures"],
              "es": ["Acerca del catálogo", "Vocabulario", "Cómo citar", "Descargar los datos", "Propósitos"],
              "en": ["About the catalogue", "Vocabulary", "How to cite", "Download the data", "Earlier mappings"]},
}


@pytest.fixture
def fixture_dir(catalogue_dir, serve_catalogue):
    fixture_catalogue(catalogue_dir)
    serve_catalogue(catalogue_dir)
    return catalogue_dir


def open_page(page: str, language: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if page != "explore":  # the default page; after switch_page, AppTest drops some widget changes
        at.switch_page(f"app_pages/{page}.py")
    if language:
        at.query_params["lang"] = language
    if page == "tool":
        at.query_params["tool"] = "fixture-helpline"
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    """Every piece of interface text AppTest can read: headings, text, labels, options, chart titles."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        texts += [element.value for element in at.get(kind)]
    for kind in ("button", "download_button", "selectbox", "multiselect", "radio", "text_input", "text_area",
                 "slider", "number_input", "date_input", "metric", "expander", "tab", "checkbox"):
        for element in at.get(kind):
            label = getattr(element, "label", None) or getattr(element.proto, "label", "")
            texts.append(str(label))
            help_text = getattr(element.proto, "help", "")
            if help_text:
                texts.append(help_text)
    for link in at.get("page_link") + at.get("link_button"):
        texts.append(link.proto.label)
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        texts.append(layout.get("title", {}).get("text", ""))
        texts += [axis["title"]["text"] for name, axis in layout.items()
                  if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict) and "title" in axis]
    return [text.replace("\\", "") for text in texts if text]


def english_left(texts: list[str], language: str) -> list[str]:
    """Texts shown exactly as an English message whose translation differs."""
    with open(REPO / "locale" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale=language)
    untranslated = {entry.id for entry in catalog if isinstance(entry.id, str) and entry.id
                    and entry.string and entry.string != entry.id and "{" not in entry.id}
    return [text for text in texts if text.strip(DECORATION) in untranslated]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_page_in_each_language(fixture_dir, page, language):
    at = open_page(page, language)
    texts = shown(at)
    body = "\n".join(texts)
    for expected in EXPECTED[page][language]:
        assert expected in body, (page, language, expected)
    for english in EXPECTED[page]["en"]:
        assert english not in body, (page, language, english)
    assert not english_left(texts, language), english_left(texts, language)
    # The selector says which language is on, and `lang` stays in the address.
    assert at.selectbox(key="language_select").value == language
    assert at.query_params.get("lang") in (language, [language])


@pytest.mark.parametrize("page", PAGES)
def test_english_stays_the_default(fixture_dir, page):
    at = open_page(page)
    body = "\n".join(shown(at))
    for english in EXPECTED[page]["en"]:
        assert english in body, (page, english)
    assert "lang" not in at.query_params
    assert at.selectbox(key="language_select").value == "en"


def test_the_real_catalogue_renders_in_french_and_spanish(serve_catalogue):
    serve_catalogue()
    for language in ("fr", "es"):
        for page in PAGES:
            at = open_page(page, language, tool="ami-probashi")
            assert not english_left(shown(at), language), (page, language)


def test_the_browser_language_is_the_default(fixture_dir, monkeypatch):
    from app_pages import i18n

    monkeypatch.setattr(i18n, "_from_browser", lambda: "es")
    at = open_page("explore")
    assert at.title[0].value == "Catálogo de tecnologías contra la trata"
    assert at.selectbox(key="language_select").value == "es"
    at = open_page("explore", "fr")  # a link's `lang` wins over the browser
    assert at.title[0].value == "Catalogue des technologies contre la traite"


def test_the_selector_switches_language_and_the_permalink_keeps_it(fixture_dir):
    at = open_page("explore", "fr", technology="mobile_app")
    assert at.query_params.get("technology") in ("mobile_app", ["mobile_app"])
    at.selectbox(key="language_select").set_value("es").run()
    assert not at.exception
    assert at.title[0].value == "Catálogo de tecnologías contra la trata"
    assert at.query_params.get("lang") in ("es", ["es"])
    assert at.query_params.get("technology") in ("mobile_app", ["mobile_app"])
    # A filter change writes a new address: it still carries the language.
    next(m for m in at.multiselect if m.label == "Tecnología").set_value([]).run()
    assert at.query_params.get("lang") in ("es", ["es"]) and "technology" not in at.query_params
    # Links to tools carry it too.
    links = [str(link.proto.page) + str(link.proto.query_string) for link in at.get("page_link")]
    assert any("lang=es" in link for link in links), links
    at.selectbox(key="language_select").set_value("en").run()
    assert at.title[0].value == "Anti-Trafficking Tech Catalogue"
    assert at.query_params.get("lang") in ("en", ["en"])  # chosen explicitly: kept, so the link stays English


def test_the_page_language_attribute_follows_the_choice(fixture_dir):
    at = open_page("about", "es")
    frames = list(at.get("iframe"))
    assert len(frames) == 1
    assert "documentElement.lang = 'es'" in frames[0].proto.srcdoc


def test_translated_summaries_are_shown_and_missing_ones_marked(catalogue_dir, serve_catalogue):
    from tests.conftest import valid_entry, write_entry

    entry = valid_entry()
    entry["translations"] = {"fr": {"summary": "Une ligne d'assistance de test.",
                                    "description": "N'existe que dans les tests."}}
    write_entry(catalogue_dir, "fixture-helpline", entry)
    serve_catalogue(catalogue_dir)
    for page in ("explore", "tool"):
        body = "\n".join(shown(open_page(page, "fr")))
        assert "Une ligne d'assistance de test." in body and "(en anglais)" not in body, page
        body = "\n".join(shown(open_page(page, "es")))
        assert entry["summary"] in body and "(en inglés)" in body, page


@pytest.mark.parametrize("language, expected", [("fr", "ne sont pas pris en charge"), ("es", "No se admiten")])
def test_search_notices_are_shown_in_the_language(fixture_dir, language, expected):
    at = open_page("explore", language, q="(((hotline")
    notices = [info.value for info in at.info]
    assert any(expected in notice.replace("\\", "") for notice in notices), notices
    assert not any("not supported" in notice for notice in notices)
