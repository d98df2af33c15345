"""What of a report's text is compared for copying, and how: its prose sentences, normalised.

A sentence is compared by its *key*: the text folded (full-width forms), without the template's
fixed wording (section titles, table labels), statutory citations (《……条例》, 国办公开办函〔2021〕30号),
punctuation and white space, with every number and year replaced by "#" and the body's own name
by "@". So "2022年青山镇主动公开信息120条。" and "2023年白水镇主动公开信息95条。" (each in its own
body's report) have one key, and a copy that only changed those words is still found. Sentences
whose key keeps fewer than `MIN_SENTENCE` characters (headings, "无", table rows run together in
crawler text) are not compared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from linter.digests import blake2b
from linter.memo import per_line
from linter.textnorm import normalize

MIN_SENTENCE = 10
"""Characters a sentence key must keep to be compared."""

SENTENCE_END = re.compile(r"[。！？；!?;]+")
_CITATION = re.compile(
    r"《[^《》]{1,60}?(?:条例|规定|办法|通知|意见|格式|决定|细则|规则|法|纲要|要点|指引)》"
    r"|[\u4e00-\u9fff]{0,12}[〔\[［【(（﹝]\s*(?:19|20)\d{2}\s*[〕\]］】)）﹞]\s*\d+\s*号")
_YEAR_IN_HAN = re.compile(r"[一二三四五六七八九〇零○]{4}(?=年)")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?")
_NOT_COMPARED = re.compile(r"[^\u4e00-\u9fff#@A-Za-z]+")
_MIN_PHRASE = 4
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[A-Za-z]+|.", re.S)
"""Numbers and Latin words are one token each when words changed are listed; Han characters one each."""
_PUNCTUATION_ONLY = re.compile(r"[\W_]*")
"""A change of punctuation or spacing only is not a changed word."""


@functools.cache
def _template_wording() -> re.Pattern[str]:
    """The fixed wording of both templates, longest first, as one pattern over keys."""
    from linter.templates import all_templates

    # Section 一's topics are set by the template too (DOMAIN.md §2).
    phrases: set[str] = {f"{topic}情况" for topic in ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设",
                                                   "监督保障", "平台建设")}
    phrases.add("政府信息公开工作年度报告")  # the title's fixed part
    for template in all_templates().values():
        for section in template.sections:
            phrases.update((section.title, *section.aliases))
        for table in template.tables.values():
            phrases.update(table.subtables)
            phrases.update(label for _, label in table.groups)
            for row in table.rows:
                phrases.add(row.label)
                phrases.update(column.label for column in row.columns)
            phrases.update(column.label for column in table.columns)
    keys = {_strip(normalize(p)) for p in phrases}
    # Longest first, then in code point order: the same text in every process (linter.compilecache stores it).
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)) if len(k) >= _MIN_PHRASE))


_STANDARD_SENTENCES = re.compile("本报告(?:根据|依据|是根据|按照|包括|由)|统计期限|统计期间|如对本报告|本报告中所列数据"
                                 "|本报告的?电子版"
                                 "|信息处理费|无其他需要报告|没有其他需要报告")
"""Sentences the template's instructions make every report write (its opening and outline, the
statistical period, the contact, 信息处理费 in section 六): standard even in a run too small to learn them."""


def _strip(text: str) -> str:
    return _NOT_COMPARED.sub("", text)


def own_names(body: str | None) -> tuple[str, ...]:
    """The forms of a body's name replaced by "@": the name and its own part ("青山镇")."""
    from linter.corpus.bodies import own_part

    if not body:
        return ()
    names = {body, own_part(body)}
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def sentence_key(text: str, names: Iterable[str] = ()) -> str:
    """The comparable form of one sentence (see the module docstring)."""
    text = normalize(text)
    if any(name in text for name in names):
        return _key(text, names)
    return _key_without_names(text)


def _key(text: str, names: Iterable[str]) -> str:
    """The key of a normalised sentence."""
    if "《" in text or "号" in text:  # what each kind of citation needs (the pattern is slow to try)
        text = _CITATION.sub("", text)
    for name in names:
        text = text.replace(name, "@")
    if "年" in text:
        text = _YEAR_IN_HAN.sub("#", text)
    text = _NUMBER.sub("#", text)
    if _STANDARD_SENTENCES.search(text):
        return ""
    return _template_wording().sub("", _strip(text))


@per_line  # stock sentences recur in report after report
def _key_without_names(text: str) -> str:
    return _key(text, ())


def key_hash(key: str) -> int:
    """A 64-bit hash of a key, the same in every process (unlike `hash`)."""
    return int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def changed_words(copy: str, source: str, limit: int = 3) -> list[tuple[str, str]]:
    """The words that differ between a copied sentence and its source, as written: (source, copy)
    pairs, at most `limit` of them ("2022" → "2023", "白水镇" → "青山镇")."""
    import difflib

    old, new = _TOKEN.findall(source), _TOKEN.findall(copy)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [("".join(old[i1:i2]), "".join(new[j1:j2]))
               for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return [change for change in changes if not _PUNCTUATION_ONLY.fullmatch("".join(change))][:limit]
