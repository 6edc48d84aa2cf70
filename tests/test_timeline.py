"""One time model (``analytics.timeline``): pairings checked against brute force on real exchange calendars across
DST switches and holidays; no pre-event estimate moves when later bars change; the event study against a second,
deliberately simple implementation; the same verdicts whichever day of an episode opens the board."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import claims, episodes, sessions, timeline
from analytics.episodes import event_study
from analytics.returns import close_series
from data_sources import get_many

# each span crosses a DST switch in New York (9 Mar, 2 Nov 2025) and holidays in Tokyo, Seoul and New York
SPANS = [("2025-02-20", "2025-05-10"), ("2025-09-20", "2025-12-10")]
MARKETS = {"ndx": "XNYS", "nikkei": "XTKS", "kospi": "XKRX", "btc": None}


def _calendar_closes(key: str, first: str, last: str, seed: int) -> pd.Series:
    """A random walk on every session the market's calendar has (every UTC day for crypto), by session date."""
    exchange = MARKETS[key]
    if exchange is None:
        days = pd.date_range(first, last, freq="D")
    else:
        days = pd.DatetimeIndex(sessions.sessions_between(exchange, pd.Timestamp(first), pd.Timestamp(last)).index)
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.cumprod(1 + rng.normal(0, 0.01, len(days))), index=days)


def _brute(a: pd.DataFrame, b: pd.DataFrame, how: str) -> list[int]:
    out = []
    for _, row in a.iterrows():
        if how == "overlap":
            shared = [
                (min(row["close"], c) - max(row["open"], o)).total_seconds()
                for o, c in zip(b["open"], b["close"], strict=False)
            ]
            best = int(np.argmax(shared))
            out.append(best if shared[best] > 0 else -1)
        elif how == "preceding":
            done = [j for j, c in enumerate(b["close"]) if c <= row["open"]]
            out.append(max(done, key=lambda j: b["close"].iloc[j]) if done else -1)
        else:
            later = [j for j, o in enumerate(b["open"]) if o >= row["close"]]
            out.append(min(later, key=lambda j: b["open"].iloc[j]) if later else -1)
    return out


@pytest.mark.parametrize("first, last", SPANS)
@pytest.mark.parametrize(
    "a_key, b_key", [("nikkei", "ndx"), ("ndx", "nikkei"), ("kospi", "nikkei"), ("btc", "ndx"), ("ndx", "btc")]
)
def test_pairings_equal_brute_force_on_real_calendars_across_dst_and_holidays(a_key, b_key, first, last):
    a = timeline.bars(_calendar_closes(a_key, first, last, 1), a_key)
    b = timeline.bars(_calendar_closes(b_key, first, last, 2), b_key)
    for how in ("overlap", "preceding", "following"):
        got = list(timeline.pair_positions(a, b, how))
        assert got == _brute(a, b, how), (a_key, b_key, how)
    # a pairing never crosses a session of B: nothing of B closes between a preceding pair's close and A's open
    pos = timeline.preceding(a, b)
    for i, j in enumerate(pos):
        if j >= 0 and j + 1 < len(b):
            assert b["close"].iloc[j + 1] > a["open"].iloc[i]


def test_intervals_come_from_the_calendar_in_utc_whatever_the_season():
    # New York closes at 21:00 UTC in winter and 20:00 UTC in summer; Tokyo never moves; crypto is the UTC day
    days = pd.DatetimeIndex(["2025-03-07", "2025-03-10", "2025-11-28"])
    ny = timeline.market_intervals(days, "ndx")
    assert [f"{c:%H:%M}" for c in ny["close"]] == ["21:00", "20:00", "18:00"]  # 28 Nov: the 13:00 early close
    assert [f"{o:%H:%M}" for o in ny["open"]] == ["14:30", "13:30", "14:30"]
    tokyo = timeline.market_intervals(days, "nikkei")
    assert [f"{o:%H:%M}-{c:%H:%M}" for o, c in zip(tokyo["open"], tokyo["close"], strict=False)] == ["00:00-06:30"] * 3
    btc = timeline.market_intervals(days, "btc")
    assert (btc["close"] - btc["open"] == pd.Timedelta(days=1)).all() and btc["open"].iloc[0].hour == 0


