"""Copy detection and the cross-year rules at province scale: a generated province (one report
per body per year, planted copies) checked in one run.

    python benchmarks/copies.py --reports 10000

Writes the reports (tests/province.py) to a temporary folder, then runs `govlint check` in this
process as the command line does (default --jobs, JSON output to /dev/null) and reports: the
whole run, its corpus phase (every corpus rule over every report), and the cross-year rules
alone over the first 5,000 reports. Figures and the machine they came from: docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000, help="reports to generate (two years per body)")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    from linter.plugins.crossyear import check_carry_over, check_in_force
    from province import province

    import linter.run.corpus_step as corpus_step
    from linter.check_command import run_check_command
    from linter.cli import build_parser
    from linter.rules_api import RuleContext

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        generated = province(seed=3, bodies=args.reports // 2, sites=max(1, args.reports // 200),
                             planted=max(1, args.reports // 500))
        generated.write(Path(folder))
        print(f"generated {len(generated.reports)} reports in {time.perf_counter() - started:.1f} s")

        timings: dict[str, float] = {}
        checked: list = []
        original = corpus_step.run_corpus_rules

        def timed(results, *rest):
            checked.extend(r.report for r in results)
            begin = time.perf_counter()
            original(results, *rest)
            timings["corpus"] = time.perf_counter() - begin

        corpus_step.run_corpus_rules = timed
        command = ["check", "--format", "json", "--exit-zero", "-o", "/dev/null", folder]
        if args.jobs:
            command[1:1] = ["--jobs", str(args.jobs)]
        started = time.perf_counter()
        run_check_command(build_parser().parse_args(command))
        whole = time.perf_counter() - started
        print(f"whole run: {whole:.1f} s ({len(generated.reports) / whole:.0f} reports/s)")
        print(f"corpus phase (all corpus rules, {len(checked)} reports): {timings['corpus']:.2f} s")
        sample = checked[:5000]
        for rule in (check_carry_over, check_in_force):
            begin = time.perf_counter()
            list(rule.check(sample, RuleContext(rule, rule.options)))
            print(f"{rule.code} alone over {len(sample)} reports: {time.perf_counter() - begin:.3f} s")


if __name__ == "__main__":
    main()
