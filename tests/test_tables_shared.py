"""Table recognition on the shared sample reports (skipped when /work/shared is absent)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SHARED, recognize_text

SAMPLES = {
    "seeds/000_e0cb1f6d5af6b941.txt": ("2019", 2020),
    "seeds/001_308445025e9d4f28.txt": ("2021", 2023),
    "seeds/002_c09c82378b8e7991.txt": ("2021", 2021),
    "seeds/003_784c0a59c657e553.txt": ("2019", 2020),
    "seeds/004_d1d250c2011c14d6.txt": ("2019", 2020),
    "reports/huaian-2024.txt": ("2021", 2024),
    "reports/hongze-2023.txt": ("2021", 2023),
    "reports/hongze-2024.txt": ("2021", 2024),
}
MALFORMED = {("seeds/001_308445025e9d4f28.txt", "三"), ("seeds/001_308445025e9d4f28.txt", "四")}

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="/work/shared not available")


def sample(name: str):
    path = SHARED / name
    return recognize_text(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module")
def reports():
    return {name: sample(name) for name in SAMPLES}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_template_year_sections_and_alignment(reports, name: str) -> None:
    report = reports[name]
    template, year = SAMPLES[name]
    assert (report.template, report.year) == (template, year)
    assert {s.number for s in report.sections} == set("一二三四五六")
    assert set(report.tables) == {"二", "三", "四"}
    for table_id, table in report.tables.items():
        assert table.aligned == ((name, table_id) not in MALFORMED), [m.reason for m in table.malformed]


def value(report, table: str, row: str, column: str):
    found = report.tables[table].cell(row, column)
    return None if found is None else found.value


def test_seed_cells(reports) -> None:
    seed3, seed4 = reports["seeds/003_784c0a59c657e553.txt"], reports["seeds/004_d1d250c2011c14d6.txt"]
    plus = seed3.tables["二"].cell("其他对外管理服务事项", "本年增/减")
    assert (plus.value, plus.kind, plus.location.line) == (2, "signed", 75)
    assert value(seed4, "三", "（四）1", "商业企业") == 1 and value(seed4, "三", "（四）1", "总计") == 0
    assert value(seed4, "三", "（七）", "商业企业") == 1
    assert seed4.tables["四"].cell("数量", "未经复议直接起诉/尚未审结").kind == "blank"
    assert value(seed4, "二", "政府集中采购", "采购总金额") == Decimal("50.920543")
    assert value(reports["seeds/001_308445025e9d4f28.txt"], "二", "行政许可", "本年处理决定数量") == 274


def test_seed_001_is_malformed_without_cells(reports) -> None:
    report = reports["seeds/001_308445025e9d4f28.txt"]
    assert not report.tables["三"].cells and not report.tables["四"].cells
    assert "4个数值" in report.tables["三"].malformed[0].reason
    assert "8个数值" in report.tables["四"].malformed[0].reason


def test_pdf_reports(reports) -> None:
    huaian = reports["reports/huaian-2024.txt"]
    assert value(huaian, "三", "一", "总计") == 3119 and value(huaian, "三", "（七）", "总计") == 3050
    assert value(huaian, "三", "（六）1", "总计") == 71 and value(huaian, "四", "数量", "行政复议/总计") == 351
    hongze = reports["reports/hongze-2023.txt"]
    leaves = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    assert [value(hongze, "四", "数量", f"行政复议/{leaf}") for leaf in leaves] == [10, 1, 0, 0, 0]
    assert [value(hongze, "四", "数量", f"复议后起诉/{leaf}") for leaf in leaves] == [5, 0, 0, 0, 0]
    assert value(hongze, "三", "（七）", "总计") == 21
    for name in ("reports/hongze-2023.txt", "reports/hongze-2024.txt"):
        three = reports[name].tables["三"]
        assert [(f.template_id, f.template_year) for f in three.foreign_rows] == [("（六）", "2019")]
        damaged = next(label for label in three.row_labels if label.template_id == "（三）2")
        assert damaged.text == "2.其他法律行政止公开" and damaged.similarity < 90
    assert value(reports["reports/hongze-2024.txt"], "二", "行政规范性文件", "现行有效件数") == 8
