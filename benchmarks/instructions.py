"""Instructions per report of checking (load, recognise, rules) in one process, from valgrind.

    python benchmarks/instructions.py [--source DIR] [--tree DIR ...]

Counts the instructions (`valgrind --tool=callgrind`) of a process that checks examples/reports
(imports, compiled patterns, caches warmed) and then every file of --source once, and of the
same process without --source; the difference divided by the number of files is what one report
costs. Unlike times, instruction counts do not depend on what else runs on the machine, so two
trees can be compared on a busy one. A --tree other than this one is a checkout whose
`linter/plugins` and `linter/rules` link to its `plugins` and `rules` (as the editable install
maps them), run with PYTHONPATH. Takes a few minutes per tree: valgrind runs Python ~50x slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import sys
from pathlib import Path
from linter.checker import check_document
from linter.loaders import load
from linter.settings import Settings
settings = Settings()
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).iterdir()):
        check_document(load(str(path)), settings)
"""


def instructions(tree: Path, folders: list[Path]) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        environment = {**os.environ, "PYTHONPATH": str(tree), "GOVLINT_NO_CACHE": "1"}
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/out",
                               sys.executable, "-c", CHECK, *map(str, folders)],
                              capture_output=True, text=True, env=environment, cwd=scratch, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "reports")
    parser.add_argument("--tree", type=Path, nargs="+", default=[ROOT])
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    warm_up = ROOT / "examples" / "reports"
    files = sum(1 for path in options.source.iterdir() if path.is_file())
    for tree in options.tree:
        per_report = (instructions(tree, [warm_up, options.source]) - instructions(tree, [warm_up])) / files
        print(f"{tree}: {per_report / 1e6:.1f} M instructions per report ({files} files of {options.source})")


if __name__ == "__main__":
    main()
