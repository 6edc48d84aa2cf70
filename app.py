"""Sell-off Lens: the picture frame of the app.

Page config, the global controls, URL state, then ``pg.run()``; pages hold only their content.
Run with ``streamlit run app.py``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import streamlit as st

import data_sources
import report
from components import admission, heap, page_run, shell, theme
from components.i18n import t
from pages import declared, renders

DECLARED = declared()  # every page's URL parameters and sections, declared once in its own module
RENDERS = renders()


def _page(render: Callable[[shell.View], None], drawn: dict[str, shell.View]) -> Callable[[], None]:
    """A page for ``st.navigation``: its ``render`` given this run's view (passed, never read back from state)."""

    def page() -> None:
        render(drawn["view"])

    page.__name__ = render.__module__.rsplit(".", 1)[-1]
    return page


# yfinance under pandas 3 warns about its own internals; nothing a reader of our logs can act on.
warnings.filterwarnings("ignore", module=r"yfinance(\..*)?$")
warnings.filterwarnings("ignore", message=r".*inplace keyword.*")

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
timing = logging.getLogger("selloff.timing")


_WARMED = threading.Event()


def _warm_calendars() -> None:
    """Once per process: repair what a killed snapshot build left (before any page reads it), then, in the
    background, the exchange calendars the verdicts' timing tests need."""
    if _WARMED.is_set():
        return
    _WARMED.set()
    from analytics import sessions
    from data_sources import snapshot

    try:
        snapshot.recover()
    except OSError as exc:  # a read-only checkout cannot be repaired here: the page names the damage instead
        logging.getLogger(__name__).warning("snapshot recovery skipped: %s", exc)

    threading.Thread(target=sessions.warm, name="selloff-calendars", daemon=True).start()


def main() -> None:
    started = time.perf_counter()
    # a local icon (a Material icon name made every load fetch it from a font host); the sidebar starts collapsed
    # on narrow screens (an integer is Streamlit's "auto" state at that width: 340 px, so no sell-off's name is cut)
    st.set_page_config(page_title="Sell-off Lens", page_icon=str(ICON), layout="wide", initial_sidebar_state=340)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=os.environ.get("SELLOFF_LOG_LEVEL", "INFO").upper(),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    with admission.admitted():  # a few runs compute at once: the event loop (health) is never one thread of 40
        waited = time.perf_counter()
        _run(started)
        timing.debug("admitted after ms=%.1f", (waited - started) * 1000)


def _run(started: float) -> None:
    """One script run: the frame (config, controls, URL), then the page."""
    _warm_calendars()
    page_run.declare(DECLARED)
    shell.init_from_url()
    shell.keep_state()
    lang = st.session_state.get("g_lang", "en")
    # figures in the reader's light or dark theme; in Chinese, a rise in red and a fall in green
    theme.use(st.context.theme.type, red_up=lang == "zh")
    drawn: dict[str, shell.View] = {}  # this run's view, resolved once the page is known; each page is given it
    pages = [
        st.Page(
            _page(RENDERS[page.id], drawn),
            title=t(page.title_key, lang),
            icon=page.icon,
            url_path=page.id or "overview",
            default=not page.id,
        )
        for page in DECLARED
    ]
    # the menu is drawn by the frame so that each link carries its page's whole view: a page switch is then
    # one history entry (Back returns to the page as it was) and never clears the query string (#7982)
    pg = st.navigation(pages, position="hidden")
    menu = st.sidebar.container()
    page = pg.url_path
    view = shell.sidebar_controls(page)
    drawn["view"] = view
    shell.page_menu(menu, pages)
    shell.sync_url(page)
    shell.share_control(page, view, report.as_bytes)  # the report is built above the pages it draws
    shell.show_notices(lang)
    with data_sources.network_budget():  # never wait on a stalled network for long
        framed = time.perf_counter()
        pg.run()
        timing.debug("frame page=/%s ms=%.1f", page, (framed - started) * 1000)
    heap.freeze_after_first_run()
    timing.debug("script run page=/%s ms=%.1f", page, (time.perf_counter() - started) * 1000)


if __name__ == "__main__":
    main()
