"""The CLI end to end, as a contributor or CI runs it."""
import csv
import io
import json

from catalogue.cli import main
from catalogue.fix import dump_entry
from tests.support import git, named_entry, run_catalogue, valid_entry, write_entry


def test_validate_exit_codes_and_format(catalogue_dir):
    good = write_entry(catalogue_dir, "good")
    assert run_catalogue("validate", str(good), "--dir", str(catalogue_dir)).returncode == 0
    data = valid_entry()
    data.update(name="Other", url="https://other.example/", status="running")
    bad = write_entry(catalogue_dir, "bad", data)
    done = run_catalogue("validate", str(bad), "--dir", str(catalogue_dir))
    assert done.returncode == 1
    line = dump_entry(data).splitlines().index("status: running") + 1
    assert f"bad.yaml:{line}:9: error: `running` is not a value of status [vocabulary]" in done.stdout
    assert "1 files checked: 1 errors" in done.stdout


def test_github_annotations(catalogue_dir):
    data = valid_entry()
    data["status"] = "running"
    bad = write_entry(catalogue_dir, "bad", data)
    done = run_catalogue("validate", str(bad), "--dir", str(catalogue_dir), "--format", "github")
    annotation = next(line for line in done.stdout.splitlines() if line.startswith("::error "))
    assert annotation.startswith("::error file=")
    assert "bad.yaml,line=" in annotation and ",col=9,title=vocabulary::" in annotation


def test_new_writes_a_template_and_refuses_to_overwrite(catalogue_dir):
    assert main(["new", "Golden Dreams", "--dir", str(catalogue_dir)]) == 0
    path = catalogue_dir / "golden-dreams.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'name: "Golden Dreams"' in text
    for name in ("summary", "purposes", "deployed_in", "sources", "last_verified", "# licence"):
        assert f"\n{name}:" in text or f"\n{name}" in text
    assert main(["new", "Golden Dreams", "--dir", str(catalogue_dir)]) == 1
    assert path.read_text(encoding="utf-8") == text


def test_new_template_becomes_valid_once_filled(catalogue_dir):
    main(["new", "Fixture Helpline", "--dir", str(catalogue_dir)])
    path = catalogue_dir / "fixture-helpline.yaml"
    text = path.read_text(encoding="utf-8")
    done = run_catalogue("validate", str(path), "--dir", str(catalogue_dir))
    assert done.returncode == 1  # empty summary, no purposes: the template is not a valid entry yet
    filled = text.replace('summary: ""', "summary: A test line.").replace(
        'description: ""', "description: A test paragraph.").replace("url: https://\n", "url: https://x.example/\n")
    filled = filled.replace("  name: \"\"", "  name: Test Org").replace("  type: other", "  type: ngo")
    for field, value in (("purposes", "[worker_voice]"), ("target_users", "[workers_migrants]"),
                         ("technologies", "[mobile_app]"), ("exploitation_types", "[forced_labour]"),
                         ("developed_in", "[KEN]"), ("deployed_in", "[KEN]")):
        filled = filled.replace(f"\n{field}: []", f"\n{field}: {value}")
    filled = filled.replace("primary_purpose: other", "primary_purpose: worker_voice")
    filled = filled.replace("  - https://\n", "  - https://x.example/\n")
    path.write_text(filled, encoding="utf-8")
    done = run_catalogue("validate", str(path), "--dir", str(catalogue_dir))
    assert done.returncode == 0, done.stdout


def test_export_json_and_csv(catalogue_dir, tmp_path):
    write_entry(catalogue_dir, "good")
    done = run_catalogue("export", "--format", "json", "--dir", str(catalogue_dir))
    payload = json.loads(done.stdout)
    record = payload["tools"][0]
    assert record["slug"] == "good" and record["deployed_ilo_regions"] == ["Africa", "Arab States"]
    assert record["organisation"]["name"] == "Fixture Org"
    out = tmp_path / "all.csv"
    assert run_catalogue("export", "--format", "csv", "--out", str(out), "--dir", str(catalogue_dir)).returncode == 0
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["deployed_in"] == "KEN;QAT" and row["organisation_type"] == "ngo"


def test_stats(catalogue_dir):
    write_entry(catalogue_dir, "good")
    done = run_catalogue("stats", "--dir", str(catalogue_dir))
    assert "entries: 1" in done.stdout
    assert "Arab States" in done.stdout and "optional fields filled" in done.stdout


def test_changed_picks_exactly_the_changed_files(tmp_path):
    repo = tmp_path / "repo"
    data_dir = repo / "tools_data"
    data_dir.mkdir(parents=True)
    for name in ("aaa", "bbb", "ccc"):
        write_entry(data_dir, name, named_entry(name))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "feature")
    write_entry(data_dir, "bbb", named_entry("bbb", summary="Changed summary."))
    git(repo, "commit", "-qam", "edit bbb")
    write_entry(data_dir, "ddd", named_entry("ddd"))  # untracked
    done = run_catalogue("validate", "--changed", "main", "--dir", str(data_dir), cwd=repo)
    assert done.returncode == 0, done.stdout
    assert "2 changed entries since main" in done.stdout
    assert "2 files checked" in done.stdout
