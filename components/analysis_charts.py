"""Figure builders shared by the analysis pages: a scatter with its fit, grouped bars, relative lines and bands,
the heatmap, rebased panels and the lead-lag profile. Pure functions, frames in, ``go.Figure`` out (the crypto
page's own figures are in ``crypto_charts``, the macro page's in ``macro_charts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.stats import Fit, p_text
from components.charts import (
    PALETTE,
    base_figure,
    color_for,
    hline,
    house_figure,
    series_color,
    vrect,
)
from components.i18n import t
from components.theme import ink


def scatter_fit_figure(
    x: pd.Series,
    y: pd.Series,
    fit: Fit | None,
    *,
    title: str,
    x_title: str,
    y_title: str,
    highlight: Sequence[pd.Timestamp] = (),
    x_format: str = "+.1%",
    slope_format: str = "beta {:.2f}",
) -> go.Figure:
    """Daily returns against each other with the least-squares line; highlighted days labelled.

    ``slope_format`` words the fitted slope in the axes' units (a return per bp of yield is not a unitless beta).
    """
    both = pd.DataFrame({"x": x, "y": y}).dropna()
    fig = base_figure(title, y_title, height=420)
    fig.update_layout(hovermode="closest")
    fig.add_trace(
        go.Scatter(
            x=both["x"],
            y=both["y"],
            mode="markers",
            name="days",
            marker={"size": 7, "color": ink().accent, "opacity": 0.75},
            text=[d.strftime("%Y-%m-%d") for d in both.index],
            hovertemplate="%{text}<br>x %{x:" + x_format + "}<br>y %{y:+.2%}<extra></extra>",
            showlegend=False,
        )
    )
    marked = both[both.index.isin(list(highlight))]
    if not marked.empty:
        fig.add_trace(
            go.Scatter(
                x=marked["x"],
                y=marked["y"],
                mode="markers+text",
                name="event",
                text=[d.strftime("%d %b") for d in marked.index],
                textposition="top center",
                marker={"size": 13, "color": ink().event, "symbol": "star"},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if fit is not None and len(both) > 1:
        xs = np.linspace(both["x"].min(), both["x"].max(), 20)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=fit.alpha + fit.beta * xs,
                mode="lines",
                name="fit",
                line={"color": ink().alert, "width": 1.5},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_annotation(
            x=0.01,
            y=0.98,
            xref="paper",
            yref="paper",
            showarrow=False,
            align="left",
            text=f"{slope_format.format(fit.beta)} · R² {fit.r2:.2f} · corr {fit.corr:.2f} · n {fit.n}",
            font={"size": 12},
            bgcolor=ink().label_bg,
        )
    fig.update_xaxes(title_text=x_title, tickformat=x_format, zeroline=True, zerolinecolor=ink().zero)
    fig.update_yaxes(tickformat="+.1%", zeroline=True, zerolinecolor=ink().zero)
    return fig


def grouped_bars_figure(
    table: pd.DataFrame,
    *,
    title: str,
    y_title: str = "return",
    reference: Mapping[str, float] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Bars per row (asset) and column (session); optional reference markers (e.g. the thesis's figures)."""
    fig = base_figure(title, y_title, height=380)
    fig.update_layout(barmode="group", hovermode="closest")
    for i, col in enumerate(table.columns):
        fig.add_trace(
            go.Bar(
                x=table.index,
                y=table[col],
                name=str(col),
                marker_color=color_for(i),
                text=[f"{v:+.1%}" if pd.notna(v) else "n/a" for v in table[col]],
                textposition="outside",
                hovertemplate=f"{col}: %{{y:+.2%}}<extra>%{{x}}</extra>",
            )
        )
    if reference:
        fig.add_trace(
            go.Scatter(
                x=list(reference),
                y=list(reference.values()),
                mode="markers",
                name=t("fig_thesis_figure", lang),
                marker={"symbol": "line-ew-open", "size": 28, "color": ink().alert, "line": {"width": 3}},
                hovertemplate="thesis: %{y:+.0%}<extra>%{x}</extra>",
            )
        )
    fig.update_yaxes(tickformat="+.0%")
    return fig


def add_band(
    fig: go.Figure, start: pd.Timestamp, end: pd.Timestamp, label: str, color: str = "rgba(214,51,108,0.12)"
) -> go.Figure:
    """A shaded period (e.g. 'SoftBank's sale, October 2025') with its label at the top."""
    return vrect(fig, start, end, color, label)


def relative_figure(ratio: pd.Series, *, title: str, y_title: str) -> go.Figure:
    fig = base_figure(title, y_title, height=300)
    fig.add_trace(
        go.Scatter(
            x=ratio.index,
            y=ratio.to_numpy(),
            mode="lines",
            name="relative",
            line={"color": PALETTE[2], "width": 2},
            showlegend=False,
            hovertemplate="%{y:.1f}<extra></extra>",
        )
    )
    hline(fig, 100, {"color": ink().ref, "width": 1})
    return fig


HEATMAP_LABELS = 12


