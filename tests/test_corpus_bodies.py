"""Linking a corpus's reports by body: last year's report, duplicate submissions (linter.corpus.bodies)."""

from __future__ import annotations

import time

from linter.corpus.bodies import BodyYear, duplicates, predecessors, same_body


def test_names_match_when_the_shorter_ends_the_longer_and_keeps_a_name_of_its_own() -> None:
    assert same_body("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert not same_body("淮安市洪泽区人民政府", "区人民政府")
    assert not same_body("青山镇人民政府", "白水镇人民政府")


def test_each_report_gets_one_predecessor_of_the_same_body_and_kind() -> None:
    entries = [
        BodyYear("洪泽区人民政府", "district", 2022),        # 0
        BodyYear("洪泽区人民政府", "district", 2022),        # 1: submitted twice
        BodyYear("淮安市洪泽区人民政府", "district", 2023),  # 2: longer name, same body
        BodyYear("洪泽区人民政府", "district", 2024),        # 3: 2023 has only the longer name
        BodyYear("洪泽区人民政府", "town", 2023),            # 4: another kind of body
        BodyYear("区人民政府", "district", 2023),            # 5: no name of its own
        BodyYear(None, "district", 2023),                   # 6
        BodyYear("清江浦区人民政府", "district", 2023),      # 7: another body
    ]
    assert predecessors(entries) == [None, None, 0, 2, None, None, None, None]


def test_a_second_report_of_one_body_for_one_year_is_a_duplicate_of_the_first() -> None:
    entries = [BodyYear("青山镇人民政府", "town", 2023), BodyYear("白水镇人民政府", "town", 2023),
               BodyYear("平潭县青山镇人民政府", "town", 2023), BodyYear("青山镇人民政府", "town", 2022),
               BodyYear("青山镇人民政府", "town", 2023)]
    assert duplicates(entries) == [None, None, 0, None, 0]


def test_linking_is_linear_in_the_number_of_reports() -> None:
    # 20,000 bodies of one kind over two years: comparing every pair (the old way) is 10^8 name
    # comparisons, minutes; the suffix dictionary takes well under a second even on a busy machine.
    entries = [BodyYear(f"第{i}号镇人民政府", "town", year) for year in (2022, 2023) for i in range(10_000)]
    started = time.perf_counter()
    found = predecessors(entries)
    assert time.perf_counter() - started < 5
    assert found[10_000:] == list(range(10_000)) and found[:10_000] == [None] * 10_000
