"""The summary that ranks, after the findings of a multi-file run in the human formats."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from fixturetext import fixture_text

from linter.cli import main
from linter.formatters import ranking as ranking_module

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"

pytestmark = pytest.mark.usefixtures("zh")  # the summary as a Chinese clerk reads it


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two bad reports (one worse), a clean one, an unreadable file and a README."""
    reports = tmp_path / "reports"
    shutil.copytree(EXAMPLES, reports)
    bad = fixture_text(reports / "baishui-2022.md")
    worse = bad.replace_all("白水镇", "黑水镇") + "\n本报告于202311日、2023120日修订。\n"
    (reports / "heishui-2022.md").write_text(worse, encoding="utf-8")
    (reports / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (reports / "说明.md").write_text("# 说明\n\n本目录存放各单位的年度报告。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return reports


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["check", "--exit-zero", *args])
    return capsys.readouterr().out


def _summary(out: str) -> list[str]:
    return out[out.index("—— 汇总"):].splitlines()


def test_a_multi_file_run_ends_with_codes_worst_reports_unreadable_and_skipped_files(folder: Path, capsys) -> None:
    findings = json.loads(_out(capsys, "--format", "json", "reports"))
    errors = Counter(f["path"] for f in findings if f["severity"] == "error")
    lines = _summary(_out(capsys, "reports"))
    assert lines[0] == "—— 汇总（5 个文件）——"
    assert lines[1] == "各代码的问题数："
    per_code = [line.split()[:2] for line in lines[2:lines.index("错误最多的报告：")]]
    counts = Counter(f["code"] for f in findings)
    assert [(int(n), code) for n, code in per_code] == sorted(((n, c) for c, n in counts.items()),
                                                             key=lambda item: (-item[0], item[1]))
    worst = lines[lines.index("错误最多的报告：") + 1:lines.index("无法读取的文件（1 个）：")]
    heishui, baishui = (str(Path("reports") / name) for name in ("heishui-2022.md", "baishui-2022.md"))
    assert errors[heishui] > errors[baishui] > 0
    assert worst[0].split() == ["错误", f"{errors[heishui]}，警告", worst[0].split()[2], "黑水镇人民政府", "2022年",
                                heishui]
    assert worst[1].endswith(f"白水镇人民政府  2022年  {baishui}") and len(worst) == 2  # qingshan has no error
    assert lines[-4:-2] == ["无法读取的文件（1 个）：", "  reports/broken.txt: invalid utf-16-be text"]
    assert lines[-2:] == ["不是年度报告、未检查的文件（1 个）：", "  reports/说明.md"]


def test_concise_ranks_too_but_one_file_a_clean_run_and_statistics_do_not(folder: Path, capsys) -> None:
    assert "—— 汇总（5 个文件）——" in _out(capsys, "--format", "concise", "reports")
    clean = folder.parent / "clean"
    clean.mkdir()
    for number in range(2):
        shutil.copy(folder / "qingshan-2022.txt", clean / f"{number}.txt")
    assert _out(capsys, "--format", "concise", "--select", "SUM", str(clean)) == ""
    single = _out(capsys, str(folder / "baishui-2022.md"))
    assert "汇总" not in single and "FMT001" in single
    statistics = _out(capsys, "--statistics", "reports")
    assert "汇总" not in statistics and all(line.split()[0].isdigit() for line in statistics.splitlines())


def test_long_lists_are_cut_with_the_number_left_out(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking_module, "LISTED", 1)
    (folder / "broken2.txt").write_bytes(b"\x00\x02binary\x00")
    lines = _summary(_out(capsys, "reports"))
    unreadable = lines.index("无法读取的文件（2 个）：")
    assert lines[unreadable + 2] == "  ……另有 1 个（完整名单：--format xlsx）"
