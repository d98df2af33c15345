"""Throughput and start-up of govlint, measured on this machine.

    python benchmarks/benchmark.py [--reports N] [--source DIR]

Copies the report files found in --source (default: examples/reports) until there are N of
them in a temporary directory, then times:
  1. one `govlint check` process on a single report (start-up included), best of 5;
  2. one `govlint check DIR` process over all N reports (reports per second).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "reports")
    args = parser.parse_args()
    sources = sorted(p for p in args.source.rglob("*") if p.is_file())
    if not sources:
        sys.exit(f"no report files in {args.source}")
    govlint = [sys.executable, "-m", "linter"]
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.reports):
            source = sources[number % len(sources)]
            shutil.copy(source, Path(folder) / f"{number:05d}{source.suffix}")
        single = min(_time([*govlint, "check", str(sources[0])]) for _ in range(5))
        runs = [_time([*govlint, "check", folder]) for _ in range(2)]
    best = min(runs)
    print(f"one report, whole process (best of 5): {single * 1000:.0f} ms")
    print(f"{args.reports} reports in one process: {best:.2f} s "
          f"({args.reports / best:.0f} reports/s; runs: {', '.join(f'{r:.2f}' for r in runs)}; "
          f"median {statistics.median(runs):.2f} s)")


if __name__ == "__main__":
    main()
