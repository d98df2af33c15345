"""A province in one run: whole `govlint check` processes over a generated province, --jobs 1
and 2, cold (empty results cache) and cached (the same command again), with the peak memory of
the main process (workers not counted).

    python benchmarks/province.py --reports 1000 10000 --jobs 1 2 [--govlint PYTHON] [--no-cache]
                                  [--year-differences]

Writes the reports (tests/province.py: one report per body per year, each body its own prose,
planted copies) to a temporary folder once per size, then per --jobs J runs `PYTHON -c <measured>
check --format json -o OUT --exit-zero --jobs J --cache-dir CACHE FOLDER` twice with a new,
empty CACHE: cold, then cached; the two outputs must be byte-identical. The main process's
peak resident memory is its VmHWM, read from /proc at exit (Linux). --govlint names another
environment's python (e.g. one with an older govlint installed) to compare; --no-cache measures
without the cache (for a govlint that has none); --year-differences changes table 三's carry-over
and table 二's regulations in force in every seventh 2023 report (findings of XYR001, XYR002
and SUM003 on about every second report: the main process's memory with many findings).
Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

# Runs govlint's command line and writes the process's own peak memory (kB) and the CPU seconds
# of the process and of its (joined) workers to stderr at exit; workers leave through os._exit
# and write nothing.
_MEASURED = ("import atexit, resource, sys\n"
             "def peak():\n"
             "    status = open('/proc/self/status').read()\n"
             "    own, workers = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
             "    sys.stderr.write('\\nVmHWM ' + status.split('VmHWM:')[1].split()[0] + ' CPU %.2f %.2f\\n'\n"
             "                     % (own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime))\n"
             "atexit.register(peak)\n"
             "from linter.cli import main\n"
             "sys.exit(main(sys.argv[1:]))\n")


def _run(python: str, folder: Path, jobs: int, output: Path, cache: list[str]) -> tuple[float, int, float, float]:
    """Wall time, the main process's peak memory (kB), its CPU seconds and its workers'."""
    command = [python, "-c", _MEASURED, "check", "--format", "json", "-o", str(output), "--exit-zero",
               "--jobs", str(jobs), *cache, str(folder)]
    # as installed, with its bytecode cached (PYTHONDONTWRITEBYTECODE would compile every module each run)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    elapsed = time.perf_counter() - started
    if "VmHWM " not in done.stderr:
        sys.exit(f"govlint failed: {done.stderr[-2000:]}")
    peak, _, own, workers = done.stderr.rsplit("VmHWM ", 1)[1].split()[:4]
    return elapsed, int(peak), float(own), float(workers)


def _line(count: int, jobs: int, what: str, measured: tuple[float, int, float, float]) -> str:
    elapsed, peak, own, workers = measured
    return (f"{count} reports, --jobs {jobs}, {what}: {elapsed:.1f} s ({count / elapsed:.0f} reports/s), "
            f"main process peak {peak / 1024:.0f} MB, CPU {own:.1f} s main + {workers:.1f} s workers")


def _idle_estimate(one: tuple[float, int, float, float], two: tuple[float, int, float, float]) -> str:
    """What --jobs 2 gains on two idle cores, from CPU time: the main process and the two workers
    share them, the main process's own work at least is serial."""
    serial = one[2] + one[3]
    parallel = max(two[2], (two[2] + two[3]) / 2)
    return (f"on two idle cores: --jobs 1 needs {serial:.1f} s of CPU, --jobs 2 at least {parallel:.1f} s "
            f"of wall time: at most {serial / parallel:.2f}x faster")


def _change_years(reports: dict[str, str]) -> None:
    """Every seventh 2023 report (in name order): 上年结转 3 instead of 1, 规章 in force 2 instead of 0."""
    for number, name in enumerate(sorted(reports)):
        if name.startswith("2023/") and number % 7 == 0:
            reports[name] = (reports[name]
                             .replace("二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
                                      "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3")
                             .replace("\n规章\t0\t0\t0\n", "\n规章\t0\t0\t2\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--govlint", default=sys.executable, help="the python whose govlint is measured")
    parser.add_argument("--no-cache", action="store_true", help="measure without the results cache")
    parser.add_argument("--year-differences", action="store_true",
                        help="every seventh 2023 report's carry-over and regulations in force changed")
    args = parser.parse_args()
    from province import province

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for size in args.reports:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "reports"
            generated = province(seed=3, bodies=size // 2, sites=max(1, size // 200), planted=max(1, size // 500))
            if args.year_differences:
                _change_years(generated.reports)
            generated.write(folder)
            count = sum(1 for _ in folder.rglob("*.txt"))
            first = next(folder.rglob("*.txt"))
            _run(args.govlint, first, 1, Path(scratch) / "warm-up.json", ["--no-cache"])  # bytecode written
            first_runs = {}
            for jobs in args.jobs:
                if args.no_cache:
                    first_runs[jobs] = _run(args.govlint, folder, jobs, Path(scratch) / "out.json", ["--no-cache"])
                    print(_line(count, jobs, "no cache", first_runs[jobs]), flush=True)
                    continue
                cache = ["--cache-dir", str(Path(scratch) / f"cache-{jobs}")]
                cold, cached = Path(scratch) / f"cold-{jobs}.json", Path(scratch) / f"cached-{jobs}.json"
                first_runs[jobs] = _run(args.govlint, folder, jobs, cold, cache)
                print(_line(count, jobs, "cold", first_runs[jobs]), flush=True)
                warm = _run(args.govlint, folder, jobs, cached, cache)
                same = "identical output" if cold.read_bytes() == cached.read_bytes() else "OUTPUT DIFFERS"
                print(f"{_line(count, jobs, 'cached', warm)}; {first_runs[jobs][0] / warm[0]:.1f}x "
                      f"faster, {same}", flush=True)
            if 1 in first_runs and 2 in first_runs:
                print(_idle_estimate(first_runs[1], first_runs[2]), flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
