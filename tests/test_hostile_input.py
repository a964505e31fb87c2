"""Hostile input never takes anything down: every reproduction of issue 9, and fuzzing.

Each test here failed before its fix: a segfault (exit 139), a traceback, a forged CI line, a link
followed, a formula left in a CSV.
"""
from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.export import export_csv, spreadsheet_safe
from catalogue.fix import dump_entry, fix_file
from catalogue.load import load_catalogue
from catalogue.model import tool_from_data
from catalogue.problems import Problem
from catalogue.validate import check_text as check_pasted
from catalogue.validate import validate_paths, validate_text
from catalogue.yamlio import MAX_DEPTH, YamlProblem, parse_yaml
from tests.support import REPO, TODAY, git, run_catalogue, valid_entry, write_entry

DEEP_FLOW = "name: " + "[" * 25000 + "]" * 25000
DEEP_BLOCK = "name: x\naliases:\n" + "- " * 20000 + "x\n"


def entry_text(**changes: object) -> str:
    data = valid_entry()
    data.update(changes)
    return dump_entry(data)


# ---------------------------------------------------------------- critical: nesting that crashed libyaml

@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK], ids=["flow", "block"])
def test_deep_nesting_is_a_positioned_error_in_the_cli(catalogue_dir, text):
    path = write_entry(catalogue_dir, "deep", text=text)
    done = run_catalogue("validate", str(path), "--dir", str(catalogue_dir))
    assert done.returncode == 1, done.stderr  # was 139: segfault in the C composer
    assert "[yaml-depth]" in done.stdout and "hint:" in done.stdout
    line = next(line for line in done.stdout.splitlines() if "[yaml-depth]" in line)
    assert ":1:1:" not in line  # the real position of the first level too deep


def test_deep_nesting_in_the_paste_box_and_the_loader(catalogue_dir):
    pasted = check_pasted("[" * 30000, "", TODAY)  # killed the Streamlit server before
    assert any(p.check in ("yaml-depth", "file-size") for p in pasted.problems)
    write_entry(catalogue_dir, "good")
    write_entry(catalogue_dir, "deep", text=DEEP_FLOW)
    result = load_catalogue(catalogue_dir, today=TODAY)
    assert [tool.slug for tool in result.tools] == ["good"]
    assert any(p.check == "yaml-depth" and p.path.endswith("deep.yaml") for p in result.problems)


def test_nesting_is_checked_before_parsing():
    with pytest.raises(YamlProblem) as raised:
        parse_yaml("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert raised.value.check == "yaml-depth" and raised.value.col > 1
    parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))  # within the limit: parsed


def test_paste_box_refuses_oversized_text_before_parsing():
    pasted = check_pasted("name: x\n" * 20000, "", TODAY)
    assert [p.check for p in pasted.problems if p.is_error] == ["file-size"]


# ---------------------------------------------------------------- high: one bad value crashed everything

BAD_VALUES = {
    "impossible-date": ("last_verified", "2024-02-30", "yaml-date"),
    "nested-language": ("languages", [["en"]], "language-code"),
    "organisation-type-list": ("organisation", {"type": ["ngo"]}, "vocabulary"),
    "aliases-number": ("aliases", 5, "type"),
    "countries-mapping": ("deployed_in", [{"a": 1}], "country-code"),
    "name-list": ("name", ["x"], "type"),
}


def _bad_text(field: str, value: object) -> str:
    text = entry_text(**{field: value})
    return text.replace("'2024-02-30'", "2024-02-30")  # the dumper quotes it; a person would not


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_bad_value_is_a_positioned_problem_everywhere(catalogue_dir, case):
    field, value, check = BAD_VALUES[case]
    text = _bad_text(field, value)
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith(field + ":"))
    bad = write_entry(catalogue_dir, "bad", text=text)
    report = validate_paths([bad], today=TODAY, reference_dir=catalogue_dir)
    assert any(p.check == check and p.line >= line for p in report.errors), report.problems
    assert not any(p.check == "internal" for p in report.problems)
    assert any(p.check == check for p in validate_text(text, "bad", TODAY))
    assert any(p.check == check for p in check_pasted(text, "bad.yaml", TODAY).problems)


def test_one_bad_file_among_forty_fails_alone(catalogue_dir):
    for number in range(39):
        write_entry(catalogue_dir, f"tool-{number}", text=entry_text(
            name=f"Tool {number}", url=f"https://t{number}.example/", aliases=[f"T{number}"]))
    write_entry(catalogue_dir, "broken", text=_bad_text("languages", [["en"]]))
    done = run_catalogue("validate", "--dir", str(catalogue_dir))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "40 files checked: 1 errors" in done.stdout
    assert len(load_catalogue(catalogue_dir, today=TODAY).tools) == 39


