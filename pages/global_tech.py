"""Global tech: smart money leaving? (thesis section 2.2)."""

from __future__ import annotations

import streamlit as st

from analytics.returns import closes, rebase
from components import charts, shell
from components.badges import source_badge
from components.data import load
from data_sources import catalog


def render() -> None:
    view = shell.current_view()
    st.title("Global tech: smart money leaving?")
    with shell.guard(view.lang):
        keys = list(view.param("assets"))
        frames = load(keys, view.start, view.end, view.source)
        wide = closes(frames)
        if wide.empty:
            st.info("No data for this chart in the selected range.")
        else:
            labels = {k: catalog.label(k) for k in keys}
            fig = charts.rebased_lines(rebase(wide), labels, wide, title="Magnificent 7 and friends, rebased to 100")
            if view.event_in_range:
                charts.add_event_line(fig, view.event)
            st.plotly_chart(fig, key="tech_rebased")
        source_badge(frames, view.lang)



shell.page_entry(render)
