"""Search speed: index build time and query latency (median, p95, facet counts included) at the real
catalogue's size and at 10,000 synthetic entries, and the same queries on SQLite FTS5 as a ratio.
Targets: build < 1 s at catalogue size; p95 < 10 ms at catalogue size and < 50 ms at 10,000 entries.
Prints figures; `--quick` uses 2,000 synthetic entries and fewer rounds.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue.geography import GLOBAL, countries  # noqa: E402
from catalogue.load import load_catalogue  # noqa: E402
from catalogue.model import Tool, tool_from_data  # noqa: E402
from catalogue.vocabulary import load_taxonomy  # noqa: E402
from search import SearchEngine  # noqa: E402
from search.schema import document  # noqa: E402

SEED = 20261123
SYNTHETIC = 10_000

# A mixed set: plain needs, sentences, synonyms, other languages, typos, phrases, exclusions, field
# syntax, places, names, an empty query; a third of them also carry filters or a year range.
QUERIES = [
    ("", {}), ("hotline", {}), ("forced labour", {}), ("forced labor fishing Thailand", {}),
    ("app for migrant workers to rate recruiters", {}), ("trata de personas", {}), ("CSAM", {}),
    ("child sexual abuse material", {}), ("trafficing hotline", {}), ("supply chain due diligence", {}),
    ('"modern slavery" -UK', {}), ("technology:mobile_app workers", {}), ("name:polaris", {}),
    ("Africa hotline", {}), ("Brazil slave labour", {}), ("numéro vert traite", {}),
    ("facial recognition missing children", {}), ("recruitmnet agencies", {}), ("IOM", {}),
    ("survivor case management", {}), ("blockchain", {}), ("image hashing", {}),
    ("", {"ilo_region": ["Africa"]}), ("hotline", {"ilo_region": ["Africa", "Arab States"]}),
    ("workers", {"technology": ["mobile_app"], "purpose": ["worker_voice"]}),
    ("trafficking", {"country": ["BRA", "global"], "status": ["active"]}),
    ("victims", {"exploitation_type": ["sexual_exploitation"], "open_source": ["no"]}),
    ("data", {"four_p": ["partnership"], "m49_sub_region": ["South-eastern Asia"]}),
    ("forced labour", {"sector": ["fishing_seafood", "agriculture"]}),
]
YEARS = {3: (2010, 2020), 12: (2015, 2025), 24: (2000, 2018)}  # query index -> launch-year range


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def machine_note() -> str:
    """How busy and how fast this machine is, to read the figures by (other jobs share the CPUs)."""
    start = time.perf_counter()
    sum(i * i for i in range(1_000_000))
    loop = time.perf_counter() - start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"machine: {os.cpu_count()} CPUs, load average {load:.1f}; reference loop 1e6 squares {ms(loop)}"


def synthetic_tools(count: int, real: tuple[Tool, ...]) -> list[Tool]:
    """Deterministic fake entries: vocabulary values, real countries, words drawn from the real texts."""
    rng = random.Random(SEED)
    taxonomy = load_taxonomy()
    words = [w for tool in real for w in re.findall(r"[A-Za-z][A-Za-z'-]+", f"{tool.summary} {tool.description}")]
    codes = [code for code, c in countries().items() if c.ilo_region]

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    def some(list_name: str, most: int) -> list[str]:
        keys = taxonomy.keys(list_name)
        return sorted(set(rng.sample(keys, rng.randint(1, most))))

    tools = []
    for index in range(count):
        purposes = some("purposes", 3)
        deployed = [GLOBAL] if rng.random() < 0.08 else sorted(set(rng.sample(codes, rng.randint(1, 4))))
        data = {
            "name": f"{text(2).title()} {index}", "aliases": [text(1).upper() for _ in range(rng.randint(0, 2))],
            "summary": text(20), "description": text(rng.randint(80, 200)), "url": f"https://tool-{index}.example/",
            "organisation": {"name": f"{text(2).title()} Foundation",
                             "type": rng.choice(taxonomy.keys("organisation_types"))},
            "partners": [text(2).title() for _ in range(rng.randint(0, 2))],
            "primary_purpose": purposes[0], "purposes": purposes, "target_users": some("target_users", 3),
            "technologies": some("technologies", 3), "exploitation_types": some("exploitation_types", 2),
            "sectors": some("sectors", 2) if rng.random() < 0.5 else [],
            "developed_in": [rng.choice(codes)], "deployed_in": deployed,
            "status": rng.choice(taxonomy.keys("status")), "access": rng.choice(taxonomy.keys("access")),
            "sources": [f"https://tool-{index}.example/about"],
            "last_verified": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1000)),
            "launched": rng.randint(2000, 2025) if rng.random() < 0.8 else None,
            "source_code": "https://code.example/x" if rng.random() < 0.1 else "",
        }
        tools.append(tool_from_data(f"synthetic-{index:05d}", data))
    return tools


def build_times(tools: list[Tool], repeats: int) -> tuple[list[float], list[float], SearchEngine]:
    """Wall-clock and CPU seconds of each build (CPU time is less disturbed by other jobs)."""
    wall, cpu, engine = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        engine = SearchEngine.build(tools)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu, engine


def query_times(engine: SearchEngine, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Latency of every query, all rounds; of the first round alone (nothing cached yet); and the
    CPU time of every query."""
    every, first, cpu = [], [], []
    for round_number in range(rounds):
        for index, (text, filters) in enumerate(QUERIES):
            start, start_cpu = time.perf_counter(), time.process_time()
            engine.search(text, filters=filters, years=YEARS.get(index), limit=20)
            elapsed = time.perf_counter() - start
            cpu.append(time.process_time() - start_cpu)
            every.append(elapsed)
            if round_number == 0:
                first.append(elapsed)
    return every, first, cpu


