"""Long series thinned for display: a chart never needs more points than its width has pixels.

Twenty years of daily closes, or two years of hourly bars, made a page's figures 10-33 times the size of the event
window's. Lines keep at most ``MAX_POINTS`` points chosen by largest-triangle-three-buckets (every point drawn is a
real close, and the shape, peaks and troughs included, survives); candles beyond ``MAX_CANDLES`` become weekly or
monthly candles (open of the first bar, high, low, close of the last), and their name says so. The CSVs keep every
bar: they are built from the frames, not from the figures.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.returns import gap_after

MAX_POINTS = 300  # a line's points after thinning: with LTTB a 1,000 px chart still reads smooth at this
MAX_FIGURE_POINTS = 1200  # all lines of one chart together: eight lines get 150 points each (1,600 passed 0.3 MB
# once the snapshot reached 2020: global tech sent 317 KB at the 20-year range)
# candles a chart shows before they are aggregated per week or month: a 1Y view of a market that trades every day
# (BTC: a year back from the event and 30 days after, 397 candles) keeps its daily candles
MAX_CANDLES = 400
POINT_ARRAYS = ("x", "y", "customdata", "hovertext", "text", "ids")


def lttb(x: np.ndarray, y: np.ndarray, n_out: int) -> np.ndarray:
    """Indices of at most ``n_out`` points: largest-triangle-three-buckets, plus the series' own lowest and highest
    point (a reader checks the trough; plain LTTB may keep its neighbour instead). First and last are kept.

    ``x`` must be increasing numbers.
    """
    n = len(x)
    if n_out >= n or n_out < 5:
        return np.arange(n)
    finite = np.isfinite(y)
    extremes = [int(np.nanargmin(y)), int(np.nanargmax(y))] if finite.any() else []
    # tsdownsample (Rust): ~75x faster on 50,000 points; the same points as ``_lttb`` on evenly spaced x, 96-99% of
    # them on uneven x (its buckets split differently; tests/test_thinning.py)
    if finite.all():
        from tsdownsample import LTTBDownsampler

        picked = LTTBDownsampler().downsample(
            np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), n_out=n_out - 2
        )
    else:
        picked = _lttb(x, y, n_out - 2)
    return np.unique(np.concatenate([picked, extremes])).astype(int)


def _lttb(x: np.ndarray, y: np.ndarray, n_out: int) -> np.ndarray:
    """LTTB by hand, kept for series with gaps (NaN), which tsdownsample's LTTB does not define results for."""
    n = len(x)
    keep = np.empty(n_out, dtype=int)
    keep[0], keep[-1] = 0, n - 1
    edges = np.linspace(1, n - 1, n_out - 1).astype(int)  # n_out - 2 buckets between the end points
    a = 0
    for i in range(n_out - 2):
        lo, hi = edges[i], max(edges[i + 1], edges[i] + 1)
        nxt_lo, nxt_hi = edges[i + 1], max(edges[i + 2] if i + 2 < len(edges) else n, edges[i + 1] + 1)
        avg_x, avg_y = (
            x[nxt_lo:nxt_hi].mean(),
            np.nanmean(y[nxt_lo:nxt_hi]) if np.isfinite(y[nxt_lo:nxt_hi]).any() else 0,
        )
        bx, by = x[lo:hi], y[lo:hi]
        area = np.abs((x[a] - avg_x) * (by - y[a]) - (x[a] - bx) * (avg_y - y[a]))
        area = np.where(np.isfinite(area), area, -1.0)
        a = lo + int(np.argmax(area))
        keep[i + 1] = a
    return keep


def _array(values: object) -> np.ndarray:
    """A trace's array as numpy, typed arrays included (a figure thawed from plain data holds them base64-encoded:
    ``{"dtype": "f8", "bdata": ..., "shape": ...}``)."""
    if isinstance(values, dict) and "bdata" in values:
        arr = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        shape = values.get("shape")
        if shape:
            arr = arr.reshape([int(n) for n in str(shape).split(",")] if isinstance(shape, str) else shape)
        return arr
    return np.asarray(values)


def _as_numbers(x: object) -> np.ndarray | None:
    arr = _array(x)
    if arr.ndim != 1 or arr.size == 0:
        return None
    if np.issubdtype(arr.dtype, np.number):
        return arr.astype(float)
    try:
        return pd.DatetimeIndex(pd.to_datetime(arr)).asi8.astype(float)
    except (TypeError, ValueError):
        return None


def _gap_positions(trace: go.Scatter) -> np.ndarray:
    """Positions of a date line's points that follow a data gap (``analytics.returns.MAX_GAP``)."""
    arr = _array(trace.x) if trace.x is not None and not isinstance(trace.x, str) else None
    if arr is None or arr.ndim != 1 or not np.issubdtype(arr.dtype, np.datetime64) or len(arr) < 2:
        return np.array([], dtype=int)
    return np.flatnonzero(gap_after(pd.DatetimeIndex(arr)))


