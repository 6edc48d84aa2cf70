"""The replay's chart: one Plotly div kept across reruns and updated with ``Plotly.react`` (no remount per step).

``st.plotly_chart`` replaces its element when the figure changes: a replay step (or a tick of play, every 1.5 s)
removed and redrew every chart, a flash each hour (checked in a browser: no chart's DOM node survived a step).
This element is a Streamlit v2 component holding one ``div`` across reruns; each rerun hands it the new figure
and it calls ``Plotly.react`` on the same div, which diffs and redraws what changed (the browser test
``test_replay_updates_each_chart_in_place`` holds the nodes). Every chart feature is kept, since the same figure
spec is drawn.

A ``Plotly.react`` costs 40-68 ms on the overview's larger charts whatever changed (an identical figure too), and
moving a shape by ``Plotly.relayout`` as much (a shape's ``x0`` is a ``calc`` edit). So where the figure fixes its x
axis, the replay's "as of" line and label (``charts.NOW_LINE``) are taken out of the figure and drawn over it, at the
pixel Plotly would draw them (read from its axis, and again after a zoom, pan or resize); a step that changes
nothing else moves them and redraws nothing. The toolbar's camera saves the chart with them put back.

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
const NOW = "asof";  // components.charts.NOW_LINE: the replay's line and its label

// The line and label taken out of a layout whose x axis ends where the figure says (not where Plotly's autorange
// would put it, which the line itself can set): drawn over the plot by place(), so a step that moves only them
// redraws nothing. Otherwise null, and Plotly draws them.
function splitNow(layout) {
  const xa = layout.xaxis || {};
  if (!Array.isArray(xa.range) || xa.range[1] == null || xa.autorange === true) return null;
  const shapes = layout.shapes || [];
  const i = shapes.findIndex((s) => s.name === NOW);
  if (i < 0) return null;
  const notes = layout.annotations || [];
  const j = notes.findIndex((a) => a.name === NOW);
  layout.shapes = shapes.filter((_, k) => k !== i);
  if (j >= 0) layout.annotations = notes.filter((_, k) => k !== j);
  return { shape: shapes[i], note: j >= 0 ? notes[j] : null };
}

// Line and label where Plotly would draw the shape and annotation: the line across the plot area at the instant,
// the label's right edge on it, at the plot's foot; hidden when the instant is outside the axis (zoomed away).
function place(div) {
  const overlay = div.__slOverlay;
  const now = div.__slNow;
  const full = div._fullLayout;
  const xa = full && full.xaxis;
  const px = now && xa && full._size ? xa._offset + xa.d2p(now.shape.x0) : NaN;
  if (!Number.isFinite(px) || px < xa._offset - 0.5 || px > xa._offset + xa._length + 0.5) {
    overlay.style.display = "none";
    return;
  }
  const [line, label] = overlay.children;
  const size = full._size;
  const stroke = now.shape.line || {};
  const width = stroke.width || 1.5;
  overlay.style.display = "";
  Object.assign(line.style, {
    left: `${px - width / 2}px`, top: `${size.t}px`, width: `${width}px`, height: `${size.h}px`,
    background: stroke.color || "currentColor",
  });
  label.style.display = now.note ? "" : "none";
  if (now.note) {
    const font = now.note.font || {};
    label.textContent = now.note.text;  // text, never markup
    Object.assign(label.style, {
      left: `${px}px`, top: `${size.t + size.h}px`, color: font.color || stroke.color || "currentColor",
      fontSize: `${font.size || 11}px`, fontFamily: (full.font && full.font.family) || "sans-serif",
    });
  }
}

// What the toolbar's camera saves: the chart with its line and label put back (they are drawn over it, not in it).
function exportFigure(gd) {
  const layout = Object.assign({}, gd.layout);
  const now = gd.__slNow;
  if (now) {
    layout.shapes = [...(gd.layout.shapes || []), now.shape];
    if (now.note) layout.annotations = [...(gd.layout.annotations || []), now.note];
  }
  return { data: gd.data, layout };
}

// One config object per toolbar setting, kept across draws (Plotly.react redraws everything on a new config).
function configOf(div, config) {
  const text = JSON.stringify(config);
  if (div.__slConfigText !== text) {
    div.__slConfigText = text;
    div.__slConfig = Object.assign({}, config, {
      modeBarButtonsToRemove: ["toImage"],
      modeBarButtonsToAdd: [{
        name: "toImageAsOf", title: "Download plot as a png", icon: window.Plotly.Icons.camera,
        click: (gd) => window.Plotly.downloadImage(exportFigure(gd), {
          format: "png", filename: "newplot", width: gd._fullLayout.width, height: gd._fullLayout.height,
        }),
      }],
    });
  }
  return div.__slConfig;
}

export default function (component) {
  const { data, parentElement } = component;
  let div = parentElement.querySelector("div.sl-inplace");
  if (!div) {
    const wrap = document.createElement("div");
    wrap.style.position = "relative";
    div = document.createElement("div");
    div.className = "sl-inplace";
    div.style.width = "100%";
    const overlay = document.createElement("div");
    overlay.className = "sl-now";
    overlay.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;display:none";
    const line = document.createElement("div");
    line.style.position = "absolute";
    const label = document.createElement("span");
    label.style.cssText = "position:absolute;transform:translate(-100%,-100%);padding:2px;white-space:pre;"
      + "line-height:1.2";
    overlay.append(line, label);
    wrap.append(div, overlay);
    parentElement.appendChild(wrap);
    div.__slOverlay = overlay;
  }
  const spec = JSON.parse(data.spec);
  const now = splitNow(spec.layout);
  const drawn = JSON.stringify(spec);
  div.style.height = (spec.layout.height || 450) + "px";
  const draw = () => {
    div.__slNow = now;
    if (div.__slDrawn === drawn) { place(div); return; }  // nothing but the line moved: nothing to redraw
    div.__slDrawn = drawn;
    const done = window.Plotly.react(div, spec.data, spec.layout, configOf(div, spec.config));
    return Promise.resolve(done).then(() => {
      if (!div.__slListening) {  // zoom, pan, a resize: the line follows the axis
        div.__slListening = true;
        for (const event of ["plotly_afterplot", "plotly_relayout", "plotly_relayouting"]) {
          div.on(event, () => place(div));
        }
      }
      place(div);
    });
  };
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
