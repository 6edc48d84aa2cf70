"""The replay's chart: one Plotly div kept across reruns and updated with ``Plotly.react`` (no remount per step).

``st.plotly_chart`` replaces its element when the figure changes: a replay step (or a tick of play, every 1.5 s)
removed and redrew every chart, a flash each hour (checked in a browser: no chart's DOM node survived a step).
This element is a Streamlit v2 component holding one ``div`` across reruns; each rerun hands it the new figure
and it calls ``Plotly.react`` on the same div, which diffs and redraws what changed (the browser test
``test_replay_updates_each_chart_in_place`` holds the nodes). Every chart feature is kept, since the same figure
spec is drawn.

It is used where it wins: in a replay (``View.asof`` set). Outside one it stays off, since a paired A/B on range
changes (``bench/ab.py``) did not clear the 15% bar on two pages of four (README, *Speed*). ``SELLOFF_CHART``
overrides: ``inplace`` everywhere, ``plotly`` nowhere.

Plotly.js is the copy shipped with the ``plotly`` package, served by Streamlit's static file serving
(``server.enableStaticServing``, ``static/`` beside the app, as ``text/javascript``) once copied there at start
(``served``); the browser caches it. Where the folder cannot be written, the replay keeps ``st.plotly_chart``.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"  # Streamlit serves it at <base>/app/static/
STATIC_NAME = "plotly.min.js"
log = logging.getLogger(__name__)
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


def enabled(replaying: bool = False) -> bool:
    """Whether charts are drawn in place: in a replay (unless ``SELLOFF_CHART=plotly``), or everywhere with
    ``SELLOFF_CHART=inplace``; never when Plotly.js cannot be served."""
    choice = os.environ.get("SELLOFF_CHART", "")
    wanted = choice == "inplace" or (replaying and choice != "plotly")
    return wanted and served()


@functools.cache
def served() -> bool:
    """Plotly.js copied into the static folder (once per process; kept when already the same size)."""
    target = STATIC_DIR / STATIC_NAME
    try:
        if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
            STATIC_DIR.mkdir(exist_ok=True)
            partial = target.with_suffix(".part")
            shutil.copyfile(PLOTLY_JS, partial)
            partial.replace(target)  # never a half-written file served
    except OSError as why:
        log.warning("in-place charts off: cannot place Plotly.js in %s (%s)", STATIC_DIR, why)
        return False
    return True


def script_path() -> str:
    """Where the browser fetches Plotly.js, under the server's base URL path (a deploy behind a prefix)."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{STATIC_NAME}" if base else f"/app/static/{STATIC_NAME}"


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
    data = {"spec": spec_json(fig), "src": script_path()}
    if where is st:
        mount(data=data, key=key)
        return
    with where:  # a column
        mount(data=data, key=key)
