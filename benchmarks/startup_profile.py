"""Where a one-file `govlint check` spends its CPU time, start-up included, sampled over many processes.

    python benchmarks/startup_profile.py [--runs N] [--depth D] [--share PERCENT] [FILE]

Runs `linter.cli.main(["check", FILE])` (default: examples/reports/qingshan-2022.txt) in N fresh
processes (default 300) with the bytecode cache on and the results cache off, after one warm-up
run, and prints the call tree of the Python frames sampled on every CPU-time tick
(`signal.ITIMER_PROF`; the kernel's tick, often 4 ms, so one process gives only a few samples):
each line the share of all samples spent in that frame and below it, to depth D, frames under
PERCENT left out. Import machinery frames are dropped, so an import shows as the importing line
followed by the module's `<module>`; time in C is counted in the Python frame that called it.
cProfile on one process is no substitute: it makes every call several times dearer, which
inflates the many small calls of imports and class creation.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLED = """
import collections, os, signal, sys
stacks = collections.Counter()

def sample(signum, frame):
    names = []
    while frame is not None:
        if not frame.f_code.co_filename.startswith("<frozen"):
            names.append(f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_code.co_name}")
        frame = frame.f_back
    stacks[";".join(reversed(names))] += 1

signal.signal(signal.SIGPROF, sample)
signal.setitimer(signal.ITIMER_PROF, 0.0001, 0.0001)
from linter.cli import main
main(["check", sys.argv[1]])
signal.setitimer(signal.ITIMER_PROF, 0, 0)
with open(sys.argv[2], "a", encoding="utf-8") as out:
    out.writelines(f"{stack}\\t{count}\\n" for stack, count in stacks.items())
"""


def sampled_stacks(report: Path, runs: int) -> collections.Counter:
    environment = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "GOVLINT_NO_CACHE": "1"}
    with tempfile.TemporaryDirectory() as scratch:
        warm_up, out = Path(scratch) / "warm-up", Path(scratch) / "stacks"
        for target in [warm_up] + [out] * runs:  # the warm-up writes the bytecode and start-up caches
            subprocess.run([sys.executable, "-c", SAMPLED, str(report), str(target)], check=True, cwd=ROOT,
                           env=environment, stdout=subprocess.DEVNULL)
        stacks: collections.Counter = collections.Counter()
        for line in out.read_text(encoding="utf-8").splitlines():
            stack, count = line.rsplit("\t", 1)
            stacks[stack] += int(count)
    return stacks


def print_tree(stacks: collections.Counter, depth: int, share: float) -> None:
    total = sum(stacks.values())
    tree: dict = {}
    for stack, count in stacks.items():
        node = tree
        for name in stack.split(";")[:depth]:
            entry = node.setdefault(name, [0, {}])
            entry[0] += count
            node = entry[1]

    def show(node: dict, indent: int) -> None:
        for name, (count, children) in sorted(node.items(), key=lambda item: -item[1][0]):
            if 100 * count / total >= share:
                print(f"{'  ' * indent}{100 * count / total:5.1f}% {name}")
                show(children, indent + 1)

    print(f"{total} samples")
    show(tree, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / "examples" / "reports" / "qingshan-2022.txt")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--depth", type=int, default=8)
    parser.add_argument("--share", type=float, default=1.0, help="leave out frames under this percentage")
    options = parser.parse_args()
    print_tree(sampled_stacks(options.report.resolve(), options.runs), options.depth, options.share)


if __name__ == "__main__":
    main()
