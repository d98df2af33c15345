"""`govlint index build DIR -o FILE` and `govlint check --against FILE` (linter.corpus.index)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from province import province

from linter.cli import main


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("published")
    generated = province(seed=5, bodies=30, sites=3, planted=3)
    generated.write(folder)
    return folder, generated


def _copy_findings(capsys, *args: str) -> list[dict]:
    main(["check", "--format", "json", "--exit-zero", "--select", "CPY", "--jobs", "1", *args])
    return json.loads(capsys.readouterr().out)


def test_checking_this_year_against_an_index_of_last_year_finds_what_checking_both_finds(published, capsys,
                                                                                          tmp_path) -> None:
    folder, generated = published
    index = tmp_path / "2022.govlint-index"
    assert main(["index", "build", str(folder / "2022"), "-o", str(index)]) == 0
    assert "indexed 30 report(s)" in capsys.readouterr().err
    against = _copy_findings(capsys, "--against", str(index), str(folder / "2023"))
    together = [f for f in _copy_findings(capsys, str(folder)) if "/2023/" in f["path"]]
    assert against and [(f["path"], f["code"], f["line"]) for f in against] == [
        (f["path"], f["code"], f["line"]) for f in together]
    sources = {r["path"] for f in against for r in f.get("related_locations", ())}
    assert any(path.startswith(str(folder / "2022")) for path in sources)
    assert any(f["code"] == "CPY001" for f in against)


def test_a_report_in_the_run_and_in_the_index_is_not_its_own_duplicate(published, capsys, tmp_path) -> None:
    folder, _ = published
    index = tmp_path / "all.govlint-index"
    main(["index", "build", str(folder), "-o", str(index)])
    capsys.readouterr()
    assert _copy_findings(capsys, "--against", str(index), str(folder)) == _copy_findings(capsys, str(folder))


@pytest.mark.parametrize("content", [
    b"",                                                           # empty
    b"\x1f\x8b\x08\x00garbage",                                    # gzip header, damaged body
    gzip.compress(b'{"format": "something-else", "version": 1}'),  # foreign JSON
    gzip.compress(b'[1, 2, 3]'),
    b'{"format": "govlint-copy-index"}',                           # not compressed
], ids=["empty", "corrupt", "foreign", "json-list", "plain-json"])
def test_a_corrupt_or_foreign_index_stops_the_run_with_exit_2(published, capsys, tmp_path, content) -> None:
    folder, _ = published
    index = tmp_path / "bad.govlint-index"
    index.write_bytes(content)
    assert main(["check", "--against", str(index), str(folder / "2023")]) == 2
    captured = capsys.readouterr()
    expected = "not a govlint index (make one with 'govlint index build DIR -o FILE')"
    assert captured.err.strip() == f"govlint: {index}: {expected}"
    assert captured.out == ""


def test_an_index_of_another_version_or_damaged_inside_is_a_clear_error(published, capsys, tmp_path) -> None:
    folder, _ = published
    index = tmp_path / "2022.govlint-index"
    main(["index", "build", str(folder / "2022"), "-o", str(index)])
    data = json.loads(gzip.decompress(index.read_bytes()))
    other = tmp_path / "other.govlint-index"
    other.write_bytes(gzip.compress(json.dumps({**data, "version": 99}).encode()))
    assert main(["check", "--against", str(other), str(folder / "2023")]) == 2
    assert "rebuild it with 'govlint index build'" in capsys.readouterr().err
    sentence = data["reports"][0]["sentences"][0]
    # a location that is no location; MinHash values and sentence hashes out of their ranges (32, 64 bits)
    for damage in ({"sentences": [[*sentence[:2], ["one", 2], sentence[3]]]}, {"signature": [2 ** 32] * 64},
                   {"sentences": [[-1, *sentence[1:]]]}):
        other.write_bytes(gzip.compress(json.dumps({**data, "reports": [{**data["reports"][0], **damage}]}).encode()))
        assert main(["check", "--against", str(other), str(folder / "2023")]) == 2
        assert "damaged govlint index" in capsys.readouterr().err
    assert main(["check", "--against", str(tmp_path / "missing"), str(folder / "2023")]) == 2
    assert "cannot read the index" in capsys.readouterr().err
