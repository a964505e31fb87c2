"""The contribution machinery: workflow, issue forms, pre-commit hook, guide, licences, job summary.

Each test guards a promise CONTRIBUTING.md makes to contributors or maintainers, so that the guide,
the forms and the CI cannot silently drift from the validator and the vocabulary.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from catalogue.cli import build_parser, changed_entries
from catalogue.fields import FIELDS
from catalogue.fix import dump_entry
from catalogue.paths import SCHEMA_PATH
from catalogue.problems import Problem
from catalogue.validate import validate_paths
from catalogue.vocabulary import load_taxonomy
from tests.support import REPO, TODAY, git, named_entry, run_catalogue, valid_entry, write_entry

GITHUB = REPO / ".github"
WORKFLOW = GITHUB / "workflows" / "validate.yml"
FORMS = GITHUB / "ISSUE_TEMPLATE"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
EXAMPLE = REPO / "tools_data" / "_example.yaml"
CHECK_SOURCES = (REPO / "catalogue" / "validate.py", REPO / "catalogue" / "yamlio.py")


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, GITHUB / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


PR_SUMMARY = load_script("pr_summary")


def catalogue_args(command: str) -> list[str] | None:
    """The arguments after `-m catalogue` in a shell command line, or None if it runs something else."""
    words = shlex.split(command.replace("\\\n", " "))
    for index in range(len(words) - 1):
        if words[index] == "-m" and words[index + 1] == "catalogue":
            return words[index + 2:]
    return None


# --- the pull request workflow ---------------------------------------------------------------

@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_runs_on_pull_request_with_a_read_only_token(workflow):
    triggers = workflow[True]  # PyYAML (YAML 1.1) reads the key `on` as True
    names = set(triggers) if isinstance(triggers, (dict, list)) else {triggers}
    assert "pull_request" in names and "pull_request_target" not in names
    code = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    assert not any("pull_request_target" in line for line in code)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release(workflow):
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()]
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses, "the workflow uses no action at all"
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a commit SHA"
        line = next(line for line in lines if action in line)
        assert re.search(r"#\s*v\d+\.\d+\.\d+$", line), f"{action} has no `# vX.Y.Z` release comment"


def test_workflow_checks_out_full_history_and_installs_with_hashes(workflow):
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps(workflow)]
    install = next(run for run in runs if "install" in run)
    assert "make install-test" in install or "--require-hashes" in install
    if "make install-test" in install:
        assert re.search(r"^install-test:", (REPO / "Makefile").read_text(encoding="utf-8"), re.M)


def test_workflow_validates_changed_entries_as_annotations_then_everything(workflow):
    commands = [catalogue_args(step["run"]) for step in steps(workflow) if "run" in step]
    commands = [args for args in commands if args is not None]
    parser = build_parser()
    for args in commands:
        parser.parse_args(args)  # raises SystemExit if an option no longer exists
    changed = [args for args in commands if "--changed" in args]
    assert len(changed) == 1
    assert changed[0][changed[0].index("--changed") + 1].startswith("origin/")
    assert changed[0][changed[0].index("--format") + 1] == "github"
    whole = [args for args in commands if args[0] == "validate" and "--changed" not in args]
    assert whole == [["validate"]], "the whole catalogue is not validated"
    assert any(re.search(r"python -m pytest\b", step.get("run", "")) for step in steps(workflow))


def test_whole_catalogue_step_also_fails_on_a_misnamed_entry_file(tmp_path, workflow):
    """The workflow's plain `validate` reads every file of the folder, so `x.yml` cannot pass unseen."""
    step = next(s for s in steps(workflow) if (s.get("run") or "").strip().endswith("-m catalogue validate"))
    data_dir = tmp_path / "tools_data"
    data_dir.mkdir()
    write_entry(data_dir, "fixture-helpline")
    (data_dir / "_example.yaml").write_text("not: [an entry\n", encoding="utf-8")
    command = [sys.executable, "-m", "catalogue", "validate", "--dir", str(data_dir)]
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    clean = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert clean.returncode == 0, clean.stdout
    data = valid_entry()
    data.update(name="Other Tool", url="https://other.example/", aliases=[])
    (data_dir / "other-tool.yml").write_text(dump_entry(data), encoding="utf-8")
    misnamed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert misnamed.returncode == 1, misnamed.stdout
    assert "other-tool.yml:1:1: error: entry files must end in `.yaml` [slug]" in misnamed.stdout
    assert "1 errors" in misnamed.stdout
    assert step["run"].strip() == ".venv/bin/python -m catalogue validate"


