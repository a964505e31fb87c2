"""Where the index lives: in memory, or on disk under a key of data + schema, published atomically.

Layout of an index folder (default `.index/` at the repository root):
    <key>/            a complete index; its name is the first 24 hex digits of the key
    <key>/INDEX_KEY   the full key, checked on open
    .building-*/      a build in progress (or abandoned by a crash; removed when old)
A build writes into `.building-*` and is renamed to `<key>` only when complete, so a reader never
sees a half-written index. Other keys' folders are removed once unused for STALE_SECONDS.
"""
from __future__ import annotations

import hashlib
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
STALE_SECONDS = 3600


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
    final = index_dir / key[:24]
    try:
        ix = windex.create_in(str(building), schema)
        _fill(ix, tools)
        ix.close()
        (building / KEY_FILE).write_text(key, encoding="utf-8")
        os.chmod(building, 0o755)  # mkdtemp makes it private; the index is not secret
        _publish(building, final)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        opened = build_in_memory(tools, schema)
        opened.notice = f"Could not write the index to {index_dir} ({error.strerror}); the index is in memory."
        return opened
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    _remove_stale(index_dir, keep=final)
    return Opened(windex.open_dir(str(final)), final, True, time.perf_counter() - started)


def _publish(building: Path, final: Path) -> None:
    try:
        os.rename(building, final)
        return
    except OSError:
        if not final.exists():
            raise
    # Something is already there: a corrupt index being replaced, or the same build by another process.
    trash = final.with_name(f".trash-{final.name}-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(final, trash)
    except OSError:
        if not final.exists():
            raise
    os.rename(building, final)
    shutil.rmtree(trash, ignore_errors=True)


def open_existing(index_dir: Path, key: str) -> windex.Index | None:
    """The on-disk index for `key`, or None when it is missing or unreadable."""
    final = index_dir / key[:24]
    try:
        if (final / KEY_FILE).read_text(encoding="utf-8").strip() != key:
            return None
        ix = windex.open_dir(str(final))
        ix.doc_count()  # touch the table of contents: a corrupt one fails here
    except Exception as error:  # whoosh raises many kinds on damaged files
        if final.exists():
            log.warning("search index at %s is unreadable (%s); rebuilding", final, error)
        return None
    try:
        os.utime(final)  # marks it in use for the stale-folder sweep
    except OSError:
        pass
    return ix


def _remove_stale(index_dir: Path, keep: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    try:
        entries = list(index_dir.iterdir())
    except OSError:
        return
    for entry in entries:
        ours = entry.name.startswith((".building-", ".trash-")) or (
            len(entry.name) == 24 and all(c in "0123456789abcdef" for c in entry.name))
        if entry == keep or not ours or not entry.is_dir():
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
