"""The floor for checking N reports: read each file, decode it, make one regular-expression pass.

    python benchmarks/floor.py DIR

What any checker of these files must at least do, in one process with Python's start-up; govlint's
time over the same folder is compared with it (benchmarks/benchmark.py prints both side by side).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_NUMBER = re.compile(r"\d+")


def main() -> None:
    numbers = 0
    for path in sorted(Path(sys.argv[1]).iterdir()):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        numbers += sum(1 for _ in _NUMBER.finditer(text))
    print(numbers)


if __name__ == "__main__":
    main()
