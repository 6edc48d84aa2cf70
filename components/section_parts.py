"""Small page furniture shared by the pages: charts, verdict lines and CSV downloads."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.claims import CONTRADICTED, MIXED, NOT_SUPPORTED, NOT_TESTABLE, NOT_YET_KNOWN, SUPPORTED, Result
from analytics.events import events_between
from components import charts, inplace_chart, thinning
from components.i18n import t
from components.tables import Cell, pill
from components.text import md_escape

# Each verdict's tone (the colour vocabulary of ``tables.pill``) and icon; Streamlit's colour names for the tones.
VERDICT_STYLE = {
    SUPPORTED: ("good", "check_circle"),
    MIXED: ("mixed", "contrast"),
    NOT_SUPPORTED: ("bad", "cancel"),
    CONTRADICTED: ("contra", "block"),
    NOT_TESTABLE: ("none", "help"),
    NOT_YET_KNOWN: ("none", "schedule"),
}
MARKDOWN_COLOR = {"good": "green", "mixed": "orange", "bad": "red", "contra": "red", "none": "gray"}


TITLE_ROOM = 24  # px of a figure's top margin that held its title


def prepare(fig: go.Figure, lang: str) -> tuple[go.Figure, str]:
    """A figure made ready to send, and its title (drawn above it): long lines thinned, margins fitted to its
    labels, dates in the reader's language. Pure, so a recorded section does it once, not on every rerun."""
    fig = charts.localise_dates(charts.fit_margins(thinning.thin(fig)), lang)
    title = fig.layout.title.text
    aggregated = {tr.meta["aggregated"] for tr in fig.data if isinstance(tr.meta, dict) and "aggregated" in tr.meta}
    if title and aggregated:  # candles per week or month: the title says so (the candles have no legend)
        title = f"{title} ({t(f'fig_candles_{sorted(aggregated)[0]}', lang)})"
    if title:  # above the chart, where it wraps on a phone and the Plotly toolbar never covers it
        fig.layout.title.text = None
        room = min(TITLE_ROOM, max((fig.layout.margin.t or 48) - 24, 0))  # the event label still fits in 24 px
        fig.layout.margin.t = (fig.layout.margin.t or 48) - room
        if fig.layout.height:  # the plot keeps its height: a legend placed below it stays where its margin is
            fig.layout.height = fig.layout.height - room
    return fig, title or ""


def send(fig: go.Figure, title: str, key: str, where: Any = st, replaying: bool = False) -> None:
    """Draw a prepared figure in ``where`` (a column, say) in its own house template, with Streamlit's theme off.

    Streamlit's theme made each rerun cost ~50 ms more in the browser (see ``charts.template``); margins
    that fit the labels up front (``prepare``) spare Plotly a second draw (see ``charts.fit_margins``). In a
    replay the chart is updated in place (``inplace_chart``): a step redraws it without a remount.
    """
    if title:
        where.markdown(f"**{md_escape(title)}**")
    if inplace_chart.enabled(replaying):
        inplace_chart.inplace_chart(fig, key, where)
        return
    where.plotly_chart(fig, key=key, theme=None)


def mark_view(fig: go.Figure, view: Any, claim: str | None = None) -> go.Figure:
    """The view's event date as a dashed line (when in range) and the thesis's dated events in range as numbered
    markers (only those tied to ``claim``, when given; in a replay, only those known by its instant); ``view`` is a
    ``shell.View``."""
    if view.event_in_range:
        charts.add_event_line(fig, view.event, view.lang)
    return charts.add_event_markers(fig, events_between(view.start, view.end, claim, view.asof), view.lang)


def verdict_label(verdict: str, lang: str) -> str:
    return t(f"verdict_{verdict}", lang)


def verdict_pill(verdict: str, lang: str = "en", decided: str = "") -> Cell:
    """A verdict as a coloured label for an HTML table, in the same tone as its line under a section, with the part
    that decided it beneath."""
    label = pill(verdict_label(verdict, lang), VERDICT_STYLE.get(verdict, ("none", ""))[0])
    return Cell(label + (f'<br><span class="sl-decided">{escape(decided)}</span>' if decided else ""))


def verdict_line(result: Result, lang: str = "en", page: str = "") -> None:
    """One computed sentence under a section, led by its verdict."""
    tone, icon = VERDICT_STYLE.get(result.verdict, ("none", "help"))
    if result.other_episode:  # a thesis claim on another sell-off: offer the thesis's own
        from analytics import episodes
        from components import shell

        link = shell.link_to(page, episode=episodes.thesis().id)
        st.markdown(
            f":gray[:material/help: **{verdict_label(result.verdict, lang)}**] · "
            f"{md_escape(result.text(lang), 600)} [{t('open_thesis_episode', lang)}]({link})"
        )
        return
    if result.out_of_view:  # no verdict outside the event: offer the range that holds it
        from components import shell

        link = shell.link_to(page, event_range=True)
        st.markdown(
            f":gray[:material/help: **{verdict_label(result.verdict, lang)}**] · "
            f"{md_escape(result.text(lang), 600)} [{t('open_event_range', lang)}]({link})"
        )
        return
    decided = t("decided_by", lang, part=result.decided_text(lang)) if result.decided_by else ""
    st.markdown(
        f":{MARKDOWN_COLOR[tone]}[:material/{icon}: **{verdict_label(result.verdict, lang)}**]"
        f"{' ' if decided.startswith(' ') else ''}{md_escape(decided, 120)} · {md_escape(result.text(lang), 600)}"
    )


