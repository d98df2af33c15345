"""A generated province for the copy-detection tests and benchmark: distinct bodies writing
varied prose inside the national template's fixed wording, with planted copies.

Every body writes its own sentences (random words from a large vocabulary in a few sentence
shapes), every report shares the template's wording (headings, tables, the standard opening
and section 六) and the bodies of one county site share that site's stock sentences. Planted:
a passage copied from the body's own report of the year before (CPY001), a passage copied from
another body's report (CPY002), whole reports copied from another body's (CPY003) and a body's
second report for the same year (CPY004). `Province.expected` says which files each kind must
be reported on.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from fixturetext import Fixture

_CHARS = ("政务信息公开平台网站栏目制度建设规范管理服务群众企业办事指南政策解读会议公开审查保密培训考核监督"
          "宣传窗口热线回应关切民生重点领域财政预算决算项目资金安全生产环境保护乡村振兴教育卫生健康医疗社保"
          "就业住房交通水利农业林业市场监管应急消防档案统计审计人事任免规划自然资源征地补偿救助养老文化旅游"
          "科技工业商务招商投资营商优化改革创新数字智慧便民高效精准全面深化持续推动落实加强完善提升拓展强化")
_TOWNS = "东西南北中上下新老高平安和兴华光明清泉石河山林桥湖塘溪沙田坪岭坝洲港湾浦庄集店口营寨"
_DEPARTMENTS = ("教育局", "民政局", "财政局", "司法局", "卫生健康局", "应急管理局", "市场监督管理局", "自然资源局",
                "交通运输局", "水利局", "农业农村局", "文化和旅游局", "统计局", "审计局", "医疗保障局")
_SHAPES = (
    "{year}年，{body}{w}{w}，{w}{w}{w}，全年{w}{w}{n}项。",
    "围绕{w}{w}工作，{w}{w}{w}，{w}{w}{w}，{w}{w}取得{w}成效。",
    "{w}{w}方面，{body}{w}{w}{w}，{w}{w}{n}次，{w}{w}{w}。",
    "通过{w}{w}、{w}{w}等方式，{w}{w}{w}，{w}{w}{w}。",
    "一是{w}{w}{w}不够{w}；二是{w}{w}{w}有待{w}；三是{w}{w}{w}{w}。",
    "下一步，{body}将{w}{w}{w}，{w}{w}{w}，{w}{w}{w}{w}。",
)
_SUBSECTIONS = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况",
                "（四）政府信息公开平台建设情况", "（五）监督保障情况")


def _tables() -> str:
    example = Path(__file__).resolve().parents[1] / "examples" / "reports" / "qingshan-2022.txt"
    text = example.read_text(encoding="utf-8")
    return text[text.index("第二十条第（一）项"):text.index("五、存在的主要问题及改进情况")]


_VARIED_ROWS = ("一、本年新收政府信息公开申请数量", "（一）予以公开", "（七）总计")


def _varied(tables: str, rng: random.Random) -> str:
    """The tables with one applicant column of table 三's rows 一, （一） and （七） raised by the same
    number, and their 总计 with it: every identity still holds, and the rows differ from report
    to report as real reports' do (the carried-over rows that XYR001 compares stay as they are)."""
    column, extra = rng.randrange(6), rng.randint(1, 300)
    lines = tables.split("\n")
    varied = [i for i, line in enumerate(lines) if any(label in line for label in _VARIED_ROWS)]
    assert len(varied) == len(_VARIED_ROWS), "the example's table 三 changed"
    for index in varied:
        fields = lines[index].split("\t")
        values = [int(v) for v in fields[-7:]]
        values[column] += extra
        values[6] += extra
        lines[index] = "\t".join(fields[:-7] + [str(v) for v in values])
    return "\n".join(lines)


@dataclass
class Body:
    name: str
    site: int
    rng: random.Random

    @property
    def short(self) -> str:
        return self.name.removesuffix("人民政府")


@dataclass
class Province:
    """Reports as {relative path: text}; `expected[code]` the relative paths a rule must report."""

    reports: dict[str, str] = field(default_factory=dict)
    expected: dict[str, set[str]] = field(default_factory=lambda: {c: set() for c in ("CPY001", "CPY002", "CPY003",
                                                                                        "CPY004")})

    def write(self, folder: Path) -> None:
        for name, text in self.reports.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


