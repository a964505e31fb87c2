"""End to end: the real app in headless Chromium (Debian's package, driven by Playwright).

Starts `streamlit run app.py`, searches, filters, opens a tool, reloads its URL in a fresh browser
context, checks the world map draws countries offline, and saves screenshots (to docs/screenshots/
with UPDATE_SCREENSHOTS=1, which `make screenshots` sets; else to test-artifacts/).
Skipped, with the reason printed, only where Chromium is not installed.
"""
from __future__ import annotations

from tests.support import SHOTS, needs_chromium, new_page, running_app, valid_entry, wait_for_app, write_entry

pytestmark = needs_chromium


def test_search_filter_open_tool_permalink_and_map(app_url, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests_seen: list[str] = []
    context, page = new_page(browser, requests_seen)

    page.goto(app_url + "/")
    page.get_by_text("tools", exact=False).first.wait_for()
    wait_for_app(page)
    page.get_by_text(" of ").first.wait_for()
    page.get_by_label("Search tools").wait_for()
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a").first.wait_for()
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "explore.png"), full_page=False)

    # Search.
    box = page.get_by_label("Search tools")
    box.fill("forced labour fishing")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('q=forced')")
    wait_for_app(page)

    # Filter by a region through the sidebar widget.
    page.get_by_text("ILO region").first.wait_for()
    region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="ILO region")
    region.locator("input").click()
    page.get_by_role("option").filter(has_text="Asia and the Pacific").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('ilo_region=Asia')")
    wait_for_app(page)
    assert "fishing" in page.locator("[data-testid='stMain']").inner_text().lower()

    # Open the first tool.
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/tool') && location.search.includes('tool=')")
    wait_for_app(page)
    title = page.locator("h1").first.inner_text()
    assert title and title != "Tool not found"
    tool_url = page.url

    # The same URL in a fresh browser context shows the same tool.
    context2, page2 = new_page(browser)
    page2.goto(tool_url)
    page2.locator("h1").first.wait_for()
    wait_for_app(page2)
    assert page2.locator("h1").first.inner_text() == title
    context2.close()

    # The filtered explore view survives a reload in a fresh context too.
    context3, page3 = new_page(browser)
    page3.goto(app_url + "/?q=forced+labour+fishing&ilo_region=Asia+and+the+Pacific")
    wait_for_app(page3)
    page3.wait_for_function("() => [...document.querySelectorAll('input')]"
                            ".some(i => i.value === 'forced labour fishing')")
    page3.get_by_text("Asia and the Pacific").first.wait_for()
    context3.close()

    # The world map draws countries from the bundled topojson.
    page.goto(app_url + "/landscape")
    wait_for_app(page)
    page.locator(".js-plotly-plot .geo").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length > 20")
    page.locator(".js-plotly-plot .geo").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "landscape-map.png"), full_page=False)

    page.goto(app_url + "/gaps")
    wait_for_app(page)
    page.get_by_text("per million").first.wait_for()
    page.screenshot(path=str(SHOTS / "gaps.png"), full_page=False)
    context.close()

    outside = [url for url in requests_seen if not url.startswith(app_url) and not url.startswith(("data:", "blob:"))]
    assert outside == [], f"the app fetched from the internet: {outside[:5]}"


def test_hostile_entry_is_inert_in_the_browser(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("hostile_data")
    entry = valid_entry()
    entry.update(name="Hostile <b>bold</b> :material/home:",
                 summary="<script>window.pwned=1</script> [click](javascript:window.pwned=2)",
                 description="<img src=x onerror=window.pwned=3> ![p](https://tracker.example/p.png) "
                             ":red[alarm] $x^2$ <a href='javascript:window.pwned=4'>y</a>")
    write_entry(folder, "hostile", entry)
    requests_seen: list[str] = []
    with running_app(tmp_path_factory, CATALOGUE_DIR=str(folder)) as url:
        context, page = new_page(browser, requests_seen)
        page.goto(url + "/tool?tool=hostile")
        page.locator("h1").first.wait_for()
        wait_for_app(page)
        page.get_by_text("Sources").first.wait_for()
        main = page.locator("[data-testid='stMain']")
        text = main.inner_text()
        assert "Hostile <b>bold</b> :material/home:" in text
        assert "<script>window.pwned=1</script>" in text and "[click](javascript:window.pwned=2)" in text
        assert ":red[alarm]" in text and "$x^2$" in text
        assert page.evaluate("() => window.pwned") is None
        assert main.locator("a[href^='javascript']").count() == 0
        assert main.locator("img[src*='tracker'], img[src='x'], b").count() == 0
        context.close()
    assert not [u for u in requests_seen if "tracker.example" in u]
