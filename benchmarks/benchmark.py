"""Start-up, throughput and PDF speed of govlint, side by side with the floor, on this machine.

    python benchmarks/benchmark.py [--reports N] [--source DIR] [--jobs 1 2 ...] [--runs R]
                                   [--single-runs S] [--pdf DIR] [--tree DIR ...]

Copies the report files found in --source (default: examples/reports; or one report) until there
are N of them in a temporary directory, then measures, for each --tree (default: this one; another
tree is a checkout run with PYTHONPATH, see docs/performance.md), alternating between the trees:
  1. one `govlint check` process on a single report (the first of --source), start-up included:
     median of S (default 15; wall time and the process's CPU time);
  2. `benchmarks/floor.py` over the N reports (read, decode, one regular-expression pass);
  3. one `govlint check --jobs J DIR` process over the N reports for each J, best of R, and how
     many times the floor that is;
  4. with --pdf: loading each PDF of DIR in one process, CPU milliseconds per page (best of 3);
  5. per report, in this process (this tree only): loading, recognition, the rest (median).
With --reports 0, only the first is measured.
Each figure is followed by the load average at the time: other jobs on the machine slow every
figure, CPU times less than wall times. Processes run with Python's bytecode cache enabled (after
a warm-up run), as an installed govlint runs, and without the results cache (GOVLINT_NO_CACHE=1:
every run checks its files; the start-up caches of templates, packs and compiled code stay on).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = Path(__file__).resolve().parent / "floor.py"
# Checking is measured, not the results cache (linter.run.cache; GOVLINT_NO_CACHE, which older trees ignore).
ENVIRONMENT = {**{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
               "GOVLINT_NO_CACHE": "1"}
PDF_PAGES = """
import sys, time
import pypdfium2
from linter.loaders import load_bytes
best = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    for _ in range(3):
        start = time.process_time()
        load_bytes(path, data)
        best[path] = min(best.get(path, 1e9), time.process_time() - start)
pages = sum(len(pypdfium2.PdfDocument(open(p, "rb").read())) for p in best)
print(sum(best.values()) / pages * 1000)
"""


def _load() -> str:
    return f"[load {os.getloadavg()[0]:.1f}]"


def _environment(tree: Path) -> dict[str, str]:
    return ENVIRONMENT if tree == ROOT else {**ENVIRONMENT, "PYTHONPATH": str(tree)}


def _run(command: list[str], tree: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and standard output of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # In the tree's folder: `python -m` puts the working directory before PYTHONPATH on sys.path.
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=_environment(tree), cwd=tree)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


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


def _directory_runs(args: argparse.Namespace, govlint: list[str], trees: list[Path], sources: list[Path]) -> None:
    """The floor, then one `govlint check --jobs J` process over --reports copies per --jobs value and tree."""
    with tempfile.TemporaryDirectory() as folder:
        _copies(sources, args.reports, Path(folder))
        floor = min(_run([sys.executable, str(FLOOR), folder], ROOT)[0] for _ in range(3))
        print(f"floor (read, decode, one regex pass), {args.reports} reports: {floor:.2f} s {_load()}")
        for jobs in dict.fromkeys(args.jobs):
            runs: dict[Path, list[float]] = {tree: [] for tree in trees}
            for _ in range(args.runs):
                for tree in trees:
                    runs[tree].append(_run([*govlint, "--jobs", str(jobs), folder], tree)[0])
            for tree in trees:
                best = min(runs[tree])
                print(f"{tree.name}: {args.reports} reports, --jobs {jobs}: {best:.2f} s "
                      f"({args.reports / best:.0f} reports/s, {best / floor:.0f}× the floor; "
                      f"runs: {', '.join(f'{r:.2f}' for r in runs[tree])}) {_load()}")
        if ROOT in trees:
            phases = _phases(Path(folder))
            print("per report, in process (median): "
                  + ", ".join(f"{name} {ms:.1f} ms" for name, ms in phases.items()) + f" {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "reports", help="a folder or one report")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1],
                        help="worker processes for the directory run, one run each (default: 1 and the CPU count)")
    parser.add_argument("--runs", type=int, default=2, help="directory runs per --jobs value (best is shown)")
    parser.add_argument("--single-runs", type=int, default=15, help="one-report processes per tree (median is shown)")
    parser.add_argument("--pdf", type=Path, help="a directory of PDFs to measure the loading of, per page")
    parser.add_argument("--tree", type=Path, nargs="+", default=[ROOT], help="source trees to compare")
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.tree]
    sources = [args.source.resolve()] if args.source.is_file() else sorted(
        p.resolve() for p in args.source.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    if not sources:
        sys.exit(f"no report files in {args.source}")
    govlint = [sys.executable, "-m", "linter", "check"]
    for tree in trees:
        _run([*govlint, str(sources[0])], tree)  # writes the bytecode cache
    single: dict[Path, list[tuple[float, float, str]]] = {tree: [] for tree in trees}
    for _ in range(args.single_runs):
        for tree in trees:
            single[tree].append(_run([*govlint, str(sources[0])], tree))
    for tree in trees:
        walls, cpus = [r[0] for r in single[tree]], [r[1] for r in single[tree]]
        print(f"{tree.name}: one report, whole process: median {statistics.median(walls) * 1000:.0f} ms "
              f"(best {min(walls) * 1000:.0f} ms), CPU median {statistics.median(cpus) * 1000:.0f} ms {_load()}")
    if args.reports > 0:
        _directory_runs(args, govlint, trees, sources)
    if args.pdf:
        pdfs = [str(p.resolve()) for p in sorted(args.pdf.glob("*.pdf"))]
        for tree in trees:
            per_page = float(_run([sys.executable, "-c", PDF_PAGES, *pdfs], tree)[2] or "nan")
            print(f"{tree.name}: PDF, {len(pdfs)} files: {per_page:.1f} ms CPU per page {_load()}")


if __name__ == "__main__":
    main()
