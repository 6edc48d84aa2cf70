"""A page declared once: its URL parameters and its sections.

URL parsing, the section bar, the headers and their anchors, the page menu's links and the cache key of each
section's model all come from one ``Page``; adding a section is one ``Section`` entry plus its model and draw.
A section is load -> pure model (``analytics/models``) -> draw: its ``build`` computes the model and records
what it draws (``components.recorded``), once per value of the controls it ``reads``; the page replays it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from components.url_state import ALL_SECTIONS, Param, choice_param


@dataclass(frozen=True)
class Section:
    """One section of a page: its id is its anchor, its ``section=`` value and, where it tests one, its claim's id
    (the scoreboard links a claim to ``page#id``).

    ``build(view, out)`` computes the section's model and records its charts, notes and verdict (one computation
    feeds both). ``reads`` names the page controls it reads: the cache key is the view with only those kept.
    ``controls(view)`` draws the widgets above it (never cached: they are the reader's). A section whose output
    holds links carrying the reader's whole view (the scoreboard) is drawn live instead: ``draw(view)``, over its
    own cached model; ``warm(view)`` computes that model ahead (a replay's next hour, ``recorded.prefetch``).
    """

    id: str
    title_key: str
    build: Callable[[Any, Any], None] | None = None  # (shell.View, recorded.Recording)
    reads: tuple[str, ...] = ()
    controls: Callable[[Any], None] | None = None
    draw: Callable[[Any], None] | None = None
    warm: Callable[[Any], None] | None = None  # a live-drawn section's cached model for a view, computed ahead


@dataclass(frozen=True)
class Page:
    """One page: URL path (``""`` is the overview), title and icon, own parameters, sections and series.

    ``series`` are the series the page is about: a "to date" range ends on the latest date all of them share.
    """

    id: str
    title_key: str
    icon: str
    params: tuple[Param, ...] = ()
    sections: tuple[Section, ...] = ()
    series: tuple[str, ...] = ()
    bar: bool = True  # a section bar (one section at a time, ``section=`` in the URL); False: every section, stacked

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    @property
    def section_param(self) -> Param | None:
        """``section=``: which section the page shows (``all`` stacks them); None on a page without sections."""
        if not self.sections or not self.bar:
            return None
        return choice_param(
            f"section_{self.id}",
            f"p_section_{self.id.replace('-', '_')}",
            (*self.section_ids, ALL_SECTIONS),
            self.section_ids[0],
            "section",
            url_name="section",
        )

    @property
    def all_params(self) -> tuple[Param, ...]:
        """Every parameter of the page, its section first, in the order the share link writes them."""
        section = self.section_param
        return ((section,) if section else ()) + self.params

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


def params_by_page(pages: Sequence[Page]) -> Mapping[str, tuple[Param, ...]]:
    """What ``url_state`` needs of the pages: each page's parameters, by page id."""
    return {page.id: page.all_params for page in pages}
