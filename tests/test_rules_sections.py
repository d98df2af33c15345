"""SEC001–SEC006 on variants of the clean fixture."""

from __future__ import annotations

from fixturetext import Fixture
from rule_helpers import CLEAN, lines_of, run_rule

FIVE = "五、存在的主要问题及改进情况\n"
SIX_BODY = "本年度未收取信息处理费，无其他需要报告的事项。\n"


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def test_missing_section_is_reported_at_the_next_heading() -> None:
    text = CLEAN.replace(FIVE, "")
    findings = run_rule("SEC001", text)
    assert [f.fingerprint for f in findings] == ["SEC001|五"]
    assert lines_of(findings) == [line_of(text, "六、其他需要报告的事项")]
    assert "存在的主要问题及改进情况" in findings[0].message


def test_reworded_heading_is_not_missing() -> None:
    text = CLEAN.replace(FIVE, "五、政府信息公开工作存在的主要问题及改进措施\n")
    assert run_rule("SEC001", text) == []


def test_sections_out_of_order() -> None:
    three = "三、收到和处理政府信息公开申请情况\n\n（表格略）\n\n"
    four = "四、政府信息公开行政复议、行政诉讼情况\n\n（表格略）\n\n"
    text = CLEAN.replace(three + four, four + three)
    findings = run_rule("SEC002", text)
    assert lines_of(findings) == [line_of(text, "三、收到和处理")]
    assert "第三部分出现在第四部分" in findings[0].message
    assert run_rule("SEC002", CLEAN) == []


def test_repeated_heading_and_repeated_number() -> None:
    text = CLEAN.replace("一、总体情况\n", "一、总体情况\n\n一、总体情况\n")
    findings = run_rule("SEC003", text)
    assert lines_of(findings) == [7]
    assert "第5行" in findings[0].message
    renumbered = CLEAN.replace("三、收到和处理", "二、收到和处理")
    findings = run_rule("SEC003", renumbered)
    assert lines_of(findings) == [line_of(renumbered, "二、收到和处理")]
    assert "编号“二”" in findings[0].message


def test_empty_section_with_only_web_chrome_and_signature() -> None:
    text = CLEAN.replace(SIX_BODY, "扫一扫在手机打开当前页面\n")
    findings = run_rule("SEC004", text)
    assert lines_of(findings) == [line_of(text, "六、其他需要报告的事项")]


def test_section_saying_none_is_not_empty_and_repeated_heading_copy_is_not_reported() -> None:
    assert run_rule("SEC004", CLEAN.replace(SIX_BODY, "无\n")) == []
    doubled = CLEAN.replace("一、总体情况\n", "一、总体情况\n\n一、总体情况\n")
    assert run_rule("SEC004", doubled) == []


def test_title_without_year() -> None:
    text = CLEAN.replace("某县某某镇人民政府2023年政府信息公开工作年度报告", "某某镇政府信息公开工作年度报告")
    findings = run_rule("SEC005", text)
    assert lines_of(findings) == [1]
    assert "报告年度（正文推断为2023年）" in findings[0].message


def test_markdown_heading_levels_drift() -> None:
    text = Fixture("# 某镇2020年政府信息公开工作年度报告\n\n") + "\n\n".join(
        f"{marks} {number}、{title}\n\n无" for marks, number, title in [
            ("##", "一", "总体情况"), ("##", "二", "主动公开政府信息情况"),
            ("###", "三", "收到和处理政府信息公开申请情况"),
            ("##", "四", "政府信息公开行政复议、行政诉讼情况"), ("##", "五", "存在的主要问题及改进情况"),
            ("##", "六", "其他需要报告的事项")])
    findings = run_rule("SEC006", text, "r.md")
    assert lines_of(findings) == [line_of(text, "三、收到")]
    assert run_rule("SEC006", text.replace("###", "##"), "r.md") == []


def test_text_without_any_section_gives_one_finding() -> None:
    findings = run_rule("SEC001", "某镇2023年政府信息公开工作年度报告\n\n今年工作很好。\n")
    assert len(findings) == 1 and findings[0].location.line == 1
