"""Figure builders for the crypto page: the $90k break, the liquidation wick, perpetuals' open interest, funding
and liquidations, the rolling BTC-Nasdaq correlation. Pure functions, frames in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.crypto_measures import Drop, LevelBreak, Wick
from components.charts import (
    base_figure,
    color_for,
    hline,
    house_figure,
    session_x,
    vrect,
)
from components.i18n import t
from components.theme import ink

SESSION_COLORS = {"Asia": "rgba(255,213,79,0.07)", "Europe": "rgba(76,154,255,0.07)", "US": "rgba(43,217,166,0.07)"}


def _marker(fig: go.Figure, x: pd.Timestamp, y: float, text: str, color: str, symbol: str, ax: int = 0) -> None:
    """A marked point whose label sits ``ax`` px to the side on a dark plate, so candles behind it stay legible."""
    fig.add_trace(
        go.Scatter(
            x=[x],
            y=[y],
            mode="markers",
            marker={"symbol": symbol, "size": 12, "color": color, "line": {"width": 1, "color": ink().panel}},
            name=text,
            showlegend=False,
            hovertemplate=f"{text}: %{{y:,.0f}}<extra></extra>",
        )
    )
    fig.add_annotation(
        x=x,
        y=y,
        text=text,
        ax=ax,
        ay=28,
        showarrow=True,
        arrowhead=0,
        arrowwidth=1,
        arrowcolor=color,
        font={"color": color, "size": 11},
        bgcolor=ink().label_bg,
        borderpad=2,
    )


def frame_label(frame: pd.DataFrame, default: str) -> str:
    """A trace's name from the series it draws (``meta``: "BTCUSDT perpetual (Binance)" for the perpetual)."""
    from data_sources.meta import meta

    return meta(frame).label or default


def level_break_figure(
    frame: pd.DataFrame,
    level: float,
    close_break: LevelBreak | None,
    trade_break: LevelBreak | None,
    *,
    title: str,
    style: str,
    trade_label: str,
    close_label: str = "first close below",
    lang: str = "en",
) -> go.Figure:
    """Daily candles (or closes) with the level, the first close below it and the first trade below it."""
    fig = base_figure(title, t("fig_usd", lang), height=460)
    x = session_x(frame)
    full = frame[["open", "high", "low"]].notna().all(axis=1).to_numpy()
    if style == "candles" and full.any():
        fig.add_trace(
            go.Candlestick(
                x=x[full],
                open=frame["open"][full],
                high=frame["high"][full],
                low=frame["low"][full],
                close=frame["close"][full],
                name=frame_label(frame, "BTC"),
                yhoverformat=",.0f",  # "open: 87,017", not "87.0174k"
                increasing_line_color=ink().up,
                decreasing_line_color=ink().down,
                showlegend=False,
            )
        )
        if not full.all():  # closes-only bars: a line of closes, never a candle with an invented open, high or low
            fig.add_trace(
                go.Scatter(
                    x=x[~full],
                    y=frame["close"][~full],
                    mode="lines+markers",
                    name=t("fig_btc_close", lang),
                    line={"color": ink().accent, "width": 1.4},
                    marker={"size": 3},
                    showlegend=False,
                )
            )
        fig.update_layout(xaxis_rangeslider_visible=False, hovermode="x")
    else:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frame["close"],
                mode="lines",
                name=t("fig_btc_close", lang),
                line={"color": ink().accent, "width": 1.8},
                showlegend=False,
            )
        )
    hline(fig, level, {"color": ink().alert, "width": 1.3, "dash": "dot"}, f"${level:,.0f}")
    if close_break is not None:
        _marker(fig, close_break.ts.tz_localize(None), close_break.value, close_label, ink().alert, "x", ax=70)
    if trade_break is not None:
        _marker(
            fig, trade_break.ts.tz_localize(None), trade_break.value, trade_label, ink().amber, "triangle-down", ax=-90
        )
    return fig