def heatmap_figure(
    matrix: pd.DataFrame,
    event: pd.Timestamp | None,
    *,
    title: str,
    date_format: str = "%Y-%m-%d",
    lang: str = "en",
    closed: np.ndarray | None = None,
) -> go.Figure:
    """Assets x periods of returns, diverging colours centred on zero; the event's column outlined.

    ``closed`` marks the empty cells that are the market's real holidays (from the exchange calendar): they
    show the grey background and read "market closed". Any other empty cell is missing data: drawn dark and
    read "no data", so a gap in the data never passes for a holiday.
    """
    cols = [d.strftime(date_format) for d in matrix.columns]
    z = matrix.to_numpy(dtype=float)
    cap = float(np.nanpercentile(np.abs(z), 98)) if np.isfinite(z).any() else 0.05
    closed = np.zeros(z.shape, dtype=bool) if closed is None else closed
    missing = ~np.isfinite(z) & ~closed
    text = np.where(
        np.isfinite(z),
        np.char.mod("%+.1f%%", np.nan_to_num(z) * 100),
        np.where(closed, t("fig_closed", lang), t("fig_no_data", lang)),
    )
    fig = house_figure()
    if missing.any():
        fig.add_trace(
            go.Heatmap(
                z=np.where(missing, 1.0, np.nan),
                x=cols,
                y=list(matrix.index),
                showscale=False,
                colorscale=[[0, ink().heat_missing], [1, ink().heat_missing]],
                hoverinfo="skip",
                xgap=1,
                ygap=1,
            )
        )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=cols,
            y=list(matrix.index),
            zmid=0,
            zmin=-cap,
            zmax=cap,
            colorscale=[[0, ink().down], [0.5, ink().panel], [1, ink().up]],  # the reader's up and down colours
            text=text,
            hovertemplate="%{y} on %{x}: %{text}<extra></extra>",
            xgap=1,
            ygap=1,
            # above the cells, not beside them: on a phone a side bar took a third of the width from the cells
            colorbar={
                "title": {"text": t("fig_return", lang), "side": "right"},
                "tickformat": "+.0%",
                "thickness": 10,
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "len": 0.6,
                "ypad": 6,
            },
        )
    )
    if event is not None:
        key = event.strftime(date_format)
        if key in cols:
            i = cols.index(key)
            fig.add_shape(
                type="rect",
                x0=i - 0.5,
                x1=i + 0.5,
                y0=-0.5,
                y1=len(matrix.index) - 0.5,
                xref="x",
                yref="y",
                line={"color": ink().event, "width": 2.5},
            )
    # The colour bar and the slanted dates need these margins; with them Plotly draws the heatmap once.
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        margin={"l": 10, "r": 10, "t": 96, "b": 88},
        height=max(320, 26 * len(matrix.index) + 160),
        plot_bgcolor=ink().heat_closed,
    )
    # at most ~12 date labels, every k-th column: all 40 of an event window ran into one blob on a phone
    # (counted from the event's column, so the event is always labelled)
    step = max(1, -(-len(cols) // HEATMAP_LABELS))
    event_key = event.strftime(date_format) if event is not None else None
    first = cols.index(event_key) % step if event_key in cols else 0
    labelled = cols[first::step]
    fig.update_xaxes(type="category", tickangle=-60, tickmode="array", tickvals=labelled, ticktext=labelled)
    fig.update_yaxes(autorange="reversed")
    return fig


def rebased_panels(
    rebased: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    title: str,
    y_title: str,
    late: Mapping[str, pd.Timestamp] | None = None,
    lang: str = "en",
) -> go.Figure:
    """One panel per series, each rebased on the same date but on its own scale: a dollar index that moves 2% is
    not drawn flat beside a volatility index that moves 50%."""
    cols = [c for c in rebased.columns if rebased[c].notna().any()]
    fig = make_subplots(rows=max(len(cols), 1), cols=1, shared_xaxes=True, vertical_spacing=0.06, figure=house_figure())
    for i, col in enumerate(cols, start=1):
        series = rebased[col].dropna()
        name = labels.get(col, col)
        if late and col in late:
            name = t("fig_starts_later", lang, label=name, date=f"{late[col]:%Y-%m-%d}")
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                mode="lines",
                name=name,
                line={"width": 1.8, "color": series_color(col, i)},
                hovertemplate=f"{name}: %{{y:.1f}}<extra></extra>",
            ),
            row=i,
            col=1,
        )
        fig.add_hline(y=100, line={"color": ink().ref, "width": 1}, row=i, col=1)
        fig.update_yaxes(title_text=name, row=i, col=1)
    fig.update_layout(
        title={"text": f"{title}; {y_title.lower()}", "x": 0, "font": {"size": 15}},
        height=150 + 170 * max(len(cols), 1),
        showlegend=False,
    )
    return fig


def lag_profile_figure(
    profiles: dict[str, dict[int, Any]], labels: dict[str, str], lag_names: dict[int, str], *, title: str, y_title: str
) -> go.Figure:
    """The asia-leads verdict's own lead-lag profile: per Asian index, grouped bars of its correlation with the US
    at each lag, each labelled with r, p and n (``profiles``: key -> lag -> ``stats.CorrTest`` or None)."""
    fig = base_figure(title, y_title, height=340)
    for i, (key, profile) in enumerate(profiles.items()):
        lags = [k for k in (-1, 0, 1) if profile.get(k) is not None]
        tests = [profile[k] for k in lags]
        fig.add_trace(
            go.Bar(
                x=[lag_names[k] for k in lags],
                y=[c.r for c in tests],
                name=labels[key],
                text=[f"{c.r:+.2f} (p {p_text(c.p)}, n {c.n})" for c in tests],
                textposition="outside",
                marker_color=series_color(key, i),
                hovertemplate="%{text}<extra>" + labels[key] + "</extra>",
            )
        )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(range=[-1, 1])
    return fig
