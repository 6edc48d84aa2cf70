"""The real thing: `streamlit run app.py` on a free local port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

from tests.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
README_SHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
CHART = ".js-plotly-plot"
EXCEPTION = "[data-testid='stException']"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as (base, proc):
        yield base


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(CHART, timeout=TIMEOUT)
    return context, page


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


@pytest.mark.parametrize("path", ["/", "/crypto", "/global-tech", "/macro"])
def test_each_page_renders_a_chart_and_no_exception(browser, server, path):
    context, page = _open(browser, f"{server}{path}?source=snapshot")
    page.wait_for_timeout(500)
    assert page.locator(CHART).count() >= 1
    assert page.locator(EXCEPTION).count() == 0
    assert urlparse(page.url).path == path
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{path.strip('/') or 'overview'}.png"), full_page=True)
    if path == "/" and os.environ.get("UPDATE_README_SCREENSHOT"):
        page.screenshot(path=str(README_SHOT))
    context.close()


def test_share_link_reopens_the_same_view_in_another_browser(browser, server):
    url = f"{server}/crypto?range=custom&start=2025-10-01&end=2025-12-05&event=2025-11-20&source=snapshot&window=90"
    context, page = _open(browser, url)
    page.get_by_role("button", name=re.compile("Share this view")).click()
    code = page.locator("[data-testid='stPopoverBody'] [data-testid='stCode']").first
    code.wait_for(timeout=TIMEOUT)
    link = code.inner_text().strip()
    context.close()
    assert "/crypto?" in link
    other = browser.new_context(viewport={"width": 1440, "height": 1000})  # a different browser profile
    page2 = other.new_page()
    page2.goto(link)
    page2.wait_for_selector(CHART, timeout=TIMEOUT)
    q = _query(page2)
    assert q["range"] == "custom" and q["start"] == "2025-10-01" and q["end"] == "2025-12-05"
    assert q["event"] == "2025-11-20" and q["window"] == "90" and q["source"] == "snapshot"
    sidebar = page2.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_role("radio", name="Custom").is_checked()
    assert "Showing 2025-10-01 to 2025-12-05" in sidebar.inner_text()
    other.close()


def test_changing_the_range_preset_changes_the_url_in_place(browser, server):
    context, page = _open(browser, f"{server}/macro?source=snapshot")
    page.locator("[data-testid='stSidebar']").get_by_text("3M", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('range=3m')", timeout=TIMEOUT)
    assert urlparse(page.url).path == "/macro"
    page.get_by_role("link", name="Crypto").click()
    page.wait_for_function("() => window.location.pathname === '/crypto'", timeout=TIMEOUT)
    page.wait_for_function("() => window.location.search.includes('range=3m')", timeout=TIMEOUT)
    context.close()


@pytest.mark.parametrize("query", [
    "range=custom&start=2025-12-05&end=2025-10-01",
    "start=2025-02-30&range=custom&end=2025-03-01",
    "source=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "range=" + "x" * 500,
    "window=7&level=-5&assets=..%2F..%2Fetc",
])
def test_bad_links_show_a_notice_and_still_render(browser, server, query):
    context, page = _open(browser, f"{server}/crypto?{query}")
    alerts = page.locator("[data-testid='stAlert']")
    alerts.first.wait_for(timeout=TIMEOUT)
    assert "URL parameter" in " ".join(alerts.all_inner_texts())
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator("script:has-text('alert(1)')").count() == 0
    context.close()


@pytest.mark.parametrize("path,query,expect", [
    ("/crypto", "window=90&level=85000&source=snapshot", {"window": "90", "level": "85000"}),
    ("/global-tech", "assets=nvda,softbank&source=snapshot", {"assets": "nvda,softbank"}),
    ("/macro", "range=6m&source=snapshot", {"range": "6m"}),
])
def test_deep_link_as_a_fresh_servers_first_request(browser, path, query, expect):
    """streamlit#9624: before any session ran app.py, /crypto is served from pages/crypto.py directly."""
    with streamlit_server() as (base, _):
        context, page = _open(browser, f"{base}{path}?{query}")
        page.wait_for_timeout(800)
        assert urlparse(page.url).path == path
        q = _query(page)
        for key, value in expect.items():
            assert q[key] == value
        assert "range" in q and "event" in q  # the frame wrote its controls into the URL
        assert page.locator("[data-testid='stSidebar']").get_by_text("Date range").count() == 1
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator(EXCEPTION).count() == 0
        context.close()
