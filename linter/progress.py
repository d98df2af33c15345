"""Progress of a run on stderr when stderr is a terminal (not with -q): files done of total, rate
and time left, drawn by tqdm and cleared when the run is done, so the terminal keeps only the
findings (stdout, unchanged). tqdm is imported only when a run of several files starts."""

from __future__ import annotations

from typing import Any, TextIO

from linter.engine import FileResult
from linter.run import CheckRun, RunObserver

LABEL = "检查"
UNIT = "份"


class Progress(RunObserver):
    """A progress bar over the files of one run."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None

    def run_started(self, files: list[str]) -> None:
        if len(files) < 2:  # one file takes a moment: nothing to follow
            return
        from tqdm import tqdm

        self.bar = tqdm(total=len(files), file=self.stream, desc=LABEL, unit=UNIT, leave=False,
                        dynamic_ncols=True, mininterval=0.2)

    def file_checked(self, result: FileResult) -> None:
        if self.bar is not None:
            self.bar.update()

    def run_finished(self, run: CheckRun) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def progress_for(stream: TextIO, quiet: bool) -> list[RunObserver]:
    """The observers that show progress on `stream`: none when it is not a terminal or with -q."""
    return [] if quiet or not stream.isatty() else [Progress(stream)]
