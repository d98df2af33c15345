"""The page metadata a crawler or a web page writes before the report.

    标题: 平潭综合实验区公安局2021年政府信息公开工作年度报告
    发布时间: 2022-01-14 17:29
    发布机构:
    原文链接: https://…
    ==================== 正文 ====================

A block of `key: value` lines at the top of the file, with known keys, optionally closed by a
separator line, is the page's metadata: its values are kept (the publication date, the issuing
body) and its lines are not report text. Lines of the block with other keys or none (a note
such as "页面链接与图片详见 links.tsv") belong to it when the separator closes it.
"""

from __future__ import annotations

import re

from linter.model import Document, MetadataField

# Keys of page metadata as crawlers and government sites write them.
METADATA_KEYS = (
    "标题", "题目", "发布时间", "发布日期", "成文日期", "发文日期", "发布机构", "发文机关", "发文单位",
    "文号", "发文字号", "栏目", "所属栏目", "原文链接", "链接", "网址", "URL", "url", "索引号", "来源",
    "信息来源", "本地目录", "主题分类", "体裁分类", "公开方式", "公开范围", "有效性", "作者", "浏览次数",
)
_KEY_LINE = re.compile(r"^\s*(?P<key>[^\s:：]{1,8})\s*[:：]\s*(?P<value>.*?)\s*$")
_SEPARATOR = re.compile(r"^\s*(?:[=\-—_*#~]{3,}.{0,12}[=\-—_*#~]{3,}|[=\-—_*#~]{3,})\s*$")
_MIN_KEYS = 2  # one "来源：" line is prose or chrome; a block says metadata
_NOTE_LINES = 3  # lines without a known key tolerated inside a block closed by a separator


def find_metadata(document: Document) -> tuple[dict[str, MetadataField], tuple[int, int] | None]:
    """The metadata fields at the top of `document` and the line range (first, last) of the block."""
    lines = document.lines
    fields: dict[str, MetadataField] = {}
    first = last_key = None
    notes = 0
    for line in lines:
        if not line.text.strip():
            if first is None:
                continue
            notes += 1
        elif (match := _KEY_LINE.match(line.norm)) and match["key"] in METADATA_KEYS:
            first = line.index if first is None else first
            last_key, notes = line.index, 0
            value_start = match.start("value")
            fields.setdefault(match["key"], MetadataField(
                line.text[value_start:match.end("value")], line.locate(value_start, match.end("value")), line.index))
            continue
        elif first is not None and _SEPARATOR.match(line.norm):
            return (fields, (first, line.index)) if len(fields) >= _MIN_KEYS else ({}, None)
        else:
            notes += 1
        if first is None or notes > _NOTE_LINES:
            break
    if len(fields) < _MIN_KEYS or last_key is None:
        return {}, None
    return fields, (first, last_key)
