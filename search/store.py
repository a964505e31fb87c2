"""Where the index lives: in memory, or on disk under a key of data + schema, published atomically.

Layout of an index folder (default `.index/` at the repository root):
    <key24>-<build id>/          a complete index; key24 is the first 24 hex digits of the key
    <key24>-<build id>/INDEX_KEY the full key, checked on open
    .building-*/                 a build in progress (or abandoned by a crash; removed when old)
A build writes into `.building-*` and is renamed to a new `<key24>-<build id>` only when complete,
so a reader never sees a half-written index, and no folder a running process reads is ever
replaced. Folders of other keys, and older builds of the same key, are removed once unused for
STALE_SECONDS; unreadable ones at once.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh.fields import Schema
from whoosh.filedb.filestore import RamStorage

from catalogue.model import Tool
from search.schema import data_fingerprint, document, schema_fingerprint

log = logging.getLogger(__name__)

KEY_FILE = "INDEX_KEY"
_builds = itertools.count()  # with time and process id, makes every build's folder name new
STALE_SECONDS = 3600
_HEX = frozenset("0123456789abcdef")


@dataclass
class Opened:
    index: windex.Index
    location: Path | None  # None: in memory
    built: bool  # False when an existing on-disk index was reused
    build_seconds: float
    notice: str | None = None  # why the index is not where it was asked to be, if so


def index_key(tools: Sequence[Tool], schema: Schema) -> str:
    return hashlib.sha256((schema_fingerprint(schema) + data_fingerprint(tools)).encode()).hexdigest()


def _fill(ix: windex.Index, tools: Iterable[Tool]) -> None:
    writer = ix.writer(limitmb=256)
    try:
        for tool in tools:
            writer.add_document(**document(tool))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def build_in_memory(tools: Sequence[Tool], schema: Schema) -> Opened:
    started = time.perf_counter()
    ix = RamStorage().create_index(schema)
    _fill(ix, tools)
    return Opened(ix, None, True, time.perf_counter() - started)


def _is_ours(name: str) -> bool:
    key, _, build = name.partition("-")
    return name.startswith((".building-", ".trash-")) or (len(key) == 24 and set(key) <= _HEX and build.isdigit())


def _builds_of(index_dir: Path, key: str) -> list[Path]:
    """The published builds of `key`, newest first."""
    try:
        found = [p for p in index_dir.iterdir() if p.name.startswith(key[:24] + "-") and _is_ours(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: int(p.name.partition("-")[2]), reverse=True)


def build_on_disk(tools: Sequence[Tool], schema: Schema, index_dir: Path, key: str) -> Opened:
    """Build into a temporary folder and rename it into place; memory if the folder is unwritable."""
    started = time.perf_counter()
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=index_dir))
    except OSError as error:
        opened = build_in_memory(tools, schema)
        opened.notice = f"Index folder {index_dir} is not writable ({error.strerror}); the index is in memory."
        return opened
    final = index_dir / f"{key[:24]}-{time.time_ns()}{os.getpid() % 1000:03d}{next(_builds) % 1000:03d}"
    try:
        ix = windex.create_in(str(building), schema)
        _fill(ix, tools)
        ix.close()
        (building / KEY_FILE).write_text(key, encoding="utf-8")
        os.chmod(building, 0o755)  # mkdtemp makes it private; the index is not secret
        _publish(building, final)
    except OSError as error:
        opened = build_in_memory(tools, schema)
        opened.notice = f"Could not write the index to {index_dir} ({error.strerror}); the index is in memory."
        return opened
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    remove_stale(index_dir, keep=final)
    return Opened(_into_memory(final), final, True, time.perf_counter() - started)


def _publish(building: Path, final: Path) -> None:
    os.rename(building, final)  # atomic; `final` is a new name, so nothing is replaced


def _into_memory(location: Path) -> windex.Index:
    """The index at `location`, copied into memory.

    Whoosh memory-maps its files: truncating one under a running reader raised SIGBUS and killed the
    server. A catalogue index is a few megabytes, so the copy is cheap, and nothing done to the folder
    afterwards can reach the running process.
    """
    storage = RamStorage()
    for path in location.iterdir():
        if path.is_file() and not path.is_symlink() and path.name != KEY_FILE:
            storage.files[path.name] = path.read_bytes()
    return storage.open_index()


def open_existing(index_dir: Path, key: str) -> tuple[windex.Index, Path] | None:
    """The newest readable on-disk build for `key`, or None. Unreadable builds are removed."""
    for location in _builds_of(index_dir, key):
        try:
            if (location / KEY_FILE).read_text(encoding="utf-8").strip() != key:
                raise ValueError("key file does not match")
            ix = _into_memory(location)
            ix.doc_count()  # reads the table of contents: a damaged one fails here
        except Exception as error:  # whoosh raises many kinds on damaged files
            log.warning("search index at %s is unreadable (%s); removing it", location, error)
            discard(location)
            continue
        try:
            os.utime(location)  # marks it in use for the stale-folder sweep
        except OSError:
            pass
        return ix, location
    return None


def discard(location: Path) -> None:
    """Remove a build that cannot be used (best effort: it may be read-only)."""
    trash = location.with_name(f".trash-{location.name}")
    try:
        os.rename(location, trash)
        shutil.rmtree(trash, ignore_errors=True)
    except OSError:
        pass


def remove_stale(index_dir: Path, keep: Path) -> None:
    """Remove our folders other than `keep` that nobody has used for STALE_SECONDS."""
    cutoff = time.time() - STALE_SECONDS
    try:
        entries = list(index_dir.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry == keep or not _is_ours(entry.name) or not entry.is_dir():
            continue
        try:
            if entry.name.startswith(".trash-") or entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def index_size(location: Path | None) -> int:
    """Bytes on disk of an index folder (0 in memory)."""
    if location is None:
        return 0
    return sum(p.stat().st_size for p in location.rglob("*") if p.is_file())
