"""Running the real app in Streamlit's AppTest, on a page, with a query string."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = {  # the page ids (their files: pages/<id>.py, the overview's pages/overview.py)
    "": "pages/overview.py",
    "crypto": "pages/crypto.py",
    "global-tech": "pages/global_tech.py",
    "macro": "pages/macro.py",
}


def go_to(at: AppTest, page: str) -> AppTest:
    """Ask the next run for ``page`` as a browser at ``/<page>`` would. The frame routes to callables
    (``st.Page(render)``), which ``AppTest.switch_page`` cannot name (it matches page files); a page's script hash
    is its ``url_path``'s, as ``st.Page`` computes it."""
    at._page_hash = calc_hash(page or "overview")
    return at


def open_app(page: str = "", query: dict[str, str] | None = None, timeout: float = 90) -> AppTest:
    """The app run once, on its own page from the first run (as a deep link opens it)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    go_to(at, page).run()
    return at


def charts_drawn(at: AppTest) -> list[tuple[str, dict]]:
    """Every chart of the run as (key, figure spec): ``st.plotly_chart`` elements, and a replay's in-place charts
    (``components/inplace_chart.py``, a v2 component whose data hold the same spec)."""
    import json

    out = [(el.proto.id.rsplit("-", 1)[-1], json.loads(el.proto.spec)) for el in at.get("plotly_chart")]
    for el in at.get("bidi_component"):
        if el.proto.component_name == "selloff_inplace_chart":
            out.append((el.proto.id.rsplit("-", 1)[-1], json.loads(json.loads(el.proto.json)["spec"])))
    return out


def chart_count(at: AppTest) -> int:
    return len(charts_drawn(at))


def texts(at: AppTest) -> str:
    """All visible text of the run, for searching."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts)
