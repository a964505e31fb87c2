"""The explorer in a real browser, as its users hit it (issue 12): each bug reproduced, then fixed.

Uses the app and browser fixtures of conftest.py; skipped the same way where Chromium is
not installed.
"""
from __future__ import annotations

from tests.support import needs_chromium, new_page, page_params, wait_for_app

pytestmark = needs_chromium


def results_line(page) -> str:
    line = page.locator("[data-testid='stMain']").get_by_text(" of ", exact=False).first
    line.wait_for()
    return line.inner_text()


def test_filters_keep_their_values_when_the_search_changes(app_url, browser):
    context, page = new_page(browser)
    page.goto(app_url + "/")
    wait_for_app(page)
    for label, option, value in (("sub-region", "South-eastern Asia", "m49_sub_region=South-eastern"),
                                 ("Sector", "Fishing", "sector=fishing")):
        widget = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text=label)
        widget.first.locator("input").click()
        page.keyboard.type(option)
        page.get_by_role("option").filter(has_text=option).first.wait_for()
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => location.search.includes('{value}')")
        wait_for_app(page)
    before = results_line(page)
    box = page.get_by_label("Search tools")
    box.fill("forced labour")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('q=forced')")
    wait_for_app(page)
    page.wait_for_timeout(500)
    found = page_params(page)
    assert found.get("m49_sub_region") == ["South-eastern Asia"], found
    assert found.get("sector") == ["fishing_seafood"], found
    assert not results_line(page).startswith("**0") and "0 of" not in results_line(page)[:5], before
    # A second change of the query keeps them too.
    box.fill("forced labour fishing")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('fishing')")
    wait_for_app(page)
    assert page_params(page).get("m49_sub_region") == ["South-eastern Asia"]
    context.close()


def test_the_documented_explore_permalink_opens_without_a_dialog(app_url, browser):
    context, page = new_page(browser)
    page.goto(app_url + "/explore?q=hotline&ilo_region=Africa")
    wait_for_app(page)
    page.get_by_label("Search tools").wait_for()
    page.wait_for_timeout(500)
    assert "Page not found" not in page.locator("body").inner_text()
    assert page.get_by_label("Search tools").input_value() == "hotline"
    assert page_params(page).get("ilo_region") == ["Africa"]
    context.close()


def test_enter_in_a_filter_selects_one_value_not_every_match(app_url, browser):
    context, page = new_page(browser)
    page.goto(app_url + "/")
    wait_for_app(page)
    widget = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="sub-region")
    widget.first.locator("input").click()
    page.keyboard.type("South")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('m49_sub_region=')")
    wait_for_app(page)
    assert len(page_params(page)["m49_sub_region"]) == 1, page_params(page)
    context.close()