def test_tokyo_pairs_with_the_us_session_that_closed_before_it_opened_and_crypto_with_the_one_it_overlaps():
    ndx = _calendar_closes("ndx", "2025-11-10", "2025-12-05", 3)
    nikkei = _calendar_closes("nikkei", "2025-11-10", "2025-12-05", 4)
    btc = _calendar_closes("btc", "2025-11-10", "2025-12-05", 5)
    tokyo = timeline.market_pairs(nikkei, "nikkei", ndx, "ndx")
    # Tokyo 21 Nov (Fri) follows New York 20 Nov; Tokyo 28 Nov follows 26 Nov (27 Nov closed in New York), and the
    # US return that spans Thanksgiving is counted once
    assert tokyo.loc["2025-11-21", "b_close"] == sessions.session("XNYS", dt.date(2025, 11, 20))[1]
    assert tokyo.loc["2025-11-21", "b"] == pytest.approx(ndx["2025-11-20"] / ndx["2025-11-19"] - 1)
    assert tokyo["b_close"].is_unique
    crypto = timeline.market_pairs(btc, "btc", ndx, "ndx")
    # BTC's Monday return spans the weekend: from Friday's UTC-day close to Monday's
    assert crypto.loc["2025-11-24", "a"] == pytest.approx(btc["2025-11-24"] / btc["2025-11-21"] - 1)
    assert crypto.loc["2025-11-24", "b"] == pytest.approx(ndx["2025-11-24"] / ndx["2025-11-21"] - 1)
    assert "2025-11-22" not in crypto.index.strftime("%Y-%m-%d")


# -- no look-ahead ------------------------------------------------------------------------------------------


def _snapshot(keys, first, last):
    return get_many(list(keys), first, last, source="snapshot")


def _scrambled(frames: dict[str, pd.DataFrame], after: pd.Timestamp, seed: int) -> dict[str, pd.DataFrame]:
    """Every bar whose session closes after ``after`` multiplied by a random factor (its own OHLC alike)."""
    rng = np.random.default_rng(seed)
    out = {}
    for key, frame in frames.items():
        frame = frame.copy()
        closes = timeline.market_intervals(pd.DatetimeIndex(frame["ts"]), key)["close"].to_numpy()
        later = closes > after
        factor = rng.uniform(0.5, 1.5, later.sum())
        for col in ("open", "high", "low", "close"):
            frame.loc[later, col] = frame.loc[later, col].to_numpy() * factor
        out[key] = frame
    return out


CTX = claims.Context(dt.date(2025, 10, 1), dt.date(2025, 12, 5), dt.date(2025, 11, 21))


@pytest.mark.parametrize("seed", [1, 2])
def test_changing_any_bar_after_the_sell_off_session_opened_never_changes_a_pre_event_estimate(seed):
    keys = ("ndx", "spx", "nikkei", "kospi", "sk_hynix", "hood", "coin", "dgs10", "btc")
    frames = _snapshot(keys, dt.date(2024, 6, 1), dt.date(2025, 12, 5))
    us_open = sessions.session("XNYS", dt.date(2025, 11, 20))[0]  # the US sell-off session's open
    later = _scrambled(frames, us_open, seed)
    assert not later["ndx"]["close"].equals(frames["ndx"]["close"])  # the scramble did change the data

    def estimates(f):
        ndx = close_series(f["ndx"])
        hynix_day = claims.sell_off_session(close_series(f["sk_hynix"]), CTX, "sk_hynix")
        day, profiles = claims.asia_profiles(f, CTX)
        return {
            "hbm": claims.seoul_on_prior_us(close_series(f["sk_hynix"]), ndx, hynix_day),
            "asia": {k: {lag: (t.r, t.n) for lag, t in p.items()} for k, p in profiles.items()},
            "duration": claims.duration_sample(f, CTX),
            "day": day,
        }

    before, after = estimates(frames), estimates(later)
    pd.testing.assert_frame_equal(before["hbm"], after["hbm"])
    pd.testing.assert_frame_equal(before["duration"], after["duration"])
    assert before["asia"] == after["asia"] and before["day"] == after["day"]
    # the event study's "before" correlations: only pairs closed before day 0's session opened
    ep = episodes.thesis()
    closes = {k: episodes.daily_closes(f, *episodes.zone(k)) for k, f in frames.items()}
    for data in (frames, later):
        by_session = {k: (k, close_series(f)) for k, f in data.items()}
        closes = {k: episodes.daily_closes(f, *episodes.zone(k)) for k, f in data.items()}
        _, rows = event_study.study(closes, [ep], ["ndx", "nikkei", "btc"], by_session)
        data["_rows"] = {r.key: (r.corr_before.r, r.corr_before.n) for r in rows}
    assert frames["_rows"] == later["_rows"] and len(frames["_rows"]) == 3


# -- the event study against a simple second implementation -------------------------------------------------


