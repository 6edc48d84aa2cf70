"""Overview: the sell-off at a glance."""

from __future__ import annotations

import streamlit as st

from analytics.events import events_between
from analytics.returns import closes, rebase
from components import charts, shell
from components.badges import source_badge
from components.data import load
from data_sources import catalog

CONTAGION = ["btc", "nikkei", "sk_hynix", "nvda", "nasdaq", "spx", "vix"]


def render() -> None:
    view = shell.current_view()
    st.title("Sell-off Lens")
    st.caption("21 Nov 2025: how a crypto break, an Asian chip sell-off and fading rate-cut hopes hit US tech.")
    with shell.guard(view.lang):
        frames = load(CONTAGION, view.start, view.end, view.source)
        wide = closes(frames)
        labels = {k: catalog.label(k) for k in CONTAGION}
        if wide.empty:
            st.info("No data for this chart in the selected range.")
        else:
            fig = charts.rebased_lines(rebase(wide), labels, wide, title="Cross-asset performance, rebased to 100")
            if view.event_in_range:
                charts.add_event_line(fig, view.event)
            charts.add_event_markers(fig, events_between(view.start, view.end), view.lang)
            st.plotly_chart(fig, key="overview_contagion")
        source_badge(frames, view.lang)



shell.page_entry(render)
