"""Market-implied odds of a Fed move at one FOMC meeting, from 30-day fed funds futures (CME FedWatch method).

A 30-day fed funds future for month M settles at 100 minus the average effective fed funds rate over M,
so its price gives the market's expected average rate for that month:

    r_avg(M) = 100 - P(M)

With a meeting on day ``d`` of an ``N``-day month, and the new rate in force from day ``d + 1`` on,
that average splits into ``d`` days at the pre-meeting rate and ``N - d`` days at the post-meeting rate:

    r_avg = (d / N) * r_pre + ((N - d) / N) * r_post
    =>  r_post = (r_avg - (d / N) * r_pre) / ((N - d) / N)

``r_pre`` comes from the prior month's contract (100 - P(M-1), when M-1 has no meeting) or, failing
that, the effective fed funds rate. When the meeting is late in the month (fewer than
``LATE_MEETING_DAYS`` days after it) the split is ill-conditioned: a one-tick price change swings
``r_post`` a lot, so ``r_post`` is read from the next month's contract instead, ``100 - P(M+1)``, when
M+1 has no meeting of its own.

The probability of a cut of one step (25 bp) is the implied change over the step, clipped to [0, 1]:

    P(cut) = clip((r_pre - r_post) / 0.25, 0, 1)

(A negative change means the market leans to a hike; the clip reports that as 0% cut.)
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

STEP = 0.25
LATE_MEETING_DAYS = 7


@dataclass(frozen=True)
class Implied:
    pre_rate: float
    post_rate: float
    change: float  # post - pre, in percentage points
    cut_probability: float
    method: str


def implied_average(price: float) -> float:
    return 100.0 - price


def post_meeting_rate(meeting_month_price: float, pre_rate: float, meeting: dt.date) -> float:
    n = calendar.monthrange(meeting.year, meeting.month)[1]
    d = meeting.day
    if d >= n:
        raise ValueError(
            "a meeting on the last day of the month leaves no days after it: use the next month's contract"
        )
    r_avg = implied_average(meeting_month_price)
    return (r_avg - (d / n) * pre_rate) / ((n - d) / n)


def cut_probability(pre_rate: float, post_rate: float, step: float = STEP) -> float:
    return float(np.clip((pre_rate - post_rate) / step, 0.0, 1.0))


def implied(
    meeting_month_price: float,
    meeting: dt.date,
    *,
    pre_rate: float | None = None,
    prior_month_price: float | None = None,
    next_month_price: float | None = None,
) -> Implied:
    """The implied post-meeting rate and cut probability for one day's prices."""
    if prior_month_price is not None:
        pre, pre_src = implied_average(prior_month_price), "prior-month contract"
    elif pre_rate is not None:
        pre, pre_src = pre_rate, "effective fed funds rate"
    else:
        raise ValueError("needs the prior month's contract or the effective fed funds rate")
    n = calendar.monthrange(meeting.year, meeting.month)[1]
    if n - meeting.day < LATE_MEETING_DAYS and next_month_price is not None:
        post, how = implied_average(next_month_price), f"post rate from next-month contract; pre from {pre_src}"
    else:
        post, how = post_meeting_rate(meeting_month_price, pre, meeting), f"meeting-month split; pre from {pre_src}"
    return Implied(pre, post, post - pre, cut_probability(pre, post), how)


def odds_series(
    meeting_month: pd.Series,
    meeting: dt.date,
    *,
    pre_rate: pd.Series | None = None,
    prior_month: pd.Series | None = None,
    next_month: pd.Series | None = None,
) -> pd.DataFrame:
    """Per day with a meeting-month price: pre, post, change and cut probability (series indexed by date)."""
    rows = {}
    for day, price in meeting_month.dropna().items():

        def on(series: pd.Series | None, *, published_next_day: bool = False, day=day) -> float | None:
            """The last value known on ``day``: the effective rate for a day is published the next morning, so
            it is read strictly before ``day`` (no look-ahead); futures settle the same day."""
            if series is None:
                return None
            s = series.dropna()
            s = s[s.index < day] if published_next_day else s[s.index <= day]
            return float(s.iloc[-1]) if not s.empty else None

        try:
            imp = implied(
                price,
                meeting,
                pre_rate=on(pre_rate, published_next_day=True),
                prior_month_price=on(prior_month),
                next_month_price=on(next_month),
            )
        except ValueError:
            continue
        rows[day] = {
            "pre_rate": imp.pre_rate,
            "post_rate": imp.post_rate,
            "change_bp": imp.change * 100,
            "cut_probability": imp.cut_probability,
        }
    return pd.DataFrame.from_dict(rows, orient="index")
