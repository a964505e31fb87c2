"""French and Spanish in a real browser (issue 13): navigation, filters, charts, <html lang>, permalinks.

Uses the app and browser fixtures of conftest.py; skipped the same way where Chromium is not
installed. Saves the README's French screenshot (docs/screenshots/explore-fr.png with UPDATE_SCREENSHOTS=1).
"""
from __future__ import annotations

import pytest

from tests.support import SHOTS, needs_chromium, new_page, page_params, wait_for_app

pytestmark = needs_chromium

WORDS = {
    "fr": {"title": "Catalogue des technologies contre la traite", "nav": ["Explorer", "Panorama", "Lacunes",
           "Contribuer", "À propos"], "filter": "Forme d'exploitation", "search": "Rechercher des outils",
           "chart": "Outils par objectif", "sector": "Secteur", "fishing": "Pêche"},
    "es": {"title": "Catálogo de tecnologías contra la trata", "nav": ["Explorar", "Panorama", "Brechas",
           "Contribuir", "Acerca de"], "filter": "Forma de explotación", "search": "Buscar herramientas",
           "chart": "Herramientas por propósito", "sector": "Sector", "fishing": "Pesca"},
}


def open_app(browser, url: str):
    context, page = new_page(browser)
    page.goto(url)
    page.locator("h1").first.wait_for()
    wait_for_app(page)
    return context, page


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_language_link_translates_navigation_filters_and_charts(app_url, browser, language):
    words = WORDS[language]
    context, page = open_app(browser, f"{app_url}/?lang={language}")
    page.get_by_text(words["title"]).first.wait_for()
    page.get_by_label(words["search"]).wait_for()
    page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
    navigation = page.locator("[data-testid='stSidebarNav']").inner_text()
    for title in words["nav"]:
        assert title in navigation, (title, navigation)
    assert "Explore" not in navigation.split() and "Landscape" not in navigation
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text(words["filter"]).first.wait_for()
    assert "Form of exploitation" not in sidebar.inner_text()
    from axe_playwright_python.sync_playwright import Axe
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, violations  # the language's page is as accessible as the English one
    if language == "fr":
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "explore-fr.png"), full_page=False)

    # A filter chosen in the sidebar: the address keeps the language with the filter.
    widget = sidebar.locator("[data-testid='stMultiSelect']").filter(has_text=words["sector"])
    widget.first.locator("input").click()
    page.keyboard.type(words["fishing"])
    page.get_by_role("option").filter(has_text=words["fishing"]).first.wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('sector=fishing')")
    wait_for_app(page)
    assert page_params(page).get("lang") == [language], page.url
    permalink = page.url

    # The charts: titles drawn by Plotly are in the language.
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=words["nav"][1]).first.click()
    page.wait_for_function("() => location.pathname.endsWith('/landscape')")
    wait_for_app(page)
    # Plotly draws the charts one after the other: wait for the one checked, not merely the first drawn.
    page.locator(".js-plotly-plot .gtitle").filter(has_text=words["chart"]).first.wait_for()
    titles = " ".join(page.eval_on_selector_all(".js-plotly-plot .gtitle", "els => els.map(e => e.textContent)"))
    assert words["chart"] in titles, titles
    found = page_params(page)
    assert found.get("lang") == [language] and found.get("sector") == ["fishing_seafood"], page.url
    context.close()

    # The permalink opens in the language in a fresh browser.
    context, page = open_app(browser, permalink)
    page.get_by_text(words["title"]).first.wait_for()
    page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
    context.close()


def test_the_selector_changes_the_language_and_the_address(app_url, browser):
    context, page = open_app(browser, f"{app_url}/about")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    selector = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    selector.click()
    page.get_by_role("option").filter(has_text="Español").first.click()
    page.wait_for_function("() => location.search.includes('lang=es')")
    wait_for_app(page)
    page.get_by_text("Acerca del catálogo").first.wait_for()
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    context.close()
