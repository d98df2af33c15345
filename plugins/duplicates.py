"""Copied text: paragraphs repeated within the report (DUP001), another body's name (DUP002)."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from linter.plugins.textscan import HAN, fingerprint, passages, where

from linter.diagnostics import Finding, Related
from linter.fuzzy import extract_one
from linter.hookspecs import hookimpl
from linter.memo import per_line
from linter.model import Location, Paragraph, Report
from linter.rules_api import RuleContext, rule
from linter.textnorm import squash, squash_whole

_PUNCTUATION = re.compile(r"[\s*#_`>|，,。.、；;：:！!？?（）()“”\"‘’'《》〈〉<>【】\[\]—\-]")
_NOT_HAN = re.compile(f"[^{HAN}]+")


@per_line  # stock paragraphs come again in report after report
def _key(text: str) -> str:
    return _PUNCTUATION.sub("", squash(text))


@dataclass
class _Run:
    """`length` paragraphs from `second` on, repeating as many from `first` on."""

    first: int
    second: int
    length: int


def _substantial(key: str, min_chars: int) -> bool:
    return len(key) >= min_chars and len(_NOT_HAN.sub("", key)) >= min_chars  # its Han characters


def _same(keys: list[str], i: int, j: int) -> bool:
    return 0 <= i < j and keys[i] == keys[j] and bool(keys[i])


def _repeated_runs(keys: list[str], min_chars: int) -> list[_Run]:
    """Maximal runs of paragraphs equal to an earlier run, each holding a substantial paragraph."""
    first_index: dict[str, int] = {}
    runs: list[_Run] = []
    covered: set[int] = set()
    for j, key in enumerate(keys):
        first_index.setdefault(key, j)
        i = first_index[key]
        if j in covered or i == j or not _substantial(key, min_chars):
            continue
        start_i, start_j = i, j
        while _same(keys, start_i - 1, start_j - 1) and start_j - 1 not in covered and start_j - 1 > i:
            start_i, start_j = start_i - 1, start_j - 1
        length = 0
        while start_i + length < start_j and start_j + length < len(keys) and _same(
                keys, start_i + length, start_j + length):
            length += 1
        covered.update(range(start_j, start_j + length))
        runs.append(_Run(start_i, start_j, length))
    return runs


def _merge_near_copies(keys: list[str], min_chars: int, similarity: float) -> list[str]:
    """Replace each substantial paragraph nearly equal to an earlier one (a word or two changed)
    by that earlier paragraph's key, so that near copies count as repeats."""
    merged: list[str] = []
    earlier: dict[str, int] = {}  # key → its position among the earlier substantial paragraphs
    by_length: dict[int, list[str]] = {}
    share = similarity / 100
    for key in keys:
        if _substantial(key, min_chars) and key not in earlier:
            # fuzz.ratio reaches `similarity` only between keys of about the same length: compare those.
            lengths = range(math.ceil(len(key) * share / (2 - share)) - 1, math.floor(len(key) * (2 / share - 1)) + 2)
            candidates = sorted((k for n in lengths for k in by_length.get(n, ())), key=earlier.__getitem__)
            found = candidates and extract_one(key, candidates, similarity)
            if found:
                key = found[0]
            else:
                earlier[key] = len(earlier)
                by_length.setdefault(len(key), []).append(key)
        merged.append(key)
    return merged


def _like_own(name: str, own: str, similarity: float) -> bool:
    """Whether rapidfuzz's partial_ratio of `name` and `own` is `similarity` or more. It compares
    the shorter string with pieces of the longer no longer than it: a piece of L characters scores
    at most 200 × min(c, L) / (len shorter + L), c the characters both strings have (with their
    repeats), so at most 200 × c / (len shorter + c); below `similarity`, rapidfuzz is not asked
    (nor imported)."""
    shorter, longer = sorted((name, own), key=len)
    common = (Counter(shorter) & Counter(longer)).total()
    if shorter and 200 * common < similarity * (len(shorter) + common):
        return False
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(name, own) >= similarity


def _span(paragraphs: list[Paragraph], first: int, length: int) -> Location:
    return paragraphs[first].location.through(paragraphs[first + length - 1].location)


