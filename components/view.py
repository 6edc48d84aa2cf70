"""What the reader asked to see, as a plain value: the ``View`` every page, section and component takes as an
argument, and the URL schema of the declared pages. No Streamlit here: the frame (``components.shell``) builds a
view from the widgets or a share link and passes it down; nothing reads it back from session state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics import episodes
from components.page_spec import Page, params_by_page
from components.url_state import UrlSchema

_DECLARED: dict[str, Page] = {}
_SCHEMA: list[UrlSchema] = []


def use_pages(pages: Sequence[Page]) -> None:
    """The frame hands over the declared pages (``page_run.declare``): their parameters make the URL schema."""
    if _SCHEMA and tuple(_DECLARED.values()) == tuple(pages):
        return
    _DECLARED.clear()
    _DECLARED.update({page.id: page for page in pages})
    _SCHEMA[:] = [UrlSchema(params_by_page(pages))]


def schema() -> UrlSchema:
    """The URL schema of the declared pages (see ``use_pages``)."""
    if not _SCHEMA:
        raise RuntimeError("the app frame has not declared its pages")
    return _SCHEMA[0]


@dataclass(frozen=True)
class View:
    """Everything a page needs to know about what the user asked to see."""

    preset: str
    start: dt.date
    end: dt.date
    event: dt.date
    source: str
    lang: str
    data_end: dt.date
    params: dict[str, Any] = field(default_factory=dict)
    theme: str = "dark"  # the reader's Streamlit theme: figures (and the models caching them) are drawn in its ink
    episode: str = ""  # the library episode the event date opens (``custom`` for the reader's own date)
    page: str = ""  # the page on screen ("" = the overview): its links and file names are built from it
    asof: pd.Timestamp | None = None  # replay: only what was known at this UTC instant (``analytics.asof``)
    watch: bool = False  # ``asof=now``: the instant follows the clock (watch mode)

    @property
    def sell_off(self) -> episodes.Episode:
        """The episode on screen: a library episode, the one whose days hold a custom date, or one anchored on it."""
        return episodes.by_id(self.episode) or episodes.covering(self.event) or episodes.custom(self.event)

    @property
    def thesis(self) -> bool:
        """The thesis's own sell-off: its claims are judged only on it."""
        return self.sell_off.thesis

    def param(self, name: str) -> Any:
        return self.params[name] if name in self.params else schema().all[name].default

    @property
    def event_in_range(self) -> bool:
        return self.start <= self.event <= self.end
