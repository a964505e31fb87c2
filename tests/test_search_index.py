"""The on-disk index: reused while data and schema are unchanged, rebuilt otherwise, never half-written."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from whoosh.fields import Schema

import search.schema
import search.store
from search import SearchEngine
from search.schema import build_schema
from search.store import KEY_FILE, index_key
from tests.support import in_threads, make_tool

TOOLS = [make_tool("first-tool", summary="A hotline for workers."),
         make_tool("second-tool", summary="An app for recruiters.")]


def key_dirs(index_dir: Path) -> list[Path]:
    return sorted(p for p in index_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_first_open_builds_then_reuses(tmp_path):
    first = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert first.built and first.location is not None and first.location.parent == tmp_path
    assert (first.location / KEY_FILE).read_text() == index_key(TOOLS, build_schema())
    second = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert not second.built and second.location == first.location
    assert second.search("hotline").slugs == first.search("hotline").slugs == ["first-tool"]
    assert first.size_bytes > 0 and key_dirs(tmp_path) == [first.location]


def test_changed_data_gets_a_new_index(tmp_path):
    old = SearchEngine.open_or_build(TOOLS, tmp_path)
    changed = TOOLS + [make_tool("third-tool", summary="Another hotline.")]
    new = SearchEngine.open_or_build(changed, tmp_path)
    assert new.built and new.location != old.location
    assert new.search("hotline").total == 2
    # A changed field of an existing entry is a change too.
    edited = [TOOLS[0], make_tool("second-tool", summary="An app for employers.")]
    assert SearchEngine.open_or_build(edited, tmp_path).built


def test_changed_schema_gets_a_new_index(tmp_path, monkeypatch):
    old = SearchEngine.open_or_build(TOOLS, tmp_path)
    monkeypatch.setattr(search.schema, "INDEX_FORMAT", search.schema.INDEX_FORMAT + 1)
    new = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert new.built and new.location != old.location


def _damage(location: Path) -> None:
    for path in location.iterdir():
        if path.name != KEY_FILE:
            path.write_bytes(b"\x00garbage" * 3)


@pytest.mark.parametrize("damage", ["truncate", "no key file", "wrong key", "empty folder"])
def test_missing_or_corrupt_index_is_rebuilt(tmp_path, damage):
    location = SearchEngine.open_or_build(TOOLS, tmp_path).location
    if damage == "truncate":
        _damage(location)
    elif damage == "no key file":
        (location / KEY_FILE).unlink()
    elif damage == "wrong key":
        (location / KEY_FILE).write_text("0" * 64)
    else:
        shutil.rmtree(location)
        location.mkdir()
    engine = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert engine.built and engine.search("recruiters").slugs == ["second-tool"]
    assert not location.exists()  # an unreadable build is removed at once
    assert key_dirs(tmp_path) == [engine.location]
    assert not any(p.name.startswith((".building-", ".trash-")) for p in tmp_path.iterdir())


def test_an_index_of_other_tools_under_the_right_key_is_rebuilt(tmp_path):
    other = [make_tool("someone-else")]
    built = SearchEngine.open_or_build(other, tmp_path).location
    key = index_key(TOOLS, build_schema())
    shutil.copytree(built, tmp_path / f"{key[:24]}-1")
    (tmp_path / f"{key[:24]}-1" / KEY_FILE).write_text(key)
    engine = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert engine.built and engine.tool_count == 2


def test_unwritable_location_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    engine = SearchEngine.open_or_build(TOOLS, blocker / "index")
    assert engine.location is None and "not writable" in engine.notice
    assert engine.search("hotline").slugs == ["first-tool"]


def test_a_failed_write_leaves_nothing_half_written(tmp_path, monkeypatch):
    def fail(building, final):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search.store, "_publish", fail)
    engine = SearchEngine.build(TOOLS, index_dir=tmp_path)
    assert engine.location is None and "No space left" in engine.notice
    assert list(tmp_path.iterdir()) == []
    assert engine.search("app").slugs == ["second-tool"]


def test_a_rebuild_never_replaces_a_folder_in_use(tmp_path):
    first = SearchEngine.build(TOOLS, index_dir=tmp_path)
    again = SearchEngine.build(TOOLS, index_dir=tmp_path)  # same key: a new folder, the old one kept
    assert again.location != first.location and first.location.exists()
    assert SearchEngine.open_or_build(TOOLS, tmp_path).location == again.location  # the newest is used
    assert first.search("hotline").slugs == again.search("hotline").slugs == ["first-tool"]


def test_concurrent_builders_agree(tmp_path):
    engines, errors = in_threads(lambda: SearchEngine.open_or_build(TOOLS, tmp_path))
    assert not errors and len(engines) == 4
    assert all(e.search("hotline").slugs == ["first-tool"] for e in engines)
    assert 1 <= len(key_dirs(tmp_path)) <= 4  # each racing builder publishes its own complete folder
    assert not any(p.name.startswith(".building-") for p in tmp_path.iterdir())


def test_stale_indexes_are_removed_once_unused(tmp_path):
    old = SearchEngine.open_or_build([make_tool("old-tool")], tmp_path).location
    recent = SearchEngine.open_or_build([make_tool("recent-tool")], tmp_path).location
    abandoned = tmp_path / ".building-crashed"
    abandoned.mkdir()
    long_ago = time.time() - search.store.STALE_SECONDS - 60
    for path in (old, abandoned):
        os.utime(path, (long_ago, long_ago))
    current = SearchEngine.open_or_build(TOOLS, tmp_path).location
    assert not old.exists() and not abandoned.exists()
    assert recent.exists() and current.exists()  # used within the hour: kept for running readers
    (tmp_path / "notes").mkdir()  # not ours: never touched
    SearchEngine.build(TOOLS, index_dir=tmp_path)
    assert (tmp_path / "notes").exists()


def test_memory_build_touches_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    engine = SearchEngine.build(TOOLS)
    assert engine.location is None and engine.notice is None and engine.size_bytes == 0
    assert list(tmp_path.iterdir()) == []


def test_schema_has_the_fields_the_issue_asks_for():
    schema: Schema = build_schema()
    names = set(schema.names())
    assert {"slug", "name", "summary", "description", "organisation", "topics"} <= names  # name holds aliases
    assert schema["slug"].unique and schema["slug"].stored  # facets, places and years: search.docset


def test_an_index_missing_some_tools_under_the_right_key_is_rebuilt(tmp_path):
    partial = SearchEngine.open_or_build(TOOLS[:1], tmp_path).location
    key = index_key(TOOLS, build_schema())
    shutil.copytree(partial, tmp_path / f"{key[:24]}-1")
    (tmp_path / f"{key[:24]}-1" / KEY_FILE).write_text(key)
    engine = SearchEngine.open_or_build(TOOLS, tmp_path)
    assert engine.built and engine.tool_count == 2 and not (tmp_path / f"{key[:24]}-1").exists()


def test_related_facets_are_facets():
    from catalogue.facets import FACET_BY_KEY
    from search.engine import RELATED_FACETS
    assert set(RELATED_FACETS) <= set(FACET_BY_KEY)


def test_open_or_build_without_a_folder_keeps_the_index_in_memory():
    from catalogue.load import load_catalogue
    from search import SearchEngine

    tools = load_catalogue().tools[:5]
    engine = SearchEngine.open_or_build(tools, None)
    assert engine.tool_count == 5
    assert engine.search("").total == 5


def test_the_index_key_is_the_same_in_every_process():
    # Whoosh's analyzer repr lists stop words in hash-seed order: with it in the key, every server
    # start computed a new key and rebuilt the index (and left the old folder behind).
    import subprocess
    import sys
    script = ("from search.schema import build_schema, fingerprint; from tests.test_search_index import TOOLS; "
              "print(fingerprint(TOOLS, build_schema()))")
    keys = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, cwd=Path(__file__).parent.parent
                           ).stdout.strip() for seed in ("1", "2", "3")}
    assert len(keys) == 1, keys
