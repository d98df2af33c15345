"""Copy detection and the cross-year rules at province scale: a generated province (one report
per body per year, planted copies) checked in one run.

    python benchmarks/copies.py --reports 10000
    python benchmarks/copies.py --reports 100000 --corpus-only

Writes the reports (tests/province.py) to a temporary folder, then runs `govlint check` in this
process as the command line does (default --jobs, JSON output to /dev/null, no results cache: a
first run) and reports: the whole run, its corpus phase (every corpus rule over every report),
and the cross-year rules alone over the first 5,000 reports.

--corpus-only skips reading the files: it makes each report's copy-detection summary straight
from the generated text (the sentences and their keys as `linter.corpus.summary` makes them, with
placeholder locations), spills the summaries as a run does (`linter.corpus.spill`) and times the
main process's join (`linter.corpus.detect.Corpus` and every
report's result) and the linking of bodies the cross-year rules use: the part of the run whose
cost grows with the corpus rather than with each file. Figures: docs/performance.md.
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
    parser.add_argument("--corpus-only", action="store_true", help="time the join over summaries only")
    args = parser.parse_args()
    if args.corpus_only:
        corpus_only(args.reports)
        return

    from province import province

    import linter.run.corpus_step as corpus_step
    from linter.check_command import run_check_command
    from linter.cli import build_parser

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        generated = province(seed=3, bodies=args.reports // 2, sites=max(1, args.reports // 200),
                             planted=max(1, args.reports // 500))
        generated.write(Path(folder))
        print(f"generated {len(generated.reports)} reports in {time.perf_counter() - started:.1f} s")

        timings: dict[str, float] = {}
        original = corpus_step.corpus_findings

        def timed(reports, *rest):
            begin = time.perf_counter()
            added = original(reports, *rest)
            timings["corpus"] = time.perf_counter() - begin
            _time_cross_year_rules(reports)  # while the run's spill file, which the summaries read, is open
            return added

        corpus_step.corpus_findings = timed
        command = ["check", "--format", "json", "--exit-zero", "--no-cache", "-o", "/dev/null", folder]
        if args.jobs:
            command[1:1] = ["--jobs", str(args.jobs)]
        started = time.perf_counter()
        run_check_command(build_parser().parse_args(command))
        whole = time.perf_counter() - started
        print(f"whole run: {whole:.1f} s ({len(generated.reports) / whole:.0f} reports/s)")
        print(f"corpus phase (all corpus rules): {timings['corpus']:.2f} s")


def _time_cross_year_rules(reports) -> None:
    """XYR001 and XYR002 alone over the first 5,000 of the run's year summaries."""
    from linter.plugins.crossyear import check_carry_over, check_in_force

    from linter.rules_api import RuleContext

    summaries = reports.summaries(check_carry_over, reports.taking_part(check_carry_over))
    sample = [summaries[index] for index in range(min(5000, len(summaries)))]
    for rule in (check_carry_over, check_in_force):
        begin = time.perf_counter()
        list(rule.check(sample, RuleContext(rule, rule.options)))
        print(f"{rule.code} alone over {len(sample)} reports: {time.perf_counter() - begin:.3f} s")


def _summaries(generated) -> list:
    """Each generated report's summary as `summarize` makes it, from its text (no recognition)."""
    import re

    from linter.corpus.summary import ReportSummary, Sentences, signature
    from linter.corpus.text import MIN_SENTENCE, SENTENCE_END, key_hash, own_names, sentence_key
    from linter.model import Location
    from linter.recognize.title import classify_body
    from linter.textnorm import squash

    found = []
    for path, text in generated.reports.items():
        title = text.split("\n", 1)[0]
        match = re.match(r"(.+?)(\d{4})年政府信息公开工作年度报告", title)
        body, year = squash(match.group(1)), int(match.group(2))
        names = own_names(body)
        sentences, keys = [], []
        for number, line in enumerate(text.split("\n")[1:], start=2):
            if "\t" in line:
                continue
            for raw in SENTENCE_END.split(line):
                key = sentence_key(raw, names)
                if len(key) >= MIN_SENTENCE:
                    sentences.append((key_hash(key), len(key), Location(number, 1, number, 2), raw))
                    keys.append(key)
        found.append(ReportSummary(path, body, classify_body(body), year, Location(1, 1, 1, 2),
                                   Sentences(sentences, signature("".join(keys)))))
    return found


