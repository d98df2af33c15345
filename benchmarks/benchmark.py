"""Throughput and start-up of govlint, measured on this machine.

    python benchmarks/benchmark.py [--reports N] [--source DIR] [--jobs 1 2 ...] [--runs R]

Copies the report files found in --source (default: examples/reports) until there are N of
them in a temporary directory, then times:
  1. one `govlint check` process on a single report (start-up included), best of 10;
  2. one `govlint check --jobs J DIR` process over all N reports, for each J (best of R);
  3. in this process, per report: loading, recognition, and the rest of checking (rules,
     suppressions, fingerprints), as the median over the N reports.
Processes run with Python's bytecode cache enabled (after one warm-up run), as an installed
govlint runs: PYTHONDONTWRITEBYTECODE would add the compilation of every module to each start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOVLINT = [sys.executable, "-m", "linter"]
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
    return time.perf_counter() - start


def _copies(sources: list[Path], count: int, folder: Path) -> None:
    for number in range(count):
        source = sources[number % len(sources)]
        shutil.copy(source, folder / f"{number:05d}{source.suffix}")


def _phases(folder: Path) -> dict[str, float]:
    """Median milliseconds per report of each phase, checked in this process."""
    from linter.checker import check_document
    from linter.loaders import load
    from linter.recognize import recognize
    from linter.settings import Settings

    settings = Settings()
    timings: dict[str, list[float]] = {"load": [], "recognise": [], "rules and the rest": []}
    for path in sorted(folder.iterdir()):
        start = time.perf_counter()
        document = load(str(path))
        loaded = time.perf_counter()
        recognize(document, settings.year)
        recognised = time.perf_counter()
        check_document(document, settings)  # recognises again: its own recognition is subtracted
        checked = time.perf_counter()
        timings["load"].append(loaded - start)
        timings["recognise"].append(recognised - loaded)
        timings["rules and the rest"].append((checked - recognised) - (recognised - loaded))
    return {phase: statistics.median(values) * 1000 for phase, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "reports")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1],
                        help="worker processes for the directory run, one run each (default: 1 and the CPU count)")
    parser.add_argument("--runs", type=int, default=2, help="directory runs per --jobs value (best is shown)")
    args = parser.parse_args()
    sources = sorted(p for p in args.source.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    if not sources:
        sys.exit(f"no report files in {args.source}")
    _time([*GOVLINT, "check", str(sources[0])])  # writes the bytecode cache
    single = sorted(_time([*GOVLINT, "check", str(sources[0])]) for _ in range(10))
    print(f"one report, whole process: best {single[0] * 1000:.0f} ms, "
          f"median {statistics.median(single) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        _copies(sources, args.reports, Path(folder))
        for jobs in dict.fromkeys(args.jobs):
            runs = [_time([*GOVLINT, "check", "--jobs", str(jobs), folder]) for _ in range(args.runs)]
            best = min(runs)
            print(f"{args.reports} reports, --jobs {jobs}: {best:.2f} s ({args.reports / best:.0f} reports/s; "
                  f"runs: {', '.join(f'{r:.2f}' for r in runs)})")
        phases = _phases(Path(folder))
    print("per report, in process (median): " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in phases.items()))


if __name__ == "__main__":
    main()
