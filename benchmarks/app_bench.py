"""App speed: server time of a rerun after a filter change, and first render in a real browser.

    .venv/bin/python benchmarks/app_bench.py [--synthetic 10000] [--runs 20] [--no-browser]

Targets (issue 4): a rerun after a filter change under 150 ms of server time at catalogue size and
under 1 s at 10,000 synthetic entries; first page rendered in a real browser under 3 s.
Server time is measured with Streamlit's AppTest, which runs the same script the server runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalogue.fix import dump_entry  # noqa: E402
from catalogue.geography import countries  # noqa: E402
from catalogue.vocabulary import load_taxonomy  # noqa: E402

WORDS = ("hotline app workers migrants recruitment fishing garment supply chain survivors police data map training "
         "images online child exploitation labour reporting referral case platform risk helpline analysis").split()


def synthetic_catalogue(directory: Path, count: int, seed: int = 7) -> None:
    """`count` valid, varied, obviously fictional entries (for speed only; never shipped)."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy()
    codes = sorted(code for code, c in countries().items() if c.ilo_region)
    for number in range(count):
        purposes = rng.sample(taxonomy.keys("purposes"), 2)
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        entry = {
            "name": f"Synthetic Tool {number}",
            "summary": f"Synthetic benchmark entry {number} about {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
            "description": f"Synthetic entry for benchmarks. {words}.",
            "url": f"https://synthetic.example/{number}",
            "organisation": {"name": f"Synthetic Org {number % 500}",
                             "type": rng.choice(taxonomy.keys("organisation_types"))},
            "primary_purpose": purposes[0],
            "purposes": sorted(purposes),
            "target_users": sorted(rng.sample(taxonomy.keys("target_users"), 2)),
            "technologies": sorted(rng.sample(taxonomy.keys("technologies"), 2)),
            "exploitation_types": [rng.choice([k for k in taxonomy.keys("exploitation_types") if k != "all_forms"])],
            "developed_in": [rng.choice(codes)],
            "deployed_in": sorted(rng.sample(codes, 3)),
            "status": rng.choice(taxonomy.keys("status")),
            "launched": rng.randint(2000, 2025),
            "access": rng.choice(taxonomy.keys("access")),
            "sources": [f"https://synthetic.example/{number}"],
            "last_verified": dt.date(2026, 1, 1),
        }
        (directory / f"synthetic-tool-{number}.yaml").write_text(dump_entry(entry), encoding="utf-8")


SCRIPT_TIMES: list[float] = []


def _time_script_runs() -> None:
    """Record how long the server spends running the script, without AppTest's polling around it."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original = ScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            SCRIPT_TIMES.append(time.perf_counter() - start)

    ScriptRunner._run_script = timed


def rerun_times(directory: Path, runs: int) -> tuple[float, list[float]]:
    """Server time of the first run (loads and indexes) and of reruns that each change a filter, in seconds."""
    from streamlit.testing.v1 import AppTest

    if not SCRIPT_TIMES:
        _time_script_runs()
    SCRIPT_TIMES.clear()

    os.environ["CATALOGUE_DIR"] = str(directory)
    os.environ["CATALOGUE_INDEX_DIR"] = "memory"
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    app.run()
    first = sum(SCRIPT_TIMES)
    if app.exception:
        raise SystemExit(f"app raised: {app.exception[0].message}")
    region = next(m for m in app.multiselect if m.label.startswith("ILO region"))
    choices = ["Africa", "Americas", "Asia and the Pacific", "Europe and Central Asia"]
    times = []
    for number in range(runs):
        region = next(m for m in app.multiselect if m.label.startswith("ILO region"))
        region.set_value([choices[number % len(choices)]])
        SCRIPT_TIMES.clear()
        app.run()
        times.append(sum(SCRIPT_TIMES))
    return first, times


BARE_APP = 'import streamlit as st\nst.title("Bare")\nst.caption("one")\nst.caption("two")\n'


def _serve(app_dir: Path, script: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ)
    env.pop("CATALOGUE_DIR", None)
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                                "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--browser.gatherUsageStats", "false"], cwd=app_dir, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    return process, url


def _first_visit(browser, url: str, results) -> float:
    """Seconds from navigation to `results(page)` returning, in a fresh context (an empty browser cache)."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url + "/")
    results(page)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def _our_results(page) -> None:
    # Results visible: the count and the first result's text are on screen.
    page.get_by_text(" of ").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").nth(1).wait_for(timeout=60_000)


def _bare_results(page) -> None:
    page.locator("[data-testid='stCaptionContainer']").nth(1).wait_for(timeout=60_000)


def browser_first_render(runs: int = 3) -> dict[str, list[float]] | None:
    """First visits in a fresh browser context: right after the server starts, with a warm server, and
    the same for a bare Streamlit page (two captions), the floor any Streamlit app starts from here."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"right after the server starts": [], "warm server": [],
                                     "bare Streamlit page, warm server": []}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as bare_dir:
        (Path(bare_dir) / "app.py").write_text(BARE_APP, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            process, url = _serve(REPO, "app.py")
            try:
                times["right after the server starts"].append(_first_visit(browser, url, _our_results))
                for _ in range(2):
                    times["warm server"].append(_first_visit(browser, url, _our_results))
            finally:
                process.terminate()
                process.wait(timeout=10)
        process, url = _serve(Path(bare_dir), "app.py")
        try:
            _first_visit(browser, url, _bare_results)
            for _ in range(runs * 2):
                times["bare Streamlit page, warm server"].append(_first_visit(browser, url, _bare_results))
        finally:
            process.terminate()
            process.wait(timeout=10)
        browser.close()
    return times


def report(label: str, first: float, times: list[float], target_ms: float) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(times)
    verdict = "meets" if p95 * 1000 < target_ms else "MISSES"
    print(f"{label}: first run {first:.2f} s; rerun after a filter change median {median * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms ({verdict} the {target_ms:.0f} ms target)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="size of the synthetic catalogue (0 to skip)")
    parser.add_argument("--runs", type=int, default=20, help="reruns measured per catalogue")
    parser.add_argument("--no-browser", action="store_true", help="skip the real-browser measurement")
    args = parser.parse_args()

    first, times = rerun_times(REPO / "tools_data", args.runs)
    count = len([p for p in (REPO / "tools_data").glob("*.yaml") if not p.name.startswith("_")])
    report(f"catalogue ({count} entries)", first, times, 150)
    if args.synthetic:
        with tempfile.TemporaryDirectory() as folder:
            synthetic_catalogue(Path(folder), args.synthetic)
            first, times = rerun_times(Path(folder), max(5, args.runs // 4))
            report(f"synthetic ({args.synthetic} entries)", first, times, 1000)
    if not args.no_browser:
        renders = browser_first_render()
        if renders is None:
            print("browser: skipped, chromium is not installed")
        else:
            targets = {"right after the server starts": 3.0, "warm server": 1.0}
            for label, values in renders.items():
                target = f" (target {targets[label]:.0f} s)" if label in targets else " (for comparison)"
                print(f"browser, first visit in a fresh context, {label}: results visible: median "
                      f"{statistics.median(values):.2f} s, max {max(values):.2f} s{target}")


if __name__ == "__main__":
    main()