def fts5_times(tools: list[Tool], rounds: int) -> tuple[float, list[float]]:
    """The same texts in SQLite FTS5 (porter stemming, accents removed), the same queries as plain
    FTS5 queries (all words; phrases; exclusions), every matching slug fetched in rank order. No
    facets, synonyms or typo correction: this is the lower bound of what a database gives."""
    columns = ["name", "aliases", "summary", "description", "organisation", "partners", "topics", "places"]
    weights = [6.0, 5.0, 2.0, 1.0, 2.5, 1.0, 1.5, 1.5]
    db = sqlite3.connect(":memory:")
    start = time.perf_counter()
    db.execute(f"CREATE VIRTUAL TABLE fts USING fts5(slug UNINDEXED, {', '.join(columns)}, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    rows = []
    for tool in tools:
        doc = document(tool)
        rows.append([tool.slug] + [doc.get(c, "") for c in columns])
    db.executemany(f"INSERT INTO fts VALUES ({', '.join('?' * (len(columns) + 1))})", rows)
    db.commit()
    build = time.perf_counter() - start
    rank = f"bm25(fts, 0, {', '.join(map(str, weights))})"
    times = []
    for _ in range(rounds):
        for text, _filters in QUERIES:
            match = fts5_query(text)
            start = time.perf_counter()
            if match:
                db.execute(f"SELECT slug FROM fts WHERE fts MATCH ? ORDER BY {rank}", (match,)).fetchall()
            else:
                db.execute("SELECT slug FROM fts ORDER BY name").fetchall()
            times.append(time.perf_counter() - start)
    return build, times


def fts5_query(text: str) -> str:
    parts, negatives = [], []
    for phrase in re.findall(r'(-?)"([^"]+)"', text):
        words = re.findall(r"\w+", phrase[1])
        (negatives if phrase[0] else parts).append('"' + " ".join(words) + '"')
    text = re.sub(r'-?"[^"]+"', " ", text)
    for token in text.split():
        words = re.findall(r"\w+", token.split(":")[-1])
        for word in words:
            (negatives if token.startswith("-") else parts).append(f'"{word}"')
    if not parts:
        return ""
    return " AND ".join(parts) + "".join(f" NOT {n}" for n in negatives)


def report(label: str, count: int, builds: tuple[list[float], list[float]], queries: tuple[list[float], ...],
           fts_build: float, fts: list[float], build_target: float | None, p95_target: float) -> None:
    wall, cpu = builds
    every, first, query_cpu = queries
    print(f"\n{label}: {count} tools, {len(QUERIES)} queries ({sum(1 for _, f in QUERIES if f)} with filters)")
    target = f" (target < {build_target:g} s)" if build_target else ""
    print(f"  build (in memory):   median {statistics.median(wall):.2f} s, best {min(wall):.2f} s{target};"
          f" CPU median {statistics.median(cpu):.2f} s")
    print(f"  query, facets incl.: median {ms(statistics.median(every))}, p95 {ms(percentile(every, 0.95))}"
          f" (target p95 < {p95_target * 1000:g} ms), max {ms(max(every))};"
          f" CPU median {ms(statistics.median(query_cpu))}, p95 {ms(percentile(query_cpu, 0.95))}")
    print(f"    first round only:  median {ms(statistics.median(first))}, p95 {ms(percentile(first, 0.95))}")
    print(f"  SQLite FTS5, same queries, no facets: build {fts_build:.2f} s, median {ms(statistics.median(fts))},"
          f" p95 {ms(percentile(fts, 0.95))}")
    print(f"  engine / FTS5: median x{statistics.median(every) / statistics.median(fts):.0f},"
          f" p95 x{percentile(every, 0.95) / percentile(fts, 0.95):.0f}")


def main() -> None:
    quick = "--quick" in sys.argv
    print(machine_note())
    real = load_catalogue().tools
    SearchEngine.build(real[:5])  # loads vocabulary, stemmer and country tables once, outside the timings
    wall, cpu, engine = build_times(list(real), 3 if quick else 5)
    queries = query_times(engine, 3 if quick else 10)
    fts_build, fts = fts5_times(list(real), 3 if quick else 10)
    report("Real catalogue", len(real), (wall, cpu), queries, fts_build, fts, 1.0, 0.010)

    size = 2_000 if quick else SYNTHETIC
    tools = synthetic_tools(size, real)
    wall, cpu, engine = build_times(tools, 1)
    queries = query_times(engine, 2 if quick else 5)
    fts_build, fts = fts5_times(tools, 2 if quick else 5)
    report("Synthetic", size, (wall, cpu), queries, fts_build, fts, None, 0.050)
    print(f"\n{machine_note()}")


if __name__ == "__main__":
    main()