@rule("DUP001", "repeated-text", "error", min_chars=20, similarity=95)
def check_repeated_paragraphs(report: Report, context: RuleContext) -> Iterator[Finding]:
    """同一段落或同一段内容在报告中重复出现。

    整段重复通常是编辑时粘贴了两次，使报告显得敷衍，评议中会被指出（DOMAIN.md §8）。
    连续重复的多个段落合并为一条，指向第二次出现的位置，并写明第一次出现的行号。
    “无”这类短句不检查（选项 min_chars：段落至少含多少个汉字才比较）；只改了个别字的段落
    也算重复（选项 similarity：rapidfuzz 相似度，默认 95）。

    错误示例：（一）贯彻落实情况……（四）政府信息管理情况…… 紧接着又把这四段完整重复一遍。
    正确示例：每段内容只出现一次。
    """
    paragraphs = report.paragraphs
    min_chars = context.option("min_chars")
    keys = _merge_near_copies([_key(p.text) for p in paragraphs], min_chars, context.option("similarity"))
    for run in _repeated_runs(keys, min_chars):
        copy, original = _span(paragraphs, run.second, run.length), _span(paragraphs, run.first, run.length)
        lines = where(original)
        count = f"{run.length}段" if run.length > 1 else "该段"
        yield Finding(
            f"{count}内容与{lines}重复：“{paragraphs[run.second].text[:20]}…”",
            copy,
            fingerprint=fingerprint("DUP001", *keys[run.second:run.second + run.length])[:200],
        )


_KIND_SUFFIXES = {
    "town": ("镇", "乡", "街道"),
    "district": ("区", "县"),
    "county": ("县", "区"),
}
_GENERIC = set("全我本各该此乡城村集市县区省镇街两个多等和与及在到对向为由把被的了是其有每新老原园发社景片校")
_AFTER_NAME = ("人民政府", "政府", "党委", "党政", "政务", "办事处", "人大", "纪委")


def _body_kind_suffixes(report: Report) -> tuple[str, ...]:
    return _KIND_SUFFIXES.get(report.body_kind or "", ())


def _names(text: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, int, int, bool]]:
    """Place names ending in one of `suffixes` where a body's name stands: at the start of a
    document title (《纸房镇…》, sure) or before 人民政府, 党委 and the like (the two characters
    before may be a verb, "建立镇党委": only a name that recurs counts)."""
    for pattern, sure in _name_patterns(suffixes):
        for match in pattern.finditer(text):
            if not set(match.group(1)) & _GENERIC:
                yield match.group(0), match.start(), match.end(), sure


@functools.cache
def _name_patterns(suffixes: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The patterns of `_names` for one kind of body, and whether a match is sure."""
    suffix = "|".join(suffixes)
    after = "|".join(_AFTER_NAME)
    return ((re.compile(rf"(?<=《)([{HAN}]{{2,3}}?)(?:{suffix})"), True),
            (re.compile(rf"([{HAN}]{{2}})(?:{suffix})(?={after})"), False))


def _own_names(report: Report) -> str:
    """Text that names the body and its superiors: the body string and the title."""
    return squash((report.body or "") + (report.title.text if report.title else ""))


@rule("DUP002", "other-body-name", "warning", similarity=80)
def check_other_body_names(report: Report, context: RuleContext) -> Iterator[Finding]:
    """报告中出现另一个同级机关的名称（从别的机关的报告复制文字）。

    照抄其他乡镇、区县的报告而未改名称，是评议中常见的问题（DOMAIN.md §8：大章镇的报告
    四次写到“纸房镇”）。只比较与本机关同级的地名（乡镇报告比较“××镇/乡/街道”，区县报告
    比较“××区/县”；市级报告不比较，因为县级市也称“××市”）；上级机关（所在县、区、市）和“全镇”“我镇”“乡镇”等泛称不报告。

    错误示例：（大章镇的报告）组织制定并落实《纸房镇政务公开工作制度》。
    正确示例：（大章镇的报告）组织制定并落实《大章镇政务公开工作制度》。

    同一名称出现多次只报告一条，指向第一处，写明共几处，其余各处作为相关位置
    （JSON 的 related_locations）。
    """
    suffixes = _body_kind_suffixes(report)
    own = _own_names(report)
    if not suffixes or not own:
        return
    whole = None  # the whole text squashed, made when a name must be counted
    places: dict[str, list[Location]] = {}
    counts: dict[str, int] = {}
    for passage in passages(report):
        seen: set[int] = set()
        for name, start, end, sure in _names(passage.text, suffixes):
            if start in seen or name in own or _like_own(name, own, context.option("similarity")):
                continue
            if not sure and name not in counts:
                if whole is None:
                    whole = squash_whole(report.document.source_text
                                         or "".join(line.text for line in report.document.lines))
                counts[name] = whole.count(name)
            if not sure and counts[name] < 2:
                continue
            seen.add(start)
            places.setdefault(name, []).append(passage.locate(start, end))
    for name, (first, *others) in places.items():
        count = f"（共{len(others) + 1}处）" if others else ""
        yield Finding(f"报告机关为“{report.body}”，但正文出现了“{name}”{count}，可能是从其他机关的报告中复制的文字",
                      first, fingerprint=fingerprint("DUP002", name),
                      related_locations=tuple(Related(place, f"“{name}”又一处") for place in others))


@hookimpl
def govlint_rules() -> list:
    return [check_repeated_paragraphs, check_other_body_names]
