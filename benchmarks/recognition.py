"""Recognition time per report, in process (no start-up), measured on this machine.

    python benchmarks/recognition.py [FILE ...]

For each file (default: examples/reports/*): load it once, recognise it once to warm up, then
print the median of 20 runs of the whole recogniser and of the table recogniser alone.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from linter.loaders import load
from linter.recognize import recognize
from linter.recognize.tables import recognize_tables
from linter.templates import all_templates

ROOT = Path(__file__).resolve().parents[1]
RUNS = 20


def _median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "examples" / "reports").glob("*-*.*"))
    for path in paths:
        document = load(path)
        report = recognize(document)
        whole = _median_ms(lambda document=document: recognize(document))
        tables = _median_ms(lambda report=report: recognize_tables(report, all_templates()))
        print(f"{path.name:34} recognise {whole:6.1f} ms   tables {tables:6.1f} ms")


if __name__ == "__main__":
    main()
