"""The date grammar on sentences as real reports write them: what is a date, what is garbled and
how it can be read, what is a range, and what is never a date."""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.dategrammar import find_dates, find_ranges, valid_date
from linter.textnorm import normalize

D = datetime.date

# sentence → (garbled mentions as written with every valid reading, statistical range read or None).
# A garbled mention with two readings gets no fix; one with one reading does.
CASES: list[tuple[str, list[tuple[str, list[str]]], tuple[D, D] | None]] = [
    # 年 and/or 月 lost
    ("本报告中所列数据的统计时限为202311日至20231231日。",
     [("202311日", ["2023年1月1日"]), ("20231231日", ["2023年12月31日"])], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期限为2022年11日至1231日。", [("2022年11日", ["2022年1月1日"]), ("1231日", ["12月31日"])],
     (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计时间为20241月1日至202412月31日。", [("20241月1日", ["2024年1月1日"]), ("202412月31日", ["2024年12月31日"])],
     (D(2024, 1, 1), D(2024, 12, 31))),
    ("统计期限从2023年1月1日12月31日。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期限为20220101至20221231。", [("20220101", ["2022年1月1日"]), ("20221231", ["2022年12月31日"])],
     (D(2022, 1, 1), D(2022, 12, 31))),
    ("本报告于20230120发布。", [("20230120", ["2023年1月20日"])], None),
    ("截至2023年12月31。", [("2023年12月31", ["2023年12月31日"])], None),
    ("落款时间2024年1月26", [("2024年1月26", ["2024年1月26日"])], None),
    ("本报告统计时间为2021年1月1至2021年12月31日。", [("2021年1月1", ["2021年1月1日"])],
     (D(2021, 1, 1), D(2021, 12, 31))),
    ("于2023111日召开会议。", [("2023111日", ["2023年1月11日", "2023年11月1日"])], None),
    ("于2023112日召开会议。", [("2023112日", ["2023年1月12日", "2023年11月2日"])], None),
    ("于2023926日召开会议。", [("2023926日", ["2023年9月26日"])], None),
    ("于2023年926日召开会议。", [("2023年926日", ["2023年9月26日"])], None),
    ("于202312月5日召开会议。", [("202312月5日", ["2023年12月5日"])], None),
    ("于20231月15日召开会议。", [("20231月15日", ["2023年1月15日"])], None),
    ("2022年11日至20221231日为统计期。", [("2022年11日", ["2022年1月1日"]), ("20221231日", ["2022年12月31日"])],
     (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计时限自20200101起至20201231止。", [("20200101", ["2020年1月1日"]), ("20201231", ["2020年12月31日"])],
     (D(2020, 1, 1), D(2020, 12, 31))),
    ("本年度报告统计期为20210101-20211231。", [("20210101", ["2021年1月1日"]), ("20211231", ["2021年12月31日"])],
     (D(2021, 1, 1), D(2021, 12, 31))),
    ("２０２３年１２月３１。", [("２０２３年１２月３１", ["2023年12月31日"])], None),
    ("于２０２３０１２０印发。", [("２０２３０１２０", ["2023年1月20日"])], None),
    ("统计期限为2023年1月1日至12月31。", [("12月31", ["12月31日"])], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计区间2023年1月1日至1231日。", [("1231日", ["12月31日"])], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期间为202211日至2022年12月31日。", [("202211日", ["2022年1月1日"])], (D(2022, 1, 1), D(2022, 12, 31))),
    ("本报告统计数据为2020年1月1日2020年12月31日。", [], (D(2020, 1, 1), D(2020, 12, 31))),
    ("统计时间为2024年1月1日-2024年12月31日", [], (D(2024, 1, 1), D(2024, 12, 31))),
    # standard and non-standard but valid
    ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期限为2022.1.1-2022.12.31。", [], (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计期限为2022-01-01至2022-12-31。", [], (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计期限为2022/1/1~2022/12/31。", [], (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计期限为2022-01-01—2022-12-31。", [], (D(2022, 1, 1), D(2022, 12, 31))),
    ("统计期限为二〇二二年一月一日至二〇二二年十二月三十一日。", [], (D(2022, 1, 1), D(2022, 12, 31))),
    ("二〇二三年十二月三十一日", [], None),
    ("二零二四年一月二十日", [], None),
    ("统计期限为2023年1月1日到2023年12月31日。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计时间为2023年1月1日~2023年12月31日。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计时间为2023年1月1日—12月31日。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期为 2023 年 1 月 1 日至 2023 年 12 月 31 日。", [], (D(2023, 1, 1), D(2023, 12, 31))),
    ("统计期限自2022年1月1日起至2022年11月30日止。", [], (D(2022, 1, 1), D(2022, 11, 30))),
    ("从2021年1月1日到2021年6月30日", [], (D(2021, 1, 1), D(2021, 6, 30))),
    ("发布时间：2024-01-20 10:30:00", [], None),
    ("发布日期：2024.01.20", [], None),
    ("成文日期：2024/1/20", [], None),
    ("2024年1月20日", [], None),
    ("某某镇人民政府 2024年1月26日", [], None),
    ("于2023年3月15日召开专题会议。", [], None),
    ("2023年12月31日前完成。", [], None),
    ("截至2023年底，累计公开信息1200条。", [], None),
    ("（统计时间：２０２３年１月１日－２０２３年１２月３１日）", [], (D(2023, 1, 1), D(2023, 12, 31))),
    # never a date
    ("依据《国务院办公厅政府信息公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
     "（国办公开办函〔2021〕30号）", [], None),
    ("索引号：014314799/2024-00002", [], None),
    ("索引号：11350128MB1581530X/2023-00015", [], None),
    ("联系电话：0591-24381234", [], None),
    ("联系电话：0591-20230120", [], None),
    ("咨询电话：20230120", [], None),
    ("传真：20221231", [], None),
    ("手机：13920230120", [], None),
    ("2023年共收到申请12件。", [], None),
    ("2023年收到政府信息公开申请20件，办结19件。", [], None),
    ("2023年1月收到申请12件。", [], None),
    ("2023年1月12件", [], None),
    ("2022年主动公开信息1231条。", [], None),
    ("采购总金额20230120元。", [], None),
    ("收费金额20231231.5元", [], None),
    ("本年收费金额为20230115万元", [], None),
    ("网址：http://www.pingtan.gov.cn/zwgk/2023/01/20/art_1234.html", [], None),
    ("https://www.gov.cn/zhengce/20230120/content.htm", [], None),
    ("平政办〔2023〕20230101号", [], None),
    ("文号：平综管〔2022〕20221号", [], None),
    ("﹝20168号", [], None),
    ("〔202130号", [], None),
    ("编号：20230120", [], None),
    ("规范性文件20221231", [], None),
    ("本年新收政府信息公开申请数量640020470", [], None),
    ("2023年1至12月", [], None),
    ("2023年1月20—25日开展培训。", [], None),
    ("2019年度报告", [], None),
    ("2021年以来", [], None),
    ("123456789", [], None),
    ("1.2023年工作要点", [], None),
    ("第20230120期简报", [], None),
    ("2023年2月30日", [], None),  # impossible, but written right: DAT002's
    ("2023年13月1日", [], None),
    ("20231301", [], None),  # no valid reading: not a date
    ("20231232", [], None),
    ("2023年00日", [], None),
    ("2023年99日", [("2023年99日", ["2023年9月9日"])], None),
    ("访问量：20230120", [], None),
    ("统计数据\t20230120\t0", [], None),
]


def _outcome(sentence: str) -> tuple[list[tuple[str, list[str]]], tuple[D, D] | None]:
    text = normalize(sentence)
    mentions = find_dates(text)
    ranges = find_ranges(text, mentions)
    garbled = [(sentence[m.start:m.end], [m.written(r) for r in m.readings])
               for r in ranges for m in (r.first, r.last) if m.garbled]
    in_range = {(m.start, m.end) for _, m in [(r, x) for r in ranges for x in (r.first, r.last)]}
    garbled += [(sentence[m.start:m.end], [m.written(r) for r in m.readings])
                for m in mentions if m.garbled and (m.start, m.end) not in in_range]
    garbled.sort(key=lambda g: sentence.index(g[0]))
    return garbled, (ranges[0].dates if ranges else None)


def test_the_table_has_enough_real_looking_sentences() -> None:
    assert len(CASES) >= 80
    assert sum(1 for _, garbled, period in CASES if not garbled and period is None) >= 30


@pytest.mark.parametrize(("sentence", "garbled", "period"), CASES, ids=[c[0][:24] for c in CASES])
def test_sentence(sentence: str, garbled: list, period: tuple | None) -> None:
    assert _outcome(sentence) == (garbled, period)


def test_a_lost_connector_is_marked_on_the_range() -> None:
    [found] = find_ranges(normalize("统计期限从2023年1月1日12月31日"))
    assert found.connector_lost
    [found] = find_ranges(normalize("统计期限从2023年1月1日至12月31日"))
    assert not found.connector_lost


def test_linear_time_on_a_crawler_line_of_digits_and_dates() -> None:
    # A whole report on one line: table cells run together, dates and near-dates everywhere.
    chunk = "本年新收政府信息公开申请数量640020470统计期限为2022年11日至1231日，20230120发布，电话0591-24381234。"
    line = normalize(chunk * 600)  # about 40,000 characters
    start = time.perf_counter()
    assert len(find_ranges(line)) == 600
    assert len(find_dates(line)) == 1200
    assert time.perf_counter() - start < 2.0  # seconds on a loaded 2-core machine; quadratic would take minutes
    digits = normalize("2" * 30000 + "年" + "1" * 30000)
    start = time.perf_counter()
    assert find_dates(digits) == ()
    assert time.perf_counter() - start < 2.0


_ALPHABET = "0123456789０１２年月日至到-—~./ 起止〔〕号件条:：电话，。、二〇一十三"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fuzz_mentions_and_ranges_are_spans_of_the_text_with_valid_readings(text: str) -> None:
    folded = normalize(text)
    mentions = find_dates(folded)
    ends = [0]
    for mention in mentions:
        assert ends[-1] <= mention.start < mention.end <= len(folded)  # left to right, not overlapping
        ends.append(mention.end)
        assert all(valid_date(mention.year, month, day) for month, day in mention.readings)
        assert mention.readings or not mention.garbled
    for found in find_ranges(folded, mentions):
        assert found.start == found.first.start and found.first.end <= found.last.start <= found.last.end <= found.end
        for mention in (found.first, found.last):
            assert all(valid_date(mention.year, month, day) for month, day in mention.readings)


def test_a_valid_date_is_a_day_calendar_has() -> None:
    import calendar

    for year in (-400, -1, 0, 1, 1900, 2000, 2023, 2024, 2100, 9999, 10000, 12345):
        for month in range(-1, 15):
            for day in range(-1, 34):
                has = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
                assert valid_date(year, month, day) == has, (year, month, day)
