"""Command line: govlint check | inspect | rule | rules | packs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from linter import __version__
from linter.errors import InputError, UsageError
from linter.yamlfile import DataFileError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 itself; keep its one-line style
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"govlint: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govlint", description="政府信息公开工作年度报告检查工具")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check reports (files or directories)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", default="concise", choices=["concise", "json"])
    check.set_defaults(handler=cmd_check)

    inspect = commands.add_parser("inspect", help="show what govlint recognised in a report")
    inspect.add_argument("path", metavar="FILE")
    inspect.add_argument("--format", default="text", choices=["text", "json"])
    inspect.set_defaults(handler=cmd_inspect)

    rule = commands.add_parser("rule", help="explain a rule")
    rule.add_argument("code")
    rule.set_defaults(handler=cmd_rule)

    rules = commands.add_parser("rules", help="list all rules")
    rules.set_defaults(handler=cmd_rules)

    packs = commands.add_parser("packs", help="list the rule packs available and their rules")
    packs.add_argument("paths", nargs="*", metavar="PACK.yaml", help="local packs to list as well")
    packs.set_defaults(handler=cmd_packs)
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from linter.checker import check_file, discover
    from linter.engine import plugin_failures
    from linter.settings import Settings

    settings = Settings()
    results = [check_file(path, settings) for path in discover(args.paths)]
    if results:
        results[0].diagnostics[:0] = plugin_failures(results[0].path)
    diagnostics = [d for r in results for d in r.diagnostics]
    if args.format == "json":
        json.dump([d.to_dict() for d in diagnostics], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for d in diagnostics:
            print(f"{d.path}:{d.location.place()}: {d.code} {d.message}")
    errors = [r.error for r in results if r.error]
    for error in errors:
        print(f"govlint: {error}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if diagnostics else EXIT_CLEAN


def cmd_inspect(args: argparse.Namespace) -> int:
    from linter.inspection import report_summary, report_to_dict
    from linter.loaders import load
    from linter.recognize import recognize

    report = recognize(load(args.path))
    if args.format == "json":
        json.dump(report_to_dict(report), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(report_summary(report))
    return EXIT_CLEAN


def cmd_rule(args: argparse.Namespace) -> int:
    from linter.packs import rule_catalogue

    rule = next((r for r in rule_catalogue() if r.code == args.code.upper()), None)
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r} (see 'govlint rules')")
    print(f"{rule.code} {rule.name} [{rule.severity}] ({rule.plugin})\n")
    print(rule.doc)
    return EXIT_CLEAN


def cmd_rules(args: argparse.Namespace) -> int:
    from linter.packs import rule_catalogue

    for rule in rule_catalogue():
        print(f"{rule.code:8} {rule.name:32} {str(rule.severity):8} {rule.summary}")
    return EXIT_CLEAN


def cmd_packs(args: argparse.Namespace) -> int:
    from linter.packs import listed_packs
    from linter.packs.listing import describe_pack

    for pack in listed_packs(args.paths):
        print(describe_pack(pack))
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, UsageError, DataFileError) as error:
        print(f"govlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
