"""A declared page, run: the section bar, then each chosen section as load -> model -> draw.

Kept apart from ``shell`` (the URL and the global controls) so that neither the shell nor the recorded sections
import the other: the frame declares the pages here once, and each page's ``render`` calls ``show_sections``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import streamlit as st

from components import recorded, replay, shell, url_state
from components.i18n import t
from components.page_spec import Page, Section
from components.shell import View

timing = logging.getLogger("selloff.timing")


def declare(pages: Sequence[Page]) -> None:
    """Once per run, from the frame: the pages' parameters make the URL schema; their sections' builds are
    registered for recording."""
    shell.use_pages(pages)
    for page in pages:
        recorded.register(page.id, {s.id: s.build for s in page.sections if s.build is not None})


def show_sections(page: Page, view: View) -> None:
    """The page's section bar (if it has one), then each chosen section as declared: its header (the anchor), its
    controls, then its recorded model and draw (or its live draw), each guarded and timed."""
    titles = {s.id: t(s.title_key, view.lang) for s in page.sections}
    header = st.header if page.bar else st.subheader
    shown = section_picker(page, titles, view.lang) if page.bar else page.sections
    for section in shown:
        began = time.perf_counter()
        with shell.guard(view.lang):
            header(titles[section.id], anchor=section.id)
            if section.controls is not None:
                section.controls(view)
            if section.draw is not None:
                section.draw(view)
            else:
                recorded.draw(page.id, section, view)
        timing.debug("section %s/%s ms=%.1f", page.id or "overview", section.id, (time.perf_counter() - began) * 1000)
    ahead = replay.next_step(view)
    if ahead is not None:  # a replay: the next hour is computed while this one is read
        recorded.prefetch(page.id, shown, ahead)


def section_picker(page: Page, titles: dict[str, str], lang: str) -> tuple[Section, ...]:
    """The page's section bar (kept in the URL as ``section``); returns the sections to draw, in order."""
    param = page.section_param
    labels = {**titles, url_state.ALL_SECTIONS: t("all_sections", lang)}
    chosen = st.segmented_control(
        t("section", lang),
        param.options,
        key=param.state_key,
        required=True,
        format_func=lambda s: labels.get(s, s),
        label_visibility="collapsed",
        width="stretch",
    )
    if chosen == url_state.ALL_SECTIONS:
        return page.sections
    return (page.section(chosen if chosen in page.section_ids else param.default),)