def _simple_corrs(ep: episodes.Episode, key: str, partner: str, frames) -> tuple[tuple[float, int], tuple[float, int]]:
    """Loops over sessions: each bar's UTC interval from the calendar; pair with the partner's bar that overlaps it
    most, else the partner's last bar closed before it opened; keep, per partner bar, the nearest; returns over
    consecutive pairs; "before" = pairs both closed before day 0's bar opened (last 60), "during" = days 0..20."""

    def intervals(k):
        out = []
        for _, row in frames[k].iterrows():
            day = row["ts"].tz_convert("UTC").tz_localize(None).normalize()
            ex = sessions.EXCHANGES.get(episodes.zone(k)[0])
            if ex is None:
                o = pd.Timestamp(day, tz="UTC")
                out.append((day, o, o + pd.Timedelta(days=1), row["close"]))
            else:
                o, c = sessions.session(ex, day)
                out.append((day, o, c, row["close"]))
        return out

    mine, theirs = intervals(key), intervals(partner)
    overlaps = any(min(c, c2) > max(o, o2) for _, o, c, _ in mine for _, o2, c2, _ in theirs)
    chosen = {}
    for day, o, c, v in mine:
        if overlaps:
            scores = [(min(c, c2) - max(o, o2), j) for j, (_, o2, c2, _) in enumerate(theirs)]
            best, j = max(scores, key=lambda s: (s[0], -s[1]))
            if best <= pd.Timedelta(0):
                continue
            nearness = -best
        else:
            done = [j for j, (_, _, c2, _) in enumerate(theirs) if c2 <= o]
            if not done:
                continue
            j = max(done)
            nearness = o - theirs[j][2]
        if j not in chosen or (nearness, c) < (chosen[j][0], chosen[j][1][2]):
            chosen[j] = (nearness, (day, o, c, v), theirs[j])
    pairs = sorted((m, t) for _, m, t in chosen.values())
    rows = []
    for (m0, t0), (m1, t1) in zip(pairs, pairs[1:], strict=False):
        rows.append((m1[1], m1[2], max(m1[2], t1[2]), m1[3] / m0[3] - 1, t1[3] / t0[3] - 1))
    zero = next(r for r in rows if r[1] > ep.anchor)
    before = [r for r in rows if r[2] <= zero[0]][-event_study.CORR_BEFORE :]
    during = [r for r in rows if r[1] >= zero[1]][: event_study.STUDY_AFTER + 1]

    def corr(rs):
        return float(np.corrcoef([r[3] for r in rs], [r[4] for r in rs])[0, 1]), len(rs)

    return corr(before), corr(during)


@pytest.mark.parametrize("episode_id", ["thesis-2025", "crypto-cascade-2025"])
def test_the_event_study_matches_a_simple_second_implementation(episode_id):
    ep = episodes.by_id(episode_id)
    keys = ("ndx", "nikkei", "btc")
    frames = {k: f for k, f in _snapshot(keys, *event_study.study_dates(ep)).items()}
    closes = {k: episodes.daily_closes(f, *episodes.zone(k)) for k, f in frames.items()}
    _, rows = event_study.study(closes, [ep], keys, {k: (k, close_series(f)) for k, f in frames.items()})
    assert {r.key for r in rows} == set(keys)
    for row in rows:
        (rb, nb), (rd, nd) = _simple_corrs(ep, row.key, row.partner, frames)
        assert (row.corr_before.n, row.corr_during.n) == (nb, nd), row.key
        assert row.corr_before.r == pytest.approx(rb, abs=1e-12) and row.corr_during.r == pytest.approx(rd, abs=1e-12)


# -- same episode, same verdicts ----------------------------------------------------------------------------


def test_the_scoreboard_is_the_same_whichever_day_of_the_thesis_episode_opens_it():
    from analytics.scoreboard import rows

    start, end = dt.date(2025, 10, 1), dt.date(2025, 12, 5)
    on_20, on_21 = (
        rows("snapshot", dt.date(2025, 11, 20), start, end),
        rows("snapshot", dt.date(2025, 11, 21), start, end),
    )
    assert [r["id"] for r in on_20] == [r["id"] for r in on_21] and len(on_21) == len(claims.load_claims())
    for a, b in zip(on_20, on_21, strict=False):
        assert (a["verdict"], a["figure"], a["reading"], a["decided_by"]) == (
            b["verdict"],
            b["figure"],
            b["reading"],
            b["decided_by"],
        ), a["id"]
    # the episode decided the sessions: SK Hynix is judged on Seoul's 21 Nov, after New York fell on 20 Nov
    hbm = next(r for r in on_20 if r["id"] == "hbm-cycle")
    assert "2025-11-21" in hbm["figure"]


def test_a_verdict_names_every_part_it_could_not_test():
    frames = _snapshot(("nvda", "sox", "softbank"), dt.date(2025, 10, 1), dt.date(2025, 12, 5))
    result = claims.evaluate("softbank-exit", frames, CTX)
    # a disclosed fact: prices cannot test it, and no side test decides it
    assert result.verdict == claims.NOT_TESTABLE and "disclosed" in result.decided_by
    assert all(p.outcome == claims.UNTESTABLE for p in result.parts)
