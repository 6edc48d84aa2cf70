"""The report to send: one self-contained HTML file per view, its verdicts the app's own, opened offline with every
chart drawn and no request leaving it."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import report
from analytics import claims

ROOT = Path(__file__).resolve().parent.parent
LINK = "http://localhost:8501/?episode=thesis-2025&source=snapshot"


@pytest.fixture(scope="module")
def built() -> tuple[str, int, object]:
    view = report.view_from_link(LINK)
    text, drawn = report.build(view, LINK)
    return text, drawn, view


def test_the_report_holds_every_verdict_as_the_app_reads_it_and_every_chart(built):
    from pages.overview import BoardKey, _scoreboard_rows

    text, drawn, view = built
    _, lookback = claims.data_needs()
    board = _scoreboard_rows(
        BoardKey(view.start, view.end, view.event, "snapshot", 90_000.0, 60, lookback, view.thesis)
    )
    assert len(board) == len(claims.load_claims())
    for claim, result, _ in board:
        assert html.escape(result.text("en")) in text and html.escape(result.decided_text("en")) in text, claim.id
    assert drawn >= 20 and text.count('class="plotly-graph-div"') == drawn
    # Plotly.js inlined once; nothing is fetched: no script or stylesheet from elsewhere
    assert text.count("plotly.js v") <= 2 and not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text)
    assert f'href="{html.escape(LINK, quote=True)}"' in text  # the share link back to the live view
    assert "Where each series comes from" in text and "BTCUSDT perpetual" in text


def test_the_report_speaks_the_views_language():
    text, _ = report.build(report.view_from_link("episode=thesis-2025&source=snapshot&lang=zh"))
    assert "暴跌透镜报告" in text and "原文观点计分板" in text and '<html lang="zh">' in text


def test_a_replays_report_judges_as_of_its_instant_as_the_overview_does():
    """The report of a link with ``asof`` holds the board as of that hour (before the US open of 20 Nov most
    claims are not yet known), the same readings as the overview's, and marks the instant on its charts."""
    from pages.overview import _scoreboard_rows, board_key

    view = report.view_from_link(f"{LINK}&asof=2025-11-20T14:00Z")
    text, _ = report.build(view)
    _, lookback = claims.data_needs()
    board = _scoreboard_rows(board_key(view, lookback))
    assert sum(r.verdict == claims.NOT_YET_KNOWN for _, r, _ in board) >= 8
    for claim, result, _ in board:
        assert html.escape(result.text("en")) in text, claim.id
    assert "as of 20 Nov 14:00 UTC" in text


@pytest.mark.browser
def test_the_report_opens_offline_with_every_chart_drawn_and_no_request(built, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.server import CHROMIUM, CHROMIUM_ARGS

    text, drawn, _ = built
    path = tmp_path / "report.html"
    path.write_text(text, encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(offline=True)
        page = context.new_page()
        outside: list[str] = []
        failed: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {drawn}")
        plotted = page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
        browser.close()
    assert plotted == drawn and not outside and not failed


def _report_cli(query: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "report", query, "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_command_line_writes_the_file_and_refuses_a_folder(tmp_path):
    out = tmp_path / "r.html"
    run = _report_cli("episode=crypto-cascade-2025&source=snapshot", out)
    assert run.returncode == 0, run.stderr
    assert out.exists() and "charts" in run.stdout and "10 Oct 2025" in out.read_text(encoding="utf-8")
    folder = _report_cli("episode=thesis-2025", tmp_path)
    assert folder.returncode == 2 and "Traceback" not in folder.stderr
