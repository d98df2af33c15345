"""The step after every file is checked: the corpus rules over all reports of the run (each
with the settings its file was checked with, packs already applied), and the plugins that could
not be loaded (PLG001, once per run, on the first file). With `--against`, the corpus rules
compare with a reference index too (`linter.corpus.index`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linter.codes import RULE_CRASHED
from linter.diagnostics import Diagnostic
from linter.engine import corpus_findings, plugin_failures
from linter.run.results import CheckRequest, CheckRun
from linter.run.store import ResultStore


def read_reference(request: CheckRequest) -> list:
    """The summaries of the reference index of --against (none without it); read before any file
    is checked, so that a bad index stops the run at once (InputError, exit 2)."""
    if not request.against:
        return []
    from linter.corpus.index import read_index

    return read_index(request.against)


def show_sources(results: ResultStore, added: list[tuple[int, Diagnostic]], stdin_name: str | None) -> None:
    """The corpus rules saw summaries, not documents: the lines to show under their findings come
    from the files, read again (only those with such a finding, one at a time), and so do the
    lines the HTML page shows (a result with a `view`). A PDF page or a DOCX cell shows its place
    instead of an excerpt; standard input (`stdin_name`) cannot be read again."""
    from linter.errors import InputError
    from linter.loaders import load, load_stored_text
    from linter.source import excerpt

    by_result: dict[int, list[Diagnostic]] = {}
    for index, d in added:
        by_result.setdefault(index, []).append(d)
    for index, diagnostics in by_result.items():
        result = results[index]
        wanting = [d for d in diagnostics  # a rule that crashed points at no text of the report
                   if d.code != RULE_CRASHED.code and (not d.location.place or result.view is not None)]
        if not wanting or result.path == stdin_name:
            continue
        try:
            document = load_stored_text(result.path) if result.view is None else load(result.path)
        except InputError:
            continue
        for d in wanting:
            d.excerpt = excerpt(document, d.location)
        if result.view is not None:
            from linter.formatters.reportview import add_excerpts

            add_excerpts(result.view, document, wanting)
            results.replace(index, result)


def run_corpus_step(run: CheckRun, reference: Sequence[Any] = (), stdin_name: str | None = None) -> None:
    """Add the corpus rules' findings to the run's results, and the plugin failures to the first;
    then let the corpus summaries go (nothing reads them after the corpus rules)."""
    added = corpus_findings(run.results, reference)
    run.results.forget_summaries()
    show_sources(run.results, added, stdin_name)  # before they are kept: the results are copies
    run.results.add_findings(added)
    if not run.results:
        return
    first = run.results[0]
    failures = plugin_failures(first.path)
    if failures:
        first.diagnostics[:0] = failures
        run.results.replace(0, first)
