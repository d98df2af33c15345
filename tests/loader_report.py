"""One complete 2021-template report as blocks, written out as text, HTML, DOCX and PDF.

The loader tests check that every format yields the same lines and the same recognised report
as the text copy. Tables are rows of (text, rowspan, colspan) cells, merged as Word and web
pages merge them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

import pytest

TITLE = "某某市某某区某某镇人民政府2023年政府信息公开工作年度报告"


def cell(text: str, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int]:
    return (text, rowspan, colspan)


def _values(label: str, values: str, label_span: int = 1) -> list:
    return [cell(label, 1, label_span), *(cell(v) for v in values.split())]


TABLE_2 = [
    [cell("第二十条第（一）项", 1, 4)],
    [cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")],
    _values("规章", "0 0 0"),
    _values("行政规范性文件", "3 1 12"),
    [cell("第二十条第（五）项", 1, 4)],
    [cell("信息内容"), cell("本年处理决定数量", 1, 3)],
    [cell("行政许可"), cell("120", 1, 3)],
    [cell("第二十条第（六）项", 1, 4)],
    [cell("信息内容"), cell("本年处理决定数量", 1, 3)],
    [cell("行政处罚"), cell("45", 1, 3)],
    [cell("行政强制"), cell("2", 1, 3)],
    [cell("第二十条第（八）项", 1, 4)],
    [cell("信息内容"), cell("本年收费金额（单位：万元）", 1, 3)],
    [cell("行政事业性收费"), cell("0", 1, 3)],
]

_NONE = "0 0 0 0 0 0 0"
TABLE_3 = [
    [cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), cell("申请人情况", 1, 7)],
    [cell("自然人", 2), cell("法人或其他组织", 1, 5), cell("总计", 2)],
    [cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")],
    _values("一、本年新收政府信息公开申请数量", "10 2 0 0 1 0 13", 3),
    _values("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1", 3),
    [cell("三、本年度办理结果", 22), *_values("（一）予以公开", "5 1 0 0 0 0 6", 2)],
    _values("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1 0 0 0 0 0 1", 2),
    [cell("（三）不予公开", 8), *_values("1.属于国家秘密", _NONE)],
    _values("2.其他法律行政法规禁止公开", _NONE),
    _values("3.危及“三安全一稳定”", _NONE),
    _values("4.保护第三方合法权益", _NONE),
    _values("5.属于三类内部事务信息", _NONE),
    _values("6.属于四类过程性信息", "1 0 0 0 0 0 1"),
    _values("7.属于行政执法案卷", _NONE),
    _values("8.属于行政查询事项", _NONE),
    [cell("（四）无法提供", 3), *_values("1.本机关不掌握相关政府信息", "2 1 0 0 0 0 3")],
    _values("2.没有现成信息需要另行制作", _NONE),
    _values("3.补正后申请内容仍不明确", _NONE),
    [cell("（五）不予处理", 5), *_values("1.信访举报投诉类申请", "1 0 0 0 0 0 1")],
    _values("2.重复申请", _NONE),
    _values("3.要求提供公开出版物", _NONE),
    _values("4.无正当理由大量反复申请", _NONE),
    _values("5.要求行政机关确认或重新出具已获取信息", _NONE),
    [cell("（六）其他处理", 3),
     *_values("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _NONE)],
    _values("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _NONE),
    _values("3.其他", "0 0 0 0 1 0 1"),
    _values("（七）总计", "10 2 0 0 1 0 13", 2),
    _values("四、结转下年度继续办理", "1 0 0 0 0 0 1", 3),
]

_RESULTS = [cell(t) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
TABLE_4 = [
    [cell("行政复议", 1, 5), cell("行政诉讼", 1, 10)],
    [*(cell(t, 2) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")),
     cell("未经复议直接起诉", 1, 5), cell("复议后起诉", 1, 5)],
    [*_RESULTS, *_RESULTS],
    [cell(v) for v in "1 0 0 0 1 0 1 0 0 1 0 0 0 0 0".split()],
]

BLOCKS: list[tuple[str, object]] = [
    ("title", TITLE),
    ("p", "本报告根据《中华人民共和国政府信息公开条例》编制。"
          "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
    ("h", "一、总体情况"),
    ("p", "2023年，本镇认真贯彻落实政府信息公开工作要求。"),
    ("p", "（一）主动公开。全年主动公开政府信息215条。"),
    ("h", "二、主动公开政府信息情况"),
    ("table", TABLE_2),
    ("h", "三、收到和处理政府信息公开申请情况"),
    ("table", TABLE_3),
    ("h", "四、政府信息公开行政复议、行政诉讼情况"),
    ("table", TABLE_4),
    ("h", "五、存在的主要问题及改进情况"),
    ("p", "主要问题是公开内容不够全面。下一步将加强培训。"),
    ("h", "六、其他需要报告的事项"),
    ("p", "本年度未收取信息处理费。"),
]


def with_wrong_total() -> list:
    """The report with one error: 表三（七）总计·总计 written as 14 instead of 13."""
    total = _values("（七）总计", "10 2 0 0 1 0 14", 2)
    table = [total if row[0][0] == "（七）总计" else row for row in TABLE_3]
    return [("table", table) if content is TABLE_3 else (kind, content) for kind, content in BLOCKS]


def placed(rows: list) -> Iterator[tuple[int, int, str, int, int]]:
    """(row, column, text, rowspan, colspan) of each written cell: a cell takes the first grid
    position of its row that no merged cell above or before it covers."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            yield r, c, text, rowspan, colspan
            c += colspan


