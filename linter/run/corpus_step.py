"""The step after every file is checked: the corpus rules over all reports of the run (each
with the settings its file was checked with, packs already applied), and the plugins that could
not be loaded (PLG001, once per run, on the first file).

Belongs here: rules against a corpus index beyond this run (`--against`, helper `copies`)."""

from __future__ import annotations

from linter.engine import plugin_failures, run_corpus_rules
from linter.run.results import CheckRun


def run_corpus_step(run: CheckRun) -> None:
    """Add the corpus rules' findings to the run's results, and the plugin failures to the first."""
    run_corpus_rules(run.results)
    if run.results:
        run.results[0].diagnostics[:0] = plugin_failures(run.results[0].path)
