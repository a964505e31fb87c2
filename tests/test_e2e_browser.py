"""End to end: the real app in headless Chromium (Debian's package, driven by Playwright).

Starts `streamlit run app.py`, searches, filters, opens a tool, reloads its URL in a fresh browser
context, checks the world map draws countries offline, and saves screenshots (to docs/screenshots/
with UPDATE_SCREENSHOTS=1, which `make screenshots` sets; else to test-artifacts/).
Skipped, with the reason printed, only where Chromium is not installed.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# `make screenshots` (UPDATE_SCREENSHOTS=1) refreshes the README's images; other runs keep theirs apart.
SHOTS = REPO / ("docs/screenshots" if os.environ.get("UPDATE_SCREENSHOTS") else "test-artifacts/screenshots")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(tmp_path_factory, **env_overrides):
    """`streamlit run app.py` on a free port, stopped afterwards."""
    port = _free_port()
    env = dict(os.environ, CATALOGUE_INDEX_DIR=str(tmp_path_factory.mktemp("index")), **env_overrides)
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.enableStaticServing", "true"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.25)
        else:
            log.seek(0)
            pytest.fail("streamlit did not start:\n" + log.read())
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def _new_page(browser, requests_seen: list[str] | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    if requests_seen is not None:
        page.on("request", lambda request: requests_seen.append(request.url))
    return context, page


def _wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')")
    page.wait_for_timeout(300)


def test_search_filter_open_tool_permalink_and_map(app_url, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests_seen: list[str] = []
    context, page = _new_page(browser, requests_seen)

    page.goto(app_url + "/")
    page.get_by_text("tools", exact=False).first.wait_for()
    _wait_for_app(page)
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
    _wait_for_app(page)

    # Filter by a region through the sidebar widget.
    page.get_by_text("ILO region").first.wait_for()
    region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="ILO region")
    region.locator("input").click()
    page.get_by_role("option").filter(has_text="Asia and the Pacific").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('ilo_region=Asia')")
    _wait_for_app(page)
    assert "fishing" in page.locator("[data-testid='stMain']").inner_text().lower()

    # Open the first tool.
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/tool') && location.search.includes('tool=')")
    _wait_for_app(page)
    title = page.locator("h1").first.inner_text()
    assert title and title != "Tool not found"
    tool_url = page.url

    # The same URL in a fresh browser context shows the same tool.
    context2, page2 = _new_page(browser)
    page2.goto(tool_url)
    page2.locator("h1").first.wait_for()
    _wait_for_app(page2)
    assert page2.locator("h1").first.inner_text() == title
    context2.close()

    # The filtered explore view survives a reload in a fresh context too.
    context3, page3 = _new_page(browser)
    page3.goto(app_url + "/?q=forced+labour+fishing&ilo_region=Asia+and+the+Pacific")
    _wait_for_app(page3)
    page3.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value === 'forced labour fishing')")
    page3.get_by_text("Asia and the Pacific").first.wait_for()
    context3.close()

    # The world map draws countries from the bundled topojson.
    page.goto(app_url + "/landscape")
    _wait_for_app(page)
    page.locator(".js-plotly-plot .geo").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length > 20")
    page.locator(".js-plotly-plot .geo").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "landscape-map.png"), full_page=False)

    page.goto(app_url + "/gaps")
    _wait_for_app(page)
    page.get_by_text("per million").first.wait_for()
    page.screenshot(path=str(SHOTS / "gaps.png"), full_page=False)
    context.close()

    outside = [url for url in requests_seen if not url.startswith(app_url) and not url.startswith(("data:", "blob:"))]
    assert outside == [], f"the app fetched from the internet: {outside[:5]}"


def test_hostile_entry_is_inert_in_the_browser(tmp_path_factory, browser):
    from tests.conftest import valid_entry, write_entry

    folder = tmp_path_factory.mktemp("hostile_data")
    entry = valid_entry()
    entry.update(name="Hostile <b>bold</b> :material/home:",
                 summary="<script>window.pwned=1</script> [click](javascript:window.pwned=2)",
                 description="<img src=x onerror=window.pwned=3> ![p](https://tracker.example/p.png) "
                             ":red[alarm] $x^2$ <a href='javascript:window.pwned=4'>y</a>")
    write_entry(folder, "hostile", entry)
    requests_seen: list[str] = []
    with running_app(tmp_path_factory, CATALOGUE_DIR=str(folder)) as url:
        context, page = _new_page(browser, requests_seen)
        page.goto(url + "/tool?tool=hostile")
        page.locator("h1").first.wait_for()
        _wait_for_app(page)
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
