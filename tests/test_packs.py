"""YAML rule packs: reading (with positions for mistakes), the declarative kinds, selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import recognize_text
from fixturetext import Fixture

from linter import checker
from linter.cli import main
from linter.diagnostics import Finding, Severity
from linter.engine import run_rules
from linter.errors import UsageError
from linter.model import Cell, Location, Table, text_document
from linter.packs import apply_packs, parse_pack, resolve_packs
from linter.rules_api import rule
from linter.settings import Settings
from linter.yamlfile import DataFileError

PACKS = Path(__file__).parent / "fixtures" / "packs"

REPORT = Fixture("""\
某某市某某区某某镇人民政府
2022年政府信息公开工作年度报告
您当前位置：首页 > 政府信息公开 > 年度报告
扫一扫在手机打开当前页面
本报告根据国办公开办函〔2019〕60号要求编制。

一、总体情况
2022年主动公开政府信息285条，其中机构职能274条。
二、主动公开政府信息情况
（见附表）
三、收到和处理政府信息公开申请情况
（见附表）
四、政府信息公开行政复议、行政诉讼情况
（见附表）
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
""")


# Stand-ins for the national SUM102 and FMT001 (issue 3) so that this test depends only on
# the pack machinery: each fires once on REPORT at a known line.
@rule("SUM102", "parts-short-of-total", severity="warning")
def parts_short(report, context):
    """Stand-in: the parts listed in prose fall short of the stated total."""
    for line in report.document.lines:
        if "其中" in line.text:
            yield Finding("所列各项之和 274 小于总数 285", line.locate(line.text.index("285"), line.text.index("条")))


@rule("FMT001", "web-residue", severity="warning")
def web_residue(report, context):
    """Stand-in: web page residue."""
    for line in report.document.lines:
        if "扫一扫" in line.text:
            yield Finding("网页残留内容", line.locate())


def check(text: str, settings: Settings, monkeypatch) -> list[tuple[str, Severity, int, int]]:
    monkeypatch.setattr(checker, "all_rules", lambda: (parts_short, web_residue))
    result = checker.check_document(text_document("report.txt", str(text)), settings)
    return [(d.code, d.severity, d.location.line, d.location.column) for d in result.diagnostics]


# --- must show: a pack that extends national, overrides and adds rules ------------------------


def test_pack_raises_sum102_disables_fmt001_and_adds_a_forbid_and_a_require_rule(monkeypatch) -> None:
    national = check(REPORT, Settings(packs=["national"]), monkeypatch)
    strict = check(REPORT, Settings(packs=["strict.yaml"], config_dir=str(PACKS)), monkeypatch)
    assert national == [("FMT001", Severity.WARNING, 4, 1), ("SUM102", Severity.WARNING, 8, 14)]
    assert strict == [
        ("TS001", Severity.WARNING, 5, 6),  # forbid: the 2019 notice cited in a 2022 report
        ("SUM102", Severity.ERROR, 8, 14),  # raised from warning
        ("TS002", Severity.ERROR, 17, 1),  # require: no 联系电话 in section 六 (at its heading)
    ]


def test_the_packs_forbid_rule_offers_its_replacement_and_require_is_satisfied_in_its_section(monkeypatch) -> None:
    fixed = REPORT.replace("国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号").replace(
        "六、其他需要报告的事项\n无。", "六、其他需要报告的事项\n联系电话：0631-1234567。")
    settings = Settings(packs=["strict.yaml"], config_dir=str(PACKS))
    assert check(fixed, settings, monkeypatch) == [("SUM102", Severity.ERROR, 8, 14)]
    monkeypatch.setattr(checker, "all_rules", lambda: ())
    [diagnostic, _] = checker.check_document(text_document("report.txt", str(REPORT)), settings).diagnostics
    assert diagnostic.fix.replacement == "国办公开办函〔2021〕30号"
    assert diagnostic.message == ("2021年及以后的报告不应引用2019年格式通知"
                                  "（“国办公开办函〔2019〕60号”，应为“国办公开办函〔2021〕30号”）")


def test_what_the_user_configures_wins_over_the_pack(monkeypatch) -> None:
    settings = Settings(packs=["strict.yaml"], config_dir=str(PACKS), severity={"SUM102": Severity.INFO})
    assert ("SUM102", Severity.INFO, 8, 14) in check(REPORT, settings, monkeypatch)


# --- reading packs: every mistake is named with file:line:column -------------------------------


def test_a_typo_in_a_rule_kind_is_reported_at_the_kind_with_a_suggestion() -> None:
    with pytest.raises(DataFileError) as error:
        parse_pack(PACKS / "typo.yaml")
    expected = f"{PACKS / 'typo.yaml'}:11:11: unknown rule kind 'forbd' (did you mean 'forbid'?"
    assert str(error.value).startswith(expected)


def test_cli_reports_a_malformed_pack_in_one_line_and_exits_2(capsys) -> None:
    assert main(["packs", str(PACKS / "typo.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ":11:11: unknown rule kind 'forbd'" in err


PACK_HEAD = "name: t\ndescription: 测试\nprefix: TT\n"


@pytest.mark.parametrize(("body", "where", "explanation"), [
    ("rules:\n  - code: TT001\n    kind: require\n    name: a\n    message: m\n", "6:11",
     "give exactly one of 'pattern' (substring) or 'regex'"),
    ("rules:\n  - code: TT001\n    kind: forbid\n    name: a\n", "5:5", "rule has no 'message'"),
    ("rules:\n  - code: TT001\n    kind: forbid\n    name: a\n    regex: '(30号'\n    message: m\n", "8:12",
     "bad regular expression: missing ), unterminated subpattern"),
    ("rules:\n  - code: TT001\n    kind: forbid\n    name: a\n    pattern: x\n    mesage: m\n", "5:5",
     "rule has no 'message'"),
    ("rules:\n  - code: TT001\n    kind: forbid\n    name: a\n    pattern: x\n    message: m\n    sectoin: 六\n",
     "10:5", "unknown 'forbid' rule field 'sectoin' (did you mean 'section'?"),
    ("rules:\n  - code: SD001\n    kind: forbid\n    name: a\n    pattern: x\n    message: m\n", "5:11",
     "code 'SD001' must be the pack prefix TT and three digits"),
    ("rules:\n  - code: TT001\n    kind: require\n    name: a\n    pattern: x\n    section: 七\n    message: m\n",
     "9:14", "unknown section '七'"),
    ("rules:\n  - code: TT001\n    kind: identity\n    name: a\n    table: 三\n    expr: '三:一:总计 = '\n"
     "    message: m\n", "9:11", "bad identity: empty side of an identity"),
    ("rules:\n  - code: TT001\n    kind: deadline\n    name: a\n    deadlines: {town: '02-30'}\n    message: m\n",
     "8:16", "'02-30' is not a month-day"),
    ("severity:\n  SUM102: fatal\n", "5:11", "unknown severity 'fatal'"),
    ("extends: [national, shandon]\n", "4:21", "unknown rule pack 'shandon'"),
    ("disable: [FMT-001]\n", "4:11", "'FMT-001' is not a rule code"),
    ("rulez: []\n", "4:1", "unknown pack field 'rulez' (did you mean 'rules'?"),
])
def test_malformed_packs_name_the_line_and_column(tmp_path: Path, body: str, where: str, explanation: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(PACK_HEAD + body, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        resolve_packs([str(path)])
    assert str(error.value).startswith(f"{path}:{where}: {explanation}")


def test_unknown_pack_in_configuration_and_cyclic_extends(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown rule pack 'shandon' .*available: .*shandong"):
        resolve_packs(["shandon"])
    (tmp_path / "a.yaml").write_text("name: a\ndescription: A\nextends: [b.yaml]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: b\ndescription: B\nextends: [a.yaml]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="b.yaml:3:11: rule pack 'a' extends itself \\(through a → b → a\\)"):
        resolve_packs(["a.yaml"], tmp_path)


def test_two_packs_merge_in_order_and_a_pack_after_what_it_extends(tmp_path: Path) -> None:
    (tmp_path / "city.yaml").write_text(
        "name: city\ndescription: 市\nextends: [shandong]\nseverity: {SD003: error, SUM102: info}\n"
        "options: {DAT004: {deadline: '01-28'}}\ndisable: [SD004]\n", encoding="utf-8")
    resolved = resolve_packs(["sichuan", "city.yaml"], tmp_path)
    assert [p.name for p in resolved.packs] == ["national", "sichuan", "shandong", "city"]
    assert [r.code for r in resolved.rules] == ["SC001", "SD001", "SD002", "SD003", "SD004", "SD005"]
    settings = resolved.apply(Settings(options={"DAT004": {"government_deadline": "03-25"}}))
    assert settings.severity == {"SD003": Severity.ERROR, "SUM102": Severity.INFO}
    assert settings.options == {"DAT004": {"deadline": "01-28", "government_deadline": "03-25"}}
    assert not settings.enabled("SD004") and settings.enabled("SD003")


def test_a_pack_rule_may_not_take_the_code_of_a_plugin_rule(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "name: p\ndescription: P\nprefix: ZZ\nrules:\n  - {code: ZZ001, kind: require, name: a, pattern: x, "
        "message: m}\n", encoding="utf-8")
    clash = rule("ZZ001", "other")(lambda report, context: ())
    with pytest.raises(UsageError, match="pack rule ZZ001 .* has the code of rule ZZ001"):
        apply_packs([clash], Settings(packs=["p.yaml"], config_dir=str(tmp_path)))


# --- the declarative kinds -------------------------------------------------------------------


def run_pack(tmp_path: Path, rules_yaml: str, text: str, report=None) -> list:
    path = tmp_path / "k.yaml"
    path.write_text("name: k\ndescription: 测试\nprefix: KK\nrules:\n" + rules_yaml, encoding="utf-8")
    resolved = resolve_packs([str(path)])
    return run_rules(report or recognize_text(text), resolved.rules, resolved.apply(Settings()))


def test_forbid_matches_folded_text_by_substring_and_regex(tmp_path: Path) -> None:
    rules = ("  - {code: KK001, kind: forbid, name: a, pattern: '〔2019〕60号', message: 旧通知}\n"
             "  - {code: KK002, kind: forbid, name: b, regex: '国办公开办?函\\s*〔(\\d{4})〕', message: 旧写法,"
             " replacement: '国办公开办函〔\\1〕'}\n")
    text = REPORT.replace("国办公开办函〔2019〕60号", "国办公开函 ﹝2019﹞６０号")
    found = [(d.code, d.location.line, d.location.column, d.location.end_column, d.message)
             for d in run_pack(tmp_path, rules, text)]
    assert found == [
        ("KK002", 5, 6, 18, "旧写法（“国办公开函 ﹝2019﹞”，应为“国办公开办函〔2019〕”）"),
        ("KK001", 5, 12, 21, "旧通知（“﹝2019﹞６０号”）"),
    ]


def test_require_respects_report_years_and_body_kinds(tmp_path: Path) -> None:
    rule_yaml = ("  - {code: KK001, kind: require, name: a, pattern: 信息处理费, section: 六, years: {from: 2021},"
                 " body_kinds: [town, department], message: 第六部分未说明信息处理费收取情况}\n")
    assert [d.code for d in run_pack(tmp_path, rule_yaml, REPORT)] == ["KK001"]
    assert run_pack(tmp_path, rule_yaml, REPORT.replace("2022年政府信息公开", "2020年政府信息公开")) == []
    assert run_pack(tmp_path, rule_yaml, REPORT.replace("某某镇人民政府", "某某区人民政府")) == []
    no_year = REPORT.replace("2022年政府信息公开", "政府信息公开").replace("2022年主动", "本年主动")
    assert run_pack(tmp_path, rule_yaml, no_year) == []


def test_require_finds_text_broken_over_lines(tmp_path: Path) -> None:
    rule_yaml = ("  - {code: KK001, kind: require, name: a, pattern: 国办公开办函〔2019〕60号, section: preamble,"
                 " message: m}\n")
    broken = REPORT.replace("国办公开办函〔2019〕60号", "国办公开办函\n〔2019〕 60号")
    assert run_pack(tmp_path, rule_yaml, broken) == []
    assert [d.location.line for d in run_pack(tmp_path, rule_yaml, REPORT.replace("60号", ""))] == [1]


def cell(row: str, column: str, value: int, line: int) -> Cell:
    return Cell("三", row, column, value, "int", str(value), Location(line, 5, line, 6))


def test_identity_over_table_cells(tmp_path: Path) -> None:
    rule_yaml = ("  - code: KK001\n    kind: identity\n    name: new-at-least-public\n    table: 三\n"
                 "    for_each: {column: [自然人, 总计]}\n"
                 "    expr: '三:一:{column} = 三:（一）:{column} + 三:（二）:{column}'\n"
                 "    message: 新收申请数应等于予以公开与部分公开之和\n")
    report = recognize_text(REPORT)
    table = Table("三", "2021", Location(10, 1, 10, 1))
    for c in (cell("一", "自然人", 3, 20), cell("（一）", "自然人", 2, 21), cell("（二）", "自然人", 1, 22),
              cell("一", "总计", 5, 20), cell("（一）", "总计", 2, 21), cell("（二）", "总计", 1, 22)):
        table.cells[(c.row, c.column)] = c
    report.tables["三"] = table
    [diagnostic] = run_pack(tmp_path, rule_yaml, "", report)
    assert (diagnostic.code, diagnostic.location.line, str(diagnostic.cell)) == ("KK001", 20, "三:一:总计")
    assert diagnostic.message == "新收申请数应等于予以公开与部分公开之和（三:一:总计 一侧为 5，另一侧为 3）"
    assert [str(r) for r in diagnostic.related] == ["三:（一）:总计", "三:（二）:总计"]


def test_deadline_reads_the_signature_date_or_the_pages_publication_date(tmp_path: Path) -> None:
    rule_yaml = ("  - {code: KK001, kind: deadline, name: a, deadlines: {town: '01-20', default: '03-31'},"
                 " message: 发布晚了}\n")
    signed = REPORT + "\n某某市某某区某某镇人民政府\n2023年1月25日\n"
    published = REPORT.replace("扫一扫在手机打开当前页面", "发布日期：2023-01-22  字体：[大 中 小]")
    assert [(d.location.line, d.message) for d in run_pack(tmp_path, rule_yaml, signed)] == [
        (21, "发布晚了：落款日期 2023年1月25日 晚于 2023年1月20日")]
    assert [d.location.line for d in run_pack(tmp_path, rule_yaml, published)] == [4]
    assert run_pack(tmp_path, rule_yaml, signed.replace_all("某某镇人民政府", "某某区人民政府")) == []
    assert run_pack(tmp_path, rule_yaml, REPORT) == []


def test_cli_lists_packs_and_documents_pack_rules(capsys) -> None:
    assert main(["packs", str(PACKS / "strict.yaml")]) == 0
    out = capsys.readouterr().out
    assert "shandong  [built-in]" in out and "strict  [local]" in out
    assert "  TS001    outdated-notice" in out and "severity: SUM102=error" in out and "disables: FMT001" in out
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("SD005    other-matters-proposals") and line.endswith("（pack shandong）")
               for line in listed)
    assert not any(line.startswith("SUM001") and "pack" in line for line in listed)
    assert main(["rule", "sh001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SH001 cite-shanghai-regulation [warning] (pack shanghai)")
    assert "Source: 《上海市政府信息公开规定》（沪府令32号" in out


def test_the_example_pack_in_the_authors_guide_is_valid_and_works(tmp_path: Path) -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "weihai.yaml").write_text(example, encoding="utf-8")
    resolved = resolve_packs(["weihai.yaml"], tmp_path)
    assert [p.name for p in resolved.packs] == ["national", "shandong", "weihai"]
    assert resolved.disabled == ("DUP002",) and resolved.options == {"DAT004": {"deadline": "01-28"}}
    found = run_rules(recognize_text(REPORT), resolved.rules, resolved.apply(Settings()))
    assert {d.code for d in found} >= {"WH001", "WH002"}
