"""FMT001 (web residue) and FMT002 (document numbers) on variants of the clean fixture."""

from __future__ import annotations

from rule_helpers import CLEAN, lines_of, run_rule, text_at

NOTICE = "国办公开办函〔2021〕30号"
TITLE = "某县某某镇人民政府2023年政府信息公开工作年度报告\n"


def test_navigation_bar_and_controls_are_one_finding_per_block() -> None:
    chrome = "您当前位置：首页 > 政务公开 > 政府信息公开年报\n\n语音播报\n字体：[大 中 小]\n"
    text = chrome + TITLE + CLEAN[len(TITLE):] + "\n扫一扫在手机打开当前页面\n打印本页\n"
    findings = run_rule("FMT001", text)
    assert lines_of(findings) == [1, text.split("\n").index("扫一扫在手机打开当前页面") + 1]
    assert (findings[0].location.end_line, "共3行" in findings[0].message) == (4, True)


def test_site_footer_after_the_signature() -> None:
    text = CLEAN + "\n某县政府信息公开\n"
    [finding] = run_rule("FMT001", text)
    assert text_at(text, finding) == "某县政府信息公开"


def test_report_wording_about_disclosure_is_not_chrome() -> None:
    wording = "依托政府网站首页和政务公开专栏发布信息，网站访问量达10万次，群众可扫一扫二维码关注公众号。"
    text = CLEAN.replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n\n" + wording + "\n")
    assert run_rule("FMT001", text) == []


def test_missing_closing_bracket() -> None:
    text = CLEAN.replace(NOTICE, "国办公开办函〔202130号")
    [finding] = run_rule("FMT002", text)
    assert text_at(text, finding) == "〔202130号"
    assert "〔2021〕30号" in finding.message and finding.fix is None


def test_agency_word_inside_the_number() -> None:
    text = CLEAN.replace(NOTICE, "国办公开函〔2021〕办 30 号")
    [finding] = run_rule("FMT002", text)
    assert text_at(text, finding) == "国办公开函〔2021〕办 30 号"
    assert "应为“国办公开办函〔2021〕30号”" in finding.message


def test_other_brackets_get_a_fix() -> None:
    for opening, closing in ("［］", "﹝﹞", "[]", "【】", "()", "（）"):
        text = CLEAN.replace(NOTICE, f"国办公开办函{opening}2021{closing}30号")
        [finding] = run_rule("FMT002", text)
        assert text_at(text, finding) == f"{opening}2021{closing}"
        assert finding.fix.replacement == "〔2021〕"


def test_court_case_numbers_and_dates_in_brackets_are_not_document_numbers() -> None:
    text = CLEAN.replace("均在法定期限内答复", "（2023）京0101行初123号案件已审结，均在法定期限内答复（2023年）")
    assert run_rule("FMT002", text) == []
