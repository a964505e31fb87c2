"""Contribute and About pages through Streamlit's AppTest, on a small fixture catalogue."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path, PurePosixPath

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from catalogue.about import VOCABULARY_TITLES
from catalogue.fix import dump_entry
from catalogue.validate import validate_paths
from catalogue.vocabulary import FACET_LISTS, load_taxonomy
from tests.conftest import valid_entry, write_entry

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CONTRIBUTE = "app_pages/contribute.py"
ABOUT = "app_pages/about.py"
TODAY = dt.date.today()  # the pages check dates against the real today


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes behind every download button, by media file id (AppTest keeps no runtime after a run)."""
    stored: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    return stored


def downloaded(at: AppTest, key: str, stored: dict[str, bytes]) -> bytes:
    button = at.download_button(key=key)
    return stored[PurePosixPath(button.proto.url).stem]


@pytest.fixture
def fixture_catalogue(tmp_path, serve_catalogue) -> Path:
    """Three valid entries and one broken file."""
    directory = tmp_path / "tools_data"
    directory.mkdir()
    for number, name in enumerate(("Alpha Line", "Beta App", "Gamma Map")):
        data = valid_entry()
        data.update(name=name, url=f"https://tool{number}.example/", aliases=[], last_verified=TODAY)
        write_entry(directory, name.lower().replace(" ", "-"), data)
    write_entry(directory, "broken-entry", text="name: [unclosed\n")
    serve_catalogue(directory)
    return directory


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def plain(markdown: str) -> str:
    """Escaped Markdown as it reads on screen."""
    return re.sub(r"\\(.)", r"\1", markdown)


def inert_everywhere(at: AppTest) -> None:
    """No Markdown element allows HTML, holds an unescaped `<`, or links anywhere but http(s)."""
    for element in [*at.markdown, *at.caption]:
        assert not element.proto.allow_html
    for element in [*at.markdown, *at.caption, *at.error, *at.warning, *at.info, *at.success]:
        text = re.sub(r"(?<!\\)`[^`]*`", "", element.value)  # code spans show their text as is
        assert not re.search(r"(?<!\\)<", text), element.value
        assert not re.search(r"\]\(\s*(?!https?://)", text), element.value


# ---------------------------------------------------------------- Contribute

def fill_form(at: AppTest, name: str = "Harbour Worker Line") -> None:
    at.text_input(key="form_name").input(name)
    at.text_input(key="form_summary").input("A phone and chat line where fishing crews report abuse.")
    at.text_area(key="form_description").input("Run by a port NGO.\nCrews call or chat in four languages.")
    at.text_input(key="form_url").input("https://harbour.example/line")
    at.text_input(key="form_organisation_name").input("Harbour Rights")
    at.selectbox(key="form_organisation_type").select("ngo")
    at.selectbox(key="form_primary_purpose").select("worker_voice")
    at.multiselect(key="form_purposes").set_value(["worker_voice", "victim_identification"])
    at.multiselect(key="form_target_users").set_value(["workers_migrants"])
    at.multiselect(key="form_technologies").set_value(["hotline_sms_chat"])
    at.multiselect(key="form_exploitation_types").set_value(["forced_labour"])
    at.multiselect(key="form_developed_in").set_value(["THA"])
    at.multiselect(key="form_deployed_in").set_value(["THA", "MMR"])
    at.multiselect(key="form_languages").set_value(["th", "my"])
    at.selectbox(key="form_status").select("pilot")
    at.number_input(key="form_launched").set_value(2021)
    at.selectbox(key="form_access").select("public_free")
    at.radio(key="form_handles_personal_data").set_value("yes")
    at.text_area(key="form_sources").input("https://harbour.example/line\nhttps://news.example/harbour")


