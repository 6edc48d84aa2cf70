"""Macro: the ghost of stagflation (thesis section 2.3)."""

from __future__ import annotations

import streamlit as st

from analytics.returns import closes
from components import charts, shell
from components.badges import source_badge
from components.data import load
from data_sources import catalog

YIELDS = ["ust3m", "ust2y", "dgs10"]


def render() -> None:
    view = shell.current_view()
    st.title("Macro: the ghost of stagflation")
    with shell.guard(view.lang):
        frames = load(YIELDS, view.start, view.end, view.source)
        wide = closes(frames)
        if wide.empty:
            st.info("No data for this chart in the selected range.")
        else:
            fig = charts.lines(wide, {k: catalog.label(k) for k in YIELDS}, title="Treasury yields (%)", y_title="%")
            if view.event_in_range:
                charts.add_event_line(fig, view.event)
            st.plotly_chart(fig, key="macro_yields")
        source_badge(frames, view.lang)



shell.page_entry(render)
