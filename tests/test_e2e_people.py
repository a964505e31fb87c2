"""The explorer as its users reach it (issue 12), in Chromium: phones, accessibility, downloads, and
contributions sent to GitHub. Skipped, like the other browser tests, where Chromium is missing."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import SHOTS, needs_chromium, running_app, wait_for_app

pytestmark = needs_chromium

PAGES = {"explore": "/", "tool": "/tool?tool=ami-probashi", "landscape": "/landscape", "gaps": "/gaps",
         "contribute": "/contribute", "about": "/about"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/126.0 Mobile Safari/537.36"}
REPOSITORY = "https://github.com/example-org/catalogue"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_app(tmp_path_factory, CATALOGUE_REPOSITORY_URL=REPOSITORY) as url:
        yield url


def open_page(browser, url: str, phone: bool = False, **options):
    context = browser.new_context(**(PHONE if phone else {"viewport": {"width": 1400, "height": 1000}}), **options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.locator("h1").first.wait_for()
    wait_for_app(page)
    page.wait_for_timeout(800)
    return context, page


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}" for v in results
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_every_page_has_no_serious_accessibility_violation(site, browser, name, phone):
    context, page = open_page(browser, site + PAGES[name], phone=phone)
    assert serious_violations(page) == []
    if phone:
        # Usable at 390 px: nothing wider than the screen, and the menu behind a labelled control.
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390 + 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"phone-{name}.png"))
        control = page.get_by_label("Expand sidebar")
        control.click()
        page.get_by_role("link", name="Gaps").first.wait_for()
        if name in ("explore", "landscape", "gaps"):
            page.get_by_text("ILO region").first.wait_for()
    context.close()


def test_gaps_matrix_is_a_list_on_a_phone(site, browser):
    context, page = open_page(browser, site + "/gaps", phone=True)
    page.get_by_text("Victim identification", exact=False).first.wait_for()
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Africa:" in main and "Arab States:" in main
    context.close()


def test_focus_is_visible_on_links_and_buttons(site, browser):
    context, page = open_page(browser, site + "/")
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            return {tag: e.tagName, outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px',
                    shadow: s.boxShadow !== 'none'}; }""")
        if style and style["tag"] in ("A", "BUTTON"):
            seen += 1
            assert style["outline"] or style["shadow"], style
    assert seen >= 3
    context.close()


def test_downloads_hold_the_current_results(site, browser):
    context, page = open_page(browser, site + "/?q=fishing&ilo_region=Asia+and+the+Pacific", accept_downloads=True)
    shown = page.locator("[data-testid='stMain']").get_by_text(re.compile(r"^\d+ of \d+ tools$")).first.inner_text()
    count = int(shown.split(" of ")[0])
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == count and all("Asia and the Pacific" in row["deployed_ilo_regions"] for row in rows)
    page.get_by_role("button", name="Copy link to this view").click()
    link = page.locator("[data-testid='stPopoverBody'] code").first.inner_text()
    assert link.startswith(site) and "q=fishing" in link and "ilo_region=Asia" in link
    context.close()


def test_a_contribution_opens_github_prefilled(site, browser):
    context, page = open_page(browser, site + "/contribute")
    main = page.locator("[data-testid='stMain']")
    choose = main.get_by_role("link", name="Open an issue").first.get_attribute("href")
    assert choose == REPOSITORY + "/issues/new/choose"
    name = page.get_by_role("textbox", name="Name *")
    name.fill("Harbour Worker Line")
    name.press("Enter")
    wait_for_app(page)
    buttons = main.get_by_role("link", name="Or suggest it as an issue")
    buttons.first.wait_for()
    issue = buttons.first.get_attribute("href")
    assert issue.startswith(REPOSITORY + "/issues/new?")
    assert parse_qs(urlsplit(issue).query)["name"] == ["Harbour Worker Line"]
    context.close()
    context, page = open_page(browser, site + "/tool?tool=ami-probashi")
    edit = page.get_by_role("link", name="Suggest an edit").first.get_attribute("href")
    assert edit == REPOSITORY + "/edit/main/tools_data/ami-probashi.yaml"
    context.close()


def _choose(page, label: str, option: str, many: bool = False) -> None:
    """Pick an option of a selectbox (or a multiselect) by typing part of it and clicking it."""
    box = page.get_by_role("combobox", name=label).first
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option").filter(has_text=option).first.wait_for()
    page.keyboard.press("Enter")  # the first match (the option is typed in full, so it is the one)
    if many:  # a multiselect stays open; Escape closes it (on a selectbox, Escape clears the choice)
        page.keyboard.press("Escape")
    wait_for_app(page)


def _type(page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label).first
    field.fill(text)
    field.press("Tab")
    wait_for_app(page)


def test_a_finished_entry_proposes_a_pull_request_from_the_browser(site, browser):
    context, page = open_page(browser, site + "/contribute")
    _type(page, "Name *", "Harbour Worker Line")
    _type(page, "Summary: one sentence, in your own words *", "A phone line where fishing crews report abuse.")
    _type(page, "Description: a paragraph in your own words *", "Run by a port NGO for crews in two ports.")
    _type(page, "Official page (https://…) *", "https://harbour.example/line")
    _type(page, "Organisation *", "Harbour Rights")
    _choose(page, "Organisation type *", "NGO")
    _choose(page, "Primary purpose *", "Worker voice")
    _choose(page, "Purposes (include the primary one) *", "Worker voice", many=True)
    _choose(page, "Target users *", "Workers and migrants", many=True)
    _choose(page, "Technologies *", "Hotline", many=True)
    _choose(page, "Exploitation types *", "Forced labour", many=True)
    _choose(page, "Developed in *", "Thailand", many=True)
    _choose(page, "Deployed in", "Thailand", many=True)
    _choose(page, "Status *", "Pilot")
    _choose(page, "Access *", "Public and free")
    sources = page.get_by_role("textbox", name="Public pages backing the facts").first
    sources.fill("https://harbour.example/line")
    sources.press("Control+Enter")
    wait_for_app(page)
    link = page.locator("[data-testid='stMain']").get_by_role("link", name="Propose it on GitHub").first
    link.wait_for()
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert link.get_attribute("href").startswith(REPOSITORY + "/new/main/tools_data?")
    assert query["filename"] == ["harbour-worker-line.yaml"]
    assert "name: Harbour Worker Line" in query["value"][0] and "deployed_in: [THA]" in query["value"][0]
    context.close()
