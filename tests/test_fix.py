import shutil

from catalogue.fix import dump_entry, fix_file
from catalogue.paths import SCHEMA_HEADER, TOOLS_DIR
from catalogue.validate import entry_files
from tests.conftest import valid_entry, write_entry

MESSY = """name:   Fixture Helpline
summary: "A test   helpline used only by the test suite.  "
url: HTTPS://FIXTURE.Example/helpline
description: >
  Exists only in tests.   It lets the suite
  check every validation rule.
organisation: {type: ngo, name: Fixture Org}
primary_purpose: worker_voice
purposes: [worker_voice, victim_identification, worker_voice]
target_users: [workers_migrants]
technologies: [hotline_sms_chat]
exploitation_types: [forced_labour]
developed_in: [KEN]
deployed_in: [QAT, KEN, QAT]
status: active
access: public_free
sources: [https://fixture.example/b, https://fixture.example/a, https://fixture.example/b]
last_verified: 2026-10-01
"""


def test_fix_rewrites_mechanical_problems(catalogue_dir):
    path = write_entry(catalogue_dir, "fixture-helpline", text=MESSY)
    result = fix_file(path)
    assert result.changed and not result.skipped
    text = path.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_HEADER + "\nname: Fixture Helpline\nsummary: A test helpline")
    assert "purposes: [victim_identification, worker_voice]" in text
    assert "deployed_in: [KEN, QAT]" in text
    assert "url: https://fixture.example/helpline" in text
    # sources keep their order (the organisation's own page first), duplicates go
    assert text.index("fixture.example/b") < text.index("fixture.example/a")
    assert text.count("fixture.example/b") == 1
    assert "organisation:\n  name: Fixture Org\n  type: ngo" in text


def test_fix_is_idempotent(catalogue_dir):
    path = write_entry(catalogue_dir, "fixture-helpline", text=MESSY)
    fix_file(path)
    once = path.read_bytes()
    assert fix_file(path).changes == []
    assert path.read_bytes() == once


def test_fix_leaves_canonical_files_byte_identical(catalogue_dir):
    path = write_entry(catalogue_dir, "fixture-helpline", valid_entry())
    before = path.read_bytes()
    assert fix_file(path).changes == []
    assert path.read_bytes() == before


def test_fix_leaves_the_bundled_catalogue_byte_identical(tmp_path):
    copy = tmp_path / "tools_data"
    shutil.copytree(TOOLS_DIR, copy)
    for path in entry_files(copy):
        before = path.read_bytes()
        result = fix_file(path)
        assert result.changes == [] and path.read_bytes() == before, (path.name, result.changes)


def test_fix_never_touches_a_file_it_cannot_parse(catalogue_dir):
    text = "name: [unclosed\npurposes: [b, a]\n"
    path = write_entry(catalogue_dir, "broken", text=text)
    result = fix_file(path)
    assert result.skipped and path.read_text(encoding="utf-8") == text


def test_fix_keeps_meaning_of_long_descriptions(catalogue_dir):
    data = valid_entry()
    data["description"] = ("A long description with a colon: and quotes \"here\" and # hash " * 20).strip()
    path = write_entry(catalogue_dir, "fixture-helpline", text=dump_entry(data))
    import yaml
    assert yaml.safe_load(path.read_text())["description"] == data["description"]
    assert fix_file(path).changes == []


def test_example_entry_is_valid_under_a_real_slug(catalogue_dir):
    from catalogue.validate import validate_paths
    from tests.conftest import TODAY
    text = (TOOLS_DIR / "_example.yaml").read_text(encoding="utf-8")
    path = write_entry(catalogue_dir, "example-worker-helpline", text=text)
    report = validate_paths([path], today=TODAY, reference_dir=catalogue_dir)
    assert report.errors == [], [p.format() for p in report.errors]
