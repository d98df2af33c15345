"""`govlint check`: settings, the run, output, baseline and the exit code.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or input
error (other files are still checked and reported first).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO, TextIO

from linter.checker import known_codes
from linter.config import CliOverrides, SettingsResolver, describe, parse_selectors
from linter.diagnostics import Diagnostic, Severity
from linter.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from linter.i18n import say
from linter.run import STDIN, CheckRequest, CheckRun, collection_paused, run_check, settings_name

if TYPE_CHECKING:
    from linter.formatters import Formatter


def run_check_command(args: argparse.Namespace) -> int:
    """`govlint check` with its parsed arguments; returns the exit code."""
    resolver = SettingsResolver(known_codes, _overrides(args), args.config, args.isolated)
    if args.show_settings:
        for path in args.paths:
            print(describe(resolver.for_path(settings_name(path, args.stdin_filename))))
        return EXIT_CLEAN
    if args.show_files:
        from linter.run import planned_tasks

        for path, *_rest in planned_tasks(_request(args), resolver.for_path):
            print(path)
        return EXIT_CLEAN
    formatter = _formatter(args.format)
    if formatter.binary and not args.output_file and not args.statistics and sys.stdout.isatty():
        raise UsageError(f"--format {formatter.name} writes a binary file: give --output-file FILE")
    if formatter.needs:
        from linter.loaders.optional import require_extra

        require_extra(*formatter.needs, f"--format {formatter.name}")
    return _check_and_report(args, resolver, formatter)


def _check_and_report(args: argparse.Namespace, resolver: SettingsResolver, formatter: Formatter) -> int:
    """The run, its messages and output; the exit code."""
    from linter.progress import progress_for

    request = _request(args)
    request.views = formatter.report_views and not args.statistics
    with collection_paused():
        run = run_check(request, resolver.for_path, progress_for(sys.stderr, args.quiet))
    with run:
        return _report(args, run, formatter)


def _report(args: argparse.Namespace, run: CheckRun, formatter: Formatter) -> int:
    """What the run found: its messages and output; the exit code."""
    note = (lambda message: None) if args.quiet else say
    if not run.results:
        note(f"no report files found in {' '.join(args.paths)}")
    if run.not_reports:
        note(f"not checked (no report title, section headings or tables): {', '.join(run.not_reports)}")
    for error in run.errors:
        say(error)
    if run.cache_problem:
        note(run.cache_problem)
    if args.write_baseline:
        from linter.baseline import write_baseline

        count = write_baseline(args.write_baseline, run.diagnostics)
        note(f"wrote {count} finding(s) to baseline {args.write_baseline}")
        return EXIT_ERROR if run.errors else EXIT_CLEAN
    for entry in run.stale:
        note(f"{args.baseline}: stale entry {entry.path} {entry.code} {entry.fingerprint} "
            "no longer occurs (run --write-baseline to tighten the baseline)")
    if args.diff:
        sys.stdout.write("".join(run.diffs))
        return EXIT_ERROR if run.errors else (EXIT_FINDINGS if run.diffs else EXIT_CLEAN)
    if args.fix and run.fixed:
        note(f"fixed {run.fixed} finding(s)")
    if args.review_copy:
        from linter.review import write_review_copies

        count = write_review_copies(run.results, args.review_copy)
        note(f"wrote {count} review cop{'y' if count == 1 else 'ies'} to {args.review_copy}")
    _write_output(args, run, formatter)
    return _exit_code(run, Severity.parse(args.fail_on), args.exit_zero)


def _overrides(args: argparse.Namespace) -> CliOverrides:
    def codes(text: str | None, flag: str) -> list[str] | None:
        return None if text is None else parse_selectors(text, known_codes(), flag)

    def globs(text: str | None) -> list[str] | None:
        return None if text is None else [glob.strip() for glob in text.split(",") if glob.strip()]

    return CliOverrides(codes(args.select, "--select"), codes(args.extend_select, "--extend-select") or [],
                        codes(args.ignore, "--ignore") or [], exclude=globs(args.exclude),
                        extend_exclude=globs(args.extend_exclude) or [], force_exclude=args.force_exclude)


def _request(args: argparse.Namespace) -> CheckRequest:
    reads_stdin = STDIN in args.paths
    if reads_stdin and args.fix:
        raise UsageError("--fix cannot rewrite standard input; use --diff")
    if args.fix and args.diff:
        raise UsageError("--fix and --diff exclude each other")
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline and --write-baseline exclude each other")
    no_cache = args.no_cache or os.environ.get("GOVLINT_NO_CACHE", "").lower() not in ("", "0", "false", "no")
    return CheckRequest(args.paths, fix=args.fix, diff=args.diff, stdin_filename=args.stdin_filename,
                        stdin=sys.stdin.buffer.read() if reads_stdin else None, baseline=args.baseline,
                        jobs=args.jobs, against=args.against, cache=not no_cache,
                        cache_dir=args.cache_dir or os.environ.get("GOVLINT_CACHE_DIR") or None)


def _formatter(name: str) -> Formatter:
    from linter.formatters import registered_formatters

    formatters = registered_formatters()
    if name not in formatters:
        raise UsageError(f"unknown output format {name!r} (choose from {', '.join(sorted(formatters))})")
    return formatters[name]


def _write_output(args: argparse.Namespace, run: CheckRun, formatter: Formatter) -> None:
    if formatter.binary and not args.statistics:
        _write_binary(args, run, formatter)
    elif args.output_file:
        _save_as_written(args, run, formatter)
    else:
        _emit(args, run, formatter, sys.stdout, color=wants_color(args.color, sys.stdout))


def _write_binary(args: argparse.Namespace, run: CheckRun, formatter: Formatter) -> None:
    """Made whole in memory first, so a missing extra or a failure leaves no partial file behind."""
    import io

    from linter.formatters import Output

    buffer = io.BytesIO()
    formatter.write(Output(run.results, not_reports=run.not_reports), buffer)
    if not args.output_file:
        sys.stdout.buffer.write(buffer.getvalue())
        return
    with _output_file(args.output_file) as stream:
        stream.write(buffer.getvalue())


def _save_as_written(args: argparse.Namespace, run: CheckRun, formatter: Formatter) -> None:
    """--output-file written as the formatter writes it: the output of a province is not held
    whole in memory."""
    import io

    with _output_file(args.output_file) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as stream:
        _emit(args, run, formatter, stream, color=False)


@contextlib.contextmanager
def _output_file(path: str) -> Iterator[BinaryIO]:
    """--output-file, into a temporary file that then replaces it (a reader never sees a partial
    file, a failure leaves the old one); UsageError when it cannot be written."""
    from linter.fileio import replaced_atomically

    try:
        with replaced_atomically(path) as stream:
            yield stream
    except OSError as error:
        raise UsageError(f"{path}: cannot write output: {error.strerror or error}") from None


def _emit(args: argparse.Namespace, run: CheckRun, formatter: Formatter, stream: TextIO, color: bool) -> None:
    from linter.formatters import Output

    if args.statistics:
        stream.write(statistics(run.diagnostics))
    else:
        formatter.write(Output(run.results, color=color, not_reports=run.not_reports, root=args.root,
                               quiet=args.quiet), stream)


def wants_color(choice: str, stream: TextIO) -> bool:
    """--color always|never, else FORCE_COLOR (any non-empty value) forces it, NO_COLOR turns it off,
    and a terminal has it."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    return not os.environ.get("NO_COLOR") and stream.isatty()


def statistics(diagnostics: list[Diagnostic]) -> str:
    """Findings per code, most frequent first: `count  CODE  rule-name`."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{count:5}  {code:8} {rule}\n" for (code, rule), count in ordered)


def _exit_code(run: CheckRun, fail_on: Severity, exit_zero: bool) -> int:
    if run.errors:
        return EXIT_ERROR
    if exit_zero or not run.failing(fail_on):
        return EXIT_CLEAN
    return EXIT_FINDINGS
