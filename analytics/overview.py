"""The sell-off at a glance: each headline market's move on its sell-off session and over the range."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.returns import closes


@dataclass(frozen=True)
class Tile:
    last: float  # the sell-off session's close (the range's last close when the range does not hold it)
    event_session: pd.Timestamp | None  # the market's sell-off session: its first to close after the anchor
    event_move: float | None  # fraction, or bp for yields
    prev_session: pd.Timestamp | None  # the session before it
    prev_move: float | None
    range_move: float | None
    spark: list[float]
    last_session: pd.Timestamp | None = None  # the date of ``last`` (the big number)
    first_session: pd.Timestamp | None = None  # where the range move starts
    range_end: pd.Timestamp | None = None  # the range's last session


def tile(frame: pd.DataFrame, anchor: pd.Timestamp, key: str, *, in_bp: bool = False) -> Tile | None:
    """The market's sell-off session as the episode decides it (its first session to close after ``anchor``, from
    the exchange calendar: ``analytics.timeline``), the session before, and the move over the whole frame. The big
    number is that session's close, so the number, its badge and the clock tell one session."""
    from analytics import timeline

    if frame.empty:
        return None
    series = closes({"x": frame})["x"].dropna()
    if series.empty:
        return None

    def move(a: float, b: float) -> float:
        return (b - a) * 100 if in_bp else b / a - 1

    bars = timeline.bars(series, key)
    i = timeline.first_close_after(bars, anchor)
    event_session = event_move = prev_session = prev_move = None
    last, last_session = float(series.iloc[-1]), series.index[-1]
    if i is not None and i >= 1 and bars["close"].iloc[i] <= anchor + pd.Timedelta(days=5):
        event_session, event_move = bars.index[i], move(bars["value"].iloc[i - 1], bars["value"].iloc[i])
        last, last_session = float(bars["value"].iloc[i]), bars.index[i]
        if i >= 2:
            prev_session, prev_move = bars.index[i - 1], move(bars["value"].iloc[i - 2], bars["value"].iloc[i - 1])
    range_move = move(series.iloc[0], series.iloc[-1]) if len(series) >= 2 else None
    return Tile(
        last,
        event_session,
        event_move,
        prev_session,
        prev_move,
        range_move,
        series.tolist(),
        last_session,
        series.index[0],
        series.index[-1],
    )
