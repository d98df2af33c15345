"""Command line: govlint check | review | inspect | rule | rules | packs | index build."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from linter import __version__
from linter.compilecache import remembered
from linter.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_INTERRUPTED, GovlintError, UsageError
from linter.i18n import say


class _Parser(argparse.ArgumentParser):
    """argparse in the user's language (linter.i18n), exiting 2 with one line on a mistake."""

    def __init__(self, *args, **kwargs) -> None:
        from linter.i18n import HelpFormatter

        super().__init__(*args, formatter_class=HelpFormatter, **kwargs)

    def error(self, message: str) -> None:  # argparse exits 2 itself; keep its one-line style
        from linter.i18n import _

        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"govlint: {_('error: {message}').format(message=_(message))}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line: every command's sub-parser, or only `command`'s (one of `COMMANDS`). A
    run parses the arguments of its own command only, and building the others costs a one-file
    check a few milliseconds; the usage line still names every command, as the whole parser's
    does (its errors about the command itself cannot arise: the command is known)."""
    parser = _Parser(prog="govlint",
                     description="Checks government information disclosure annual reports (政府信息公开工作年度报告).")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    every = None if command is None else "{" + ",".join(COMMANDS) + "}"
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar=every)
    for name, add in COMMANDS.items():
        if command in (None, name):
            add(commands)
    return parser


def _add_inspect(commands: argparse._SubParsersAction) -> None:
    inspect = commands.add_parser("inspect", help="show what govlint recognised in a report")
    inspect.add_argument("path", metavar="FILE")
    inspect.add_argument("--format", default="text", choices=["text", "json"])
    inspect.set_defaults(handler=cmd_inspect)


def _add_review(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser("review", help="write a copy of a Word report with each finding as a comment")
    review.add_argument("path", metavar="REPORT.docx")
    review.add_argument("-o", "--output", metavar="OUT.docx",
                        help="where to write the copy (default: REPORT.审阅.docx beside it)")
    review.add_argument("--config", metavar="FILE", help="use this configuration file (no discovery)")
    review.set_defaults(handler=cmd_review)


def _add_rule(commands: argparse._SubParsersAction) -> None:
    rule = commands.add_parser("rule", help="explain a rule, a family of rules (SUM) or all rules (--all)")
    rule.add_argument("code", nargs="?", help="a code (SUM001) or a prefix (SUM)")
    rule.add_argument("--all", action="store_true", help="explain every rule")
    rule.set_defaults(handler=cmd_rule)


def _add_rules(commands: argparse._SubParsersAction) -> None:
    rules = commands.add_parser("rules", help="list all rules")
    rules.add_argument("--format", default="text", choices=["text", "json"])
    rules.set_defaults(handler=cmd_rules)


def _add_packs(commands: argparse._SubParsersAction) -> None:
    packs = commands.add_parser("packs", help="list the rule packs available and their rules")
    packs.add_argument("paths", nargs="*", metavar="PACK.yaml", help="local packs to list as well")
    packs.set_defaults(handler=cmd_packs)


def _add_index(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser("index", help="reference indexes of published reports for copy detection")
    actions = index.add_subparsers(dest="action", required=True, parser_class=_Parser)
    build = actions.add_parser("build", help="store the copy-detection summaries of the reports under PATH")
    build.add_argument("paths", nargs="+", metavar="PATH")
    build.add_argument("-o", "--output", required=True, metavar="FILE", help="the index file to write")
    build.add_argument("-j", "--jobs", type=_job_count, metavar="N",
                       help="read files in N processes (default: one per CPU)")
    build.set_defaults(handler=cmd_index_build)


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="check reports (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="report files, folders to search, or - for standard input (default: .)")
    output = check.add_argument_group("output")
    output.add_argument("--format", default="full",
                        help="full (default), concise, json, jsonl, sarif, github, gitlab, junit, html, csv, xlsx")
    output.add_argument("-o", "--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    output.add_argument("--statistics", action="store_true", help="print the number of findings per code instead")
    output.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    output.add_argument("--root", metavar="DIR",
                        help="repository root that SARIF paths are relative to (default: the git work tree)")
    output.add_argument("-q", "--quiet", action="store_true",
                        help="print only the findings: no progress, notes or summary on stderr")
    output.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                        help="colour the output: auto (default: on a terminal, unless NO_COLOR; FORCE_COLOR forces it)")
    output.add_argument("--fail-on", default="error", choices=["info", "warning", "error"],
                        help="lowest severity that makes the exit code 1 (default: error)")
    selection = check.add_argument_group("configuration")
    selection.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to run (replaces)")
    selection.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to run in addition")
    selection.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to run")
    selection.add_argument("--config", metavar="FILE", help="use this configuration file (no discovery)")
    selection.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    selection.add_argument("--show-settings", action="store_true", help="print the settings for PATH and exit")
    selection.add_argument("--show-files", action="store_true", help="print the files that would be checked and exit")
    selection.add_argument("--exclude", metavar="GLOBS",
                           help="comma-separated globs of files and folders not to check (replaces the defaults)")
    selection.add_argument("--extend-exclude", metavar="GLOBS", help="globs to exclude in addition")
    selection.add_argument("--force-exclude", action="store_true",
                           help="exclude also files named on the command line, and skip those that are not reports "
                                "(for pre-commit)")
    workflow = check.add_argument_group("baseline, fixes, stdin")
    workflow.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    workflow.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    workflow.add_argument("--fix", action="store_true", help="apply safe fixes (plain text and Markdown)")
    workflow.add_argument("--diff", action="store_true", help="print the safe fixes as a diff, change nothing")
    workflow.add_argument("--review-copy", metavar="DIR",
                          help="write a copy of each Word report into DIR with the findings as comments")
    workflow.add_argument("--stdin-filename", metavar="NAME", help="name (and type) of the report read from -")
    workflow.add_argument("--against", metavar="INDEX", help="compare for copied text with the reports in INDEX too "
                          "(made by 'govlint index build')")
    check.add_argument("-j", "--jobs", type=_job_count, metavar="N",
                       help="check files in N processes (default: one per CPU when there are many files; 1: serial)")
    cache = check.add_argument_group("cache")
    cache.add_argument("--no-cache", action="store_true",
                       help="check every file again, read and write no cached results (or GOVLINT_NO_CACHE=1)")
    cache.add_argument("--cache-dir", metavar="DIR",
                       help="keep cached results in DIR (or GOVLINT_CACHE_DIR; default: .govlint_cache "
                            "beside the configuration file, or in the current folder)")
    check.set_defaults(handler=cmd_check)


def _job_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, at least 1: {text!r}")
    return int(text)


def cmd_check(args: argparse.Namespace) -> int:
    from linter.check_command import run_check_command

    return run_check_command(args)


def cmd_review(args: argparse.Namespace) -> int:
    from linter.review import run_review_command

    return run_review_command(args)


def cmd_inspect(args: argparse.Namespace) -> int:
    from linter.inspection import report_summary, report_to_dict
    from linter.loaders import load
    from linter.recognize import recognize

    report = recognize(load(args.path))
    if args.format == "json":
        import json

        json.dump(report_to_dict(report), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(report_summary(report))
    return EXIT_CLEAN


def cmd_rule(args: argparse.Namespace) -> int:
    from linter.packs import rule_catalogue

    if args.all == bool(args.code):
        raise UsageError("give a rule code or prefix (govlint rule SUM001, govlint rule SUM), or --all")
    catalogue = rule_catalogue()
    wanted = args.code.upper() if args.code else ""
    exact = [r for r in catalogue if r.code == wanted]
    chosen = exact or [r for r in catalogue if r.code.startswith(wanted)]
    if not chosen:
        raise UsageError(f"unknown rule code {args.code!r} (see 'govlint rules')")
    print("\n\n".join(_explain(rule) for rule in chosen))
    return EXIT_CLEAN


def _explain(rule) -> str:
    import json

    from linter.rules_api import type_name

    lines = [f"{rule.code} {rule.name} [{rule.severity}] ({rule.plugin})"]
    lines += [f"  option {name} = {json.dumps(value, ensure_ascii=False)}  ({type_name(rule.option_type(name))})"
              for name, value in rule.options.items()]
    return "\n".join([*lines, "", rule.doc])


def cmd_rules(args: argparse.Namespace) -> int:
    from linter.packs import rule_catalogue

    if args.format == "json":
        import json

        json.dump([{"code": rule.code, "name": rule.name, "severity": str(rule.severity), "summary": rule.summary,
                    "plugin": rule.plugin, "options": dict(rule.options), "documentation": rule.doc}
                   for rule in rule_catalogue()], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_CLEAN
    for rule in rule_catalogue():
        # Pack rules run only where their pack is selected: say so beside the summary.
        where = f"（{rule.plugin}）" if rule.plugin.startswith("pack ") else ""
        print(f"{rule.code:8} {rule.name:32} {str(rule.severity):8} {rule.summary}{where}")
    return EXIT_CLEAN


def cmd_packs(args: argparse.Namespace) -> int:
    from linter.packs import listed_packs
    from linter.packs.listing import describe_pack

    for pack in listed_packs(args.paths):
        print(describe_pack(pack))
    return EXIT_CLEAN


def cmd_index_build(args: argparse.Namespace) -> int:
    from linter.corpus.index import build_index, write_index
    from linter.run import worker_count

    summaries, skipped = build_index(args.paths, args.jobs or worker_count(None, 1_000_000))
    for message in skipped:
        print(f"govlint: {message}", file=sys.stderr)
    count = write_index(args.output, summaries)
    print(f"govlint: indexed {count} report(s) in {args.output}", file=sys.stderr)
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    with remembered():
        return _run(argv)


def program() -> int:
    """The govlint program (its console script, `python -m linter`): `main`, then every object
    left frozen out of the garbage collector's reach. The interpreter's last collection at exit
    walks every object the run made, 5 % of a one-file run, to free what the ending process
    gives back anyway; module teardown, atexit handlers and flushing happen as always. Not for
    use inside a longer-lived process (its objects would never be collected)."""
    code = main()
    if code == EXIT_INTERRUPTED:
        # Workers stopped at Ctrl-C may leave half a result in the pool's pipe: the interpreter's
        # exit would then wait for ever on concurrent.futures' reader thread. Nothing is left to do.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    gc.freeze()
    return code


def _run(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    try:
        return args.handler(args)
    except GovlintError as error:
        for line in str(error).splitlines():  # a rule pack's problems, one a line
            say(line)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED


COMMANDS = {"check": _add_check, "inspect": _add_inspect, "review": _add_review, "rule": _add_rule,
            "rules": _add_rules, "packs": _add_packs, "index": _add_index}
"""Each command and what adds its sub-parser, in the order `--help` lists them."""


if __name__ == "__main__":
    sys.exit(main())
