"""SUM101 / SUM102: a total stated in the prose and the parts listed after 其中."""

from __future__ import annotations

from rule_helpers import CLEAN, run_rule, text_at

SUM = "主动公开政府信息120条，其中政策文件20条，工作动态90条，其他信息10条"


def test_parts_exceeding_the_total() -> None:
    text = CLEAN.replace(SUM, "主动公开政府信息120条，其中政策文件20条，工作动态95条，其他信息10条")
    [finding] = run_rule("SUM101", text)
    assert text_at(text, finding) == "120条，其中政策文件20条，工作动态95条，其他信息10条"
    assert "20 + 95 + 10 = 125条" in finding.message
    assert run_rule("SUM102", text) == []


def test_parts_falling_short_of_the_total() -> None:
    text = CLEAN.replace(SUM, "主动公开政府信息66条，其中包括政策文件6条，重点领域信息3条，人事信息2条、规划总结1条、政务动态等53条")
    [finding] = run_rule("SUM102", text)
    assert "65条" in finding.message and "少1条" in finding.message
    assert run_rule("SUM101", text) == []


def test_correct_sums_across_a_pdf_line_break() -> None:
    text = CLEAN.replace(SUM, "行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果\n178 件，尚未审结 37 件")
    assert run_rule("SUM101", text) == [] and run_rule("SUM102", text) == []


def test_lists_that_are_not_partitions_are_left_alone() -> None:
    for wording in (
        "主动公开政府信息5500余条，其中政策文件20条，工作动态90条",  # approximate total
        "主动公开政府信息120条，其中政策文件20条",  # a single part is a subset
        "主动公开政府信息120条，其中政策文件20条，涉及部门3个",  # different units
        "答复120件（含上年结转34件，另有10件顺延），其中予以公开20件，部分公开5件",  # total not before 其中
        "主动公开政府信息120条，其中政策文件20条，占16.7%，工作动态90条",  # rates
    ):
        text = CLEAN.replace(SUM, wording)
        assert run_rule("SUM101", text) == [] and run_rule("SUM102", text) == [], wording
