"""Every validation rule: a valid fixture passes, and an invalid one fails with its message and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.fix import dump_entry
from catalogue.load import load_catalogue
from catalogue.validate import (
    FALLBACK_SLUG,
    PASTE_MAX_CHARS,
    check_text,
    comparable_name,
    comparable_url,
    validate_paths,
    validate_text,
)
from tests.support import TODAY, valid_entry, write_entry


def check(directory: Path, paths: list[Path]):
    return validate_paths(paths, today=TODAY, reference_dir=directory, base=directory)


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def test_valid_entry_has_no_problems(catalogue_dir):
    path = write_entry(catalogue_dir, "fixture-helpline")
    report = check(catalogue_dir, [path])
    assert report.problems == []
    assert [tool.slug for tool in report.tools] == ["fixture-helpline"]


def test_minimal_entry_with_required_fields_only_is_valid(catalogue_dir):
    data = {k: v for k, v in valid_entry().items() if k in (
        "name", "summary", "description", "url", "organisation", "primary_purpose", "purposes",
        "target_users", "technologies", "exploitation_types", "developed_in", "deployed_in", "status",
        "access", "sources", "last_verified")}
    report = check(catalogue_dir, [write_entry(catalogue_dir, "minimal", data)])
    assert report.errors == []


# (mutation of the valid entry, check name, words in the message, text on the reported line)
FIELD_CASES = [
    (lambda d: d.pop("name"), "missing-field", "missing required field `name`", None),
    (lambda d: d.update(colour="red"), "unknown-field", "unknown field `colour`", "colour:"),
    (lambda d: d.update(summry="x"), "unknown-field", "unknown field `summry`", "summry:"),
    (lambda d: d.update(summary="x" * 201), "length", "201 characters", "summary:"),
    (lambda d: d.update(description="y" * 2001), "length", "2001 characters", "description:"),
    (lambda d: d.update(name=42), "type", "`name` must be text", "name:"),
    (lambda d: d.update(url="javascript:alert(1)"), "url-scheme", "must be an http(s) URL", "url:"),
    (lambda d: d.update(url="ftp://fixture.example/"), "url-scheme", "must be an http(s) URL", "url:"),
    (lambda d: d["sources"].append("file:///etc/passwd"), "url-scheme", "http(s)", "file:///etc/passwd"),
    (lambda d: d.update(purposes=["worker_voice", "worker_voise"]), "vocabulary",
     "`worker_voise` is not a value of purposes", "purposes:"),
    (lambda d: d.update(status="running"), "vocabulary", "`running` is not a value of status", "status:"),
    (lambda d: d["organisation"].update(type="charity"), "vocabulary", "organisation_types", "type: charity"),
    (lambda d: d["organisation"].pop("type"), "missing-field", "`organisation.type`", "organisation:"),
    (lambda d: d["organisation"].update(boss="x"), "unknown-field", "`organisation.boss`", "boss:"),
    (lambda d: d.update(primary_purpose="data_research"), "primary-purpose", "not listed in `purposes`",
     "primary_purpose:"),
    (lambda d: d.update(deployed_in=["global", "KEN"]), "global-alone", "`global` with countries", "deployed_in:"),
    (lambda d: d.update(developed_in=["global"]), "country-code", "'global' is not an ISO", "developed_in:"),
    (lambda d: d.update(deployed_in=["KE"]), "country-code", "'KE' is not an ISO 3166-1 alpha-3", "deployed_in:"),
    (lambda d: d.update(deployed_in=["XYZ"]), "country-code", "'XYZ'", "deployed_in:"),
    (lambda d: d.update(languages=["english"]), "language-code", "not an ISO 639-1", "languages:"),
    (lambda d: d.update(launched=1985), "year-range", "outside 1990..2026", "launched:"),
    (lambda d: d.update(launched=2030), "year-range", "outside 1990..2026", "launched:"),
    (lambda d: d.update(launched="2015"), "type", "must be a year", "launched:"),
    (lambda d: d.update(launched=2021, discontinued=2019), "year-range", "before `launched`", "discontinued:"),
    (lambda d: d.update(licence="GPL3"), "licence", "not an SPDX licence identifier", "licence:"),
    (lambda d: d.update(survivor_informed="yes please"), "type", "must be true or false", "survivor_informed:"),
    (lambda d: d.update(last_verified="2026-13-40"), "type", "must be a date", "last_verified:"),
    (lambda d: d.update(last_verified=TODAY.replace(day=24)), "date-future", "in the future", "last_verified:"),
    (lambda d: d.update(technologies=[]), "missing-field", "needs at least one value", "technologies:"),
    (lambda d: d.update(target_users="workers_migrants"), "type", "must be a list", "target_users:"),
    (lambda d: d.update(sectors=["agriculture", "agriculture"]), "duplicate-value", "twice", "sectors:"),
]


@pytest.mark.parametrize("mutate, check_name, message, line_text", FIELD_CASES)
def test_each_rule_reports_message_and_line(catalogue_dir, mutate, check_name, message, line_text):
    data = valid_entry()
    mutate(data)
    text = dump_entry(data)
    path = write_entry(catalogue_dir, "fixture-helpline", text=text)
    report = check(catalogue_dir, [path])
    found = [p for p in report.errors if p.check == check_name]
    assert found, f"expected a {check_name} error, got {[p.format() for p in report.problems]}"
    assert message in found[0].message
    expected_line = line_of(text, line_text) if line_text else 2  # a missing field: the mapping's first line
    assert found[0].line == expected_line
    assert report.tools == []


def test_a_field_with_nothing_after_it_counts_as_left_out():
    data = valid_entry()
    data.pop("launched", None)
    text = dump_entry(data).replace("status: active", "status:") + "launched:\n"
    problems = validate_text(text, "fixture-helpline", TODAY)
    assert [(p.check, p.field) for p in problems] == [("missing-field", "status")]


def test_each_item_of_a_url_list_must_be_a_url():
    data = valid_entry()
    data["sources"] = ["https://fixture.example/a", None, 7]
    problems = validate_text(dump_entry(data), "fixture-helpline", TODAY)
    assert [p.message for p in problems] == ["each of `sources` must be a URL, not empty",
                                             "each of `sources` must be a URL, not a number"]


def test_country_hints_name_the_alpha3_code(catalogue_dir):
    data = valid_entry()
    data["deployed_in"] = ["KE", "tha"]
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", data)])
    hints = [p.hint for p in report.errors if p.check == "country-code"]
    assert any("KEN" in hint for hint in hints)
    assert any("THA" in hint for hint in hints)


def test_norway_written_as_no_gets_a_yaml_hint(catalogue_dir):
    text = dump_entry(valid_entry()).replace("deployed_in: [KEN, QAT]", "deployed_in: [NO]")
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", text=text)])
    assert any("NOR" in p.hint for p in report.errors)


def test_vocabulary_error_suggests_the_closest_key(catalogue_dir):
    data = valid_entry()
    data["technologies"] = ["mobile-app"]
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", data)])
    assert "did you mean `mobile_app`?" in report.errors[0].hint


def test_stale_last_verified_is_a_warning_not_an_error(catalogue_dir):
    data = valid_entry()
    data["last_verified"] = TODAY.replace(year=2024, month=1)
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", data)])
    assert report.errors == []
    assert [p.check for p in report.warnings] == ["stale"]
    assert len(report.tools) == 1


def test_every_problem_is_reported_in_one_run(catalogue_dir):
    data = valid_entry()
    data.update(status="running", url="javascript:x", launched=1900)
    data.pop("summary")
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", data)])
    assert {p.check for p in report.errors} >= {"vocabulary", "url-scheme", "year-range", "missing-field"}


# File-level rules: (file text, check, message, line, column)
FILE_CASES = [
    ("name: [unclosed\nsummary: x\n", "yaml-syntax", "YAML syntax error", 2, 8),
    ("name: Fine\nsummary: a: b\n", "yaml-syntax", "mapping values are not allowed", 2, 11),
    ("name: !!python/object:os.system x\n", "yaml-tag", "is not allowed", 1, 7),
    ("name: !custom x\n", "yaml-tag", "is not allowed", 1, 7),
    ("name: &a x\naliases: [*a]\n", "yaml-alias", "anchors and aliases", 1, 7),
    ("- a list\n- not a mapping\n", "not-mapping", "must be a mapping", 1, 1),
]


@pytest.mark.parametrize("text, check_name, message, line, col", FILE_CASES)
def test_file_level_rules(catalogue_dir, text, check_name, message, line, col):
    report = check(catalogue_dir, [write_entry(catalogue_dir, "broken", text=text)])
    problem = next(p for p in report.errors if p.check == check_name)
    assert message in problem.message
    assert (problem.line, problem.col) == (line, col)


def test_syntax_error_with_colon_gets_a_quoting_hint(catalogue_dir):
    report = check(catalogue_dir, [write_entry(catalogue_dir, "broken", text="summary: a: b\n")])
    assert "double quotes" in report.errors[0].hint


def test_non_utf8_file_reports_the_byte_position(catalogue_dir):
    path = catalogue_dir / "latin.yaml"
    path.write_bytes(b"name: ok\nsummary: caf" + b"\xe9\n")
    problem = check(catalogue_dir, [path]).errors[0]
    assert (problem.check, problem.line, problem.col) == ("encoding", 2, 13)


def test_oversized_file_is_refused(catalogue_dir):
    path = write_entry(catalogue_dir, "huge", text="name: x\n" + "# padding\n" * 7000)
    assert check(catalogue_dir, [path]).errors[0].check == "file-size"


def test_slug_must_be_lowercase_hyphenated(catalogue_dir):
    path = write_entry(catalogue_dir, "Fixture_Helpline")
    assert [p.check for p in check(catalogue_dir, [path]).errors] == ["slug"]


def test_missing_schema_header_is_a_warning(catalogue_dir):
    text = dump_entry(valid_entry()).split("\n", 1)[1]
    report = check(catalogue_dir, [write_entry(catalogue_dir, "fixture-helpline", text=text)])
    assert report.errors == []
    assert [p.check for p in report.warnings] == ["schema-header"]


def test_duplicate_names_and_urls_across_files(catalogue_dir):
    first = write_entry(catalogue_dir, "aaa-first")
    data = valid_entry()
    data["name"] = "fixture   HELPLINE!"
    data["url"] = "http://www.Fixture.example/helpline/"
    second = write_entry(catalogue_dir, "bbb-second", data)
    report = check(catalogue_dir, [first, second])
    assert {(p.path, p.check) for p in report.errors} == {
        ("bbb-second.yaml", "duplicate-name"), ("bbb-second.yaml", "duplicate-url")}
    assert [tool.slug for tool in report.tools] == ["aaa-first"]


def test_new_file_is_compared_with_the_whole_catalogue(catalogue_dir):
    write_entry(catalogue_dir, "aaa-first")
    outside = catalogue_dir.parent / "incoming"
    outside.mkdir()
    new = write_entry(outside, "zzz-new")
    report = check(catalogue_dir, [new])
    assert any(p.check == "duplicate-name" and "aaa-first.yaml" in p.message for p in report.errors)


def test_near_duplicate_is_a_warning_naming_the_file(catalogue_dir):
    write_entry(catalogue_dir, "golden-dreams")
    data = valid_entry()
    data.update(name="Fixture Helplines", url="https://other.example/", aliases=[])
    planted = write_entry(catalogue_dir, "fixture-helplines", data)
    report = check(catalogue_dir, [planted])
    assert report.errors == []
    warning = next(p for p in report.warnings if p.check == "possible-duplicate")
    assert "golden-dreams.yaml" in warning.message


def test_comparable_forms():
    assert comparable_name("Safe Car-Wash  App!") == comparable_name("safe car wash app")
    assert comparable_url("https://www.Example.org/path/") == comparable_url("http://example.org/path")
    assert comparable_url("https://example.org/a") != comparable_url("https://example.org/b")


# ---------------------------------------------------------------- validate_text (text not on disk)

def test_validate_text_reports_what_the_file_check_reports(catalogue_dir):
    data = valid_entry()
    data.update(status="running", url="javascript:alert(1)")
    path = write_entry(catalogue_dir, "fixture-helpline", data)
    on_disk = check(catalogue_dir, [path]).problems
    in_memory = validate_text(path.read_text(encoding="utf-8"), "fixture-helpline", TODAY)
    assert {(p.line, p.col, p.check, p.message) for p in in_memory} == \
        {(p.line, p.col, p.check, p.message) for p in on_disk}
    assert {p.path for p in in_memory} == {"fixture-helpline.yaml"}


def test_validate_text_accepts_a_valid_entry_and_checks_the_slug():
    text = dump_entry(valid_entry())
    assert validate_text(text, "fixture-helpline", TODAY) == []
    assert [p.check for p in validate_text(text, "Bad Slug", TODAY)] == ["slug"]


@pytest.mark.parametrize("text, check, line", [
    ("name: [unclosed\n", "yaml-syntax", 2),
    ("name: x\n\tsummary: y\n", "yaml-syntax", 2),
    ("name: \ud800\n", "encoding", 1),
    ("x" * 70_000, "file-size", 1),
    ("[" * 5000, "yaml-depth", 1),
    ("", "not-mapping", 1),
])
def test_validate_text_never_raises_on_broken_text(text, check, line):
    problems = validate_text(text, "pasted", TODAY)
    assert problems and problems[0].check == check and problems[0].line == line


def test_a_misnamed_file_in_the_folder_is_reported_not_skipped(catalogue_dir):
    from catalogue.validate import entry_files, validate_paths

    write_entry(catalogue_dir, "good")
    (catalogue_dir / "oops.yml").write_text((catalogue_dir / "good.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (catalogue_dir / "_example.yaml").write_text("name: x\n", encoding="utf-8")
    files = entry_files(catalogue_dir)
    assert [p.name for p in files] == ["good.yaml", "oops.yml"]
    report = validate_paths(files, today=TODAY, reference_dir=None, base=catalogue_dir)
    assert [(p.path, p.check) for p in report.errors if p.check == "slug"] == [("oops.yml", "slug")]


# ---------------------------------------------------------------- translations (issue 13)

def test_translations_are_checked_like_the_english_texts():
    from catalogue.fix import dump_entry
    from tests.conftest import valid_entry
    data = valid_entry()
    data["translations"] = {"fr": {"summary": "Une ligne d'aide."},
                            "es": {"summary": "Una línea.", "description": "Texto."}}
    assert validate_text(dump_entry(data), "fixture-helpline", TODAY) == []
    data["translations"] = {"de": {"summary": "Eine Linie."}, "fr": {"sumary": "x"}, "es": {"summary": "x" * 201}}
    checks = sorted(p.check for p in validate_text(dump_entry(data), "fixture-helpline", TODAY))
    assert checks == ["length", "missing-field", "unknown-field", "unknown-field"]


def test_translations_reach_the_tool_and_the_exports():
    from catalogue.export import export_csv
    from catalogue.model import tool_from_data
    from tests.conftest import valid_entry
    data = valid_entry()
    data["translations"] = {"fr": {"summary": "Une ligne d'aide."}}
    tool = tool_from_data("x", data)
    assert tool.translation("fr").summary == "Une ligne d'aide." and tool.translation("es") is None
    assert tool.to_dict()["translations"] == {"fr": {"summary": "Une ligne d'aide."}}
    header, row = export_csv([tool]).splitlines()[:2]
    assert "summary_fr" in header and "summary_es" in header and "Une ligne d'aide." in row


# ---------------------------------------------------------------- check_text: pasted files (the Contribute page)

def test_pasted_broken_yaml_reports_its_line():
    text = dump_entry(valid_entry()).replace("status: active", "status: [active")
    line = text.splitlines().index("status: [active") + 1
    check = check_text(text, "fixture-helpline.yaml", TODAY)
    [problem] = check.errors
    assert problem.check == "yaml-syntax" and problem.line >= line
    assert problem.format().startswith(f"fixture-helpline.yaml:{problem.line}:{problem.col}: error: YAML syntax error")
    assert "\n    hint: " in problem.format()


def test_pasted_hostile_entry_gets_its_link_rejected_at_its_line():
    data = valid_entry()
    data.update(name="<script>alert(1)</script>", url="javascript:alert(document.cookie)")
    text = dump_entry(data)
    check = check_text(text, "", TODAY)
    [problem] = check.errors
    assert problem.check == "url-scheme"
    assert text.splitlines()[problem.line - 1].startswith("url:")
    assert check.slug == "script-alert-1-script"  # made from the name, as `new` would


def test_pasted_file_name_is_checked_like_a_file_name():
    text = dump_entry(valid_entry())
    assert check_text(text, "fixture-helpline.yaml", TODAY).problems == ()
    assert check_text(text, "C:\\Users\\me\\fixture-helpline.yaml", TODAY).slug == "fixture-helpline"
    assert [p.check for p in check_text(text, "fixture-helpline.yml", TODAY).errors] == ["slug"]
    assert [p.check for p in check_text(text, "Fixture Helpline.yaml", TODAY).errors] == ["slug"]


def test_pasted_catalogue_entry_is_checked_as_a_correction(tmp_path):
    write_entry(tmp_path, "fixture-helpline")
    existing = load_catalogue(tmp_path, today=TODAY).tools
    text = dump_entry(valid_entry())
    as_correction = check_text(text, "", TODAY, existing)
    assert as_correction.corrects == "fixture-helpline" and as_correction.problems == ()
    as_new_file = check_text(text, "another-helpline.yaml", TODAY, existing)
    assert as_new_file.corrects == ""
    assert {p.check for p in as_new_file.errors} == {"duplicate-name", "duplicate-url"}


@pytest.mark.parametrize("text", ["", "   ", "- a\n- b\n", "!!python/object:os.system ls", "&a [*a]", "{" * 3000,
                                  "name: \ud800", "\x00\x01"])
def test_pasted_garbage_never_raises(text):
    check = check_text(text, "", TODAY)
    assert check.errors and check.slug == FALLBACK_SLUG


def test_very_long_paste_is_cut_and_said_so():
    check = check_text("name: x\n" + "#" * (PASTE_MAX_CHARS + 10), "x.yaml", TODAY)
    assert check.truncated and any(p.check == "file-size" for p in check.errors)
