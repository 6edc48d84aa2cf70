"""The sell-off at a glance: headline moves per market session, and the order in which markets broke."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics.returns import closes, simple_returns


def session_close_utc(day: pd.Timestamp, close_time: str, tz: str) -> pd.Timestamp:
    """The UTC instant a daily bar of ``day`` closed ("24:00" = the midnight that ends the day)."""
    if close_time == "24:00":
        return pd.Timestamp(day.date(), tz=tz).tz_convert("UTC") + pd.Timedelta(days=1)
    return pd.Timestamp(f"{day.date()} {close_time}", tz=tz).tz_convert("UTC")


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
    after = [i for i, c in enumerate(bars["close"]) if c > anchor]
    event_session = event_move = prev_session = prev_move = None
    last, last_session = float(series.iloc[-1]), series.index[-1]
    if after and after[0] >= 1 and bars["close"].iloc[after[0]] <= anchor + pd.Timedelta(days=5):
        i = after[0]
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


def break_order(
    frames: dict[str, pd.DataFrame],
    event: dt.date,
    close_times: dict[str, tuple[str, str]],
    days_before: int = 3,
    days_after: int = 1,
    inverse: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Each market's worst session near the event, ordered by when that session closed (UTC).

    For keys in ``inverse`` (fear gauges such as the VIX) the worst session is the biggest rise.

    ``close_times`` maps key -> (local close time, time zone). The result has one row per key with
    ``session``, ``close_local``, ``close_utc`` and ``return``, sorted by ``close_utc``.
    """
    ev = pd.Timestamp(event)
    rows = []
    wide = closes(frames)
    for key in wide.columns:
        rets = simple_returns(wide[key])
        near = rets[
            (rets.index >= ev - pd.Timedelta(days=days_before)) & (rets.index <= ev + pd.Timedelta(days=days_after))
        ]
        if near.empty:
            continue
        worst = near.idxmax() if key in inverse else near.idxmin()
        local, tz = close_times[key]
        utc = session_close_utc(worst, local, tz)
        rows.append(
            {
                "key": key,
                "session": worst,
                "close_local": f"{worst.date()} {local} {tz}",
                "close_utc": utc,
                "return": float(near[worst]),
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values("close_utc").reset_index(drop=True) if not table.empty else table
