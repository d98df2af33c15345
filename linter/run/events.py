"""Event hooks of a run: what progress output and a cache observe (helper `province`).

An observer subclasses `RunObserver` and overrides the events it needs; `run_check(...,
observers=[...])` calls them in the main process, in this order:

- `run_started(files)`: once, with the paths about to be checked, in the order found;
- `file_checked(result)`: once per file, in the order found (also with --jobs), when the file
  has been checked (and fixed with --fix); its diagnostics are the file's own, before the
  corpus rules add theirs and the baseline filters them. `result.settings` are the settings the
  file was checked with; a file found in a directory that is not a report has a result too
  (see `linter.run.discovery.is_report`);
- `run_finished(run)`: once, with the complete `CheckRun` (corpus rules and baseline applied),
  before anything is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.engine import FileResult
    from linter.run.results import CheckRun


class RunObserver:
    """Does nothing on every event; subclasses override what they observe."""

    def run_started(self, files: list[str]) -> None:
        """The files about to be checked, in the order found."""

    def file_checked(self, result: FileResult) -> None:
        """One file has been checked (see the module docstring for what `result` holds then)."""

    def run_finished(self, run: CheckRun) -> None:
        """The run is complete: every result final, nothing written yet."""