def test_filled_form_downloads_a_file_the_validator_accepts(fixture_catalogue, downloads, tmp_path):
    at = open_page(CONTRIBUTE)
    assert "download_entry_side" in [b.key for b in at.download_button]
    fill_form(at)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == ["Passes every check of the validator."] * 2  # beside the form and under it
    assert not at.error
    assert at.download_button(key="download_entry_side").label.endswith("harbour-worker-line.yaml")
    text = downloaded(at, "download_entry_side", downloads).decode("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    folder = tmp_path / "pull-request"
    folder.mkdir()
    path = folder / "harbour-worker-line.yaml"
    path.write_text(text, encoding="utf-8")
    report = validate_paths([path], today=TODAY, reference_dir=fixture_catalogue, base=folder)
    assert report.problems == [] and [tool.name for tool in report.tools] == ["Harbour Worker Line"]
    assert report.tools[0].deployed_in == ("MMR", "THA") and report.tools[0].launched == 2021


def test_errors_are_shown_next_to_the_field(fixture_catalogue):
    at = open_page(CONTRIBUTE)
    fill_form(at, name="Beta App")  # already in the fixture catalogue
    at.text_input(key="form_url").input("[x](javascript:alert(1))")
    at.text_input(key="form_organisation_website").input("<img src=x onerror=alert(1)>")
    at.run()
    messages = [e.value for e in at.error]
    assert any("same name as beta-app.yaml" in plain(m) for m in messages), messages
    assert any("must be an http(s) URL" in plain(m) for m in messages), messages
    assert at.download_button(key="download_entry_side").label.endswith("beta-app.yaml")
    summary = "\n".join(c.value for c in at.code)
    assert "[duplicate-name]" in summary and "[url-scheme]" in summary and "[duplicate-slug]" in summary
    inert_everywhere(at)


def test_form_survives_a_visit_to_another_page(fixture_catalogue):
    at = open_page(CONTRIBUTE)
    at.text_input(key="form_name").input("Harbour Worker Line").run()
    at.switch_page(ABOUT).run()
    at.switch_page(CONTRIBUTE).run()
    assert at.text_input(key="form_name").value == "Harbour Worker Line"
    at.button(key="start_over").click().run()
    assert at.text_input(key="form_name").value == ""


def test_pasted_broken_yaml_shows_the_line(fixture_catalogue):
    at = open_page(CONTRIBUTE)
    text = dump_entry(valid_entry()).replace("status: active", "status: [active")
    at.text_area(key="paste_text").input(text).run()
    assert not at.exception
    report = next(c.value for c in at.code if "[yaml-syntax]" in c.value)
    line = int(report.split(":")[0])
    assert line == text.splitlines().index("status: [active") + 2  # PyYAML notices at the next line
    assert "\n    hint: " in report
    assert any(c.value.strip() == text.strip() for c in at.code)  # the pasted text, with line numbers


def test_pasted_hostile_entry_is_inert(fixture_catalogue):
    data = valid_entry()
    data.update(name='<script>alert("pwned")</script>', url="javascript:alert(document.cookie)",
                summary="[click me](javascript:alert(1)) <img src=x onerror=alert(1)>",
                description="**bold** :red[red] $x^2$ <b>html</b>")
    text = dump_entry(data)
    at = open_page(CONTRIBUTE)
    at.text_input(key="paste_file_name").input("<script>x</script>.yaml")
    at.text_area(key="paste_text").input(text).run()
    assert not at.exception
    report = next(c.value for c in at.code if "[url-scheme]" in c.value)
    url_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("url:"))
    assert f"{url_line}:" in report and "javascript:alert(document.cookie)" in report  # shown, as text
    assert "[slug]" in report  # the file name is not a valid slug
    assert any(c.value.strip() == text.strip() for c in at.code)
    inert_everywhere(at)


