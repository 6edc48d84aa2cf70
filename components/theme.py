"""Chart ink for Streamlit's light and dark themes: one token per role, chosen per script run.

Figures are built in Python, so their colours must be known before they reach the browser. The frame
reads the reader's theme (``st.context.theme.type``) at the start of every run and sets it here;
figure builders ask ``ink()`` for a role (text, grid, event line, ...) and never hold a colour literal.
Page HTML (tables, tiles) inherits the page's text colour instead, so it follows a theme switch at once.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Ink:
    kind: str
    text: str  # titles, ticks, legends
    muted: str  # axis titles, captions
    panel: str  # hover label background
    border: str  # axis lines, ticks, hover label border
    grid: str
    zero: str  # zero lines
    ref: str  # reference lines (rebase 100, zero bp)
    label_bg: str  # background behind labels drawn over data
    event: str  # the event line and its markers
    event_soft: str  # the thesis's dated events
    alert: str  # a broken level, a cascade
    amber: str  # a second marker beside ``alert``
    strong: str  # the benchmark line (Nasdaq-100)
    neutral: str  # secondary benchmark lines (S&P 500, QQQ, Apple)
    up: str
    down: str
    accent: str  # bars and single lines with no series colour
    heat_missing: str  # a heatmap cell with no data
    heat_closed: str  # a heatmap cell on a market holiday


DARK = Ink(
    kind="dark",
    text="#E3E7EE",
    muted="#9AA4B2",
    panel="#1A202B",
    border="#3A4352",
    grid="rgba(255,255,255,0.08)",
    zero="rgba(255,255,255,0.25)",
    ref="rgba(255,255,255,0.35)",
    label_bg="rgba(15,19,25,0.85)",
    event="#FFD54F",
    event_soft="rgba(255,213,79,0.45)",
    alert="#FF6B81",
    amber="#F5A623",
    strong="#FFFFFF",
    neutral="#BBBBBB",
    up="#26A69A",
    down="#EF5350",
    accent="#4C9AFF",
    heat_missing="#12161D",
    heat_closed="#4A5060",
)
LIGHT = Ink(
    kind="light",
    text="#1F2430",
    muted="#5B6472",
    panel="#FFFFFF",
    border="#C4CAD3",
    grid="rgba(0,0,0,0.08)",
    zero="rgba(0,0,0,0.25)",
    ref="rgba(0,0,0,0.35)",
    label_bg="rgba(255,255,255,0.85)",
    event="#B7791F",
    event_soft="rgba(183,121,31,0.45)",
    alert="#D6336C",
    amber="#C05600",
    strong="#1F1F1F",
    neutral="#7A7A7A",
    up="#138A7E",
    down="#D93A36",
    accent="#1F6FEB",
    heat_missing="#2B2F36",
    heat_closed="#D5D9E0",
)
INKS = {"dark": DARK, "light": LIGHT}

_current: ContextVar[Ink] = ContextVar("selloff_ink", default=DARK)


def ink() -> Ink:
    """The ink of the run being drawn (dark when no theme is known, e.g. in unit tests)."""
    return _current.get()


def use(kind: str | None, red_up: bool = False) -> Ink:
    """Draw this run in the reader's theme (``"light"`` or ``"dark"``; anything else is dark). ``red_up``: the
    Chinese market convention (A-shares, and Chinese readers generally): a rise in red, a fall in green; the app
    follows it under ``lang=zh`` (candles, bars, the heatmap, tiles)."""
    chosen = INKS.get(kind or "", DARK)
    if red_up:
        chosen = replace(chosen, up=chosen.down, down=chosen.up)
    _current.set(chosen)
    return chosen
