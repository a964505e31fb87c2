"""The Contribute form's logic: form values -> an entry the CLI accepts; problems tied to the right field."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app_pages.entry_form import (
    NO,
    NOT_STATED,
    SCOPE_GLOBAL,
    YES,
    build_draft,
    build_entry,
    country_options,
    form_defaults,
    format_problem,
    is_still_empty,
    language_label,
    language_options,
    problems_by_field,
    slug_of,
    split_lines,
    still_empty_fields,
    widget_of,
)
from catalogue.fields import FIELDS
from catalogue.fix import fix_file
from catalogue.geography import countries
from catalogue.load import load_catalogue
from catalogue.paths import REPO_DIR, SCHEMA_HEADER
from tests.conftest import TODAY, write_entry

REQUIRED = [spec.name for spec in FIELDS if spec.required]


def filled_form(today: dt.date = TODAY) -> dict:
    """What a contributor types and picks: every field, some in a messy but valid form."""
    values = form_defaults(today)
    values.update(
        name="  Harbour   Worker Line ",
        aliases="HWL\n\n  HWL  \nHarbour Line",
        summary="A phone and chat line where   fishing crews report abuse.",
        description="Run by a port NGO since 2019.\n\n  Crews call or chat in four languages.  ",
        url="HTTPS://Harbour.Example/line",
        organisation_name="Harbour Rights",
        organisation_type="ngo",
        organisation_website="https://harbour.example/",
        partners="Port Authority",
        primary_purpose="worker_voice",
        purposes=["worker_voice", "victim_identification"],
        target_users=["workers_migrants"],
        technologies=["hotline_sms_chat", "chatbot"],
        exploitation_types=["forced_labour"],
        sectors=["fishing_seafood"],
        developed_in=["THA"],
        deployed_in=["THA", "MMR", "KHM"],
        languages=["th", "en", "my"],
        status="active",
        launched=2019,
        access="public_free",
        licence="proprietary",
        survivor_informed=NOT_STATED,
        handles_personal_data=YES,
        sources="https://harbour.example/line\nhttps://news.example/harbour-line",
        last_verified=today,
    )
    return values


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalogue", *args], cwd=REPO_DIR, capture_output=True,
                          text=True, timeout=120)


# ---------------------------------------------------------------- a filled form passes the CLI

def test_filled_form_gives_a_file_the_cli_accepts(tmp_path):
    today = dt.date.today()  # the CLI checks dates against the real today
    draft = build_draft(filled_form(today), today)
    assert draft.errors == [] and draft.warnings == []
    assert draft.slug == "harbour-worker-line" and draft.file_name == "harbour-worker-line.yaml"
    folder = tmp_path / "tools_data"
    folder.mkdir()
    path = folder / draft.file_name
    path.write_text(draft.text, encoding="utf-8")
    done = run_cli("validate", str(path), "--dir", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 files checked: 0 errors, 0 warnings" in done.stdout


def test_filled_form_is_already_canonical(tmp_path):
    draft = build_draft(filled_form(), TODAY)
    assert draft.text.startswith(SCHEMA_HEADER + "\n")
    path = write_entry(tmp_path, draft.slug, text=draft.text)
    assert fix_file(path, write=False).changes == []  # `validate --fix` would change nothing


def test_form_values_are_cleaned_as_fix_would():
    data = build_entry(filled_form())
    assert data["name"] == "Harbour Worker Line"
    assert data["aliases"] == ["HWL", "Harbour Line"]
    assert data["summary"] == "A phone and chat line where fishing crews report abuse."
    assert data["description"] == "Run by a port NGO since 2019.\nCrews call or chat in four languages."
    assert data["url"] == "https://harbour.example/line"
    assert data["organisation"] == {"name": "Harbour Rights", "type": "ngo", "website": "https://harbour.example/"}
    assert data["purposes"] == ["victim_identification", "worker_voice"]
    assert data["deployed_in"] == ["KHM", "MMR", "THA"]
    assert data["languages"] == ["en", "my", "th"]
    assert data["handles_personal_data"] is True and "survivor_informed" not in data
    assert "discontinued" not in data and "source_code" not in data
    assert list(data) == [spec.name for spec in FIELDS if spec.name in data]  # schema order


def test_text_parses_back_to_the_data():
    draft = build_draft(filled_form(), TODAY)
    assert yaml.safe_load(draft.text) == draft.data


def test_global_scope_replaces_the_countries():
    values = filled_form()
    values["deployment_scope"] = SCOPE_GLOBAL
    draft = build_draft(values, TODAY)
    assert draft.data["deployed_in"] == ["global"] and draft.errors == []


def test_yes_no_questions():
    values = filled_form()
    values.update(survivor_informed=NO, handles_personal_data=NOT_STATED)
    data = build_entry(values)
    assert data["survivor_informed"] is False and "handles_personal_data" not in data


# ---------------------------------------------------------------- missing or wrong values name the field

@pytest.mark.parametrize("name", REQUIRED)
def test_missing_required_value_is_a_problem_naming_the_field(name):
    values = filled_form()
    if name == "organisation":
        values.update(organisation_name="", organisation_type=None, organisation_website="")
    else:
        values[name] = form_defaults(TODAY)[name] if name != "last_verified" else None
    draft = build_draft(values, TODAY)
    missing = [p for p in draft.errors if p.check == "missing-field"]
    assert [p.message for p in missing] == [f"missing required field `{name}`"]
    expected_field = "organisation_name" if name == "organisation" else name
    assert widget_of(missing[0]) == expected_field


def test_empty_form_reports_every_required_field():
    draft = build_draft(form_defaults(TODAY), TODAY)
    named = {p.message.split("`")[1] for p in draft.errors if p.check == "missing-field"}
    assert named == set(REQUIRED) - {"last_verified"}  # the date starts as today
    assert any(p.check == "slug" for p in draft.errors)  # no name, so no file name either


def test_missing_organisation_type_points_at_its_widget():
    values = filled_form()
    values["organisation_type"] = None
    draft = build_draft(values, TODAY)
    [problem] = draft.errors
    assert "`organisation.type`" in problem.message
    assert widget_of(problem) == "organisation_type"


@pytest.mark.parametrize("change, check, form_field", [
    ({"url": "javascript:alert(1)"}, "url-scheme", "url"),
    ({"organisation_website": "ftp://harbour.example/"}, "url-scheme", "organisation_website"),
    ({"sources": "https://harbour.example/line\nfile:///etc/passwd"}, "url-scheme", "sources"),
    ({"primary_purpose": "data_research"}, "primary-purpose", "primary_purpose"),
    ({"summary": "x" * 201}, "length", "summary"),
    ({"licence": "GPL"}, "licence", "licence"),
    ({"launched": 2020, "discontinued": 2018, "status": "inactive"}, "year-range", "discontinued"),
    ({"last_verified": dt.date(2027, 1, 1)}, "date-future", "last_verified"),
    ({"slug": "日本"}, "slug", "slug"),
])
def test_wrong_value_is_reported_next_to_its_widget(change, check, form_field):
    values = filled_form()
    values.update(change)
    draft = build_draft(values, TODAY)
    found = [p for p in draft.errors if p.check == check]
    assert found, [format_problem(p) for p in draft.problems]
    assert {widget_of(p) for p in found} == {form_field}
    assert found[0] in problems_by_field(draft)[form_field]


def test_stale_date_is_a_warning_not_an_error():
    values = filled_form()
    values["last_verified"] = TODAY - dt.timedelta(days=900)
    draft = build_draft(values, TODAY)
    assert draft.errors == [] and [p.check for p in draft.warnings] == ["stale"]


def test_same_name_or_url_as_a_catalogue_entry_is_a_duplicate(tmp_path):
    write_entry(tmp_path, "harbour-line", build_entry(filled_form()))
    existing = load_catalogue(tmp_path, today=TODAY).tools
    assert [tool.slug for tool in existing] == ["harbour-line"]
    values = filled_form()
    values["name"] = "HARBOUR worker-line"
    draft = build_draft(values, TODAY, existing)
    checks = {p.check: p for p in draft.errors}
    assert set(checks) == {"duplicate-name", "duplicate-url"}
    assert "harbour-line.yaml" in checks["duplicate-name"].message
    assert draft.text.splitlines()[checks["duplicate-url"].line - 1].startswith("url:")
    values["slug"] = "harbour-line"
    assert "duplicate-slug" in {p.check for p in build_draft(values, TODAY, existing).errors}


# ---------------------------------------------------------------- untrusted text stays data

@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=80), st.text(max_size=80))
def test_no_typed_text_can_add_a_field_or_break_the_file(name, summary):
    values = filled_form()
    values.update(name=name, summary=summary, aliases=name)
    draft = build_draft(values, TODAY)
    assert not {p.check for p in draft.problems} & {"yaml-syntax", "unknown-field", "not-mapping"}
    parsed = yaml.safe_load(draft.text)
    assert set(parsed) == set(draft.data)
    if "name" in draft.data:
        assert parsed["name"] == draft.data["name"] == " ".join(name.split())


def test_hostile_text_is_kept_as_plain_text():
    values = filled_form()
    values.update(name='<script>alert("x")</script>\nstatus: inactive', summary="[click](javascript:alert(1))")
    draft = build_draft(values, TODAY)
    parsed = yaml.safe_load(draft.text)
    assert parsed["name"] == '<script>alert("x")</script> status: inactive'
    assert parsed["status"] == "active"
    assert draft.errors == []  # text may say anything; only links are restricted


# ---------------------------------------------------------------- choices offered

def test_countries_are_every_code_ordered_by_name():
    options = country_options()
    assert sorted(options) == sorted(countries())
    names = [countries()[code].name.casefold() for code in options]
    assert names == sorted(names)


def test_languages_are_the_validators_codes_with_names():
    options = language_options()
    assert "en" in options and "sw" in options
    assert language_label("sw").startswith("Swahili") and language_label("sw").endswith("(sw)")
    names = [language_label(code).casefold() for code in options]
    assert names == sorted(names)


def test_slug_and_lines_helpers():
    assert slug_of({"name": "Día de la Mujer – Línea 24h"}) == "dia-de-la-mujer-linea-24h"
    assert slug_of({"name": "x", "slug": "My_Tool"}) == "my-tool"
    assert split_lines("a\n\n b \na\r\nc") == ["a", "b", "c"]


def test_duplicates_are_found_in_the_real_catalogue():
    existing = load_catalogue().tools
    draft = build_draft(filled_form(), TODAY, existing)
    assert not [p for p in draft.errors if p.check.startswith("duplicate")]
    values = filled_form()
    values["name"] = existing[0].name.upper()
    found = [p for p in build_draft(values, TODAY, existing).errors if p.check == "duplicate-name"]
    assert [p.message for p in found] == [f"same name as {existing[0].slug}.yaml"]


def test_only_missing_values_count_as_still_empty():
    empty = build_draft(form_defaults(TODAY), TODAY)
    assert {p.check for p in empty.errors if is_still_empty(p, empty)} == {"missing-field", "slug"}
    values = filled_form()
    values.update(slug="日本", url="ftp://x.example/")
    typed = build_draft(values, TODAY)
    assert [p.check for p in typed.errors if not is_still_empty(p, typed)] == ["url-scheme"]
    assert typed.slug == "" and [p.check for p in typed.errors if is_still_empty(p, typed)] == ["slug"]


def test_still_empty_fields_are_named_in_field_order():
    empty = build_draft(form_defaults(TODAY), TODAY)
    assert still_empty_fields(empty) == [name for name in REQUIRED if name != "last_verified"]
    values = filled_form()
    values["organisation_type"] = None
    assert still_empty_fields(build_draft(values, TODAY)) == ["organisation.type"]
    assert still_empty_fields(build_draft(filled_form(), TODAY)) == []
