"""Crypto: Bitcoin as the canary (thesis section 2.1)."""

from __future__ import annotations

import streamlit as st

from components import charts, shell
from components.badges import source_badge
from components.data import load


def render() -> None:
    view = shell.current_view()
    st.title("Crypto: the canary in the coal mine")
    with shell.guard(view.lang):
        frames = load(["btc"], view.start, view.end, view.source)
        btc = frames["btc"]
        if btc.empty:
            st.info("No BTC data in the selected range.")
        else:
            fig = charts.price_chart(btc, title="Bitcoin, daily (USD)", style=view.param("chart"), y_title="USD")
            charts.add_level(fig, view.param("level"), f"${view.param('level'):,.0f}")
            if view.event_in_range:
                charts.add_event_line(fig, view.event)
            st.plotly_chart(fig, key="crypto_btc")
        source_badge(frames, view.lang)



shell.page_entry(render)
