"""Figure builders for the analysis sections: pure functions, frames in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.crypto_measures import Drop, LevelBreak, Wick
from analytics.stats import Fit, p_text
from components.charts import (
    PALETTE,
    base_figure,
    color_for,
    hline,
    house_figure,
    series_color,
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


def _label_side(x: pd.Timestamp, x_range: tuple[pd.Timestamp, pd.Timestamp] | None) -> str:
    if x_range is None:
        return "middle right"
    middle = x_range[0] + (x_range[1] - x_range[0]) / 2
    return "middle left" if pd.Timestamp(x) > middle else "middle right"


def cut_odds_figure(
    computed: pd.Series | None,
    reported: Mapping[pd.Timestamp, float],
    *,
    title: str,
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    lang: str = "en",
    markets: Mapping[str, pd.Series] | None = None,
) -> go.Figure:
    """Computed FedWatch odds as a line where futures exist; the thesis's reported figures as labelled markers.

    ``x_range`` pins the axis to the view's dates. Without it, two reported markers alone drew a week-wide axis
    that ignored the chosen range.
    """
    fig = base_figure(title, t("fig_cut_axis", lang), height=380)
    if computed is not None and not computed.empty:
        fig.add_trace(
            go.Scatter(
                x=computed.index,
                y=computed.to_numpy(),
                mode="lines",
                name=t("fig_computed", lang),
                line={"color": ink().accent, "width": 2},
                hovertemplate="%{y:.0%}<extra>computed</extra>",
            )
        )
    for i, (market, odds) in enumerate((markets or {}).items()):  # prediction markets: never called FedWatch
        name = t("fig_pm_odds", lang, market=market)
        fig.add_trace(
            go.Scatter(
                x=odds.index,
                y=odds.to_numpy(),
                mode="lines",
                name=name,
                line={"color": PALETTE[(i + 1) % len(PALETTE)], "width": 1.6},
                hovertemplate="%{x|%Y-%m-%d %H:%M} UTC: %{y:.0%}<extra>" + name + "</extra>",
            )
        )
    if reported:  # at the instants the verdict reads them (UTC)
        xs = [x.tz_convert("UTC").tz_localize(None) if x.tzinfo else x for x in map(pd.Timestamp, reported)]
        ys = list(reported.values())
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers+text",
                name=t("fig_reported", lang),
                text=[t("fig_reported_label", lang, value=f"{v:.0%}") for v in ys],
                # the label on the side with room: a marker in the right half labelled to its right ran off a phone
                textposition=[_label_side(x, x_range) for x in xs],
                cliponaxis=False,
                marker={"symbol": "diamond-open", "size": 14, "color": ink().amber, "line": {"width": 2}},
                hovertemplate="%{x|%Y-%m-%d %H:%M} UTC: %{y:.0%} (reported in the thesis, not computed)<extra></extra>",
            )
        )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    if x_range is not None:
        fig.update_xaxes(range=[x_range[0], x_range[1] + pd.Timedelta(days=1)])
    return fig


def labour_figure(table: pd.DataFrame, highlight: pd.Timestamp | None, *, title: str, lang: str = "en") -> go.Figure:
    """Monthly payroll change (bars) and unemployment rate (line, right axis) by reference month."""
    fig = make_subplots(specs=[[{"secondary_y": True}]], figure=house_figure())
    released = [f"released {d:%Y-%m-%d}" if pd.notna(d) else "release date not on file" for d in table["released"]]
    colors = [ink().event if highlight is not None and d == highlight else ink().accent for d in table.index]
    fig.add_trace(
        go.Bar(
            x=table.index,
            y=table["payrolls_change_k"],
            name=t("fig_payrolls", lang),
            marker_color=colors,
            customdata=released,
            hovertemplate="%{x|%b %Y}: %{y:+,.0f}k<br>%{customdata}<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=table.index,
            y=table["unemployment_rate"],
            name=t("fig_unemployment", lang),
            mode="lines+markers",
            line={"color": ink().alert, "width": 2},
            connectgaps=False,
            hovertemplate="%{x|%b %Y}: %{y:.1f}%<extra></extra>",
        ),
        secondary_y=True,
    )
    if highlight is not None and highlight in table.index:
        row = table.loc[highlight]
        fig.add_annotation(
            x=highlight,
            y=row["payrolls_change_k"],
            text=f"{highlight:%b %Y}: {row['payrolls_change_k']:+,.0f}k"
            + (t("fig_released", lang, date=f"{row['released']:%d %b %Y}") if pd.notna(row["released"]) else ""),
            showarrow=True,
            arrowhead=2,
            ay=-50,
            font={"color": ink().event, "size": 11},
            arrowcolor=ink().event,
        )
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=420,
        hovermode="x unified",
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
    )
    fig.update_yaxes(title_text=t("fig_thousands", lang), gridcolor=ink().grid, secondary_y=False)
    # its own round ticks (not synced to the bars' grid, which put "4.0" at 3.950): a label is the value at its place
    fig.update_yaxes(title_text="%", showgrid=False, tickformat=".1f", tickmode="auto", secondary_y=True)
    fig.update_xaxes(title_text=t("fig_ref_month", lang), dtick="M3", tickformat="%b %Y")
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
