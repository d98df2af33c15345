"""Time and peak memory of `govlint check` on one very large text file (issue 13: linear in size).

    python benchmarks/bigfile.py [--mb 1 10 50] [--source DIR]

Writes a file of each size made of the reports in --source (default: examples/reports) one after
another, repeated, to a temporary directory, and runs one `govlint check --format concise` process
on it: wall time, CPU time and the process's peak resident memory, with the load average (other
jobs on the machine slow every figure). The goal is a 50 MB file in under a minute and 1 GB.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def big_text(source: Path, megabytes: float) -> bytes:
    reports = [path.read_bytes() for path in sorted(source.iterdir()) if path.is_file()]
    block = b"\n".join(reports) + b"\n"
    return block * max(1, round(megabytes * 1_000_000 / len(block)))


def measure(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one check of `path`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "linter", "check", "--format", "concise", "--exit-zero", str(path)],
                   stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 10, 50])
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "reports")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in options.mb:
            path = Path(folder) / f"big-{megabytes:g}mb.txt"
            path.write_bytes(big_text(options.source, megabytes))
            wall, cpu, peak = measure(path)
            size = path.stat().st_size / 1_000_000
            print(f"{size:7.1f} MB: {wall:7.1f} s wall, {cpu:7.1f} s CPU, peak {peak:7.0f} MB "
                  f"[load {os.getloadavg()[0]:.1f}]", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
