"""Mistakes in rule packs are caught with file:line:column, all of a pack's at once (issues 13,
15, 16): unknown codes and options, option values of the wrong type, reserved prefixes, patterns
that would need backtracking, alias bombs, files that are not UTF-8; and plugins' misspelled hooks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import recognize_text
from fixturetext import Fixture

from linter.cli import main
from linter.engine import plugin_failures, run_rules
from linter.packs import parse_pack, resolve_packs
from linter.packs.parse import MAX_PROBLEMS
from linter.packs.resolve import load_pack
from linter.plugins_manager import BUILTINS, load_plugins
from linter.rules_api import MONTH_DAY, Option, rule
from linter.settings import Settings
from linter.yamlfile import MAX_VALUES, DataFileError

HEAD = "name: t\ndescription: 测试\n"


def problems(tmp_path: Path, body: str, head: str = HEAD) -> list[str]:
    """The problems `resolve_packs` names for a pack `t.yaml` made of `head` + `body`, with the
    directory stripped."""
    path = tmp_path / "t.yaml"
    path.write_text(head + body, encoding="utf-8")
    load_pack.cache_clear()  # a pack is read once per run; each call here is a new run
    with pytest.raises(DataFileError) as error:
        resolve_packs([str(path)])
    return [problem.replace(f"{tmp_path}/", "") for problem in error.value.problems]


# --- issue 16: codes, options and prefixes checked against the registered rules -----------------


def test_an_unknown_option_is_named_at_its_key_with_a_suggestion(tmp_path: Path) -> None:
    assert problems(tmp_path, "options:\n  DAT004: {deadlin: '02-28'}\n") == [
        "t.yaml:4:12: rule DAT004 has no option 'deadlin' (did you mean 'deadline'? "
        "its options: deadline, government_deadline, government_kinds)"]


def test_an_unknown_code_is_named_in_options_severity_and_disable(tmp_path: Path) -> None:
    body = "severity: {DAT999: error}\ndisable: [DUP, XQ]\noptions:\n  DAT998: {x: 1}\n  SD001: {x: 1}\n"
    assert problems(tmp_path, "severity: {DAT044: error}\n") == [
        "t.yaml:3:12: unknown rule code 'DAT044' in 'severity' (did you mean 'DAT004'?)"]
    assert problems(tmp_path, body) == [
        "t.yaml:3:12: unknown rule code 'DAT999' in 'severity' (see 'govlint rules')",
        "t.yaml:4:16: unknown rule code 'XQ' in 'disable' (see 'govlint rules')",
        "t.yaml:6:3: unknown rule code 'DAT998' in 'options' (see 'govlint rules')",
        "t.yaml:7:3: unknown rule code 'SD001' in 'options' (a rule of pack shandong, which is not among the "
        "packs in use: extend it or select it)",
    ]


def test_a_code_of_a_pack_in_use_is_known_but_pack_rules_take_no_options(tmp_path: Path) -> None:
    assert problems(tmp_path, "extends: [shandong]\nseverity: {SD001: error}\noptions: {SD001: {x: 1}}\n") == [
        "t.yaml:5:19: rule SD001 has no options"]


@pytest.mark.parametrize(("options", "column", "explanation"), [
    ("{deadline: 128}", 22, "option deadline of DAT004: 128 is not a month-day such as \"01-31\""),
    ("{deadline: '02-30'}", 22, "option deadline of DAT004: '02-30' is not a month-day such as \"01-31\""),
    ("{government_kinds: town}", 30, "option government_kinds of DAT004: 'town' is not a list of values among"),
    ("{government_kinds: [town, village]}", 30, "option government_kinds of DAT004: ['town', 'village'] is not"),
])
def test_an_option_value_of_the_wrong_type_is_named_at_the_value(tmp_path: Path, options: str, column: int,
                                                                   explanation: str) -> None:
    [problem] = problems(tmp_path, f"options:\n  DAT004: {options}\n")
    assert problem.startswith(f"t.yaml:4:{column}: {explanation}")


def test_option_types_infer_from_defaults_and_follow_yamllint_conf() -> None:
    declared = rule("ZZ001", "z", count=3, ratio=0.5, words=["a"], flag=False, level=Option("low", ("low", "high")),
                    day=Option("01-31", MONTH_DAY))(lambda report, context: ())
    assert [declared.option_error(name, value) for name, value in (
        ("count", 4), ("ratio", 1), ("words", ["b", "c"]), ("flag", True), ("level", "high"), ("day", "12-31"))
    ] == [None] * 6
    assert declared.option_error("count", True) == "option count of ZZ001: True is not an integer"
    assert declared.option_error("words", ["b", 1]) == "option words of ZZ001: ['b', 1] is not a list of strings"
    assert declared.option_error("level", "mid") == "option level of ZZ001: 'mid' is not one of 'low', 'high'"
    assert declared.options == {"count": 3, "ratio": 0.5, "words": ["a"], "flag": False, "level": "low",
                                "day": "01-31"}


def test_a_valid_option_reaches_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "options:\n  DAT004: {deadline: '01-20', government_kinds: [city]}\n", encoding="utf-8")
    assert resolve_packs([str(path)]).options == {"DAT004": {"deadline": "01-20", "government_kinds": ["city"]}}


@pytest.mark.parametrize(("prefix", "owner"), [
    ("XYR", "plugin linter.plugins.crossyear gives codes XYR… (XYR001)"),
    ("GL", "plugin linter.suppression gives codes GL… (GL001)"),
    ("SU", "plugin linter.plugins.sums gives codes SUM… (SUM001)"),
    ("PLGX", "govlint itself gives codes PLG… (PLG001)"),
])
def test_a_prefix_of_registered_codes_is_reserved(tmp_path: Path, prefix: str, owner: str) -> None:
    body = f"rules:\n  - {{code: {prefix}001, kind: require, name: a, pattern: x, message: m}}\n"
    found = problems(tmp_path, body, HEAD + f"prefix: {prefix}\n")
    assert found == [f"t.yaml:3:9: prefix '{prefix}' is reserved: {owner}"]


def test_two_packs_with_one_code_are_named_with_both_places(tmp_path: Path) -> None:
    rules = "prefix: QQ\nrules:\n  - {code: QQ001, kind: require, name: a, pattern: x, message: m}\n"
    (tmp_path / "a.yaml").write_text("name: a\ndescription: A\n" + rules, encoding="utf-8")
    assert problems(tmp_path, "extends: [a.yaml]\n" + rules) == [
        "t.yaml:4:9: prefix 'QQ' overlaps prefix 'QQ' of pack a at a.yaml:3:9",
        "t.yaml:6:12: code QQ001 is also defined by pack a at a.yaml:5:12"]


# --- issue 15: every problem of a pack in one run, up to a limit --------------------------------


def test_every_problem_of_a_pack_is_reported_in_one_run_in_file_order(tmp_path: Path, capsys) -> None:
    body = ("prefix: TT\nseverity: {SUM001: fatal}\noptions: {DUP001: {min_chars: '20'}}\nrules:\n"
            "  - {code: TT001, kind: forbd, name: a, message: m}\n"
            "  - {code: TT002, kind: forbid, name: Bad, regex: '(a', message: m}\n"
            "  - {code: TT002, kind: require, name: b, pattern: x, sectoin: 六, message: m}\n")
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('packs = ["t.yaml"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("某镇2022年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(tmp_path / "r.txt")]) == 2
    lines = [line.replace(f"{tmp_path}/", "") for line in capsys.readouterr().err.splitlines()]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "t.yaml:4:20", "t.yaml:5:31", "t.yaml:7:25", "t.yaml:8:39", "t.yaml:8:51", "t.yaml:9:12", "t.yaml:9:55"]
    assert all(line.startswith("govlint: t.yaml:") for line in lines)


def test_problems_beyond_the_limit_are_counted(tmp_path: Path) -> None:
    codes = "".join(f"  DAT9{i:02d}: error\n" for i in range(MAX_PROBLEMS + 5))
    found = problems(tmp_path, "severity:\n" + codes)
    assert len(found) == MAX_PROBLEMS + 1 and found[-1] == "... and 5 more problems"
    assert found[0].startswith("t.yaml:4:3: unknown rule code 'DAT900'")


# --- issue 13: packs cannot hang or blow up -----------------------------------------------------


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "prefix: TT\nrules:\n  - {code: TT001, kind: forbid, name: a, regex: '(a+)+$', "
                    "message: 不应出现}\n", encoding="utf-8")
    resolved = resolve_packs([str(path)])
    report = recognize_text("某镇2022年政府信息公开工作年度报告\n" + "a" * 40 + "b\n" + "a" * 5000 + "\n")
    started = time.perf_counter()
    found = run_rules(report, resolved.rules, resolved.apply(Settings()))
    assert time.perf_counter() - started < 2
    assert [(d.location.line, d.location.column, d.location.end_column) for d in found] == [(3, 1, 5001)]


@pytest.mark.parametrize(("regex", "feature"), [
    (r"(\\d)\\1", "invalid escape sequence: \\1"),
    ("国办(?=函)", "invalid perl operator: (?="),
    ("(?<!省)政府", "invalid perl operator: (?<!"),
    ("a++", "bad repetition operator: ++"),
])
def test_a_pattern_that_needs_backtracking_is_refused_at_its_place(tmp_path: Path, regex: str, feature: str) -> None:
    body = f'prefix: TT\nrules:\n  - code: TT001\n    kind: forbid\n    name: a\n    regex: "{regex}"\n    message: m\n'
    [problem] = problems(tmp_path, body)
    assert problem.startswith(f"t.yaml:8:12: regular expression needs a backtracking engine ({feature})")


def test_replacement_group_references_expand_on_han_text_and_bad_ones_are_refused(tmp_path: Path) -> None:
    rule_yaml = Fixture("prefix: TT\nrules:\n  - {code: TT001, kind: forbid, name: a,"
                        " regex: '国办公开办?函\\s*〔(?P<y>\\d{4})〕',"
                        " replacement: '国办公开办函〔\\g<y>〕\\\\', message: 旧写法}\n")
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + rule_yaml, encoding="utf-8")
    resolved = resolve_packs([str(path)])
    [finding] = run_rules(recognize_text("某镇2022年政府信息公开工作年度报告\n按国办公开函 〔2019〕号\n"),
                          resolved.rules, resolved.apply(Settings()))
    assert finding.fix.replacement == "国办公开办函〔2019〕\\"
    assert problems(tmp_path, rule_yaml.replace("\\g<y>", "\\2")) == [
        "t.yaml:5:90: bad replacement: the regex has no group '2'"]
    assert problems(tmp_path, rule_yaml.replace("\\g<y>", "\\n"))[0].startswith(
        "t.yaml:5:90: bad replacement: unsupported escape '\\\\n'")


BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]\n"
               for prev, name in zip("abcdefgh", "bcdefghi", strict=True))


@pytest.mark.parametrize(("use", "line"), [
    ("disable: *i\n", "12:1"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require-section-items, name: a, section: 六, items: *i,"
     " message: m}\n", "14:69"),
])
def test_an_alias_bomb_is_refused_quickly_at_its_key(tmp_path: Path, use: str, line: str) -> None:
    started = time.perf_counter()
    [problem] = problems(tmp_path, "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + BOMB + use)
    assert time.perf_counter() - started < 5
    assert problem.startswith(f"t.yaml:{line}:")
    assert problem.endswith(f"YAML aliases expand the file to more than {MAX_VALUES} values; not read")


def test_deep_brackets_are_refused_before_parsing(tmp_path: Path) -> None:
    started = time.perf_counter()
    [problem] = problems(tmp_path, "x: 'a [ in quotes'\ny: " + "[" * 5000 + "]" * 5000 + "\n")
    assert time.perf_counter() - started < 5
    assert problem == "t.yaml:4:104: brackets nested more than 100 levels deep; not read"


def test_a_pack_that_is_not_utf8_is_named_with_its_line_and_no_traceback(tmp_path: Path, capsys) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes((HEAD + "disable: [FMT001]  # 网页残留\n").encode("gbk"))
    assert main(["packs", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"govlint: {path}:2:14: not UTF-8 text (byte 0xb2); save the file as UTF-8\n"


@pytest.mark.parametrize(("body", "where", "explanation"), [
    ("name2: x\n", "3:1", "unknown pack field 'name2'"),
    ("disable: [[FMT001]]\n", "3:11", "each entry of 'disable' must be a string"),
    ("disable: {FMT001: yes}\n", "3:10", "'disable' must be a list of strings"),
    ("extends: [3]\n", "3:11", "each entry of 'extends' must be a string"),
    ("severity: {SUM001: [error]}\n", "3:20", "severity must be info, warning or error"),
    ("options: {DAT004: [deadline]}\n", "3:19", "options of a rule are a mapping"),
    ("prefix: [TT]\n", "3:9", "prefix ['TT'] must be 2–4 capital letters"),
    ("prefix: TT\nrules: {TT001: x}\n", "4:8", "'rules' must be a list of rules"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require, name: a, pattern: true, message: m}\n", "5:52",
     "'pattern' must be a non-empty string"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require, name: [a], pattern: x, message: m}\n", "5:40",
     "'name' must be a string"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require, name: a, pattern: x, section: {a: 1}, message: m}\n",
     "5:64", "'section' must be a string or a list of strings"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require, name: a, pattern: x, years: true, message: m}\n",
     "5:62", "'years' must be a year"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: require-section-items, name: a, section: 六, items: [[1]],"
     " message: m}\n", "5:76", "each item is a non-empty string"),
    ("prefix: TT\nrules:\n  - {code: TT001, kind: identity, name: a, table: 三, for_each: {c: [1]},"
     " expr: '三:一:{c} = 三:二:{c}', message: m}\n", "5:64", "'for_each' as a mapping names one placeholder"),
])
def test_every_field_is_type_checked_before_use(tmp_path: Path, body: str, where: str, explanation: str) -> None:
    found = problems(tmp_path, body, "name: t\ndescription: 测试\n")
    assert found[0].startswith(f"t.yaml:{where}: {explanation}"), found


def test_a_name_that_is_not_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("name: [1, 2]\ndescription: 测试\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"t.yaml:1:7: 'name' must be a string"):
        parse_pack(path)


# --- issue 16: a misspelled hook is PLG001 with its file:line -----------------------------------


MISSPELLED = '''\
from linter.hookspecs import hookimpl


@hookimpl
def govlint_rule():
    return []
'''


def test_a_misspelled_hook_is_reported_as_plg001_with_its_file_and_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "govlint_misspelled.py").write_text(MISSPELLED, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    loaded = load_plugins([("misspelled", "govlint_misspelled")])
    monkeypatch.setattr("linter.plugins_manager.plugins", lambda: loaded)
    [diagnostic] = plugin_failures("report.txt")
    assert diagnostic.code == "PLG001"
    assert diagnostic.message == (f"插件 misspelled 实现了不存在的钩子 govlint_rule，未被调用："
                                  f"{tmp_path / 'govlint_misspelled.py'}:4: govlint has no hook 'govlint_rule' "
                                  "(did you mean 'govlint_rules'?)")


def test_the_builtin_plugins_pass_check_pending() -> None:
    assert load_plugins((name, b.module) for name, b in BUILTINS.items()).failures == []
