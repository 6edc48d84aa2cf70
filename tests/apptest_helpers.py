"""Running the real app in Streamlit's AppTest, on a page, with a query string."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = {
    "": "pages/overview.py",
    "crypto": "pages/crypto.py",
    "global-tech": "pages/global_tech.py",
    "macro": "pages/macro.py",
}


def open_app(page: str = "", query: dict[str, str] | None = None, timeout: float = 90) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(PAGE_FILES[page])
        at.run()
    return at


def chart_count(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def texts(at: AppTest) -> str:
    """All visible text of the run, for searching."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts)
