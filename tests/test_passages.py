"""Passages: a paragraph's lines joined for matching, quoted and located as stored (plugins/textscan.py)."""

from __future__ import annotations

from linter.plugins.textscan import passages

from linter.model import text_document
from linter.recognize import recognize

REPORT = (
    "某某县人民政府办公室2022年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "　　本机关主动公开政府信息１２０条，\n"
    "  其中ＡＢ类８条。\n"
)


def _wrapped_passage():
    report = recognize(text_document("report.txt", REPORT), None)
    return next(p for p in passages(report) if "主动公开" in p.text)


def test_a_wrapped_paragraph_is_one_folded_passage_quoted_as_stored() -> None:
    passage = _wrapped_passage()
    assert passage.text == "本机关主动公开政府信息120条,其中AB类8条。"
    start = passage.text.index("120")
    end = passage.text.index("类")
    assert passage.quote(start, end) == "１２０条，其中ＡＢ"
    assert passage.quote(0, len(passage.text)) == "本机关主动公开政府信息１２０条，其中ＡＢ类８条。"


def test_a_span_across_the_line_break_is_located_on_both_lines() -> None:
    passage = _wrapped_passage()
    location = passage.locate(passage.text.index("120"), passage.text.index("类"))
    assert (location.line, location.column, location.end_line, location.end_column) == (3, 14, 4, 7)