def note(text: str) -> None:
    st.caption(md_escape(text, 600))


CSV_DIGITS = 8  # significant digits a CSV keeps (a return of -0.12345678, a price of 86,631.9): no float noise


def _when(values: pd.Series | pd.Index) -> list[str] | None:
    """Datetimes as ISO text: ``YYYY-MM-DD`` when every value is a UTC midnight (a daily bar, dated by its session),
    else ``YYYY-MM-DDTHH:MMZ`` (seconds kept when any has them); None for a column of something else."""
    if not (pd.api.types.is_datetime64_any_dtype(values) or isinstance(values, pd.DatetimeIndex)):
        return None
    stamps = pd.DatetimeIndex(values)
    stamps = stamps.tz_convert("UTC").tz_localize(None) if stamps.tz is not None else stamps
    known = stamps[~stamps.isna()]
    if (known == known.normalize()).all():
        fmt = "%Y-%m-%d"
    else:
        fmt = "%Y-%m-%dT%H:%M:%SZ" if (known.second != 0).any() else "%Y-%m-%dT%H:%MZ"
    return ["" if pd.isna(x) else x.strftime(fmt) for x in stamps]


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The numbers as a reader wants them in a file (the README's *CSV files*): catalog keys with their label and
    unit in the header; dates ISO (``2025-11-21`` for a daily bar, ``2025-11-21T07:00Z`` for an intraday one, UTC);
    whole numbers without ``.0``; other floats to 8 significant digits; a nameless index named for what it holds."""
    from data_sources import catalog

    out = frame.copy()
    out.columns = [
        f"{c}: {catalog.CATALOG[c].label} ({catalog.CATALOG[c].unit})"
        if isinstance(c, str) and c in catalog.CATALOG
        else c
        for c in out.columns
    ]
    for col in out.columns:
        iso = _when(out[col])
        if iso is not None:
            out[col] = iso
        elif pd.api.types.is_float_dtype(out[col]):
            known = out[col].dropna()
            if len(known) and (known == known.round()).all() and known.abs().max() < 2**53:
                out[col] = out[col].astype("Int64")
            else:
                out[col] = out[col].map(lambda v: float(f"{v:.{CSV_DIGITS}g}") if pd.notna(v) else v)
    if not isinstance(out.index, pd.RangeIndex):
        iso = _when(out.index)
        name = out.index.name or ("date" if iso is not None else "item")
        if iso is not None:
            out.index = pd.Index(iso, name=name)
        out.index.name = out.index.name or name
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV a download button serves: the frame as drawn, its index kept when it means something."""
    return csv_frame(frame).to_csv(index=not isinstance(frame.index, pd.RangeIndex)).encode()


def data_span(frame: pd.DataFrame) -> tuple[str, str] | None:
    """The first and last date the frame holds (its datetime index, else its first datetime column)."""
    for values in (frame.index, *(frame[c] for c in frame.columns)):
        if pd.api.types.is_datetime64_any_dtype(values) or isinstance(values, pd.DatetimeIndex):
            stamps = pd.DatetimeIndex(values).dropna()
            if len(stamps):
                return f"{stamps.min():%Y-%m-%d}", f"{stamps.max():%Y-%m-%d}"
    return None


def csv_name(name: str, page: str, start: object, end: object) -> str:
    """``selloff-lens_<page>_<section data>_<first>_<last>.csv``: a file that says what it holds (the dates of the
    data inside, or the view's range for a table with no dates)."""
    return f"selloff-lens_{page or 'overview'}_{name}_{start}_{end}.csv"


def csv_download(frame: pd.DataFrame | None, name: str, key: str, lang: str = "en", *, view: Any = None) -> None:
    """A CSV of exactly the numbers behind a chart, written only when the reader clicks.

    Writing it on every run cost ~5-10 ms of script time per section, and kept a copy per run in the
    media store. Clicking downloads without rerunning the app.
    """
    if frame is None or frame.empty:
        return
    first, last = data_span(frame) or (getattr(view, "start", ""), getattr(view, "end", ""))
    file_name = csv_name(name, getattr(view, "page", ""), first, last)
    st.download_button(
        t("download_csv", lang),
        data=partial(csv_bytes, frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )
