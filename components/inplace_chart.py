"""Prototype (#22, item 5): a chart element that updates one Plotly div in place instead of remounting it.

``st.plotly_chart`` replaces its element when the figure changes, and Plotly draws the new one from scratch
(twice, once the width is measured). This element is a Streamlit v2 component holding one ``div`` across reruns;
each rerun hands it the new figure and it calls ``Plotly.react`` on the same div, which diffs and redraws only
what changed. Plotly.js is the copy shipped with the ``plotly`` package, served once by ``serve.py`` at
``PLOTLY_JS_PATH`` (the browser caches it). Off unless ``SELLOFF_CHART=inplace`` (the A/B in ``bench/ab.py``
measures it against ``st.plotly_chart``; it is adopted only if it pays, see the README's speed section).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_JS_PATH = "/_selloff/plotly.min.js"
MODEBAR = {"displaylogo": False, "responsive": True}

_JS = r"""
export default function (component) {
  const { data, parentElement } = component;
  let div = parentElement.querySelector("div.sl-inplace");
  if (!div) {
    div = document.createElement("div");
    div.className = "sl-inplace";
    div.style.width = "100%";
    parentElement.appendChild(div);
  }
  const spec = JSON.parse(data.spec);
  div.style.height = (spec.layout.height || 450) + "px";
  const draw = () => window.Plotly.react(div, spec.data, spec.layout, spec.config);
  if (window.Plotly) { draw(); return; }
  window.__slPlotly = window.__slPlotly || new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = data.src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
  window.__slPlotly.then(draw);
}
"""

_component: Any = None


def enabled() -> bool:
    return os.environ.get("SELLOFF_CHART", "") == "inplace"


def _mount() -> Any:
    global _component
    if _component is None:
        _component = st.components.v2.component("selloff_inplace_chart", js=_JS, isolate_styles=False)
    return _component


def spec_json(fig: go.Figure) -> str:
    """The figure as Plotly.js takes it, with the toolbar configured as ``st.plotly_chart`` shows it."""
    plain = fig.to_plotly_json()
    return pio.json.to_json_plotly({"data": plain["data"], "layout": plain["layout"], "config": MODEBAR})


def inplace_chart(fig: go.Figure, key: str, where: Any = st) -> None:
    mount = _mount()
    data = {"spec": spec_json(fig), "src": PLOTLY_JS_PATH}
    if where is st:
        mount(data=data, key=key)
        return
    with where:  # a column
        mount(data=data, key=key)
