"""Helpers shared by the prose rules: passages across wrapped lines, web chrome, fingerprints (dates:
`linter.dategrammar`).

Not a plugin itself (it has no entry point); the rule modules import it.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from linter.memo import per_line
from linter.model import Document, Location, Report
from linter.recognize.sections import is_page_number
from linter.rules_api import per_report
from linter.textnorm import squash

HAN = "\u4e00-\u9fff"


# --- passages: paragraph text joined across the line breaks of PDF text -------------------------


@dataclass
class Passage:
    """A paragraph's lines joined (each stripped) so that patterns can span wrapped lines.

    `text` is built from the folded `norm` of each line (for matching); `quote` gives the same
    characters as stored, `locate` their place in the file. The pieces are kept as arrays of
    machine integers, not lists of objects: a large file has a million of them.
    """

    document: Document
    text: str
    starts: array
    """Offset in `text` where each piece begins."""
    line_indices: array
    """The line each piece comes from."""
    columns: array
    """Where in its line each piece begins."""

    def _point(self, offset: int, end: bool = False) -> tuple[int, int]:
        position = max(bisect_right(self.starts, offset - 1 if end else offset) - 1, 0)
        return self.line_indices[position], self.columns[position] + offset - self.starts[position]

    def locate(self, start: int, end: int) -> Location:
        first_line, first_column = self._point(start)
        last_line, last_column = self._point(end, end=True)
        first = self.document.lines[first_line].locate(first_column, first_column + 1)
        if first_line == last_line:
            return self.document.lines[first_line].locate(first_column, max(last_column, first_column))
        last = self.document.lines[last_line].locate(last_column, last_column)
        return first.through(last)

    def quote(self, start: int, end: int) -> str:
        """Characters `start:end` of the passage as stored (for quoting in a message)."""
        lines, starts, count = self.document.lines, self.starts, len(self.starts)
        parts = []
        for position in range(max(bisect_right(starts, start) - 1, 0), count):
            piece_start = starts[position]
            piece_end = starts[position + 1] if position + 1 < count else len(self.text)
            column = self.columns[position] - piece_start
            text = lines[self.line_indices[position]].text
            parts.append(text[column + max(start, piece_start):column + min(end, piece_end)])
            if end <= piece_end:
                break
        return parts[0] if len(parts) == 1 else "".join(parts)


@per_report
def passages(report: Report) -> list[Passage]:
    """One passage per recognised paragraph (made once per report)."""
    found = []
    lines = report.document.lines
    for paragraph in report.paragraphs:
        texts, length = [], 0
        starts, line_indices, columns = array("q"), array("q"), array("q")
        for index in range(paragraph.lines[0], paragraph.lines[1] + 1):
            norm = lines[index].norm
            stripped = norm.strip()
            if not stripped:
                continue
            starts.append(length)
            line_indices.append(index)
            columns.append(len(norm) - len(norm.lstrip()))
            texts.append(stripped)
            length += len(stripped)
        if texts:
            found.append(Passage(report.document, "".join(texts), starts, line_indices, columns))
    return found


# --- web page residue -------------------------------------------------------------------------------

# Phrases that only web pages use, anywhere in a line (matched on the squashed line).
_CHROME = re.compile(
    "|".join(
        (
            r"当前位置:", r"首页>", r"语音播报", r"字体:?\[", r"字号:?\[", r"在手机打开", r"打印本页", r"关闭窗口",
            r"\[打印\]", r"【打印】", r"【关闭】", r"我要找政策", r"版权所有", r"ICP备", r"网站标识码",
            r"(?:主办|承办)单位:", r"(?:浏览次数|访问量|阅读量|点击量|访问次数):\d",
            r"^(?:发布时间|发布日期|发布机构|索引号|体裁分类|主题分类|成文日期|信息来源|日期):",
        )
    )
)
# Words that are chrome only as a short line of their own ("扫一扫", "分享到：").
_CHROME_LINE = re.compile(r"^【?(?:扫一扫|网站地图|分享到|打印|关闭|收藏|返回顶部|联系我们|附件下载)[^。，]{0,10}$")
_NAV_BAR = re.compile(r"(?:网|首页)\|.*(?:网|首页)\|")
_SITE_FOOTER = re.compile(r"(?:政府信息公开|政务公开|门户网站|政府网|人民政府网)$")


@per_line
def is_chrome(text: str) -> bool:
    """True when a line is web page residue: navigation, page controls, header metadata."""
    flat = squash(text).strip("|")
    return bool(flat) and bool(_CHROME.search(flat) or _CHROME_LINE.match(flat) or _NAV_BAR.search(flat))


def is_site_footer(text: str) -> bool:
    """A short line after the signature naming the web site ("滦平县政府信息公开")."""
    flat = squash(text)
    return 0 < len(flat) <= 20 and bool(_SITE_FOOTER.search(flat))


def is_filler(text: str) -> bool:
    """Blank lines, page numbers and web chrome: lines that are not report content."""
    return not text.strip() or is_page_number(text) or is_chrome(text)


def where(location: Location) -> str:
    """A location for a message: "第12行", "第9–31行", with the page for PDF input."""
    page = f"第{location.page}页" if location.page is not None else ""
    if location.end_line > location.line:
        return f"{page}第{location.line}–{location.end_line}行"
    return f"{page}第{location.line}行"


def fingerprint(*parts: object) -> str:
    """Location-independent identity: the parts, white space removed and look-alikes folded."""
    return "|".join(squash(str(part)) for part in parts)