def test_duplicate_keys_are_an_error_at_the_second_key(catalogue_dir):
    text = entry_text().replace("status: active\n", "status: active\nstatus: inactive\n")
    second = text.splitlines().index("status: inactive") + 1
    problems = validate_text(text, "dup", TODAY)
    assert [(p.check, p.line, p.col) for p in problems if p.is_error] == [("duplicate-key", second, 1)]


def test_nul_byte_is_reported_at_its_position_with_a_hint():
    text = entry_text().replace("status: active", "status: act\0ive")
    line = text.splitlines().index("status: act\0ive") + 1
    (problem,) = [p for p in validate_text(text, "nul", TODAY) if p.is_error]
    assert (problem.check, problem.line, problem.col) == ("yaml-character", line, 12) and problem.hint


# ---------------------------------------------------------------- high: no forged line in a CI log

def test_a_forged_annotation_stays_one_escaped_line(catalogue_dir):
    forged = "x\n::error file=README.md,line=1::forged\n::stop-commands::token"
    text = entry_text() + f'"{json.dumps(forged)[1:-1]}": 1\n'
    bad = write_entry(catalogue_dir, "forged", text=text)
    done = run_catalogue("validate", str(bad), "--dir", str(catalogue_dir), "--format", "github")
    lines = done.stdout.splitlines()
    assert not any(line.startswith(("::stop-commands", "::error file=README")) for line in lines)
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 1 and "\\n::stop-commands::token" in annotations[0]


def test_every_printed_field_is_escaped():
    problem = Problem("a\nb\u202e.yaml", 1, 1, "error", "c\rd", "m\x1b[31m\n::x", "h\u2028i")
    for text, newlines in ((problem.format(), 1), (problem.github_annotation(), 0)):
        assert "\r" not in text and "\x1b" not in text and "\u202e" not in text and "\u2028" not in text
        assert text.count("\n") == newlines
    assert problem.format().splitlines()[1] == "    hint: h\\u2028i"


# ---------------------------------------------------------------- medium: links, size, git names