def _break_gaps(trace: go.Scatter, gap_ends: np.ndarray) -> None:
    """A missing point (y NaN) inserted just after each gap's first side, so the line stops there and resumes after.

    ``gap_ends`` are the x values (datetime64) of the points that follow a gap."""
    x = _array(trace.x)
    at = np.flatnonzero(np.isin(x, gap_ends))
    if at.size == 0:
        return
    n = len(x)
    for name in POINT_ARRAYS:
        values = getattr(trace, name, None)
        if values is None or isinstance(values, str):
            continue
        arr = _array(values)
        if arr.ndim < 1 or len(arr) != n:
            continue
        if name == "x":
            filler = arr[at - 1] + np.timedelta64(1, "D")
        elif np.issubdtype(arr.dtype, np.floating):
            filler = np.full((len(at), *arr.shape[1:]), np.nan, dtype=arr.dtype)
        else:
            arr = arr.astype(object)
            filler = np.full((len(at), *arr.shape[1:]), None, dtype=object)
        trace[name] = np.insert(arr, at, filler, axis=0)


def _thin_line(trace: go.Scatter, max_points: int, keep_too: np.ndarray | None = None) -> None:
    x = _as_numbers(trace.x)
    y = _array(trace.y) if trace.y is not None else None
    if y is None or not np.issubdtype(y.dtype, np.number):  # categories (a row per market): nothing to thin
        return
    y = y.astype(float)
    if x is None or y is None or len(x) != len(y) or len(x) <= max_points or np.any(np.diff(x) < 0):
        return
    keep = lttb(x, y, max_points)
    if keep_too is not None and keep_too.size:  # both sides of every data gap stay, so the break is drawn there
        keep = np.union1d(keep, keep_too)
    for name in POINT_ARRAYS:
        values = getattr(trace, name, None)
        if values is None or isinstance(values, str):
            continue
        arr = _array(values)
        if arr.ndim >= 1 and len(arr) == len(x):
            trace[name] = (arr.astype(object) if name in ("hovertext", "text", "ids") else arr)[keep]


def _period(n: int) -> tuple[str, str]:
    return ("W-FRI", "weekly") if n <= MAX_CANDLES * 5 else ("ME", "monthly")


def _aggregate_candles(trace: go.Candlestick) -> None:
    x = pd.DatetimeIndex(pd.to_datetime(_array(trace.x)))
    if len(x) <= MAX_CANDLES:
        return
    freq, word = _period(len(x))
    bars = pd.DataFrame({k: _array(getattr(trace, k)).astype(float) for k in ("open", "high", "low", "close")}, index=x)
    bars = bars.dropna()  # a period's candle from full bars only: no open, high or low is taken from a closes-only day
    grouped = bars.resample(freq)
    out = pd.DataFrame(
        {
            "open": grouped["open"].first(),
            "high": grouped["high"].max(),
            "low": grouped["low"].min(),
            "close": grouped["close"].last(),
        }
    ).dropna()
    starts = x.to_series().resample(freq).first().reindex(out.index)  # each candle at its first session
    trace.update(
        x=starts.to_numpy(),
        open=out["open"].to_numpy(),
        high=out["high"].to_numpy(),
        low=out["low"].to_numpy(),
        close=out["close"].to_numpy(),
        name=f"{trace.name or ''} ({word} candles)".strip(),
    )
    trace.meta = {"aggregated": word}


def _is_line(trace: object) -> bool:
    return trace.type in ("scatter", "scattergl") and "lines" in (trace.mode or "lines")


def _compact_days(trace: go.Scatter) -> None:
    """Daily points sent as ``YYYY-MM-DD`` rather than full timestamps: a quarter of each point's bytes."""
    if trace.x is None or isinstance(trace.x, str):
        return
    arr = _array(trace.x)
    if arr.ndim != 1 or arr.size < 50 or not np.issubdtype(arr.dtype, np.datetime64):
        return
    stamps = pd.DatetimeIndex(arr)
    if (stamps == stamps.normalize()).all():
        trace.x = stamps.strftime("%Y-%m-%d").to_numpy()


SINGLE_ARRAYS = ("x", "y")
SINGLE_FROM = 50  # shorter arrays are not worth the conversion


def _single_precision(trace: object) -> None:
    """Long numeric x/y sent as float32: 7 significant digits, far below what a chart can show (a 1,000 px axis
    resolves 3-4), at half the bytes of float64. Only for display; the CSVs and every figure quoted in text come from
    the frames."""
    for name in SINGLE_ARRAYS:
        values = getattr(trace, name, None)
        if values is None or isinstance(values, str):
            continue
        arr = _array(values)
        if arr.ndim == 1 and arr.size >= SINGLE_FROM and arr.dtype == np.float64:
            trace[name] = arr.astype(np.float32)


def thin(fig: go.Figure, max_points: int = MAX_POINTS) -> go.Figure:
    """Every long line thinned and every long candle chart aggregated, in place (see the module's notes).

    A line keeps at most ``max_points``, and fewer when the chart has many lines (``MAX_FIGURE_POINTS`` in all).
    Long numeric arrays of lines and marker clouds go out in single precision (``_single_precision``). A date line
    stops at each data gap (``analytics.returns.MAX_GAP``) and resumes after it: nothing is drawn across missing
    data."""
    lines = [tr for tr in fig.data if _is_line(tr)]
    per_line = max(MAX_FIGURE_POINTS // max(len(lines), 1), 100)
    for trace in fig.data:
        if trace.type == "candlestick":
            _aggregate_candles(trace)
        elif _is_line(trace):
            gaps = _gap_positions(trace)
            gap_ends = _array(trace.x)[gaps] if gaps.size else None
            _thin_line(trace, min(max_points, per_line), np.union1d(gaps - 1, gaps) if gaps.size else None)
            if gap_ends is not None:
                _break_gaps(trace, gap_ends)
            _compact_days(trace)
        if trace.type in ("scatter", "scattergl"):
            _single_precision(trace)
    return fig