def wick_figure(
    frame: pd.DataFrame,
    *,
    title: str,
    hourly: bool,
    sessions: Sequence[tuple[str, pd.Timestamp, pd.Timestamp]],
    drop: Drop | None,
    wick: Wick | None,
    lang: str = "en",
) -> go.Figure:
    """Candles over volume bars; trading sessions shaded on hourly data; the worst bar and the wick annotated."""
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.03, figure=house_figure()
    )
    x = frame["ts"].dt.tz_localize(None) if hourly else session_x(frame)
    fig.add_trace(
        go.Candlestick(
            x=x,
            open=frame["open"],
            high=frame["high"],
            low=frame["low"],
            close=frame["close"],
            increasing_line_color=ink().up,
            decreasing_line_color=ink().down,
            name=frame_label(frame, "BTC"),  # what it is: the perpetual's hourly bars are not spot BTC
            yhoverformat=",.0f",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    colors = np.where(frame["close"] >= frame["open"], ink().up, ink().down)
    fig.add_trace(
        go.Bar(
            x=x,
            y=frame["volume"],
            marker_color=colors,
            name=t("fig_volume", lang),
            showlegend=False,
            hovertemplate="volume %{y:,.0f}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    if hourly:
        seen = set()
        for name, s, e in sessions:
            vrect(fig, s.tz_localize(None), e.tz_localize(None), SESSION_COLORS[name], yref="y domain")
            if name not in seen:  # a legend entry per session colour
                seen.add(name)
                fig.add_trace(
                    go.Scatter(
                        x=[None],
                        y=[None],
                        mode="markers",
                        name=t("fig_session", lang, name=t(f"session_{name.lower()}", lang)),
                        marker={"color": SESSION_COLORS[name].replace("0.07", "0.6"), "size": 10, "symbol": "square"},
                    ),
                    row=1,
                    col=1,
                )
    if drop is not None:
        dx = drop.ts.tz_localize(None)
        vol = t("fig_median_volume", lang, ratio=f"{drop.volume_ratio:.1f}") if drop.volume_ratio else ""
        fig.add_annotation(
            x=dx,
            y=float(frame.loc[frame["ts"] == drop.ts, "close"].iloc[0]),
            row=1,
            col=1,
            text=t("fig_largest_drop", lang, change=f"{drop.change:+.1%}") + vol,
            showarrow=True,
            arrowhead=2,
            ax=-60,
            ay=-40,
            font={"color": ink().alert, "size": 11},
            arrowcolor=ink().alert,
        )
    if wick is not None:
        fig.add_annotation(
            x=wick.ts.tz_localize(None),
            y=wick.low,
            row=1,
            col=1,
            text=t("fig_lower_wick", lang, size=f"{wick.size:,.0f}", pct=f"{wick.size_pct:.1%}"),
            showarrow=True,
            arrowhead=2,
            ax=60,
            ay=30,
            font={"color": ink().event, "size": 11},
            arrowcolor=ink().event,
        )
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=520,
        hovermode="x unified",
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        xaxis_rangeslider_visible=False,
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    fig.update_yaxes(gridcolor=ink().grid, title_text=t("fig_usd", lang), row=1, col=1)
    fig.update_yaxes(gridcolor=ink().grid, title_text=t("fig_volume", lang), row=2, col=1)
    return fig


def rolling_corr_figure(
    corrs: Mapping[int, pd.Series],
    selected: int,
    threshold: float,
    *,
    title: str,
    lang: str = "en",
    peak_of: Mapping[int, pd.Series] | None = None,
) -> go.Figure:
    """Rolling correlations per window; the selected window's peak marked (within ``peak_of`` when given, e.g.
    calendar 2025 for the claim)."""
    fig = base_figure(title, t("fig_correlation", lang), height=400)
    for i, (window, series) in enumerate(sorted(corrs.items())):
        if series.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                mode="lines",
                name=f"{window}d",
                line={"width": 2.6 if window == selected else 1.2, "color": color_for(i)},
                opacity=1 if window == selected else 0.55,
                hovertemplate=f"{window}d: %{{y:.2f}}<extra></extra>",
            )
        )
    chosen = (peak_of or corrs).get(selected)
    if chosen is not None and not chosen.empty:
        at = chosen.idxmax()
        fig.add_trace(
            go.Scatter(
                x=[at],
                y=[chosen.max()],
                mode="markers+text",
                text=[t("fig_max", lang, value=f"{chosen.max():.2f}")],
                textposition="top center",
                marker={"size": 11, "color": ink().event},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    hline(
        fig,
        threshold,
        {"color": ink().alert, "dash": "dot", "width": 1.2},
        t("fig_thesis_line", lang, value=f"{threshold:g}"),
        "bottom left",
    )
    lows = [float(c.min()) for c in corrs.values() if not c.empty]
    fig.update_yaxes(range=[min([0.0, *lows]) - 0.1, 1.0])
    return fig


LIQ_BAR_MS = 4 * 3600 * 1000  # CoinGlass liquidation bars: 4 hours, stamped at their open


def derivatives_figure(
    open_interest: pd.DataFrame | None,
    funding: pd.DataFrame | None,
    *,
    title: str,
    lang: str = "en",
    liquidations: tuple[pd.DataFrame | None, pd.DataFrame | None] = (None, None),
) -> go.Figure:
    """BTC perpetuals beneath the wick: open interest (USD bn), funding rate per interval (%), and long/short
    liquidations (USD m per 4-hour bar, longs drawn below zero), each panel only where there are data."""
    longs, shorts = liquidations
    has_liq = any(f is not None and not f.empty for f in liquidations)
    rows = [
        (name, frame)
        for name, frame in (("oi", open_interest), ("funding", funding), ("liq", longs if has_liq else None))
        if frame is not None and (name == "liq" or not frame.empty)
    ]
    fig = make_subplots(rows=max(1, len(rows)), cols=1, shared_xaxes=True, vertical_spacing=0.08, figure=house_figure())
    for i, (name, frame) in enumerate(rows, start=1):
        x = frame["ts"].dt.tz_localize(None)
        if name == "oi":
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=frame["close"] / 1e9,
                    mode="lines",
                    name="open interest",
                    line={"color": ink().accent, "width": 1.8},
                    showlegend=False,
                    hovertemplate="%{x|%d %b %H:%M} UTC: $%{y:.2f}bn<extra>open interest</extra>",
                ),
                row=i,
                col=1,
            )
            fig.update_yaxes(title_text=t("fig_oi", lang), gridcolor=ink().grid, row=i, col=1)
        elif name == "liq":
            # each bar spans its 4-hour interval [open, open + 4 h): long and short side by side in halves of it
            half = LIQ_BAR_MS / 2
            for side, offset, color in (("long", 0.0, ink().down), ("short", half, ink().up)):
                part = longs if side == "long" else shorts
                if part is None or part.empty:
                    continue
                label = t(f"fig_liq_{side}", lang)
                fig.add_trace(
                    go.Bar(
                        x=part["ts"].dt.tz_localize(None),
                        y=part["close"] / 1e6,
                        offset=offset,
                        width=half,
                        marker_color=color,
                        name=label,
                        hovertemplate="%{x|%d %b %H:%M} UTC + 4 h: $%{y:,.1f}M<extra>" + label + "</extra>",
                    ),
                    row=i,
                    col=1,
                )
            fig.update_yaxes(title_text=t("fig_liq", lang), gridcolor=ink().grid, row=i, col=1)
        else:
            pct = frame["close"] * 100
            fig.add_trace(
                go.Bar(
                    x=x,
                    y=pct,
                    marker_color=[ink().up if v >= 0 else ink().down for v in pct],
                    name="funding",
                    showlegend=False,
                    hovertemplate="%{x|%d %b %H:%M} UTC: %{y:+.4f}%<extra>funding</extra>",
                ),
                row=i,
                col=1,
            )
            fig.update_yaxes(title_text=t("fig_funding", lang), gridcolor=ink().grid, tickformat="+.3f", row=i, col=1)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=180 + 150 * len(rows),
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        hovermode="x unified",
    )
    return fig
