"""Figure builders for the macro page: the cut odds (prediction markets, labelled as such) and the labour
reports. Pure functions, frames in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts import (
    PALETTE,
    base_figure,
    house_figure,
)
from components.i18n import t
from components.theme import ink


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