class _Writer:
    def __init__(self, seed: int, bodies: int, sites: int) -> None:
        self.rng = random.Random(seed)
        self.words = sorted({"".join(self.rng.sample(_CHARS, 2)) for _ in range(3000)})
        self.site_sentences = [[self.sentence(None, 2022) for _ in range(3)] for _ in range(sites)]
        names: set[str] = set()
        size = 2 if bodies <= 1000 else 3  # 3 characters name tens of thousands of bodies
        while len(names) < bodies:
            if self.rng.random() < 0.7:
                names.add("".join(self.rng.sample(_TOWNS, size)) + self.rng.choice("镇乡") + "人民政府")
            else:
                names.add("".join(self.rng.sample(_TOWNS, size)) + "县" + self.rng.choice(_DEPARTMENTS))
        self.bodies = [Body(n, i % sites, random.Random(self.rng.random())) for i, n in enumerate(sorted(names))]

    def sentence(self, body: Body | None, year: int, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        slots = {"year": str(year), "body": body.short if body else "我单位"}

        def fill(match: re.Match) -> str:
            slot = match.group(1)
            return rng.choice(self.words) if slot == "w" else str(rng.randint(2, 400)) if slot == "n" else slots[slot]

        return re.sub(r"\{(\w+)\}", fill, rng.choice(_SHAPES))

    def sections(self, body: Body, year: int) -> dict[str, list[str]]:
        """The report's prose by part: the five topics of section 一 and section 五, as sentence lists."""
        rng = body.rng
        parts = {topic: [self.sentence(body, year, rng) for _ in range(rng.randint(2, 3))] for topic in _SUBSECTIONS}
        parts["五"] = [self.sentence(body, year, rng) for _ in range(3)]
        parts["一"] = [f"{year}年，{body.short}认真贯彻落实《条例》，推进政府信息公开工作。",
                      *self.site_sentences[body.site][:2], self.sentence(body, year, rng)]
        return parts

    def report(self, body: Body, year: int, parts: dict[str, list[str]]) -> str:
        intro = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
                 f"《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
                 f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
                 f"如对本报告有疑问，请与{body.short}党政办公室联系（电话：0000-1234567）。")
        lines = [f"{body.name}{year}年政府信息公开工作年度报告", "", intro, "",
                 "一、总体情况", "", "".join(parts["一"]), ""]
        for topic in _SUBSECTIONS:
            lines += [f"{topic}。" + "".join(parts[topic]), ""]
        # 现行有效件数 grows by the two documents made each year, as XYR002 expects
        tables = Fixture(_tables()).replace("行政规范性文件\t2\t0\t5",
                                            f"行政规范性文件\t2\t0\t{5 + 2 * (year - 2022)}")
        tables = _varied(str(tables), random.Random(f"{body.name}{year}"))
        lines += ["二、主动公开政府信息情况", "", tables.rstrip(), "",
                  "五、存在的主要问题及改进情况", "", "".join(parts["五"]), "", "六、其他需要报告的事项", "",
                  "本年度未收取信息处理费。本年度无其他需要报告的事项。", "", body.name, f"{year + 1}年1月20日", ""]
        return "\n".join(lines)


def _renamed(parts: dict[str, list[str]], source: Body, target: Body, year: int, rng: random.Random,
             source_year: int) -> dict[str, list[str]]:
    """`parts` as `target` would copy them: the source's name, year and numbers changed."""

    def change(sentence: str) -> str:
        sentence = sentence.replace(source.short, target.short).replace(str(source_year), str(year))
        return re.sub(r"(?<![0-9])[0-9]{1,3}(?![0-9])", lambda m: str(rng.randint(2, 400)), sentence)

    return {part: [change(s) for s in sentences] for part, sentences in parts.items()}


def province(seed: int = 7, bodies: int = 80, sites: int = 6, years: tuple[int, ...] = (2022, 2023),
             planted: int = 8) -> Province:
    """A province of `bodies` bodies reporting for `years`, with `planted` copies of each kind
    among the last year's reports (none when planted is 0)."""
    writer = _Writer(seed, bodies, sites)
    rng = random.Random(seed + 1)
    result = Province()
    texts: dict[tuple[int, int], dict[str, list[str]]] = {}
    for index, body in enumerate(writer.bodies):
        for year in years:
            texts[index, year] = writer.sections(body, year)
    last, first = years[-1], years[0]
    picked = rng.sample(range(len(writer.bodies)), 5 * planted) if planted else []
    kinds = [picked[i::5] for i in range(5)]
    paths: dict[tuple[int, int], str] = {k: f"{k[1]}/{writer.bodies[k[0]].short}-{k[1]}.txt" for k in texts}
    previous, other, whole, whole_same_year, twice = kinds
    if len(years) > 1:
        for index in previous:  # section 五 and one topic as last year, with the year and numbers changed
            body = writer.bodies[index]
            old = _renamed(texts[index, years[-2]], body, body, last, rng, years[-2])
            texts[index, last] = {**texts[index, last], "五": old["五"], _SUBSECTIONS[1]: old[_SUBSECTIONS[1]]}
            result.expected["CPY001"].add(paths[index, last])
    for n, index in enumerate(other):  # two topics taken from another body's report of the year before
        source = (index + 1 + n) % len(writer.bodies)
        while source in picked:
            source = (source + 1) % len(writer.bodies)
        copied = _renamed(texts[source, first], writer.bodies[source], writer.bodies[index], last, rng, first)
        texts[index, last] = {**texts[index, last], _SUBSECTIONS[0]: copied[_SUBSECTIONS[0]],
                              _SUBSECTIONS[2]: copied[_SUBSECTIONS[2]]}
        result.expected["CPY002"].add(paths[index, last])
    for n, index in enumerate(whole + whole_same_year):  # the whole report is another body's, renamed
        source = (index + 7 + n) % len(writer.bodies)
        while source in picked:
            source = (source + 1) % len(writer.bodies)
        source_year = last if index in whole_same_year else first
        texts[index, last] = _renamed(texts[source, source_year], writer.bodies[source], writer.bodies[index], last,
                                      rng, source_year)
        result.expected["CPY003"].add(paths[index, last])
        if source_year == last:  # same year: which one copied cannot be told, both are reported
            result.expected["CPY003"].add(paths[source, last])
    for key, parts in texts.items():
        result.reports[paths[key]] = writer.report(writer.bodies[key[0]], key[1], parts)
    for index in twice:  # submitted again with a sentence rewritten
        body = writer.bodies[index]
        parts = {**texts[index, last], "五": [writer.sentence(body, last, rng), *texts[index, last]["五"][1:]]}
        name = f"{last}/{body.short}-{last}（修改）.txt"
        result.reports[name] = writer.report(body, last, parts)
        result.expected["CPY004"].add(name)
    return result
