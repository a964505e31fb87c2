"""Speed of catalogue.analysis and of the Landscape and Gaps pages' server time. Prints figures.

    .venv/bin/python benchmarks/analysis_bench.py [--synthetic 10000] [--runs 5]

Each analysis function is timed over the bundled catalogue and over a synthetic one; the pages are
timed with Streamlit's AppTest (the same script the server runs): first run, then reruns that each
change the ILO region filter. Target (issue 4): a rerun under 150 ms at catalogue size, under 1 s at
10,000 entries.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from app_bench import synthetic_catalogue  # noqa: E402

from catalogue import analysis  # noqa: E402
from catalogue.load import load_catalogue  # noqa: E402

FUNCTIONS = {
    "count_by(purpose)": lambda tools: analysis.count_by(tools, "purpose"),
    "count_by(m49_sub_region)": lambda tools: analysis.count_by(tools, "m49_sub_region"),
    "launches_per_year": analysis.launches_per_year,
    "developed_vs_deployed": analysis.developed_vs_deployed,
    "deployment_by_country": analysis.deployment_by_country,
    "coverage_matrix": analysis.coverage_matrix,
    "need_coverage": analysis.need_coverage,
    "exploitation_coverage": analysis.exploitation_coverage,
    "gap_table": analysis.gap_table,
}


def time_functions(tools, runs: int) -> None:
    for name, function in FUNCTIONS.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            function(tools)
            times.append(time.perf_counter() - start)
        print(f"  {name:<26} median {statistics.median(times) * 1000:7.1f} ms")


def time_page(directory: Path, page: str, runs: int) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["CATALOGUE_DIR"] = str(directory)
    os.environ["CATALOGUE_INDEX_DIR"] = "memory"
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    app.switch_page(page)
    start = time.perf_counter()
    app.run()
    first = time.perf_counter() - start
    if app.exception:
        raise SystemExit(f"{page} raised: {app.exception[0].message}")
    choices = ["Africa", "Americas", "Asia and the Pacific", "Europe and Central Asia"]
    times = []
    for number in range(runs):
        region = next(m for m in app.multiselect if m.label.startswith("ILO region"))
        region.set_value([choices[number % len(choices)]])
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
    print(f"  {page:<26} first run {first:.2f} s; rerun after a filter change median "
          f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")


def measure(label: str, directory: Path, runs: int) -> None:
    tools = load_catalogue(directory).tools
    print(f"{label} ({len(tools)} entries): analysis functions")
    time_functions(tools, runs)
    print(f"{label}: page server time (AppTest)")
    for page in ("app_pages/landscape.py", "app_pages/gaps.py"):
        time_page(directory, page, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="size of the synthetic catalogue (0 to skip)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    args = parser.parse_args()
    measure("catalogue", REPO / "tools_data", args.runs)
    if args.synthetic:
        with tempfile.TemporaryDirectory() as folder:
            synthetic_catalogue(Path(folder), args.synthetic)
            measure("synthetic", Path(folder), max(2, args.runs // 2))


if __name__ == "__main__":
    main()
