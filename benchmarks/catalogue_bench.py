"""Validate and load 300 entries (synthetic copies of the real ones); target: under 1 s. Prints figures."""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue.load import load_catalogue
from catalogue.paths import TOOLS_DIR
from catalogue.validate import entry_files, validate_paths

TARGET = 300


def make_copies(directory: Path) -> int:
    """Copies of the real entries with distinct names and URLs until there are TARGET files."""
    sources = entry_files(TOOLS_DIR)
    for index in range(TARGET):
        original = sources[index % len(sources)]
        text = original.read_text(encoding="utf-8")
        if index >= len(sources):
            lines = text.splitlines(keepends=True)
            for number, line in enumerate(lines):
                if line.startswith("name: "):
                    lines[number] = f"name: Copy {index} of {line[6:].strip()}\n"
                elif line.startswith("url: "):
                    lines[number] = f"url: https://copy-{index}.example/\n"
            text = "".join(lines)
        (directory / f"copy-{index:03d}-{original.name}").write_text(text, encoding="utf-8")
    return TARGET


def timed(function, repeats: int = 5) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "tools_data"
        directory.mkdir()
        count = make_copies(directory)
        files = entry_files(directory)
        validate_times = timed(lambda: validate_paths(files, reference_dir=None))
        load_times = timed(lambda: load_catalogue(directory))
    print(f"entries: {count} ({len(entry_files(TOOLS_DIR))} real, the rest renamed copies)")
    print(f"validate (all checks, incl. near-duplicate pairs): median {statistics.median(validate_times):.3f} s,"
          f" max {max(validate_times):.3f} s (target < 1 s)")
    print(f"load (validate + typed records):                   median {statistics.median(load_times):.3f} s,"
          f" max {max(load_times):.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
