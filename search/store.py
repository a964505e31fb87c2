"""Where the index lives: in memory, or on disk in `<key24>-<build id>/` folders (key of data + schema
in INDEX_KEY), each written as `.building-*` and renamed when complete, so no reader sees a half-written
index; unused folders go after STALE_SECONDS. An opened index is copied into memory: Whoosh memory-maps
its files, and a file truncated under a running reader killed the server (SIGBUS)."""
from __future__ import annotations

import itertools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh.fields import Schema
from whoosh.filedb.filestore import RamStorage

from catalogue.model import Tool
from search.schema import document, fingerprint

log = logging.getLogger(__name__)

KEY_FILE = "INDEX_KEY"
_builds = itertools.count()  # with time and process id, makes every build's folder name new
STALE_SECONDS = 3600


@dataclass
class Opened:
    index: windex.FileIndex  # in memory too (RamStorage): the class that has a schema
    location: Path | None  # None: in memory
    built: bool  # False when an existing on-disk index was reused
    build_seconds: float
    notice: str | None = None  # why the index is not where it was asked to be, if so


def index_key(tools: Sequence[Tool], schema: Schema) -> str:
    return fingerprint(tools, schema)


def _fill(ix: windex.Index, tools: Sequence[Tool]) -> None:
    writer = ix.writer(limitmb=256)
    try:
        for tool in tools:
            writer.add_document(**document(tool))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def build_in_memory(tools: Sequence[Tool], schema: Schema, notice: str | None = None) -> Opened:
    started = time.perf_counter()
    ix = RamStorage().create_index(schema)
    _fill(ix, tools)
    return Opened(ix, None, True, time.perf_counter() - started, notice)


def _is_ours(name: str) -> bool:
    key, _, build = name.partition("-")
    return name.startswith((".building-", ".trash-")) or (
        len(key) == 24 and set(key) <= set("0123456789abcdef") and build.isdigit())


def build_on_disk(tools: Sequence[Tool], schema: Schema, index_dir: Path, key: str) -> Opened:
    """Build into a temporary folder and rename it into place; memory if the folder is unwritable."""
    started = time.perf_counter()
    final = index_dir / f"{key[:24]}-{time.time_ns()}{os.getpid() % 1000:03d}{next(_builds) % 1000:03d}"
    building = None
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=index_dir))
        ix = windex.create_in(str(building), schema)
        _fill(ix, tools)
        ix.close()
        (building / KEY_FILE).write_text(key, encoding="utf-8")
        os.chmod(building, 0o755)  # noqa: S103 - mkdtemp makes it private; the index is not secret
        _publish(building, final)
    except OSError as error:
        return build_in_memory(tools, schema, f"Index folder {index_dir} is not writable ({error.strerror}); "
                                              "the index is in memory.")
    finally:
        if building is not None and building.exists():
            shutil.rmtree(building, ignore_errors=True)
    remove_stale(index_dir, keep=final)
    return Opened(_into_memory(final), final, True, time.perf_counter() - started)


def _publish(building: Path, final: Path) -> None:
    os.rename(building, final)  # atomic; `final` is a new name, so nothing is replaced


def _into_memory(location: Path) -> windex.FileIndex:
    storage = RamStorage()
    for path in location.iterdir():
        if path.is_file() and not path.is_symlink() and path.name != KEY_FILE:
            storage.files[path.name] = path.read_bytes()
    return storage.open_index()


def open_existing(index_dir: Path, key: str) -> tuple[windex.FileIndex, Path] | None:
    """The newest readable on-disk build for `key`, or None. Unreadable builds are removed."""
    try:
        builds = [p for p in index_dir.iterdir() if p.name.startswith(key[:24] + "-") and _is_ours(p.name)]
    except OSError:
        return None
    for location in sorted(builds, key=lambda p: int(p.name.partition("-")[2]), reverse=True):
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
        try:
            if entry != keep and _is_ours(entry.name) and entry.is_dir() and (
                    entry.name.startswith(".trash-") or entry.stat().st_mtime < cutoff):
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def index_size(location: Path | None) -> int:
    """Bytes on disk of an index folder (0 in memory)."""
    return sum(p.stat().st_size for p in location.rglob("*") if p.is_file()) if location else 0