def corpus_only(reports: int) -> None:
    import gc

    from province import province

    from linter.corpus.spill import SpillFile, spill

    started = time.perf_counter()
    generated = province(seed=3, bodies=reports // 2, sites=max(1, reports // 200), planted=max(1, reports // 500))
    print(f"generated {len(generated.reports)} reports in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    summaries = _summaries(generated)
    signing = time.perf_counter() - started
    print(f"summaries (done by the workers in a run): {signing:.1f} s, {signing / len(summaries) * 1000:.2f} ms each")
    years = _year_summaries(summaries)
    gc.disable()  # as during a run (linter.run.pool.collection_paused)
    with SpillFile() as spilled:  # as a run does as results arrive: the join reads what it compares back
        spill([*summaries, *years], spilled)
        for size in sorted({min(5000, len(summaries)), len(summaries)}):
            _time_join(summaries[:size])
            _time_rules(summaries[:size], years[:size])


def _time_join(summaries: list) -> None:
    """The cross-year linking, the copy join, and the join with every report's result."""
    from linter.corpus.bodies import BodyYear, predecessors
    from linter.corpus.detect import Corpus

    begin = time.perf_counter()
    predecessors([BodyYear(s.body, s.kind, s.year) for s in summaries])
    linking = time.perf_counter() - begin
    begin = time.perf_counter()
    corpus = Corpus(summaries)
    joined = time.perf_counter() - begin
    results = [corpus.result(i) for i in range(len(summaries))]
    total = time.perf_counter() - begin
    del corpus, results
    print(f"{len(summaries)} reports: cross-year linking {linking:.3f} s; copy join {joined:.2f} s, "
          f"with every report's result {total:.2f} s", flush=True)


def _time_rules(summaries: list, years: list) -> None:
    """The CPY and XYR rules over the summaries, as a run calls them."""
    begin = time.perf_counter()
    found = sum(len(list(rule.check(summaries, _context(rule)))) for rule in _rules("CPY"))
    copies = time.perf_counter() - begin
    begin = time.perf_counter()
    crossed = sum(len(list(rule.check(years, _context(rule)))) for rule in _rules("XYR"))
    cross = time.perf_counter() - begin
    print(f"{len(summaries)} reports: the corpus rules as a run calls them: CPY001-CPY004 {copies:.2f} s "
          f"({found} findings), XYR001+XYR002 {cross:.2f} s ({crossed} findings); "
          f"peak memory of this process so far {_peak_mb():.0f} MB", flush=True)


def _rules(family: str) -> list:
    from linter.engine import CorpusRule, all_rules

    return [rule for rule in all_rules() if isinstance(rule, CorpusRule) and rule.code.startswith(family)]


def _context(rule):
    from linter.rules_api import RuleContext

    return RuleContext(rule, rule.options)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _year_summaries(summaries: list) -> list:
    """The cross-year summary of each generated report: the generated reports all carry the same
    tables (tests/province.py), so each gets the example's cells under its own body and year (in a
    `Detail` of its own, spilled as a run spills it)."""
    from linter.plugins.crossyear import summarize_years

    from linter.corpus.spill import Detail
    from linter.loaders import load
    from linter.recognize import recognize

    example = Path(__file__).resolve().parents[1] / "examples" / "reports" / "qingshan-2022.txt"
    cells = summarize_years(recognize(load(str(example))))
    assert cells is not None
    return [type(cells)(s.path, s.body, s.kind, s.year, Detail(cells.cells.value)) for s in summaries]


if __name__ == "__main__":
    main()
