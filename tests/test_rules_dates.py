"""DAT001–DAT005 on variants of the clean fixture."""

from __future__ import annotations

from rule_helpers import CLEAN, run_rule, text_at

PERIOD = "统计期限自2023年1月1日起至2023年12月31日止"
SIGNATURE = "2024年1月26日"


def test_garbled_period_dates_get_the_one_valid_reading_as_fix() -> None:
    text = CLEAN.replace(PERIOD, "统计时限为202311日至20231231日")
    findings = run_rule("DAT001", text)
    assert [text_at(text, f) for f in findings] == ["202311日", "20231231日"]
    assert [f.fix.replacement for f in findings] == ["2023年1月1日", "2023年12月31日"]
    assert findings[0].fix.location == findings[0].location


def test_ambiguous_garbled_date_has_no_fix_and_names_both_readings() -> None:
    text = CLEAN.replace("全年收到", "2023111日起全年收到")
    [finding] = run_rule("DAT001", text)
    assert finding.fix is None
    assert "2023年1月11日" in finding.message and "2023年11月1日" in finding.message


def test_signature_date_without_year_and_month_marks() -> None:
    text = CLEAN.replace(SIGNATURE, "20240126")
    [finding] = run_rule("DAT001", text)
    assert text_at(text, finding) == "20240126"
    assert finding.fix.replacement == "2024年1月26日"


def test_numbers_that_only_look_like_dates_are_not_garbled() -> None:
    assert run_rule("DAT001", CLEAN.replace("3件", "20231件")) == []  # no 日
    assert run_rule("DAT001", CLEAN.replace(PERIOD, "统计期限自2023 年 1 月 1 日起至2023 年 12 月 31 日止")) == []
    one_cell_per_line = CLEAN.replace(SIGNATURE, "0\n\n20240126")
    assert run_rule("DAT001", one_cell_per_line) == []


def test_impossible_dates() -> None:
    text = CLEAN.replace(PERIOD, "统计期限自2023年1月1日起至2023年2月30日止").replace(SIGNATURE, "2024年13月2日")
    findings = run_rule("DAT002", text)
    assert [text_at(text, f) for f in findings] == ["2023年2月30日", "2024年13月2日"]
    assert run_rule("DAT002", CLEAN.replace(PERIOD, "统计期限自2024年2月29日起")) == []


def test_statistical_period_not_the_report_year() -> None:
    text = CLEAN.replace(PERIOD, "统计期限自2023年1月1日起至2023年11月30日止")
    [finding] = run_rule("DAT003", text)
    assert text_at(text, finding) == "2023年1月1日起至2023年11月30日"
    assert "2023年1月1日至2023年12月31日" in finding.message


def test_period_across_a_pdf_line_break_and_garbled_period_are_not_dat003() -> None:
    wrapped = CLEAN.replace(PERIOD, "统计期限自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止")
    assert run_rule("DAT003", wrapped) == []
    assert run_rule("DAT003", wrapped.replace("2023 年 12 月", "2022 年 12 月"))[0].location.end_line == 4
    assert run_rule("DAT003", CLEAN.replace(PERIOD, "统计时限为202311日至20231231日")) == []


def test_signature_after_the_deadline() -> None:
    late = CLEAN.replace(SIGNATURE, "2024年2月26日")
    [finding] = run_rule("DAT004", late)
    assert text_at(late, finding) == "2024年2月26日"
    assert "2024年1月31日" in finding.message
    assert run_rule("DAT004", late, deadline="02-28") == []


def test_government_reports_have_until_31_march() -> None:
    county = CLEAN.replace("某县某某镇人民政府2023年", "某某县人民政府2023年").replace(SIGNATURE, "2024年3月20日")
    assert run_rule("DAT004", county) == []
    assert run_rule("DAT004", county.replace("3月20日", "4月2日")) != []


def test_web_header_publication_date() -> None:
    text = CLEAN.replace("\n\n本报告依据", "\n发布时间：2024-02-05\n\n本报告依据")
    [finding] = run_rule("DAT004", text)
    assert finding.location.line == 2 and "网页发布日期" in finding.message


def test_prose_naming_an_earlier_year_as_the_report_year() -> None:
    text = CLEAN.replace("2023年，某某镇认真", "2022年，我镇认真")
    [finding] = run_rule("DAT005", text)
    assert text_at(text, finding).startswith("2022年，我镇")
    assert "“2022年，我镇" in finding.message  # quoted as written, full-width comma kept
    intro = CLEAN.replace("一是公开内容", "现将2022年度政府信息公开工作情况报告如下。一是公开内容")
    assert len(run_rule("DAT005", intro)) == 1


def test_other_years_mentioned_in_passing_are_not_dat005() -> None:
    text = CLEAN.replace("重大项目建设", "2018年度财政决算审计整改公告、重大项目建设")
    assert run_rule("DAT005", text) == []
    assert run_rule("DAT005", CLEAN.replace("2024年，我镇将", "2025年，我镇将")) == []


def test_three_digits_with_one_valid_reading() -> None:
    text = CLEAN.replace("全年收到", "2021926日起全年收到")
    [finding] = run_rule("DAT001", text)
    assert finding.fix.replacement == "2021年9月26日"


def test_fingerprints_do_not_depend_on_the_location() -> None:
    text = CLEAN.replace(SIGNATURE, "2024年2月26日")
    moved = text.replace("一、总体情况\n", "\n\n一、总体情况\n")
    assert [f.fingerprint for f in run_rule("DAT004", text)] == [f.fingerprint for f in run_rule("DAT004", moved)]
    assert run_rule("DAT004", text)[0].location != run_rule("DAT004", moved)[0].location
