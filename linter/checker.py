"""Checking one file: load, recognise, run the rules, then suppression comments, per-file
ignores and fingerprints. The run over many files is `linter.run`;
one report is `linter.engine`."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from linter.codes import INTERNAL_CODES
from linter.diagnostics import Diagnostic
from linter.engine import FileResult, ReportInfo, all_rules, run_rules, summarize_for_corpus
from linter.errors import InputError, UncheckableError
from linter.loaders import load, load_bytes, refuse_if_too_big
from linter.model import Document, Location, Report, Unread
from linter.packs import apply_packs
from linter.recognize import recognize
from linter.recognize.title import classify_body
from linter.settings import Settings


def known_codes(packs: Sequence[str] = (), base_dir: str | None = None) -> frozenset[str]:
    """Every code a configuration or suppression comment may name: those of plugin rules, of
    registered packs and of the local packs among `packs` (paths relative to `base_dir`)."""
    plugin_codes = frozenset(rule.code for rule in all_rules())
    return plugin_codes | _pack_codes(tuple(packs), base_dir) | frozenset(INTERNAL_CODES)


@functools.cache
def _pack_codes(packs: tuple[str, ...], base_dir: str | None) -> frozenset[str]:
    from linter.packs import listed_packs, resolve_packs

    resolve_packs(packs, base_dir)  # every mistake of the packs in force, before any file is checked
    return frozenset(rule.code for pack in listed_packs(packs, base_dir) for rule in pack.checks)


def check_document(document: Document, settings: Settings) -> FileResult:
    """Rules on one document, then its suppression comments, per-file-ignores and fingerprints."""
    from linter.source import excerpt, text_fingerprint
    from linter.suppression import apply_suppressions

    report = recognize(document, settings.year)
    if report.body is None and settings.body:
        report.body, report.body_kind = settings.body, classify_body(settings.body)
    rules, settings = apply_packs(all_rules(), settings)
    corpus, crashes = summarize_for_corpus(report, rules, settings)
    diagnostics = sorted(run_rules(report, rules, settings) + crashes, key=Diagnostic.sort_key)
    diagnostics = apply_suppressions(document, diagnostics, settings,
                                     functools.partial(known_codes, settings.packs, settings.config_dir))
    diagnostics = [d for d in diagnostics if not settings.ignored_in_file(document.path, d.code)]
    for d in diagnostics:
        d.fingerprint = d.fingerprint or text_fingerprint(d.code, document, d.location, d.message)
        d.excerpt = excerpt(document, d.location)
    if document.format == "docx":
        from linter.loaders.docx import name_tables

        name_tables(report, diagnostics)
    return FileResult(document.path, diagnostics, report=report, settings=settings, info=ReportInfo.of(report),
                      corpus=corpus)


def check_file(path: str, settings: Settings, data: bytes | None = None, extension: str | None = None) -> FileResult:
    """Load and check the file at `path` (or `data` read as a file with `extension`); a file that
    cannot be read gives a result with `error` set instead of diagnostics."""
    try:
        if data is None:
            document = load(path, settings.max_file_size)
        else:
            refuse_if_too_big(path, len(data), settings.max_file_size)
            document = load_bytes(path, data, extension)
    except UncheckableError as error:
        # Only the rule for this case runs: an empty document would fail every other check.
        document = Document(path, [], unread=[Unread(Location(1, 1, 1, 1, page=1), error.message)])
        rules = [r for r in all_rules() if r.code == error.code]
        return FileResult(path, run_rules(Report(document), rules, settings), settings=settings)
    except InputError as error:
        return FileResult(path, error=str(error), settings=settings)
    return check_document(document, settings)
