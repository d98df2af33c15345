"""The --baseline step, last of a run: drop the findings the baseline file lists and collect
its entries that no longer occur (stale)."""

from __future__ import annotations

from linter.run.results import CheckRun


def apply_baseline(run: CheckRun, baseline_path: str) -> None:
    """Filter every result's diagnostics through the baseline at `baseline_path`; stale entries
    go to `run.stale`."""
    from linter.baseline import read_baseline

    baseline = read_baseline(baseline_path)
    for index, result in enumerate(run.results):
        # An unreadable file has no findings, but its baseline entries are not stale for that.
        diagnostics, stale = baseline.filter(result.diagnostics, [result.path] if result.info else [])
        if diagnostics != result.diagnostics:
            result.diagnostics = diagnostics
            run.results.replace(index, result)
        run.stale.extend(stale)