def test_workflow_writes_the_job_summary_with_the_tested_script(workflow):
    summary = next(step for step in steps(workflow) if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert ".github/scripts/pr_summary.py" in summary["run"]
    assert (GITHUB / "scripts" / "pr_summary.py").is_file()
    assert "cancelled()" in summary.get("if", ""), "the summary must also appear when validation fails"


# --- issue forms -----------------------------------------------------------------------------

def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def test_suggest_tool_form_is_generated_from_the_current_fields_and_vocabulary():
    issue_form = load_script("issue_form")
    assert issue_form.main(["--check"]) == 0, "run `python .github/scripts/issue_form.py`"
    assert yaml.safe_load(issue_form.form_text()) == form("suggest_tool.yml")


def test_dropdowns_list_exactly_the_taxonomy_labels():
    taxonomy = load_taxonomy()
    elements = {element.get("id"): element for element in form("suggest_tool.yml")["body"]}
    expected = {field.name: field for field in FIELDS if field.vocabulary}
    assert expected, "no vocabulary field found"
    for name, field in expected.items():
        dropdown = elements[name]
        assert dropdown["type"] == "dropdown"
        labels = [term.label for term in taxonomy.lists[field.vocabulary].values()]
        assert dropdown["attributes"]["options"] == labels, name
        assert dropdown["attributes"]["multiple"] is (field.kind == "terms"), name
    organisation_type = elements["organisation_type"]["attributes"]
    assert organisation_type["options"] == [t.label for t in taxonomy.lists["organisation_types"].values()]


def test_suggest_tool_form_asks_for_every_field_of_the_entry():
    ids = {element.get("id") for element in form("suggest_tool.yml")["body"]}
    maintainer_only = {"last_verified"}  # set by whoever checks the sources
    for field in FIELDS:
        if field.kind == "organisation":
            assert {"organisation_name", "organisation_type", "organisation_website"} <= ids
        elif field.name not in maintainer_only:
            assert field.name in ids, f"the form does not ask for `{field.name}`"


def test_form_generator_refuses_a_field_without_a_question(monkeypatch):
    issue_form = load_script("issue_form")
    monkeypatch.delitem(issue_form.QUESTIONS, "summary")
    with pytest.raises(KeyError, match="summary"):
        issue_form.build_form()


@pytest.mark.parametrize("name", ["suggest_tool.yml", "correction.yml"])
def test_issue_forms_follow_githubs_form_rules(name):
    data = form(name)
    assert data["name"] and data["description"] and data["body"]
    ids, labels = [], []
    for element in data["body"]:
        assert element["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        ids.append(element["id"])
        labels.append(attributes["label"])
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and len(set(options)) == len(options)
            assert all(isinstance(o, str) and o.strip() and o.lower() != "none" for o in options)
        if element["type"] == "checkboxes":
            assert all(option["label"].strip() for option in attributes["options"])
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert any(e["type"] == "checkboxes" and "personal data" in json.dumps(e) for e in data["body"])


def test_issue_template_config_parses():
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert isinstance(config["blank_issues_enabled"], bool)


# --- the guide and the field reference -------------------------------------------------------

def check_names_in_code() -> tuple[dict[str, str], dict[str, str]]:
    """Check names -> severity, read from the calls that create problems; and f-string name prefixes.

    Problem(path, line, col, severity, check, ...), EntryCheck.add(where, check, ..., severity=...)
    and YamlProblem(check, ...) / EntryFileRefused(check, ...) (always errors).
    """
    names: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for source in CHECK_SOURCES:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if function not in ("Problem", "add", "YamlProblem", "EntryFileRefused"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            index = {"Problem": 4, "add": 1, "YamlProblem": 0, "EntryFileRefused": 0}[function]
            argument = keywords.get("check", node.args[index] if len(node.args) > index else None)
            severity = keywords.get("severity", node.args[3] if function == "Problem" and len(node.args) > 3
                                    else None)
            severity = severity.value if isinstance(severity, ast.Constant) else "error"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                names[argument.value] = severity
            elif isinstance(argument, ast.JoinedStr):
                prefix = "".join(v.value for v in argument.values if isinstance(v, ast.Constant))
                prefixes[prefix] = severity
    return names, prefixes


def documented_checks() -> dict[str, str]:
    """check name -> its table row in CONTRIBUTING.md."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|(.*)$", CONTRIBUTING.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def planted_duplicate_checks(tmp_path: Path) -> set[str]:
    """The check names the validator really reports for a duplicated slug, name and URL."""
    catalogue_dir = tmp_path / "tools_data"
    catalogue_dir.mkdir()
    write_entry(catalogue_dir, "existing-tool")
    outside = tmp_path / "incoming"
    outside.mkdir()
    new = write_entry(outside, "existing-tool")  # same slug, name and url
    report = validate_paths([new], today=TODAY, reference_dir=catalogue_dir, base=tmp_path)
    return {problem.check for problem in report.problems}


def test_every_validator_check_is_explained_in_contributing(tmp_path):
    names, prefixes = check_names_in_code()
    assert len(names) >= 20, f"the check-name extractor found too few names: {sorted(names)}"
    observed = planted_duplicate_checks(tmp_path)
    for prefix, severity in prefixes.items():
        expansions = {name for name in observed if name.startswith(prefix)}
        assert expansions, f"checks named f'{prefix}...' are not exercised here: plant them"
        names.update(dict.fromkeys(expansions, severity))
    rows = documented_checks()
    missing = sorted(set(names) - set(rows))
    assert not missing, f"CONTRIBUTING.md does not explain: {missing}"
    stale = sorted(set(rows) - set(names))
    assert not stale, f"CONTRIBUTING.md explains checks the validator no longer has: {stale}"
    for name, severity in names.items():
        cells = [cell.strip() for cell in rows[name].split(" | ")]
        assert cells[0] == severity, f"{name} is a {severity}, the guide says {cells[0]}"
        assert all(len(cell) > 10 for cell in cells[1:3]), f"{name}: meaning or fix is missing"


def test_checks_marked_fix_are_really_fixed(catalogue_dir):
    data = valid_entry()
    data["purposes"] = ["worker_voice", "victim_identification", "worker_voice"]
    path = write_entry(catalogue_dir, "fixture-helpline",
                       text=dump_entry(data).split("\n", 1)[1])  # no header line either
    before = {p.check for p in validate_paths([path], today=TODAY, reference_dir=catalogue_dir).problems}
    marked = {name for name, row in documented_checks().items() if "**`--fix`**" in row}
    assert marked == {"duplicate-value", "schema-header"} and marked <= before
    run_catalogue("validate", "--fix", str(path), "--dir", str(catalogue_dir))
    after = {p.check for p in validate_paths([path], today=TODAY, reference_dir=catalogue_dir).problems}
    assert not marked & after


def test_every_field_is_documented():
    example = EXAMPLE.read_text(encoding="utf-8")
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    names = [field.name for field in FIELDS] + list(schema["properties"])
    for name in names:
        in_example = f"\n# {name} (" in example and re.search(rf"^(# )?{name}:", example, re.M)
        assert in_example or f"| `{name}` |" in guide, f"field `{name}` is documented nowhere"
    for key in schema["properties"]["organisation"]["properties"]:
        assert re.search(rf"^  (# )?{key}:", example, re.M), f"organisation.{key} is not in the example"
        assert re.search(rf"\b{key} \((required|optional)", example), f"organisation.{key} is not explained"


def test_example_comments_list_exactly_the_vocabulary():
    """The example names every allowed key, so a new vocabulary term cannot go unmentioned."""
    taxonomy = load_taxonomy()
    example = EXAMPLE.read_text(encoding="utf-8")
    for field in FIELDS:
        if not field.vocabulary or field.name == "primary_purpose":
            continue
        comment = re.search(rf"^# {field.name} \(.*?(?=^[a-z_]+:|^# [a-z_]+: )", example, re.M | re.S).group(0)
        words = set(re.findall(r"[a-z_]+", comment))
        keys = set(taxonomy.keys(field.vocabulary))
        assert keys <= words, f"{field.name}: the example does not mention {sorted(keys - words)}"
    organisation = re.search(r"^# organisation \(.*?(?=^organisation:)", example, re.M | re.S).group(0)
    assert set(taxonomy.keys("organisation_types")) <= set(re.findall(r"[a-z_]+", organisation))


def test_guide_commands_are_valid_cli_calls():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    commands = [catalogue_args(line) for block in blocks for line in block.splitlines() if line.strip()]
    commands = [args for args in commands if args is not None]
    assert {args[0] for args in commands} >= {"new", "validate"}
    for args in commands:
        build_parser().parse_args(args)


def test_guide_states_the_entry_rules():
    text = CONTRIBUTING.read_text(encoding="utf-8").lower()
    for phrase in ("own words", "last_seen_active", "dated source", "`global` only for tools open to anyone anywhere",
                   "leave optional fields out rather than guess", "no personal data about victims",
                   "organisations without a tool", "general-purpose software not adapted",
                   "acceptable sources", "## path a: in the browser", "## path b: on your computer"):
        assert phrase in text, phrase


def test_pull_request_template_is_a_checklist_of_the_rules():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").lower()
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    for phrase in ("sources", "own words", "one tool per file", "personal data about victims"):
        assert any(phrase in box for box in boxes), phrase


# --- pre-commit ------------------------------------------------------------------------------

def test_pre_commit_hook_runs_the_validator_on_changed_entries(tmp_path):
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    hook = next(h for h in local["hooks"] if catalogue_args(h["entry"]) is not None)
    assert catalogue_args(hook["entry"]) == ["validate"]
    assert hook["pass_filenames"] is True
    assert hook["files"] == r"^tools_data/.*\.yaml$"
    selected = [p for p in ("tools_data/golden-dreams.yaml", "tools_data/_example.yaml", "README.md",
                            "tools_data/notes.txt") if re.search(hook["files"], p)
                and not re.search(hook.get("exclude", "^$"), p)]
    assert selected == ["tools_data/golden-dreams.yaml"]
    # What pre-commit runs: the entry followed by the staged file names.
    good = write_entry(tmp_path, "fixture-helpline")
    data = valid_entry()
    data["status"] = "running"
    bad = write_entry(tmp_path, "fixture-broken", data)
    command = shlex.split(hook["entry"])
    interpreter = sys.executable  # the hook names .venv/bin/python; the tests run in that environment
    for path, code in ((good, 0), (bad, 1)):
        done = subprocess.run([interpreter, *command[1:], str(path)], cwd=REPO, capture_output=True, text=True)
        assert done.returncode == code, done.stdout + done.stderr


# --- licences and citation -------------------------------------------------------------------

def test_citation_cff_parses_with_the_required_keys():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["message"].strip() and citation["title"].strip()
    assert citation["authors"] and all("name" in a or "family-names" in a for a in citation["authors"])
    assert citation["type"] in ("dataset", "software")
    assert citation["license"] == "CC-BY-4.0"  # the data set; a CFF list would mean "either licence"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", citation["date-released"])


def test_licence_files():
    code = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License")
    assert "Copyright (c) 2026 The Anti-Trafficking Tech Catalogue contributors" in code
    data = (REPO / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "tools_data/" in data and "CC BY 4.0" in data
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in data


def test_changelog_records_format_version_1():
    from catalogue.export import EXPORT_FORMAT_VERSION
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## Format version {EXPORT_FORMAT_VERSION} - 2026-11-23" in text
    assert "CC BY 4.0" in text


# --- cases the CLI tests leave open ----------------------------------------------------------

def test_annotation_escapes_what_github_would_misread():
    problem = Problem("tools_data/a,b:c.yaml", 3, 5, "warning", "stale", "100% sure\nsecond line", "a hint")
    annotation = problem.github_annotation()
    assert annotation == ("::warning file=tools_data/a%2Cb%3Ac.yaml,line=3,col=5,title=stale::"
                          "100%25 sure\\nsecond line (hint: a hint)")
    assert "\n" not in annotation


def test_cli_fix_is_idempotent_and_leaves_valid_files_alone(catalogue_dir):
    canonical = write_entry(catalogue_dir, "fixture-helpline")
    before = canonical.read_bytes()
    data = valid_entry()
    data.update(name="Other Tool", url="https://other.example/", aliases=[])
    messy = write_entry(catalogue_dir, "other-tool",
                        text=dump_entry(data).replace("deployed_in: [KEN, QAT]", "deployed_in: [QAT, KEN, QAT]"))
    first = run_catalogue("validate", "--fix", "--dir", str(catalogue_dir))
    assert "other-tool.yaml: fixed:" in first.stdout and first.returncode == 0, first.stdout
    assert "fixture-helpline.yaml: fixed" not in first.stdout
    assert canonical.read_bytes() == before
    fixed = messy.read_bytes()
    second = run_catalogue("validate", "--fix", "--dir", str(catalogue_dir))
    assert "fixed:" not in second.stdout and messy.read_bytes() == fixed


def test_cli_reports_a_planted_near_duplicate_without_failing(catalogue_dir):
    write_entry(catalogue_dir, "fixture-helpline")
    data = valid_entry()
    data.update(name="Fixture Helplines", url="https://elsewhere.example/", aliases=[])
    planted = write_entry(catalogue_dir, "fixture-helplines", data)
    done = run_catalogue("validate", str(planted), "--dir", str(catalogue_dir), "--format", "github")
    assert done.returncode == 0, done.stdout
    assert "possible duplicate of fixture-helpline.yaml [possible-duplicate]" in done.stdout
    assert "::warning file=" in done.stdout and "title=possible-duplicate::" in done.stdout


@pytest.fixture
def pr_repo(tmp_path: Path) -> Path:
    """A repository whose branch `feature` changes, adds and removes entries against `main`."""
    repo = tmp_path / "repo"
    data_dir = repo / "tools_data"
    data_dir.mkdir(parents=True)
    for name in ("aaa", "bbb", "ccc", "eee"):
        write_entry(data_dir, name, named_entry(name, aliases=[]))
    (data_dir / "_example.yaml").write_text("name: example\n", encoding="utf-8")
    (repo / "README.md").write_text("readme\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "feature")
    write_entry(data_dir, "bbb", named_entry("bbb", aliases=[], summary="A changed summary."))
    git(repo, "commit", "-qam", "edit bbb")
    git(repo, "rm", "-q", "tools_data/ccc.yaml")
    git(repo, "commit", "-qm", "remove ccc")
    write_entry(data_dir, "eee", named_entry("eee", aliases=[], status="pilot"))  # modified, not committed
    added = valid_entry()
    added.update(name="[Tool ddd](https://evil.example) <b>x</b> | @someone", url="https://ddd.example/",
                 aliases=[], status="running")
    write_entry(data_dir, "ddd", added)  # untracked, and invalid
    (data_dir / "_example.yaml").write_text("name: changed example\n", encoding="utf-8")
    (data_dir / "notes.txt").write_text("not an entry\n", encoding="utf-8")
    (repo / "README.md").write_text("changed\n", encoding="utf-8")
    return repo


def test_changed_picks_exactly_the_changed_entry_files(pr_repo):
    files = changed_entries("main", pr_repo / "tools_data")
    # A misnamed file is picked too, so that the `slug` check reports it instead of it passing unseen.
    assert [path.name for path in files] == ["bbb.yaml", "ddd.yaml", "eee.yaml", "notes.txt"]


def test_job_summary_lists_added_changed_and_removed_entries(pr_repo):
    pr_summary = PR_SUMMARY
    changes = pr_summary.collect_changes("main", pr_repo / "tools_data", today=TODAY)
    assert [(c.change, c.slug, c.status, c.errors) for c in changes] == [
        ("changed", "bbb", "active", 0), ("added", "ddd", "running", 1), ("changed", "eee", "pilot", 0),
        ("removed", "ccc", "", 0), ("not an entry", "notes.txt", "", 0)]
    text = pr_summary.render(changes, "main")
    assert "1 added, 2 changed, 1 removed, 1 not an entry since `main`." in text
    assert "| not an entry | " in text and "never read" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert "| changed | Tool bbb | `bbb` | Active (`active`) | ✅ valid |" in rows
    hostile = next(row for row in rows if "`ddd`" in row)
    assert "❌ 1 error" in hostile and "not a status value" in hostile
    assert "<b>" not in hostile and "](" not in hostile and " @someone" not in hostile
    assert len(re.findall(r"(?<!\\)\|", hostile)) == 6, "the name broke out of its table cell"


def test_job_summary_script_runs_as_the_workflow_calls_it(pr_repo):
    script = GITHUB / "scripts" / "pr_summary.py"
    done = subprocess.run([sys.executable, str(script), "main", "--dir", "tools_data"], cwd=pr_repo,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("### Catalogue entries in this pull request")
    assert "`bbb`" in done.stdout and "| removed |" in done.stdout
    missing = subprocess.run([sys.executable, str(script), "no-such-revision", "--dir", "tools_data"],
                             cwd=pr_repo, capture_output=True, text=True)
    assert missing.returncode == 2 and "Could not ask git" in missing.stdout


@given(st.text())
def test_summary_cells_cannot_escape_their_cell(text):
    cell = PR_SUMMARY.cell(text)
    unescaped = re.sub(r"\\.", "", cell)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped)
    assert "\n" not in cell and "\r" not in cell
    assert len(re.sub(r"\\(.)", r"\1", cell)) <= PR_SUMMARY.MAX_CELL
