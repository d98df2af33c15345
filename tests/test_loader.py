from __future__ import annotations

import codecs

import pytest

from linter.errors import InputError
from linter.loaders import load, load_bytes

TEXT = "某某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n内容\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decodes_each_supported_encoding(data: bytes, encoding: str) -> None:
    document = load_bytes("r.txt", data)
    assert document.encoding == encoding
    assert document.lines[1].text == "一、总体情况"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"\x80\xff" * 100, "encoding"),
    ],
)
def test_bad_input_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        load_bytes("bad.txt", data)


def test_unsupported_extension_names_the_formats(tmp_path) -> None:
    path = tmp_path / "report.xyz"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match=r"unsupported file type '\.xyz'"):
        load(str(path))


def test_locations_are_columns_of_the_stored_line_with_crlf() -> None:
    document = load_bytes("r.txt", "第一行\r\n　　二、主动公开政府信息情况\r\n".encode())
    line = document.lines[1]
    assert document.newline == "\r\n"
    start = line.norm.index("二")
    assert line.locate(start, start + 1).column == 3  # two ideographic spaces precede it


@pytest.mark.parametrize(("name", "data"), [
    ("crlf.txt", "标题\r\n\r\n一、总体情况\r\n本年度主动公开信息 12 条。\r\n".encode()),
    ("gb.txt", "标题\n一、总体情况\n\t本年度主动公开信息12条。\n".encode("gb18030")),
    ("report.md", "# 标题\n\n| 行 | 数 |\n|---|---|\n| （一） | 3 |\n".encode()),
])
def test_the_stored_text_gives_the_excerpts_the_whole_document_gives(tmp_path, name: str, data: bytes) -> None:
    """Corpus findings' excerpts read a text file again as its stored text only (no lines made)."""
    from linter.loaders import load_stored_text
    from linter.model import Location
    from linter.source import excerpt

    path = tmp_path / name
    path.write_bytes(data)
    whole, stored = load(str(path)), load_stored_text(str(path))
    assert stored.lines == [] and (stored.format, stored.encoding) == (whole.format, whole.encoding)
    for line in range(1, len(whole.lines) + 1):
        for location in (Location(line, 1, line, 3), Location(line, 2, line + 1, 2)):
            assert excerpt(stored, location) == excerpt(whole, location)
