"""`--format html` in a real browser: headless Chromium renders the page, runs its filter, and
does not run script from a report. Skipped where Chromium is not installed (.ci/run installs it
when apt is available: Debian packages chromium and fonts-noto-cjk)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile

import pytest
from devtools import DevTools
from htmlpage import REPORT, Element, parse, write_page

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = "<script>document.title = 'pwned'</script><img src=x onerror=\"document.title = 'pwned'\">坏数据"


@pytest.fixture
def report_page(tmp_path, monkeypatch, capsys, demo_rules) -> str:
    """file:// URL of the page for one report with errors, a warning, an info and hostile text."""
    monkeypatch.chdir(tmp_path)
    page, _ = write_page(capsys, tmp_path, {"报告.txt": REPORT + HOSTILE + "\n"})
    return page.as_uri()


def chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def dom(url: str) -> Element:
    """The page as Chromium has it after loading (its script has run)."""
    return parse(chromium("--dump-dom", url))


def visible(tree: Element) -> list[str]:
    return [f"{li.attrs['data-code']}/{li.attrs['data-severity']}"
            for li in tree.find_all("li", "finding") if "hidden" not in li.attrs]


def test_findings_render_and_report_text_does_not_run(report_page) -> None:
    tree = dom(report_page)
    assert visible(tree) == ["DEMO001/error", "DEMO002/warning", "DEMO003/error", "DEMO004/info", "DEMO001/error"]
    assert tree.find_all("li", "finding")[0].find(cls="message").text == "出现“坏数据”"
    assert "hidden" not in tree.find("form", id="filter").attrs  # the script ran (its CSP hash is right)…
    assert tree.find(id="shown").text == "显示 5 / 5 个问题"
    assert tree.find("title").text == "govlint 检查报告"  # …and the report's script did not
    assert not tree.find_all("img")


def test_filter_from_the_url_fragment_hides_the_rest(report_page) -> None:
    errors = dom(report_page + "#severity=error")
    assert visible(errors) == ["DEMO001/error", "DEMO003/error", "DEMO001/error"]
    assert errors.find(id="shown").text == "显示 3 / 5 个问题"
    nothing = dom(report_page + "#severity=warning,info&code=DEMO001")
    assert visible(nothing) == []
    assert "hidden" in nothing.find("section", "file").attrs


def test_ticking_the_filter_hides_the_rest_and_writes_the_url_fragment(report_page) -> None:
    state = """({hash: location.hash, shown: document.getElementById("shown").textContent,
                 visible: [...document.querySelectorAll("li.finding")].filter(li => !li.hidden)
                          .map(li => `${li.dataset.code}/${li.dataset.severity}`)})"""
    with DevTools(CHROMIUM, FLAGS) as browser:
        browser.load(report_page)
        browser.evaluate('["warning", "info"].forEach(s => document.querySelector(`input[value=${s}]`).click())')
        assert browser.evaluate(state) == {"hash": "#severity=error", "shown": "显示 3 / 5 个问题",
                                           "visible": ["DEMO001/error", "DEMO003/error", "DEMO001/error"]}
        browser.evaluate("""const code = document.querySelector("select[name=code]");
                            code.value = "DEMO003"; code.dispatchEvent(new Event("change", {bubbles: true}))""")
        assert browser.evaluate(state)["visible"] == ["DEMO003/error"]
        assert browser.evaluate("location.hash") == "#severity=error&code=DEMO003"


def test_screenshot(report_page, tmp_path) -> None:
    """A PNG of the window with the page drawn on it (docs/ci.md: how it looked when checked by eye)."""
    shot = tmp_path / "shot.png"
    chromium("--window-size=1200,1600", f"--screenshot={shot}", report_page)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 1600)
    assert len(data) > 50_000  # a blank page of this size: 9 KB


@pytest.fixture
def docx_page(tmp_path) -> str:
    """file:// URL of the page for a Word report whose 表三（七）总计·总计 is wrong (14, not 13)."""
    pytest.importorskip("docx")
    from loader_report import with_wrong_total, write_docx

    from linter.cli import main

    write_docx(tmp_path / "report.docx", with_wrong_total())
    (tmp_path / "govlint.toml").write_text("", encoding="utf-8")
    main(["check", str(tmp_path / "report.docx"), "--format", "html", "--exit-zero", "-o", str(tmp_path / "p.html")])
    return (tmp_path / "p.html").as_uri()


def test_the_bad_cell_of_table_three_is_highlighted_and_linked_to_its_finding(docx_page) -> None:
    probe = """(() => {
      const cell = document.querySelector("table.grid[data-table='三'] td.bad");
      const finding = document.getElementById(cell.querySelector("a").getAttribute("href").slice(1));
      const back = document.getElementById(finding.querySelector("a.to-cell").getAttribute("href").slice(1));
      const row = cell.parentElement.querySelector("th").textContent;
      return {text: cell.querySelector("a").textContent, row, code: finding.dataset.code,
              background: getComputedStyle(cell).backgroundColor, back: back === cell,
              outline: getComputedStyle(cell).outlineStyle};
    })()"""
    with DevTools(CHROMIUM, FLAGS) as browser:
        browser.load(docx_page)
        found = browser.evaluate(probe)
        assert found == {"text": "14", "row": "（七）总计", "code": "SUM001", "background": "rgb(255, 235, 233)",
                         "back": True, "outline": "solid"}
        browser.evaluate("document.querySelector(\"table.grid td.bad a\").click()")
        assert browser.evaluate("document.querySelector(':target').dataset.code") == "SUM001"


def test_many_reports_are_shown_fifty_at_a_time(tmp_path) -> None:
    """A page of 1,000 reports (10,000 measured in docs/performance.md): the script shows one page
    of 50 sections, worst first, and turns pages."""
    from linter.diagnostics import Diagnostic, Severity
    from linter.engine import FileResult
    from linter.formatters import Output
    from linter.formatters.html import page
    from linter.model import Location

    results = [FileResult(f"r{n:05}.txt", [Diagnostic("X1", Severity.ERROR if n % 7 == 0 else Severity.WARNING,
                                                      f"问题 {n}", f"r{n:05}.txt", Location(1, 1, 1, 2))
                                           for _ in range(1 + n % 3)]) for n in range(1_000)]
    path = tmp_path / "big.html"
    path.write_text(page(Output(results)), encoding="utf-8")
    with DevTools(CHROMIUM, FLAGS) as browser:
        browser.load(path.as_uri())
        state = ("[...document.querySelectorAll('section.file')].filter(s => !s.hidden)"
                 ".map(s => s.querySelector('h3').textContent)")
        first = browser.evaluate(state)
        assert len(first) == 50 and first[0] == "r00014.txt"  # three errors: the most; then the order found
        assert browser.evaluate("document.querySelector('#pages span').textContent") == "第 1 / 20 页"
        browser.evaluate("document.querySelector(\"#pages [data-step='1']\").click()")
        assert browser.evaluate("location.hash") == "#page=2" and browser.evaluate(state)[0] != first[0]