def test_symlinks_are_refused_never_read_nor_written(catalogue_dir, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: TOP-SECRET-VALUE\n", encoding="utf-8")
    (catalogue_dir / "outside.yaml").symlink_to(secret)
    (catalogue_dir / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (catalogue_dir / "loop.yaml").symlink_to(catalogue_dir / "loop.yaml")
    write_entry(catalogue_dir, "good")
    done = run_catalogue("validate", "--fix", "--dir", str(catalogue_dir))
    assert "TOP-SECRET-VALUE" not in done.stdout and "Traceback" not in done.stderr
    assert done.stdout.count("[symlink]") == 3
    assert secret.read_text(encoding="utf-8") == "name: TOP-SECRET-VALUE\n"  # --fix wrote nothing
    assert fix_file(catalogue_dir / "outside.yaml").skipped
    result = load_catalogue(catalogue_dir, today=TODAY)
    assert [tool.slug for tool in result.tools] == ["good"] and len(result.skipped_files) == 3


def test_a_huge_sparse_file_is_refused_without_reading_it(catalogue_dir):
    with open(catalogue_dir / "huge.yaml", "wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    write_entry(catalogue_dir, "small")

    def peak_kib(name: str) -> tuple[str, int]:
        script = ("import resource; from pathlib import Path; from catalogue.validate import validate_paths\n"
                  f"r = validate_paths([Path({str(catalogue_dir / name)!r})], reference_dir=None)\n"
                  "print((r.problems[0].check if r.problems else 'ok'), "
                  "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
        check, kib = done.stdout.split()
        return check, int(kib)

    check, huge = peak_kib("huge.yaml")
    _, small = peak_kib("small.yaml")
    assert check == "file-size" and huge - small < 20 * 1024  # reading it whole took 320 MB more


def _repo_with_one_entry(tmp_path: Path) -> tuple[Path, Path]:
    """A git repository whose main branch holds tools_data/base.yaml: (repository, tools_data)."""
    repo = tmp_path / "repo"
    tools = repo / "tools_data"
    tools.mkdir(parents=True)
    write_entry(tools, "base")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo, tools


def test_changed_finds_files_with_non_ascii_and_newline_names(tmp_path):
    repo, tools = _repo_with_one_entry(tmp_path)
    write_entry(tools, "café", text=entry_text(name="Cafe", url="https://cafe.example/"))
    write_entry(tools, "new\nline", text=entry_text(name="Newline", url="https://nl.example/"))
    done = run_catalogue("validate", "--changed", "main", "--dir", str(tools), cwd=repo)
    assert "2 changed entries since main" in done.stdout
    assert done.stdout.count("[slug]") == 2 and "new\\nline.yaml" in done.stdout


# ---------------------------------------------------------------- low: exports and shown text

def test_csv_cells_cannot_start_a_formula():
    data = valid_entry()
    data.update(name="=HYPERLINK(\"http://x\")", aliases=["+1", "@SUM(A1)", "-2"], summary="-cmd")
    csv_text = export_csv([tool_from_data("formula", data)])
    assert "'=HYPERLINK" in csv_text and "'-cmd" in csv_text and "\n=" not in csv_text
    assert spreadsheet_safe("plain") == "plain" and spreadsheet_safe(3) == 3


def test_bidi_controls_are_refused_in_entries():
    text = entry_text(summary="Reads as evil\u202elive but is not.")
    (problem,) = [p for p in validate_text(text, "bidi", TODAY) if p.is_error]
    assert problem.check == "bidi-control" and problem.line == text.splitlines().index(
        "summary: Reads as evil\u202elive but is not.") + 1


# ---------------------------------------------------------------- fuzz: nothing escapes, all bounded

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
STRUCTURES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)), max_leaves=12)


def _no_escape(text: str, catalogue_dir: Path) -> None:
    for problem in validate_text(text, "fuzz", TODAY):
        assert problem.line >= 1 and problem.col >= 1 and problem.check != "internal"
    check_pasted(text, "", TODAY)
    (catalogue_dir / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    load_catalogue(catalogue_dir, today=TODAY)


@FUZZ
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_raises(tmp_path_factory, text):
    _no_escape(text, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(field=st.sampled_from(sorted(valid_entry())), value=STRUCTURES)
def test_arbitrary_structures_in_any_field_never_raise(tmp_path_factory, field, value):
    data = valid_entry()
    data[field] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _no_escape(text, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(prefix=st.text(alphabet="[{-: ,\n\"'&*!|>#%@`", max_size=200), depth=st.integers(0, 3000))
def test_bracket_soup_is_bounded(tmp_path_factory, prefix, depth):
    text = prefix + "[" * depth + "{a: " * (depth // 3)
    _no_escape(text, tmp_path_factory.mktemp("fuzz"))


def test_validation_memory_stays_bounded():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for text in (DEEP_FLOW, DEEP_BLOCK, "a: " + "x" * 60000, "[" * 60000):
        validate_text(text, "big", TODAY)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB


# ---------------------------------------------------------------- the running app and its index

def test_app_keeps_serving_with_links_and_bad_values_in_the_folder(catalogue_dir, serve_catalogue, tmp_path):
    from streamlit.testing.v1 import AppTest

    from tests.test_app_explore_tool import APP, TIMEOUT, fixture_catalogue, texts
    fixture_catalogue(catalogue_dir)
    (catalogue_dir / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (catalogue_dir / "loop.yaml").symlink_to(catalogue_dir / "loop.yaml")
    write_entry(catalogue_dir, "bad-date", text=_bad_text("last_verified", "2024-02-30"))
    write_entry(catalogue_dir, "deep", text=DEEP_FLOW)
    serve_catalogue(catalogue_dir)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "**3 of 3 tools**" in texts(at)
    label = next(e.label for e in at.expander if "skipped" in e.label)
    for name in ("dangling.yaml", "loop.yaml", "bad-date.yaml", "deep.yaml"):
        assert name in label


def test_a_damaged_index_folder_cannot_reach_a_running_engine(tmp_path):
    from search import SearchEngine
    from tests.test_search_support import make_tool
    tools = [make_tool("first-tool", summary="A hotline for workers."),
             make_tool("second-tool", summary="An app for recruiters.")]
    engine = SearchEngine.open_or_build(tools, tmp_path)
    reopened = SearchEngine.open_or_build(tools, tmp_path)
    for path in engine.location.iterdir():
        with open(path, "r+b") as handle:  # truncating an mmapped file killed the server (SIGBUS)
            handle.truncate(0)
    assert engine.search("hotline").slugs == reopened.search("hotline").slugs == ["first-tool"]
    rebuilt = SearchEngine.open_or_build(tools, tmp_path)
    assert rebuilt.search("recruiters").slugs == ["second-tool"]


def test_pr_summary_counts_a_symlinked_entry_as_failing(tmp_path):
    from tests.test_contributing import PR_SUMMARY
    _, tools = _repo_with_one_entry(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(entry_text(name="Linked", url="https://linked.example/"), encoding="utf-8")
    (tools / "linked.yaml").symlink_to(outside)
    changes = PR_SUMMARY.collect_changes("main", tools, today=TODAY)
    (linked,) = [c for c in changes if c.slug == "linked"]
    assert linked.errors == 1 and "✅" not in PR_SUMMARY.render(changes, "main")
