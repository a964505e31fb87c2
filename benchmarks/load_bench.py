"""How many users one server process serves: N concurrent sessions against `streamlit run` on the real data.

    .venv/bin/python benchmarks/load_bench.py [--sessions 1 10 25] [--rounds 3] [--port 8599]

Each simulated session speaks Streamlit's own WebSocket protocol (the BackMsg / ForwardMsg protobufs
the browser sends and receives), so the server does exactly the work a browser causes, without ten
Chromium tabs competing for the two cores. A session repeats a round of three interactions, each a
permalink the app documents (docs/permalinks.md): type a query, add a filter, open a tool. The time of
an interaction is from sending the rerun to the server's `script_finished` message: server time plus
loopback, not browser drawing time. For each N a fresh server is started, so its peak memory (VmHWM)
and CPU seconds (utime + stime from /proc) belong to that N alone. Linux only; loopback only.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalogue.load import load_catalogue  # noqa: E402

QUERIES = ("forced labour fishing", "hotline for migrant workers", "child sexual abuse images", "supply chain",
           "recruitment fees", "case management for survivors", "trafficking data", "domestic workers")
REGIONS = ("Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe and Central Asia")
TIMEOUT_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = dict(os.environ, CATALOGUE_INDEX_DIR="memory")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.enableStaticServing", "true"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer /_stcore/health within 60 s")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def interactions(number: int, slugs: list[str]) -> list[tuple[str, str]]:
    """(page name, query string) of one round: search, filter, open a tool; varied per session."""
    query = QUERIES[number % len(QUERIES)].replace(" ", "+")
    region = REGIONS[number % len(REGIONS)].replace(" ", "+")
    return [("", f"q={query}"), ("", f"q={query}&ilo_region={region}"),
            ("tool", f"tool={slugs[number % len(slugs)]}")]


async def rerun(ws, page_name: str, query: str) -> float:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page_name
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT_SECONDS))
        if reply.WhichOneof("type") == "script_finished":
            return time.perf_counter() - started


async def one_session(port: int, number: int, rounds: int, slugs: list[str], times: list[float]) -> None:
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=30) as ws:
        await rerun(ws, "", "")  # the first visit, not counted: it includes loading the page
        for _ in range(rounds):
            for page_name, query in interactions(number, slugs):
                times.append(await rerun(ws, page_name, query))


async def load(port: int, sessions: int, rounds: int, slugs: list[str]) -> list[float]:
    times: list[float] = []
    await asyncio.gather(*(one_session(port, n, rounds, slugs, times) for n in range(sessions)))
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 25], help="concurrent sessions")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of three interactions per session")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    args = parser.parse_args()
    slugs = [tool.slug for tool in load_catalogue().tools]
    print(f"catalogue: {len(slugs)} tools; {args.rounds} rounds of (query, filter, tool) per session")
    print(f"{'sessions':>8} {'interactions':>12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'per s':>7} {'CPU s':>7} {'peak MB':>8}")
    for sessions in args.sessions:
        port = args.port or free_port()
        server = start_server(port)
        try:
            before = cpu_seconds(server.pid)
            started = time.perf_counter()
            times = asyncio.run(load(port, sessions, args.rounds, slugs))
            wall = time.perf_counter() - started
            cpu = cpu_seconds(server.pid) - before
            peak = peak_memory_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"{sessions:>8} {len(times):>12} {1000 * statistics.median(times):>8.0f} "
              f"{1000 * percentile(times, 0.95):>8.0f} {1000 * max(times):>8.0f} {len(times) / wall:>7.1f} "
              f"{cpu:>7.1f} {peak:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
