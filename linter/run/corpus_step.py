"""The step after every file is checked: the corpus rules over all reports of the run (each
with the settings its file was checked with, packs already applied), and the plugins that could
not be loaded (PLG001, once per run, on the first file). With `--against`, the corpus rules
compare with a reference index too (`linter.corpus.index`)."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from linter.diagnostics import Diagnostic
from linter.engine import FileResult, plugin_failures, run_corpus_rules
from linter.run.results import CheckRequest, CheckRun

_NO_SUMMARIES: MappingProxyType[str, Any] = MappingProxyType({})
"""What a result holds of its corpus summaries once the corpus rules have run: one empty mapping
for all (an empty dictionary each is 64 bytes a report through the output)."""


def read_reference(request: CheckRequest) -> list:
    """The summaries of the reference index of --against (none without it); read before any file
    is checked, so that a bad index stops the run at once (InputError, exit 2)."""
    if not request.against:
        return []
    from linter.corpus.index import read_index

    return read_index(request.against)


def show_sources(added: list[tuple[FileResult, Diagnostic]], stdin_name: str | None) -> None:
    """The corpus rules saw summaries, not documents: the lines to show under their findings come
    from the files, read again (only those with such a finding, one at a time), and so do the
    lines the HTML page shows (a result with a `view`). A PDF page or a DOCX cell shows its place
    instead of an excerpt; standard input (`stdin_name`) cannot be read again."""
    from linter.errors import InputError
    from linter.loaders import load, load_stored_text
    from linter.source import excerpt

    wanting: dict[int, tuple[FileResult, list[Diagnostic]]] = {}
    for result, d in added:
        if (not d.location.place or result.view is not None) and result.path != stdin_name:
            wanting.setdefault(id(result), (result, []))[1].append(d)
    for result, diagnostics in wanting.values():
        try:
            document = load_stored_text(result.path) if result.view is None else load(result.path)
        except InputError:
            continue
        for d in diagnostics:
            d.excerpt = excerpt(document, d.location)
        if result.view is not None:
            from linter.formatters.reportview import add_excerpts

            add_excerpts(result.view, document, diagnostics)


def run_corpus_step(run: CheckRun, reference: Sequence[Any] = (), stdin_name: str | None = None) -> None:
    """Add the corpus rules' findings to the run's results, and the plugin failures to the first;
    then let the results' corpus summaries go (nothing reads them after the corpus rules)."""
    added = run_corpus_rules(run.results, reference)
    for result in run.results:
        result.corpus = _NO_SUMMARIES
    show_sources(added, stdin_name)
    if run.results:
        run.results[0].diagnostics[:0] = plugin_failures(run.results[0].path)
