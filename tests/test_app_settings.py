"""Presentation settings and the links that send a contribution to the repository (issue 12)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from app_pages import settings as app_settings
from catalogue.fix import dump_entry
from tests.conftest import valid_entry

REPO = "https://github.com/example-org/catalogue"


def test_no_repository_means_no_links(repository):
    repository("")
    assert app_settings.repository() is None
    assert app_settings.edit_url("x") is None
    assert app_settings.new_file_url("x.yaml", "name: x") is None
    assert app_settings.suggest_issue_url({"name": "X"}) is None


def test_only_http_repositories_become_links(repository):
    repository("javascript:alert(1)")
    assert app_settings.repository() is None and app_settings.new_file_url("x.yaml", "y") is None


def test_new_file_link_carries_the_exact_file(repository):
    repository(REPO + "/", branch="trunk")
    text = dump_entry(valid_entry())
    url = app_settings.new_file_url("fixture-helpline.yaml", text)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/new/trunk/tools_data"
    query = parse_qs(parts.query)
    assert query["filename"] == ["fixture-helpline.yaml"] and query["value"] == [text]
    assert app_settings.edit_url("fixture-helpline") == REPO + "/edit/trunk/tools_data/fixture-helpline.yaml"


def test_too_long_a_file_gets_no_link(repository):
    repository(REPO)
    assert app_settings.new_file_url("x.yaml", "x" * 9000) is None


def test_issue_link_prefills_the_suggest_form_and_fits(repository):
    repository(REPO)
    url = app_settings.suggest_issue_url({"name": "Harbour Line", "summary": "A line.", "description": "d" * 9000})
    query = parse_qs(urlsplit(url).query)
    assert query["template"] == ["suggest_tool.yml"] and query["name"] == ["Harbour Line"]
    assert query["title"] == ["Suggest a tool: Harbour Line"]
    assert "description" not in query and len(url) <= app_settings.MAX_PREFILL_URL  # the longest field dropped


def test_issue_link_fields_exist_in_the_issue_form():
    import yaml

    from app_pages.settings import SETTINGS_PATH
    form = yaml.safe_load(
        (SETTINGS_PATH.parent / ".github/ISSUE_TEMPLATE/suggest_tool.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    source = (SETTINGS_PATH.parent / "app_pages/contribute.py").read_text(encoding="utf-8")
    fields = source.split("ISSUE_TEXT_FIELDS = (", 1)[1].split(")", 1)[0]
    for name in [part.strip().strip('"') for part in fields.replace("\n", " ").split(",") if part.strip()]:
        assert name in ids, f"{name} is not a field id of the Suggest a tool form"
    assert {"organisation_name", "organisation_website"} <= ids
