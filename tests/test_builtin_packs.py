"""The built-in provincial packs (rules/packs/*.yaml) on reports written for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixturetext import Fixture, fixture_text

from linter.diagnostics import Severity
from linter.engine import run_rules
from linter.model import text_document
from linter.packs import listed_packs, resolve_packs
from linter.recognize import recognize
from linter.settings import Settings

REPORTS = Path(__file__).parent / "fixtures" / "packs" / "reports"


def findings(pack: str, text: str) -> list[tuple[str, int, str]]:
    """(code, line, message) of what `pack`'s own rules report on `text`."""
    resolved = resolve_packs([pack])
    report = recognize(text_document("report.txt", str(text)))
    return [(d.code, d.location.line, d.message)
            for d in run_rules(report, resolved.rules, resolved.apply(Settings()))]


def fixture(name: str) -> Fixture:
    return fixture_text(REPORTS / name)


def codes(pack: str, text: str) -> list[str]:
    return [code for code, _, _ in findings(pack, text)]


@pytest.mark.parametrize(("pack", "report"), [
    ("shandong", "shandong-2022.txt"),
    ("sichuan", "sichuan-2022.txt"),
    ("shanghai", "shanghai-2021.txt"),
    ("chongqing", "chongqing-2022.txt"),
    ("huaihua", "huaihua-2021.txt"),
])
def test_a_report_that_meets_the_provinces_requirements_is_clean(pack: str, report: str) -> None:
    assert findings(pack, fixture(report)) == []


def test_every_built_in_pack_extends_national_and_every_rule_cites_its_source() -> None:
    built_in = [p for p in listed_packs() if p.origin == "built-in"]
    assert {"national", "sichuan", "chongqing", "shanghai", "shandong"} <= {p.name for p in built_in}
    for pack in built_in:
        if pack.name != "national":
            assert [r.name for r in pack.extends] == ["national"]
        for rule in pack.rules:
            assert rule.code.startswith(pack.prefix) and rule.source, rule.code


def test_shandong_opening_must_cite_notice_30_and_mention_the_tables() -> None:
    text = fixture("shandong-2022.txt").replace("（国办公开办函〔2021〕30号）", "").replace("及附表", "")
    assert [(code, line) for code, line, _ in findings("shandong", text)] == [("SD001", 6), ("SD002", 6)]


def test_shandong_citation_in_section_one_counts_but_not_in_section_five() -> None:
    text = fixture("shandong-2022.txt").replace("（国办公开办函〔2021〕30号）", "")
    in_one = text.replace("2022年，某某镇扎实", "按照国办公开办函〔2021〕30号，2022年，某某镇扎实")
    in_five = text.replace("公开内容还不够全面", "对照国办公开办函〔2021〕30号，公开内容还不够全面")
    assert codes("shandong", in_one) == []
    assert codes("shandong", in_five) == ["SD001"]


def test_shandong_contact_phone_and_address() -> None:
    text = fixture("shandong-2022.txt").replace("（地址：威海市某某区某某路1号，电话：0631-1234567）", "")
    assert codes("shandong", text) == ["SD003", "SD004"]


def test_shandong_section_six_must_list_proposals_in_any_usual_wording() -> None:
    text = fixture("shandong-2022.txt")
    missing = text.replace("（一）人大代表建议和政协提案办理结果公开情况。", "（一）")
    missing = missing.replace("承办人大代表建议3件、政协提案2件，办理结果已全部公开", "无")
    reworded = text.replace("人大代表建议和政协提案办理结果公开情况", "建议提案办理结果公开")
    [(code, line, message)] = findings("shandong", missing)
    assert (code, line) == ("SD005", 16) and "人大代表建议和政协提案办理结果公开情况" in message
    assert codes("shandong", reworded) == []


def test_shandong_rules_apply_from_the_2021_reports_on() -> None:
    text = fixture("shandong-2022.txt").replace("（地址：威海市某某区某某路1号，电话：0631-1234567）", "")
    assert codes("shandong", text.replace("2022年政府信息公开", "2020年政府信息公开")) == []


def test_sichuan_statistical_period_must_be_stated() -> None:
    text = fixture("sichuan-2022.txt")
    without = text.replace("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", "")
    garbled = text.replace("2022年1月1日起至2022年12月31日止", "202211日起至20221231日止")
    assert [(code, line) for code, line, _ in findings("sichuan", without)] == [("SC001", 1)]
    assert codes("sichuan", garbled) == []
    assert codes("sichuan", without.replace("2022年政府信息公开", "2019年政府信息公开")) == []


def test_shanghai_reports_from_2020_cite_the_shanghai_regulation() -> None:
    without = fixture("shanghai-2021.txt").replace("和《上海市政府信息公开规定》", "")
    assert codes("shanghai", without) == ["SH001"]
    assert codes("shanghai", without.replace("2021年政府信息公开", "2019年政府信息公开")) == []


def test_chongqing_overview_may_not_drop_a_topic_and_empty_sections_are_errors() -> None:
    text = fixture("chongqing-2022.txt").replace("（四）政务公开平台建设。持续优化镇政府网站信息公开专栏。\n", "")
    [(code, line, message)] = findings("chongqing", text)
    assert (code, line) == ("CQ001", 4) and "政府信息公开平台建设" in message
    assert resolve_packs(["chongqing"]).severity == {"SEC004": Severity.ERROR}


def test_a_repeated_section_heading_does_not_hide_the_sections_text() -> None:
    text = fixture("chongqing-2022.txt").replace("一、总体情况\n", "一、总体情况\n\n一、总体情况\n")
    assert [s.number for s in recognize(text_document("report.txt", str(text))).sections][:2] == ["一", "一"]
    assert findings("chongqing", text) == []


def test_huaihua_city_departments_publish_by_28_january_2022() -> None:
    late = fixture("huaihua-2021.txt").replace("2022年1月27日", "2022年1月30日")
    [(code, line, message)] = findings("huaihua", late)
    assert (code, line) == ("HH001", 18)
    assert "2022年1月30日" in message and "2022年1月28日" in message
    town = late.replace_all("怀化市某某局", "怀化市某某镇人民政府")
    assert codes("huaihua", town) == []
    assert codes("huaihua", late.replace("2021年政府信息公开", "2022年政府信息公开")) == []
