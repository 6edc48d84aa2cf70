"""Which source served each series, as of when, and a visible notice when a page fell back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.i18n import STRINGS, t
from components.text import md_escape
from data_sources.meta import SeriesMeta, StandInFailure, meta


def describe(frame: pd.DataFrame, lang: str = "en") -> str:
    """'BTC: snapshot, as of 2026-08-22' (plain text; the source's name is an identifier and stays as is)."""
    info = meta(frame)
    label = info.name()
    if frame.empty:
        return t("badge_unavailable", lang, label=label)
    as_of = info.as_of[:16].replace("T", " ")
    source = info.source or "?"
    if source == "snapshot":  # the one source name a reader sees most; live names are identifiers and stay
        source = t("src_snapshot_short", lang)
    return t("badge_as_of", lang, label=label, source=source, as_of=as_of)


def _reason(info: SeriesMeta | StandInFailure, lang: str) -> str:
    code, message = info.error_code, info.error
    if lang == "en" or not code:
        return message
    try:
        return t(f"err_{code}", lang, **info.error_params)
    except (KeyError, IndexError):
        return message


def error_text(frame: pd.DataFrame, lang: str = "en") -> str:
    """Why a series is missing, in the reader's language where the data layer named the case (and why its
    stand-in, e.g. QQQ for the Nasdaq-100, could not take its place either)."""
    info = meta(frame)
    text = _reason(info, lang)
    if info.stand_in is not None:
        text += t("err_stand_in", lang, label=info.stand_in.label or "?", why=_reason(info.stand_in, lang))
    return text


def fallback_notice(frames: dict[str, pd.DataFrame], lang: str = "en") -> None:
    """At the top of a page: one short line when live sources were not used, the detail per reason in an expander
    (each reason whole, once, with the series it concerns)."""
    damaged = [m.name() for f in frames.values() if f.empty and (m := meta(f)).error_code == "snapshot_corrupt"]
    if damaged:  # the snapshot's own fault, named as such: not a live source's, and not "no data"
        st.error(
            t("snapshot_series_damaged", lang, names=md_escape(", ".join(damaged))), icon=":material/broken_image:"
        )
    fell_back = [m for f in frames.values() if not f.empty and (m := meta(f)).fallback]
    if not fell_back:
        return
    where = [  # where they came from, in the reader's words (never a host or a file name)
        t(f"src_{w}_short", lang) if f"src_{w}_short" in STRINGS else w
        for w in sorted({m.source.split(" ")[0] for m in fell_back})
    ]
    kinds = {m.fallback_kind for m in fell_back}
    kind = "live_off" if kinds == {"live_off"} else "live_slow" if kinds == {"slow"} else "fell_back"
    names = ", ".join(md_escape(m.name()) for m in fell_back)
    joined = ("、" if lang == "zh" else ", ").join(where)
    st.info(t(kind, lang, names=names, where=md_escape(joined)), icon=":material/cloud_off:")
    by_reason: dict[str, list[str]] = {}
    for m in fell_back:
        by_reason.setdefault(m.fallback, []).append(m.name())
    with st.expander(t("fallback_details", lang)):
        for reason, labels in by_reason.items():
            st.markdown(f"- **{md_escape(', '.join(labels))}**: {md_escape(reason, 600)}")


def source_badge(frames: dict[str, pd.DataFrame], lang: str = "en") -> None:
    """A one-line caption under a chart (which source served each series, as of when); missing series named."""
    if not frames:
        return
    present = [f for f in frames.values() if not f.empty]
    missing = [f for f in frames.values() if f.empty]
    if missing:
        names = ", ".join(md_escape(error_text(f, lang)) for f in missing)
        st.caption(":material/block: " + t("missing", lang, names=names))
    if present:
        st.caption(":material/database: " + " · ".join(md_escape(describe(f, lang)) for f in present))


def provenance_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per snapshot segment of the given series: where each number came from."""
    rows = []
    for frame in frames.values():
        info = meta(frame)
        for seg in info.provenance:
            rows.append(
                {
                    "series": info.label,
                    "publisher": seg.get("publisher"),
                    "symbol": seg.get("symbol"),
                    "first": seg.get("first"),
                    "last": seg.get("last"),
                    "rows": seg.get("rows"),
                    "repository": seg.get("repository"),
                    "path": seg.get("path"),
                    "commit": (seg.get("commit") or "")[:12],
                    "note": seg.get("note"),
                }
            )
    return pd.DataFrame(rows)


def provenance_expander(frames: dict[str, pd.DataFrame], lang: str = "en") -> None:
    """The provenance table, built and sent only while the reader has the expander open.

    It is the largest table on every page; sent closed on every rerun, it cost ~60 ms of browser time
    per range change (measured in headless Chromium).
    """
    if not any(meta(f).provenance for f in frames.values()):
        return
    box = st.expander(t("provenance", lang), icon=":material/history_edu:", key="provenance_open", on_change="rerun")
    if box.open:
        with box:
            st.dataframe(provenance_table(frames), hide_index=True, width="stretch")


def page_footer(
    frames: dict[str, pd.DataFrame], lang: str = "en", extra: dict[str, pd.DataFrame] | None = None
) -> None:
    """Every page ends the same way: which source served each series (plus ``extra`` ones), and provenance."""
    st.divider()
    source_badge({**frames, **(extra or {})}, lang)
    provenance_expander(frames, lang)


def coverage_text(frames: dict[str, pd.DataFrame], keys: tuple[str, ...], start, end, lang: str = "en") -> str:
    """ "Data as of ..." and one compact coverage line for a page's own series over the view's range.

    A reader sees at once why a line stops: "SK Hynix from 2025-01-22", "DXY: none in this range".
    """
    from data_sources import catalog

    slack = pd.Timedelta(days=4)  # a weekend or a holiday at either end is not a gap
    lo, hi = pd.Timestamp(start, tz="UTC"), pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    full, partial, none = [], [], []
    as_of = []
    for key in keys:
        frame = frames.get(key)
        if frame is None:
            continue
        info = meta(frame)
        label = info.label or catalog.label(key)
        # the stamps as plain UTC datetimes, searched (masking the frame copied its metadata on every step: ~1 ms a
        # series, 15-30 ms a page)
        stamps = frame["ts"].to_numpy(dtype="datetime64[ns]") if not frame.empty else np.array([], "datetime64[ns]")
        i, j = np.searchsorted(stamps, [lo.tz_convert(None).to_datetime64(), hi.tz_convert(None).to_datetime64()])
        if i >= j:
            none.append(label)
            continue
        as_of.append(info.as_of[:10])
        first, last = pd.Timestamp(stamps[i], tz="UTC"), pd.Timestamp(stamps[j - 1], tz="UTC")
        bits = []
        if first > pd.Timestamp(start, tz="UTC") + slack:
            bits.append(t("cov_from", lang, date=f"{first:%Y-%m-%d}"))
        if last < pd.Timestamp(end, tz="UTC") - slack:
            bits.append(t("cov_to", lang, date=f"{last:%Y-%m-%d}"))
        (partial if bits else full).append(f"{label} {' '.join(bits)}" if bits else label)
    parts = []
    if full:
        parts.append(t("cov_full", lang, names=", ".join(full)))
    parts += partial
    if none:
        parts.append(t("cov_none", lang, names=", ".join(none)))
    latest = max((a for a in as_of if a), default="")
    head = t("cov_as_of", lang, date=latest) if latest else ""
    return md_escape(head + " · ".join(parts), 700)
