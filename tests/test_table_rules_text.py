"""The table rules on whole reports as text, through the loader and the table recogniser.

tests/fixtures/tablerules/town-2022.txt is a clean 2022 town report with tab-separated tables (2021
template); each test changes one thing in it and checks what is reported, and where.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED, recognize_text
from fixturetext import Fixture, fixture_text
from rule_helpers import TABLE_CODES

from linter.engine import all_rules, run_rules
from linter.settings import Settings

CLEAN = fixture_text(FIXTURES / "tablerules" / "town-2022.txt")
CLEAN_2020 = fixture_text(FIXTURES / "tablerules" / "town-2020.txt")


def check(text: str, path: str = "report.txt") -> list:
    settings = Settings(select=TABLE_CODES)
    return run_rules(recognize_text(text, path), all_rules(), settings)


def changed(old: str, new: str, text: str = CLEAN) -> Fixture:
    return Fixture(text).replace(old, new)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_clean_reports_give_no_table_finding() -> None:
    assert [(d.code, d.message) for d in check(CLEAN)] == []
    # 2019 template on a 2020 report: signed 本年增/减 ("+2", "-1"), money with its unit ("50.92 万元").
    assert [(d.code, d.message) for d in check(CLEAN_2020)] == []


def test_total_row_that_misses_an_applicant() -> None:
    text = changed("\t（七）总计\t2\t1\t0\t0\t0\t0\t3", "\t（七）总计\t2\t1\t0\t0\t0\t0\t2")
    line = line_of(text, "（七）总计")
    column = len(text.split("\n")[line - 1])  # the last cell: "2" at the end of the line
    # One wrong total, three identities: one finding (the first code), naming the other two.
    [finding] = [d for d in check(text) if d.code.startswith("SUM")]
    assert (finding.code, finding.location.line, finding.location.column) == ("SUM001", line, column)
    assert "SUM002（A3）" in finding.message and "SUM003（A1）" in finding.message
    assert [r.message[:7] for r in finding.related_locations] == ["SUM002：", "SUM003："]


def test_the_next_code_reports_a_grouped_total_when_the_first_is_ignored() -> None:
    text = changed("\t（七）总计\t2\t1\t0\t0\t0\t0\t3", "\t（七）总计\t2\t1\t0\t0\t0\t0\t2")
    found = run_rules(recognize_text(text), all_rules(), Settings(select=TABLE_CODES, ignore=["SUM001"]))
    [finding] = [d for d in found if d.code.startswith("SUM")]
    assert finding.code == "SUM002" and finding.fingerprint == "A3:column=总计"
    assert "SUM001（A2）" in finding.message and "SUM003（A1）" in finding.message


def test_review_total_wrong() -> None:
    text = changed("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0", "1\t0\t0\t0\t0\t0\t0\t0\t1\t1\t0")
    [diagnostic] = check(text)
    assert diagnostic.code == "SUM004"
    assert diagnostic.message.startswith("表四 行政复议·总计 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 1")
    assert (diagnostic.location.line, diagnostic.location.column) == (line_of(text, "1\t0\t0\t0\t0\t0\t0\t0\t1"), 9)


def test_negative_count_and_blank_cell() -> None:
    text = changed("\t2.重复申请\t0\t0", "\t2.重复申请\t-1\t1")
    [diagnostic] = [d for d in check(text) if d.code == "SUM005"]
    assert (diagnostic.code, diagnostic.message) == ("SUM005", "表三（五）2.重复申请·自然人 为 -1，件数不能为负数")
    assert diagnostic.location.line == line_of(text, "2.重复申请")
    blank = changed("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0", "1\t0\t\t0\t1\t0\t0\t0\t1\t1\t0")
    assert [(d.code, d.message) for d in check(blank)] == [
        ("SUM006", "表四 行政复议·其他结果 为空，应填写数字（没有发生的填 0）")]


def test_2019_tables_in_a_2022_report_is_tpl001() -> None:
    text = CLEAN_2020.replace_all("2020", "2022").replace("2021年1月20日", "2023年1月20日")
    [diagnostic] = check(text)
    assert diagnostic.code == "TPL001"
    assert diagnostic.message.startswith("本报告为 2022 年度报告，应采用 2021 年模板（国办公开办函〔2021〕30号），"
                                         "但表格采用的是 2019 年模板（")
    assert diagnostic.location.line == line_of(text, "本年新制作数量")


def test_a_row_that_lost_columns_is_tpl003_once_and_no_sums() -> None:
    text = CLEAN
    for row in ("一、本年新收政府信息公开申请数量\t\t2\t1\t0\t0\t0\t0\t3",
                "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1"):
        text = changed(row, row.rsplit("\t", 3)[0], text)
    diagnostics = check(text)
    assert [d.code for d in diagnostics if d.code.startswith(("TPL003", "SUM"))] == ["TPL003"]
    assert diagnostics[0].message.startswith("表三无法与模板对齐：")


def test_label_wording_is_tpl004() -> None:
    text = changed("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")
    [diagnostic] = check(text)
    assert (diagnostic.code, diagnostic.location.line) == ("TPL004", line_of(text, "2.其他法律法规禁止公开"))


def test_rules_count_of_a_town_is_tpl006_but_not_of_a_city() -> None:
    text = changed("规章\t0\t0\t0", "规章\t1\t0\t1")
    [diagnostic] = check(text)
    assert diagnostic.code == "TPL006"
    assert diagnostic.location.line == line_of(text, "规章\t1")
    city = text.replace_all("某某县某某镇人民政府", "某某市人民政府")
    assert check(city) == []


SAMPLES = {
    "seeds/000_e0cb1f6d5af6b941.txt": {("TPL004", 50)},
    "seeds/001_308445025e9d4f28.txt": {("TPL003", 134), ("TPL003", 445)},
    "seeds/002_c09c82378b8e7991.txt": set(),
    "seeds/003_784c0a59c657e553.txt": {("TPL004", 29), ("TPL004", 59)},
    "seeds/004_d1d250c2011c14d6.txt": {("SUM001", 66), ("SUM001", 76), ("SUM006", 84)},
    "reports/hongze-2023.txt": {("SUM004", 152), ("TPL004", 133)},
    "reports/huaian-2024.txt": set(),
}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared sample reports are not available")
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_shared_samples(name: str) -> None:
    path = Path(SHARED, name)
    found = {(d.code, d.location.line) for d in check(path.read_text(encoding="utf-8"), str(path))}
    assert SAMPLES[name] <= found
    assert {f for f in found if f[0].startswith("SUM")} == {f for f in SAMPLES[name] if f[0].startswith("SUM")}
    if not SAMPLES[name]:
        assert found == set()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared sample reports are not available")
def test_hongze_2023_review_totals_are_the_only_sum_errors() -> None:
    path = SHARED / "reports" / "hongze-2023.txt"
    sums = [d.message for d in check(path.read_text(encoding="utf-8"), str(path)) if d.code.startswith("SUM")]
    assert sums == [
        "表四 行政复议·总计 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 11（结果维持 10、结果纠正 1）",
        "表四 复议后起诉·总计 为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 5（结果维持 5）",
    ]
