"""The step after every file is checked: the corpus rules over all reports of the run (each
with the settings its file was checked with, packs already applied), and the plugins that could
not be loaded (PLG001, once per run, on the first file). With `--against`, the corpus rules
compare with a reference index too (`linter.corpus.index`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linter.engine import plugin_failures, run_corpus_rules
from linter.run.results import CheckRequest, CheckRun


def read_reference(request: CheckRequest) -> list:
    """The summaries of the reference index of --against (none without it); read before any file
    is checked, so that a bad index stops the run at once (InputError, exit 2)."""
    if not request.against:
        return []
    from linter.corpus.index import read_index

    return read_index(request.against)


def run_corpus_step(run: CheckRun, reference: Sequence[Any] = ()) -> None:
    """Add the corpus rules' findings to the run's results, and the plugin failures to the first."""
    run_corpus_rules(run.results, reference)
    if run.results:
        run.results[0].diagnostics[:0] = plugin_failures(run.results[0].path)
