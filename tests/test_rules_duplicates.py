"""DUP001 (repeated paragraphs) and DUP002 (another body's name)."""

from __future__ import annotations

from fixturetext import Fixture
from rule_helpers import CLEAN, lines_of, run_rule, text_at

BLOCK_START = "（一）主动公开情况。"
BLOCK_END = "未收取信息处理费。\n"


def repeated_block() -> str:
    start, end = CLEAN.index(BLOCK_START), CLEAN.index(BLOCK_END) + len(BLOCK_END)
    block = CLEAN[start:end]
    return CLEAN[:end] + "\n" + Fixture(block).replace("（一）", "(一)") + CLEAN[end:]


def test_repeated_block_is_reported_once_at_the_second_copy() -> None:
    text = repeated_block()
    [finding] = run_rule("DUP001", text)
    first_line = text[:text.index(BLOCK_START)].count("\n") + 1
    second_line = text[:text.index("(一)主动公开情况")].count("\n") + 1
    assert finding.location.line == second_line
    assert finding.location.end_line == second_line + 2
    assert f"第{first_line}–{first_line + 2}行" in finding.message


def test_short_boilerplate_lines_repeat_freely() -> None:
    text = CLEAN.replace("未收取信息处理费。\n", "未收取信息处理费。\n\n以上情况属实。\n").replace(
        "创新解读形式。\n", "创新解读形式。\n\n以上情况属实。\n")
    assert run_rule("DUP001", text) == []
    assert run_rule("DUP001", text, min_chars=1) != []


def test_other_town_named_in_a_document_title() -> None:
    text = CLEAN.replace("依托某县人民政府门户网站", "制定《纸房镇政务公开工作制度》，依托某县人民政府门户网站")
    [finding] = run_rule("DUP002", text)
    assert "纸房镇" in finding.message and finding.fingerprint == "DUP002|纸房镇"


def test_other_town_before_its_government_needs_two_mentions() -> None:
    once = CLEAN.replace("依托某县人民政府", "依托纸房镇党政办公室、某县人民政府")
    assert run_rule("DUP002", once) == []
    twice = once.replace("和民生保障", "和纸房镇政府民生保障")
    [finding] = run_rule("DUP002", twice)
    assert "（共2处）" in finding.message and finding.fingerprint == "DUP002|纸房镇"
    [second] = finding.related_locations
    assert text_at(twice, finding) == text_at(twice, second) == "纸房镇"
    assert (second.location.line, second.location.column) > (finding.location.line, finding.location.column)
    assert second.path is None and "纸房镇" in second.message


def test_each_other_body_is_its_own_finding() -> None:
    titles = "制定《纸房镇政务公开工作制度》《大章镇便民手册》，"
    text = CLEAN.replace("依托某县人民政府门户网站", titles + "依托某县人民政府门户网站")
    assert sorted(f.fingerprint for f in run_rule("DUP002", text)) == ["DUP002|大章镇", "DUP002|纸房镇"]


def test_superior_bodies_and_generic_words_are_not_other_bodies() -> None:
    generic = "《某县政务公开办法》要求全镇、我镇和各乡镇政府以及城镇党委"
    text = CLEAN.replace("依托某县人民政府", generic + "依托某县人民政府")
    assert run_rule("DUP002", text) == []
    assert lines_of(run_rule("DUP002", text.replace("《某县", "《某某乡"))) == [9]


def test_a_copy_with_one_word_changed_is_still_a_repeat() -> None:
    text = repeated_block()
    second = text.index("(一)主动公开情况")
    near = text[:second] + Fixture(text[second:]).replace("确保公开内容真实准确", "确保公开内容真实", 1)
    [finding] = run_rule("DUP001", near)
    assert "2段" in finding.message
    rewritten = text[:second] + Fixture(text[second:]).replace(
        "依托某县人民政府门户网站和某某镇政务公开栏，及时公开财政预决算",
        "通过新媒体矩阵和村务公开栏，同步发布乡村振兴项目", 1)
    [finding] = run_rule("DUP001", rewritten)  # only the unchanged （二） is a repeat
    assert "该段" in finding.message and "（二）依申请公开情况" in finding.message


def test_json_output_lists_the_other_mentions_as_related_locations(tmp_path, capsys) -> None:
    import json

    from cisupport import run

    text = CLEAN.replace("依托某县人民政府", "依托纸房镇党政办公室、某县人民政府").replace(
        "和民生保障", "和纸房镇政府民生保障")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    found = json.loads(run(capsys, "check", "--format", "json", "--select", "DUP002", str(tmp_path / "r.txt")).out)
    [diagnostic] = found
    [related] = diagnostic["related_locations"]
    assert set(related) == {"line", "column", "end_line", "end_column", "message"}
    line = text.split("\n")[related["line"] - 1]
    assert line[related["column"] - 1:related["end_column"] - 1] == "纸房镇"
