"""`python -m search`: output shapes, errors, and a reference that lists every option."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.cli import PARSERS, main

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "search.md"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_is_the_stable_shape(capsys, index_dir):
    code, out, _ = run(capsys, "forced labor fishing Thailand", "--json", "--limit", "2", "--index-dir", str(index_dir))
    data = json.loads(out)
    assert code == 0 and set(data) == {"query", "total", "hits", "facets", "suggestion"}
    assert data["query"] == "forced labor fishing Thailand" and data["total"] >= 2 and len(data["hits"]) == 2
    assert all(set(hit) == {"slug", "name", "score", "snippet"} for hit in data["hits"])
    assert data["facets"]["country"]["THA"] >= 2 and data["suggestion"] is None


def test_where_years_sort_and_paging(capsys, index_dir):
    args = ["", "--json", "--where", "technology=mobile_app", "--where", "technology=chatbot",
            "--where", "ilo_region=Africa", "--sort", "name", "--limit", "3", "--offset", "1",
            "--index-dir", str(index_dir)]
    data = json.loads(run(capsys, *args)[1])
    assert 0 < len(data["hits"]) <= 3
    names = [hit["name"].casefold() for hit in data["hits"]]
    assert names == sorted(names)
    bounded = json.loads(run(capsys, "", "--json", "--years", "2010-2012", "--limit", "0", "--memory")[1])
    everything = json.loads(run(capsys, "", "--json", "--limit", "0", "--memory")[1])
    assert 0 < bounded["total"] < everything["total"]


def test_text_output_and_suggestion(capsys):
    code, out, _ = run(capsys, "trafficing hotline", "--limit", "2", "--memory")
    assert code == 0 and "tools match 'trafficing hotline'" in out
    assert "did you mean: trafficking hotline" in out and "  1. " in out and "«" in out


@pytest.mark.parametrize("argv, message", [
    (["x", "--where", "colour=red"], "unknown facet 'colour'"),
    (["x", "--where", "technology"], "needs FACET=VALUE"),
    (["x", "--years", "soon"], "--years needs FROM-TO"),
    (["x", "--dir", "/no/such/folder", "--memory"], "no catalogue folder"),
])
def test_mistakes_exit_2_with_a_message(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_build_prints_size_and_time(capsys, tmp_path):
    code, out, _ = run(capsys, "build", "--index-dir", str(tmp_path))
    assert code == 0 and out.startswith("indexed ") and " KiB at " in out and str(tmp_path) in out
    assert any(p.is_dir() for p in tmp_path.iterdir())


def test_related(capsys, index_dir):
    code, out, _ = run(capsys, "related", "golden-dreams", "--json", "--index-dir", str(index_dir))
    hits = json.loads(out)
    assert code == 0 and len(hits) == 5 and "golden-dreams" not in {h["slug"] for h in hits}
    assert "no related tools" in run(capsys, "related", "no-such-tool", "--index-dir", str(index_dir))[1]


def test_double_dash_searches_a_subcommand_word(capsys):
    code, out, _ = run(capsys, "--memory", "--limit", "1", "--", "build")
    assert code == 0 and "match 'build'" in out


def test_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "search", "hotline", "--json", "--limit", "1", "--memory"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] > 10


def test_every_cli_option_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    for name, make in PARSERS.items():
        heading = "`python -m search \"QUERY\"`" if name == "search" else f"`python -m search {name}"
        assert heading in doc, f"no section for {name} in docs/search.md"
        for action in make()._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in doc, f"{name} {option} is not in docs/search.md"


def test_every_sort_and_field_name_is_documented():
    from search import SORTS
    from search.schema import TEXT_FIELD_SYNTAX
    doc = DOC.read_text(encoding="utf-8")
    assert all(sort in doc for sort in SORTS)
    assert all(f"`{name}`" in doc or name in ("aliases", "partners", "places", "organization", "org")
               for name in TEXT_FIELD_SYNTAX)