def test_pasted_catalogue_entry_is_recognised_as_a_correction(fixture_catalogue):
    at = open_page(CONTRIBUTE)
    text = (fixture_catalogue / "gamma-map.yaml").read_text(encoding="utf-8")
    at.text_area(key="paste_text").input(text).run()
    assert any("correction of tools_data/gamma-map.yaml" in plain(i.value) for i in at.info), [i.value for i in at.info]
    assert [s.value for s in at.success] == ["No problems: the validator accepts this file."]


# ---------------------------------------------------------------- About

def test_about_shows_vocabulary_downloads_and_skipped_files(fixture_catalogue, downloads):
    at = open_page(ABOUT)
    tab_labels = [tab.label for tab in at.tabs]
    assert tab_labels == [VOCABULARY_TITLES[name][0] for name in FACET_LISTS]
    shown = "\n".join(m.value for m in at.markdown)
    shown_keys = re.findall(r"^- \*\*[^*]+\*\* \(`([a-z_]+)`", shown, re.M)
    assert shown_keys == [key for name in FACET_LISTS for key in load_taxonomy().keys(name)]
    keys = [b.key for b in at.download_button]
    assert "download_all_csv" in keys and "download_all_json" in keys
    payload = json.loads(downloaded(at, "download_all_json", downloads))
    assert payload["format_version"] == 1
    assert sorted(tool["name"] for tool in payload["tools"]) == ["Alpha Line", "Beta App", "Gamma Map"]
    rows = list(csv.DictReader(io.StringIO(downloaded(at, "download_all_csv", downloads).decode("utf-8"))))
    assert len(rows) == 3 and rows[0]["deployed_in"] == "KEN;QAT"
    assert any("broken-entry.yaml" in plain(e.label) for e in at.expander)
    citation = next(c.value for c in at.code if "[Data set]" in c.value)
    assert f"Data last verified {TODAY.isoformat()}" in citation
    inert_everywhere(at)


def test_about_and_contribute_render_on_the_real_catalogue(serve_catalogue):
    serve_catalogue()
    at = open_page(ABOUT)
    assert {"download_all_csv", "download_all_json"} <= {b.key for b in at.download_button}
    at.switch_page(CONTRIBUTE).run()
    assert not at.exception


def _link_buttons(at: AppTest) -> dict[str, str]:
    return {element.proto.label: element.proto.url for element in at.get("link_button")}


def test_a_finished_entry_opens_github_prefilled_when_the_repository_is_set(fixture_catalogue, repository):
    from urllib.parse import parse_qs, urlsplit

    repository("https://github.com/example-org/catalogue")
    at = open_page(CONTRIBUTE)
    fill_form(at)
    at.run()
    links = _link_buttons(at)
    pull_request = next(url for label, url in links.items() if label.startswith("Propose it on GitHub"))
    query = parse_qs(urlsplit(pull_request).query)
    assert pull_request.startswith("https://github.com/example-org/catalogue/new/main/tools_data?")
    assert query["filename"] == ["harbour-worker-line.yaml"] and "name: Harbour Worker Line" in query["value"][0]
    issue = next(url for label, url in links.items() if label.startswith("Or suggest it as an issue"))
    assert parse_qs(urlsplit(issue).query)["name"] == ["Harbour Worker Line"]
    assert any("issues/new/choose" in m.value for m in at.markdown)  # "open an issue" is a link


def test_without_a_repository_the_page_says_how_to_send_the_file(fixture_catalogue, repository):
    repository("")
    at = open_page(CONTRIBUTE)
    fill_form(at)
    at.run()
    assert not _link_buttons(at)
    assert any("repository_url" in info.value and "settings.yaml" in info.value for info in at.info)


def test_messages_name_fields_by_their_labels(fixture_catalogue):
    at = open_page(CONTRIBUTE)
    fill_form(at)
    at.selectbox(key="form_primary_purpose").select("training_capacity_building")
    at.run()
    shown = [e.value for e in at.error]
    assert any("Primary purpose" in plain(m) and "primary_purpose" not in plain(m) for m in shown), shown
