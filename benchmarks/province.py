"""A province in one run: whole `govlint check` processes over a generated province, --jobs 1
and 2, with the peak memory of the main process (workers not counted).

    python benchmarks/province.py --reports 1000 10000 --jobs 1 2 [--govlint PYTHON]

Writes the reports (tests/province.py: one report per body per year, planted copies) to a
temporary folder once per size, then runs `PYTHON -m linter check --format json -o /dev/null
--exit-zero --jobs J FOLDER` (best of --runs). The main process's peak resident memory is its
VmHWM, read from /proc at exit (Linux). --govlint names another environment's python (e.g. one
with main installed) to compare. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

# Runs govlint's command line and writes the process's own peak memory (kB) to stderr at exit;
# worker processes leave through os._exit and write nothing.
_MEASURED = ("import atexit, sys\n"
             "def peak():\n"
             "    status = open('/proc/self/status').read()\n"
             "    sys.stderr.write('\\nVmHWM ' + status.split('VmHWM:')[1].split()[0] + '\\n')\n"
             "atexit.register(peak)\n"
             "from linter.cli import main\n"
             "sys.exit(main(sys.argv[1:]))\n")


def _run(python: str, folder: Path, jobs: int) -> tuple[float, int]:
    command = [python, "-c", _MEASURED, "check", "--format", "json", "-o", "/dev/null", "--exit-zero",
               "--jobs", str(jobs), str(folder)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    peak = int(done.stderr.rsplit("VmHWM ", 1)[1].split()[0])
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--govlint", default=sys.executable, help="the python whose govlint is measured")
    args = parser.parse_args()
    from province import province

    for size in args.reports:
        with tempfile.TemporaryDirectory() as folder:
            generated = province(seed=3, bodies=size // 2, sites=max(1, size // 200), planted=max(1, size // 500))
            generated.write(Path(folder))
            files = sorted(Path(folder).rglob("*.txt"))
            count = len(files)
            _run(args.govlint, files[0], 1)  # bytecode cache written
            for jobs in args.jobs:
                runs = [_run(args.govlint, Path(folder), jobs) for _ in range(args.runs)]
                elapsed, peak = min(runs)
                print(f"{count} reports, --jobs {jobs}: {elapsed:.1f} s ({count / elapsed:.0f} reports/s), "
                      f"main process peak {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
