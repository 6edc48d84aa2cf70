"""Figure builders for the episodes: the contagion clock and the event study (pure: models in, figures out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.episodes import Episode
from analytics.episodes.contagion_clock import Clock
from analytics.episodes.event_study import Standing
from components.charts import PALETTE, add_event_line, house_figure, series_color, vline
from components.i18n import t
from components.theme import ink

CLOCK_ROW_PX = 34


def _local(at: pd.Timestamp, tz: str) -> str:
    return f"{at.tz_convert(tz):%Y-%m-%d %H:%M} {tz}"


def clock_figure(
    clock: Clock, labels: Mapping[str, str], zones: Mapping[str, str], *, title: str, lang: str = "en"
) -> go.Figure:
    """The episode's 72 hours in UTC: hourly BTC/ETH against their close at the anchor above; below, one row per
    market (first to break after the anchor on top) with its trading sessions, the moment it broke (hover: local
    time) and, apart, a fall beyond the line in the 24 hours before the anchor ("already falling")."""
    rows = [b.key for b in clock.breaks]
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.4, 0.6], figure=house_figure()
    )
    x0, x1 = clock.start.tz_localize(None), clock.end.tz_localize(None)
    for i, (key, path) in enumerate(clock.paths.items()):
        fig.add_trace(
            go.Scatter(
                x=path.index.tz_localize(None),
                y=path.to_numpy(),
                mode="lines",
                name=labels.get(key, key),
                line={"color": series_color(key, i), "width": 1.6},
                hovertemplate=f"{labels.get(key, key)}: %{{y:+.2%}}<extra>%{{x|%d %b %H:%M}} UTC</extra>",
            ),
            row=1,
            col=1,
        )
    anchor = clock.anchor.tz_localize(None)
    # the 24 hours before the anchor: shown, but a fall there is "already falling", never a break
    fig.add_vrect(x0=x0, x1=anchor, fillcolor=ink().muted, opacity=0.08, line_width=0, layer="below")
    fig.add_annotation(
        x=x0,
        y=1,
        xref="x",
        yref="paper",
        text=t("clk_before", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"size": 11, "color": ink().muted},
    )
    fig.add_shape(
        type="line",
        x0=anchor,
        x1=x1,
        y0=-clock.drawdown,
        y1=-clock.drawdown,
        xref="x",
        yref="y",
        line={"color": ink().alert, "width": 1, "dash": "dot"},
    )
    fig.add_annotation(
        x=anchor,
        y=-clock.drawdown,
        xref="x",
        yref="y",
        text=t("clk_threshold", lang, pct=f"{clock.drawdown:.1%}"),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"size": 11, "color": ink().alert},
    )
    fig.update_yaxes(tickformat="+.0%", title_text=t("clk_from_pre", lang), row=1, col=1)
    # one row per market: sessions as bands, the break as a marker
    order = list(reversed(rows))  # the first to break drawn at the top
    for key in rows:
        label = labels.get(key, key)
        spans = clock.sessions.get(key, ())
        if spans:
            xs: list[object] = []
            for o, c in spans:
                xs += [o.tz_localize(None), c.tz_localize(None), None]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=[label if x is not None else None for x in xs],
                    mode="lines",
                    line={"color": series_color(key, 0), "width": 9},
                    opacity=0.3,
                    hoverinfo="skip",
                    showlegend=False,
                ),
                row=2,
                col=1,
            )
        elif key in clock.paths:  # trades around the clock
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[label, label],
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": series_color(key, 0), "width": 3},
                    opacity=0.3,
                ),
                row=2,
                col=1,
            )
    for b in clock.breaks:
        label = labels.get(b.key, b.key)
        kind = t("clk_hourly" if b.resolution == "hourly" else "clk_daily", lang)
        what = t("clk_broke" if b.crossed else "clk_worst", lang)
        tz = zones.get(b.key, "UTC")
        earlier = "" if b.before is None else f"<br>{t('clk_before', lang)}: {b.before:+.1%}"
        if b.already_falling:
            earlier += f" ({t('clk_already', lang)})"
        hover = (
            f"{label}: {what} {b.move:+.1%} ({kind})<br>{t('clk_at', lang)} {_local(b.at, tz)} · "
            f"{b.at:%d %b %H:%M} UTC<br>{t('clk_pre', lang)} {b.pre_close:,.2f} ({_local(b.pre_at, tz)}){earlier}"
        )
        fig.add_trace(
            go.Scatter(
                x=[b.at.tz_localize(None)],
                y=[label],
                mode="markers+text",
                text=[f"{b.move:+.1%} · {kind}" + (f" · {t('clk_already', lang)}" if b.already_falling else "")],
                textposition="middle right",
                cliponaxis=False,
                showlegend=False,
                hovertext=[hover],
                hoverinfo="text",
                marker={
                    "size": 12,
                    "color": series_color(b.key, 0),
                    "symbol": "diamond" if b.crossed else "circle-open",
                    "line": {"width": 2, "color": series_color(b.key, 0)},
                },
            ),
            row=2,
            col=1,
        )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=[labels.get(k, k) for k in order], row=2, col=1
    )
    add_event_line(fig, clock.anchor, lang, label=t("clk_anchor", lang))
    fig.update_xaxes(range=[x0, x1], row=1, col=1)
    fig.update_xaxes(range=[x0, x1], title_text="UTC", row=2, col=1)
    # room for the longest row name up front (12 px text, ~6.8 px a character): Plotly then draws it once
    left = int(6.8 * max((len(labels.get(k, k)) for k in rows), default=8)) + 28
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        hovermode="closest",
        height=300 + CLOCK_ROW_PX * max(len(rows), 1),
        margin={"l": left, "r": 90, "t": 48, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
    )
    return fig


def episode_color(episode_id: str, library: Sequence[Episode]) -> str:
    """One colour per episode in every view (its place in the library)."""
    idx = next((i for i, e in enumerate(library) if e.id == episode_id), 0)
    return PALETTE[idx % len(PALETTE)]


def study_figure(
    paths: Mapping[tuple[str, str], pd.Series],
    markets: Sequence[str],
    episodes: Sequence[Episode],
    library: Sequence[Episode],
    labels: Mapping[str, str],
    *,
    current: str,
    title: str,
    lang: str = "en",
    served: Mapping[tuple[str, str], str] | None = None,
) -> go.Figure:
    """One panel per market: each episode's closes against its pre-episode close, by trading day from day 0.

    ``served`` names, per (episode, market), a stand-in that served it: in the panel's title and the line's hover."""
    served = served or {}
    shown = [m for m in markets if any((e.id, m) in paths for e in episodes)]
    titles = []
    for m in shown:
        subs = [f"{e.event_date:%Y-%m-%d}: {served[(e.id, m)]}" for e in episodes if (e.id, m) in served]
        titles.append(labels.get(m, m) + (f" ({'; '.join(subs)})" if subs else ""))
    fig = make_subplots(
        rows=max(len(shown), 1),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=titles or None,
        figure=house_figure(),
    )
    legend_done: set[str] = set()
    for row, key in enumerate(shown, start=1):
        for ep in episodes:
            path = paths.get((ep.id, key))
            if path is None:
                continue
            name = ep.name(lang)
            what = served.get((ep.id, key), labels.get(key, key))
            fig.add_trace(
                go.Scatter(
                    x=path.index.to_numpy(),
                    y=path.to_numpy(),
                    mode="lines+markers",
                    name=name,
                    legendgroup=ep.id,
                    showlegend=ep.id not in legend_done,
                    marker={"size": 4},
                    line={"color": episode_color(ep.id, library), "width": 3 if ep.id == current else 1.5},
                    hovertemplate=f"{name} · {what}<br>{t('study_day', lang)} %{{x}}: %{{y:+.1%}}<extra></extra>",
                ),
                row=row,
                col=1,
            )
            legend_done.add(ep.id)
        fig.update_yaxes(tickformat="+.0%", row=row, col=1)
        fig.add_hline(y=0, line={"color": ink().ref, "width": 1}, row=row, col=1)
    vline(fig, 0, {"color": ink().event, "width": 1.2, "dash": "dash"})
    fig.update_xaxes(title_text=t("study_days_axis", lang), dtick=5, row=max(len(shown), 1), col=1)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        hovermode="closest",
        height=140 + 200 * max(len(shown), 1),
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
    )
    return fig


def standing_figure(
    depths: Sequence[Standing],
    labels: Mapping[str, str],
    names: Mapping[str, str],
    current: str,
    *,
    title: str,
    lang: str = "en",
) -> go.Figure:
    """Every library episode's depth, one row per market: a grey dot per episode, the open one marked and named,
    a tick at the median. A reader sees at once whether this sell-off was large or ordinary."""
    fig = house_figure()
    rows = [labels.get(s.market or "", s.market or "") for s in depths]
    others_x, others_y, others_name = [], [], []
    for s, row in zip(depths, rows, strict=True):
        for eid, v in s.values:
            if v is not None and eid != current:
                others_x.append(v * 100)
                others_y.append(row)
                others_name.append(names.get(eid, eid))
    fig.add_trace(
        go.Scatter(
            x=others_x,
            y=others_y,
            mode="markers",
            name=t("stand_others", lang),
            marker={"color": ink().muted, "size": 9, "opacity": 0.75},
            text=others_name,
            hovertemplate="%{text}: %{x:+.1f}%<extra></extra>",
        )
    )
    med = [(s.median * 100, row) for s, row in zip(depths, rows, strict=True) if s.median is not None]
    fig.add_trace(
        go.Scatter(
            x=[m for m, _ in med],
            y=[r for _, r in med],
            mode="markers",
            name=t("stand_median", lang),
            marker={"symbol": "line-ns-open", "size": 22, "line": {"width": 2, "color": ink().text}},
            hovertemplate="%{y} " + t("stand_median", lang) + ": %{x:+.1f}%<extra></extra>",
        )
    )
    mine = [(s.value * 100, row, s) for s, row in zip(depths, rows, strict=True) if s.value is not None]
    fig.add_trace(
        go.Scatter(
            x=[v for v, _, _ in mine],
            y=[r for _, r, _ in mine],
            mode="markers+text",
            name=names.get(current, current),
            marker={"color": ink().accent, "size": 14, "line": {"width": 1.5, "color": ink().text}},
            text=[t("stand_rank", lang, rank=s.rank, n=s.n) for _, _, s in mine],
            textposition="top center",
            hovertemplate="%{y}: %{x:+.1f}%<extra>" + names.get(current, current) + "</extra>",
        )
    )
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=150 + 70 * max(len(rows), 1),
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},  # as the study's
        hovermode="closest",
    )
    # no axis title: the chart's title names the measure and its unit, and the legend sits where it would go
    fig.update_xaxes(ticksuffix="%", gridcolor=ink().grid, zeroline=False)
    fig.update_yaxes(autorange="reversed", gridcolor=ink().grid)
    return fig