def grid(rows: list) -> list[list[str]]:
    """The table's cells on the grid; positions covered by a merged cell are empty."""
    taken: dict[tuple[int, int], str] = {}
    for r, c, text, rowspan, colspan in placed(rows):
        for dr in range(rowspan):
            for dc in range(colspan):
                taken[(r + dr, c + dc)] = ""
        taken[(r, c)] = text
    width = max(c for _, c in taken) + 1
    return [[taken.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def text_lines(blocks: list = BLOCKS) -> list[str]:
    """The report as a text copy: paragraphs between blank lines, table rows tab-separated."""
    lines: list[str] = []
    for kind, content in blocks:
        if kind == "table":
            lines.extend("\t".join(row) for row in grid(content))
        else:
            lines.append(content)
        lines.append("")
    return lines[:-1]


def as_text(blocks: list = BLOCKS) -> str:
    return "\n".join(text_lines(blocks)) + "\n"


def _html_table(rows: list) -> str:
    out = ["<table border=1>"]
    for row in rows:
        cells = "".join(
            f"<td{f' rowspan={rs}' if rs > 1 else ''}{f' colspan={cs}' if cs > 1 else ''}><p>{escape(text)}</p></td>"
            for text, rs, cs in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def as_html(charset: str = "utf-8", blocks: list = BLOCKS) -> str:
    """The report as a published page: navigation, breadcrumb, info bar and footer around it."""
    body = []
    for kind, content in blocks:
        if kind == "title":
            continue
        elif kind == "h":
            body.append(f"<p style='text-indent:2em'><strong>{escape(content)}</strong></p>")
        elif kind == "p":
            body.append(f"<p>&nbsp;&nbsp;{escape(content)}</p>")
        else:
            body.append(_html_table(content))
    article = "\n".join(body)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_某某镇人民政府</title>
<style>.nav {{ color: red }}</style><script>var a = "政府信息公开工作年度报告";</script></head>
<body>
<div class="header"><div class="nav">
  <a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">互动交流</a></div></div>
<div class="main">
  <div class="crumb">您当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a>
    &gt; <a href="#">政府信息公开年报</a></div>
  <div class="article">
    <h1 class="title">{TITLE}</h1>
    <div class="info">发布时间：2024-01-20 来源：镇政府办 字体：[<a>大</a> <a>中</a> <a>小</a>] <a>打印本页</a></div>
    <div id="zoom" class="TRS_Editor">
{article}
    </div>
    <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  </div>
  <div class="side"><ul><li><a href="/1">某某镇人民政府2022年政府信息公开工作年度报告</a></li></ul></div>
</div>
<footer><p>主办单位：某某镇人民政府 网站标识码：1234567890 ICP备12345678号</p></footer>
</body></html>
"""


def write_docx(path: Path, blocks: list = BLOCKS) -> None:
    """The report as Word writes it: heading styles, tables with merged cells."""
    import docx

    document = docx.Document()
    for kind, content in blocks:
        if kind == "title":
            document.add_heading(content, level=0)
        elif kind == "h":
            document.add_heading(content, level=1)
        elif kind == "p":
            document.add_paragraph(content)
        else:
            _docx_table(document, content)
    document.save(str(path))


def with_document_xml(docx: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """The .docx `docx` with its word/document.xml passed through `edit`, every other part as is."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, edit(data) if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _docx_table(document, rows: list) -> None:
    cells = grid(rows)
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    table.style = "Table Grid"
    for r, c, text, rowspan, colspan in placed(rows):
        target = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        target.text = text


# Where PDFium looks for the fonts a PDF names but does not embed (fpdf_sysfontinfo, Linux).
_SYSTEM_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/X11/fonts")
_CJK_FONT_FILE = re.compile(r"cjk|wqy|uming|ukai|droidsansfallback|simsun|simhei|msyh|sourcehan", re.IGNORECASE)


def cjk_font_installed() -> bool:
    """Whether a Chinese font is installed where PDFium finds it. `write_pdf`'s STSong-Light is not
    embedded: PDFium measures its characters with the installed CJK font, and without one their
    boxes, and so the lines and cells read, come out otherwise (.ci/run installs fonts-noto-cjk)."""
    return any(_CJK_FONT_FILE.search(name) for folder in _SYSTEM_FONT_FOLDERS
               for _, _, names in os.walk(folder) for name in names)


needs_cjk_font = pytest.mark.skipif(not cjk_font_installed(), reason="no CJK font installed (fonts-noto-cjk)")


def write_pdf(path: Path, *, text_layer: bool = True, blocks: list = BLOCKS) -> None:
    """The report as a PDF with ruled tables (reportlab's built-in Chinese font STSong-Light);
    without a text layer, pages carry only drawings, as a scan does."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK",
                          firstLineIndent=22)
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=8.5, wordWrap="CJK")
    story: list = []
    for kind, content in blocks if text_layer else ():
        if kind == "table":
            story.append(_pdf_table(content, small))
        else:
            story.append(Paragraph(escape(content), body))
        story.append(Spacer(1, 6))
    if not text_layer:
        from reportlab.graphics.shapes import Drawing, Rect

        drawing = Drawing(400, 600)
        drawing.add(Rect(10, 10, 380, 580))
        story.append(drawing)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=50, rightMargin=50).build(story)


def write_rotated_table_pdf(path: Path, rows: list) -> None:
    """One table on a page shown in landscape by /Rotate 90, its content drawn turned so that it
    reads upright in a viewer (as printers and scanners' PDF tools do)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=8.5, wordWrap="CJK")
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setPageRotation(90)
    page.translate(A4[0], 0)
    page.rotate(90)
    table = _pdf_table(rows, style)
    table.wrapOn(page, A4[1], A4[0])
    table.drawOn(page, 20, 300)
    page.save()


def _pdf_table(rows: list, style):
    from reportlab.platypus import Paragraph, Table, TableStyle

    cells = grid(rows)
    width = len(cells[0])
    data = [[Paragraph(escape(text), style) if text else "" for text in row] for row in cells]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, c, _, rowspan, colspan in placed(rows):
        if rowspan > 1 or colspan > 1:
            commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    widths = [90] + [(495 - 90) / (width - 1)] * (width - 1) if width <= 4 else [14, 60, 95] + [33] * (width - 3)
    if width > 10:
        widths = [33] * width
    return Table(data, colWidths=widths, style=TableStyle(commands))


def assert_same_cells(report, text_report) -> None:
    """Tables 二, 三 and 四 hold the same cells, with the same values, as in the text copy."""
    assert set(report.tables) == set(text_report.tables) == {"二", "三", "四"}
    for table_id, table in text_report.tables.items():
        assert report.tables[table_id].aligned
        values = {key: cell.value for key, cell in report.tables[table_id].cells.items()}
        assert values == {key: cell.value for key, cell in table.cells.items()}
