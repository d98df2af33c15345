"""DAT001–DAT005 on variants of the clean fixture."""

from __future__ import annotations

from conftest import recognize_text
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


def test_every_garbled_form_is_dat001_with_its_fix() -> None:
    cases = {
        "统计期限为2023年11日至1231日": [("2023年11日", "2023年1月1日"), ("1231日", "12月31日")],
        "统计时间为20231月1日至202312月31日": [("20231月1日", "2023年1月1日"), ("202312月31日", "2023年12月31日")],
        "统计期限为20230101至20231231": [("20230101", "2023年1月1日"), ("20231231", "2023年12月31日")],
        "统计期限自2023年1月1日起至2023年12月31止": [("2023年12月31", "2023年12月31日")],
    }
    for period, expected in cases.items():
        text = CLEAN.replace(PERIOD, period)
        findings = run_rule("DAT001", text)
        assert [(text_at(text, f), f.fix.replacement) for f in findings] == expected, period
        assert run_rule("DAT003", text) == [], period  # the period reads as the report year


def test_a_range_whose_connector_was_lost_gets_it_back() -> None:
    text = CLEAN.replace(PERIOD, "统计期限从2023年1月1日12月31日")
    [finding] = run_rule("DAT001", text)
    assert text_at(text, finding) == "2023年1月1日12月31日"
    assert finding.fix.replacement == "2023年1月1日至12月31日"
    assert run_rule("DAT003", text) == []
    assert run_rule("DAT003", text.replace("12月31日", "11月30日")) != []


def test_period_in_any_written_form_is_read_by_dat003() -> None:
    for period in ("统计期限为2023.1.1-2023.6.30", "统计期限为2023-01-01至2023-06-30", "统计期限为20230101至20230630",
                   "统计期限为二〇二三年一月一日至二〇二三年六月三十日", "统计期限为2023年1月1日—6月30日",
                   "统计期限为202311日至2023630日"):
        [finding] = run_rule("DAT003", CLEAN.replace(PERIOD, period))
        assert "至2023年6月30日，应为报告年度的2023年1月1日至2023年12月31日" in finding.message, period
    assert run_rule("DAT003", CLEAN.replace(PERIOD, "统计期限为2023.1.1-2023.12.31")) == []


def test_compact_date_in_prose_is_dat001_but_numbers_of_other_kinds_are_not() -> None:
    text = CLEAN.replace("全年收到", "本报告于20240120发布。全年收到")
    [finding] = run_rule("DAT001", text)
    assert (text_at(text, finding), finding.fix.replacement) == ("20240120", "2024年1月20日")
    for other in ("咨询电话：0591-20240120。", "文号〔2021〕30号。", "索引号：014314799/2024-00002。",
                  "2023年共收到申请12件。", "网址 http://www.gov.cn/2024/01/20/a.htm 。"):
        assert run_rule("DAT001", CLEAN.replace("全年收到", other + "全年收到")) == [], other


def test_dat004_and_the_pack_deadline_kind_read_the_same_recognised_dates() -> None:

    text = CLEAN.replace(SIGNATURE, "某某镇人民政府 2024年2月26日").replace(
        "\n\n本报告依据", "\n发布时间：2024-02-05\n\n本报告依据")
    report = recognize_text(text)
    assert (report.signature_date.when.isoformat(), report.signature_date.what) == ("2024-02-26", "落款日期")
    assert (report.publication_date.when.isoformat(), report.publication_date.what) == ("2024-02-05", "网页发布日期")
    assert text_at(text, report.signature_date) == "2024年2月26日"
    assert [f.location for f in run_rule("DAT004", report)] == [report.publication_date.location,
                                                                report.signature_date.location]
