"""The floor: the least a Streamlit page with one Plotly chart costs on this machine.

One page, one Plotly line chart of 300 points, and one radio so a rerun can be triggered the same way
the dashboard's range buttons trigger one. The values are a deterministic curve, not market data.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
shift = st.sidebar.radio("shift", [0, 1, 2], horizontal=True, key="shift")
x = np.arange(300)
fig = go.Figure(go.Scatter(x=x, y=np.sin(x / 20 + shift), mode="lines"))
st.plotly_chart(fig, key="floor_chart")
