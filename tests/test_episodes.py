"""The episode library, the contagion clock and the event study: definitions checked on constructed bars, then
on the snapshot against numbers computed here from its own closes (never typed in)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import episodes, sessions, timeline
from analytics.episodes import contagion_clock, event_study
from analytics.stats import CorrTest, corr_difference_p
from components import url_state
from data_sources import catalog
from tests.urls import parse_query, to_query

ROOT = Path(__file__).resolve().parent.parent


def _daily(days: list[str], closes: list[float]) -> pd.DataFrame:
    ts = pd.DatetimeIndex(pd.to_datetime(days)).tz_localize("UTC")
    return pd.DataFrame({"ts": ts, "open": closes, "high": closes, "low": closes, "close": closes, "volume": 1.0})


def _hourly(start: str, closes: list[float]) -> pd.DataFrame:
    ts = pd.date_range(start, periods=len(closes), freq="h", tz="UTC")
    return pd.DataFrame({"ts": ts, "open": closes, "high": closes, "low": closes, "close": closes, "volume": 1.0})


EPISODE = episodes.Episode(
    "t", "t", "t", pd.Timestamp("2025-11-20 14:30", tz="UTC"), dt.date(2025, 11, 21), ("ndx",), "", "", ()
)
ZONES = {"ndx": ("America/New_York", "16:00"), "nikkei": ("Asia/Tokyo", "15:30"), "btc": ("UTC", "24:00")}


def test_the_library_is_complete_and_each_episode_is_documented():
    lib = episodes.library()
    required = {
        "covid-crash-2020",
        "luna-2022",
        "ftx-2022",
        "svb-2023",
        "yen-carry-2024",
        "deepseek-2025",
        "tariffs-2025",
        "crypto-cascade-2025",
        "thesis-2025",
    }
    assert required <= set(episodes.ids()) and len(set(episodes.ids())) == len(lib) >= 10
    assert [e.anchor for e in lib] == sorted(e.anchor for e in lib)
    assert sum(e.thesis for e in lib) == 1 and episodes.thesis().event_date == dt.date(2025, 11, 21)
    for e in lib:
        assert str(e.anchor.tz) == "UTC" and abs((e.event_date - e.anchor.date()).days) <= 2, e.id
        assert e.name_en and e.name_zh and e.description_en and e.description_zh, e.id
        assert all(str(e.event_date.year) in short for short in (e.short_en, e.short_zh)), e.id
        assert any(u.startswith("https://") for u in e.sources), e.id
        assert set(e.markets) <= set(catalog.CATALOG), e.id
        assert episodes.for_event(e.event_date) is e


def test_every_anchor_has_a_known_session_after_it_in_each_market_and_each_episode_has_its_bars():
    """The calendar knows each anchor's year for every daily market of the episode, and the snapshot holds each
    listed market's bars on its sell-off session (the first session to close after the anchor)."""
    from data_sources import snapshot

    for e in episodes.library():
        for key in e.markets:
            tz, _ = episodes.zone(key)
            exchange = sessions.EXCHANGES.get(tz)
            if exchange is None:  # crypto: the UTC day holding the anchor
                day = e.anchor.normalize()
            else:
                assert sessions.covers(exchange, e.anchor), (e.id, key)
                spans = sessions.sessions_between(exchange, e.anchor, e.anchor + pd.Timedelta(days=7))
                day = spans.index[spans["close"] > e.anchor][0]
            day = pd.Timestamp(day.date())  # a daily bar is stamped 00:00 UTC of its session date
            stamps = snapshot.load_frame(key)["ts"].dt.tz_localize(None)
            hourly = snapshot.series_info(key, interval="1h")  # crypto: the clock reads hourly perpetual bars
            by_hour = hourly is not None and hourly["first"][:10] <= f"{day.date()}" <= hourly["last"][:10]
            assert (stamps == day).any() or by_hour, (e.id, key, day)


def test_the_covid_clock_has_btc_hourly_and_names_eth_as_absent():
    from data_sources.service import get_many

    e = episodes.by_id("covid-crash-2020")
    first, last = contagion_clock.clock_dates(e)
    load = episodes.Loaders(
        daily=lambda keys, a, b: get_many(list(keys), a, b, source="snapshot"),
        hourly=lambda keys, a, b: get_many(list(keys), a, b, source="snapshot", interval="1h"),
    )
    model = contagion_clock.clock_model(load, e)
    assert "btc" in model.hourly and "eth" not in model.hourly  # ETH perpetual bars start in August 2020
    assert "eth" in model.clock.absent and not any(b.key == "eth" for b in model.clock.breaks)


def test_a_daily_market_breaks_at_its_session_close_from_the_calendar():
    # the reference close is the last close at or before the anchor (20 Nov 14:30 UTC): 19 Nov's, at 21:00 UTC
    frame = _daily(["2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"], [100.0, 99.0, 96.5, 96.0])
    clock = contagion_clock.contagion_clock({"ndx": frame}, {}, ZONES, EPISODE, drawdown=0.02)
    (brk,) = clock.breaks
    assert brk.crossed and brk.resolution == "daily" and brk.pre_close == 99.0
    assert brk.pre_at == sessions.session("XNYS", pd.Timestamp("2025-11-19"))[1]
    assert brk.at == sessions.session("XNYS", pd.Timestamp("2025-11-20"))[1]  # 21:00 UTC, from the calendar
    assert brk.move == pytest.approx(96.5 / 99 - 1) and brk.bars == 2
    # the 24 h before the anchor: from the last close at or before 19 Nov 14:30 (18 Nov's) to the reference
    assert brk.before == pytest.approx(-0.01) and not brk.already_falling
    assert clock.sessions["ndx"] and all(clock.start <= o < c <= clock.end for o, c in clock.sessions["ndx"])


def test_every_market_is_measured_from_the_anchor_and_a_fall_before_it_is_already_falling_not_a_break():
    anchor = EPISODE.anchor
    # hourly bars from 30 h before the anchor's hour: -3% in the 24 h before it, then calm: already falling, no break
    hour = anchor.floor("h")
    btc = _hourly(str(hour - pd.Timedelta(hours=30)), [100.0] * 10 + [97.0] * 20 + [97.0, 96.0, 96.5, 97.0])
    calm = _daily(["2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"], [100.0, 99.5, 99.2, 100.5])
    clock = contagion_clock.contagion_clock({"ndx": calm}, {"btc": btc}, ZONES, EPISODE, drawdown=0.02)
    by_key = {b.key: b for b in clock.breaks}
    brk = by_key["btc"]
    assert brk.pre_at == hour and brk.pre_close == 97.0  # the bar that closed at 14:00, before the 14:30 anchor
    assert not brk.crossed and brk.move == pytest.approx(96.0 / 97 - 1) and brk.at > anchor
    assert brk.before == pytest.approx(-0.03) and brk.already_falling
    assert clock.first is None  # a fall before the anchor never makes a market "first to break"
    # the hourly path is drawn over the whole window, from the same reference: zero at the anchor's close
    assert clock.paths["btc"].loc[hour] == 0.0 and clock.paths["btc"].index.min() > clock.start
    assert not by_key["ndx"].crossed and by_key["ndx"].move == pytest.approx(99.2 / 99.5 - 1)


def test_an_hourly_market_breaks_when_its_bar_closes_and_a_calm_one_sits_at_its_worst_bar():
    anchor = EPISODE.anchor.floor("h")  # 14:00: the last hourly close before the 14:30 anchor
    btc = _hourly(str(anchor - pd.Timedelta(hours=2)), [100.0, 100.0, 99.5, 98.1, 97.9, 99.0])
    calm = _daily(["2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"], [100.0, 99.5, 99.2, 100.5])
    clock = contagion_clock.contagion_clock({"ndx": calm}, {"btc": btc}, ZONES, EPISODE, drawdown=0.02)
    first, second = clock.breaks
    assert first.key == "btc" and first.crossed and first.resolution == "hourly" and first.pre_close == 100.0
    # the bar opening at 14:00 closes at 15:00 (99.5, -0.5%); 98.1 is only -1.9%; 97.9 closes at 17:00
    assert first.at == anchor + pd.Timedelta(hours=3) and first.move == pytest.approx(-0.021)
    assert second.key == "ndx" and not second.crossed and second.move == pytest.approx(99.2 / 99.5 - 1)
    assert clock.first is first and list(clock.paths) == ["btc"]


def test_a_market_without_bars_in_the_window_is_named_absent():
    early = _daily(["2025-11-03", "2025-11-04"], [100.0, 99.0])
    clock = contagion_clock.contagion_clock({"ndx": early}, {}, ZONES, EPISODE)
    assert clock.breaks == () and clock.absent == ("ndx",) and clock.first is None


def test_the_event_study_aligns_day_zero_after_the_anchor_and_measures_depth_and_half_recovery():
    days = pd.bdate_range("2025-09-01", "2025-12-31")
    values = np.full(len(days), 100.0)
    zero = int(np.flatnonzero(days >= pd.Timestamp("2025-11-20"))[0])  # NYSE closes 21:00 UTC, after 14:30
    values[zero : zero + 3] = [96.0, 92.0, 90.0]  # trough on day 2: -10%
    values[zero + 3 :] = [93.0, 95.5, 97.0] + [98.0] * (len(days) - zero - 6)  # half back (-5%) on day 4
    closes = episodes.daily_closes(_daily([d.strftime("%Y-%m-%d") for d in days], list(values)), *ZONES["ndx"])
    path = event_study.aligned_path(closes, EPISODE.anchor)
    assert path.index.min() == -event_study.STUDY_BEFORE and path.index.max() == event_study.STUDY_AFTER
    assert path.loc[-1] == 0.0 and path.loc[0] == pytest.approx(-0.04)
    row = event_study.study_row(EPISODE, "ndx", closes, None, "btc")
    assert row.depth == pytest.approx(-0.10) and row.trough_day == 2 and row.half_day == 4
    assert row.day0 == closes.index[zero] and row.corr_before is None


def test_the_correlation_windows_do_not_overlap_and_the_change_is_tested():
    rng = np.random.default_rng(7)
    days = pd.bdate_range("2025-06-02", "2025-12-31")
    a = 100 * np.cumprod(1 + rng.normal(0, 0.01, len(days)))
    b = 100 * np.cumprod(1 + rng.normal(0, 0.01, len(days)))
    dates = [d.strftime("%Y-%m-%d") for d in days]
    ca = episodes.daily_closes(_daily(dates, list(a)), *ZONES["ndx"])
    by_date = {k: pd.Series(v, index=days) for k, v in (("nvda", a), ("ndx", b))}
    pairs = timeline.paired_returns(timeline.bars(by_date["nvda"], "nvda"), timeline.bars(by_date["ndx"], "ndx"))
    row = event_study.study_row(EPISODE, "nvda", ca, pairs, "ndx")
    assert row.corr_before.n == event_study.CORR_BEFORE  # 60 pairs, all closed before day 0's session opened
    assert row.corr_during.n == event_study.STUDY_AFTER + 1
    before = pairs[pairs["known"] <= pd.Timestamp("2025-11-20 14:30", tz="UTC")].tail(event_study.CORR_BEFORE)
    assert row.corr_before.r == pytest.approx(np.corrcoef(before["a"], before["b"])[0, 1])
    expected = math.erfc(
        abs(
            (math.atanh(row.corr_during.r) - math.atanh(row.corr_before.r))
            / math.sqrt(1 / (row.corr_during.n - 3) + 1 / (row.corr_before.n - 3))
        )
        / math.sqrt(2)
    )
    assert row.corr_change_p == pytest.approx(expected)
    assert corr_difference_p(CorrTest(0.3, 40, 0.05), CorrTest(0.3, 25, 0.1)) == pytest.approx(1.0)


def test_on_the_snapshot_the_yen_carry_depth_is_the_nikkeis_own_fall():
    from data_sources import get_many

    ep = episodes.by_id("yen-carry-2024")
    first, last = event_study.study_dates(ep)
    nikkei = get_many(["nikkei"], first, last, source="snapshot")["nikkei"]
    closes = nikkei.set_index(pd.DatetimeIndex(nikkei["ts"]).tz_convert("UTC").normalize())["close"]
    own = closes.loc["2024-08-05"] / closes.loc["2024-08-02"] - 1  # Monday's close against Friday's
    _, rows = event_study.study({"nikkei": episodes.daily_closes(nikkei, *ZONES["nikkei"])}, [ep], ["nikkei"])
    assert rows[0].trough_day == 0 and rows[0].depth == pytest.approx(own)
    assert own < -0.10  # a real crash in the data, not a construction


def test_the_url_picks_an_episode_or_follows_the_date():
    values, notices = parse_query({"episode": "tariffs-2025"})
    assert values["g_event"] == episodes.by_id("tariffs-2025").event_date and not notices
    assert parse_query({"event": "2024-08-05"})[0]["g_episode"] == "yen-carry-2024"
    assert parse_query({"event": "2024-08-06"})[0]["g_episode"] == url_state.CUSTOM_EPISODE
    values, notices = parse_query({"event": "2024-08-06", "episode": "thesis-2025"})
    assert values["g_event"] == dt.date(2025, 11, 21) and len(notices) == 1 and "episode" in notices[0]
    values, notices = parse_query({"episode": "<b>x</b>"})
    assert values["g_episode"] == "thesis-2025" and notices and "`<b>x</b>`" in notices[0]  # inert: code span
    query = to_query(
        parse_query(
            {"episode": "deepseek-2025", "compare": "deepseek-2025,thesis-2025", "study": "nvda,ndx", "drawdown": "3"}
        )[0],
        "",
    )
    assert query["episode"] == "deepseek-2025" and query["event"] == "2025-01-27"
    assert (query["compare"], query["study"], query["drawdown"]) == ("deepseek-2025,thesis-2025", "nvda,ndx", "3")
    assert "episode" not in to_query(parse_query({"event": "2024-08-06"})[0], "")


def _cli(*args: str):
    """``python -m analytics.episodes`` in-process (``tests/cli.py``)."""
    from tests.cli import run_module

    return run_module("analytics.episodes", *args)


def test_the_cli_prints_the_comparison_for_every_episode_and_refuses_bad_arguments():
    out = _cli("--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert {r["episode"] for r in records} == set(episodes.ids())
    assert all(r["depth"] < 0.5 and r["trough_day"] >= 0 for r in records)
    assert "NaN" not in out.stdout and "Infinity" not in out.stdout
    spot = [r for r in records if r["episode"] == "yen-carry-2024" and r["market"] == "btc"]
    assert spot and "stands in for" not in spot[0]["label"]  # spot BTC reaches 2020 now: no stand-in needed
    md = _cli("--format", "md", "--episodes", "thesis-2025", "--markets", "ndx")
    assert md.returncode == 0 and md.stdout.count("\n| thesis-2025 |") == 1
    for bad in (("--markets", "nope"), ("--drawdown", "99"), ("--episodes", "nope"), ("--format", "xml")):
        result = _cli(*bad)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, bad


def test_a_custom_date_inside_an_episode_is_that_episode_on_screen():
    from components.shell import View

    day = dt.date(2025, 11, 20)  # the thesis's 21 Nov may be Beijing time: 20 Nov is its US session
    values, _ = parse_query({"event": day.isoformat()})
    assert values["g_episode"] == url_state.CUSTOM_EPISODE and values["g_event"] == day  # the link keeps its date
    view = View("event", day, day, day, "snapshot", "en", day, {}, episode=values["g_episode"])
    assert view.thesis and view.sell_off is episodes.thesis()
    far = View("event", day, day, dt.date(2025, 6, 2), "snapshot", "en", day, {}, episode=url_state.CUSTOM_EPISODE)
    assert (
        not far.thesis and far.sell_off.id == "custom" and far.sell_off.anchor == pd.Timestamp("2025-06-02", tz="UTC")
    )


def test_daily_closes_sit_at_each_sessions_close_as_a_per_bar_lookup_places_them():
    """The vectorised placement against the plain one: one calendar lookup per bar, the catalog's close time where
    the calendar has no session (on the real KOSPI and Nikkei files, holidays and DST changes in New York)."""
    from data_sources import snapshot

    def session_close_utc(day: pd.Timestamp, close_time: str, tz: str) -> pd.Timestamp:
        """The plain reference: the local close time on that date ("24:00" = the midnight ending the UTC day)."""
        if close_time == "24:00":
            return pd.Timestamp(day.date(), tz=tz).tz_convert("UTC") + pd.Timedelta(days=1)
        return pd.Timestamp(f"{day.date()} {close_time}", tz=tz).tz_convert("UTC")

    for key in ("kospi", "nikkei", "spx", "btc"):
        frame = snapshot.load_frame(key)
        frame = frame[(frame["ts"] >= pd.Timestamp("2020-01-01", tz="UTC"))].reset_index(drop=True)
        tz, close_time = episodes.zone(key)
        exchange = sessions.EXCHANGES.get(tz)
        expected = []
        for day in frame["ts"].dt.tz_localize(None):
            span = sessions.session(exchange, day) if exchange else None
            expected.append(span[1] if span else session_close_utc(day, close_time, tz))
        got = episodes.daily_closes(frame, tz, close_time)
        assert list(got.index) == [pd.Timestamp(x).tz_convert("UTC") for x in expected], key


def test_the_study_sums_itself_up_in_one_line_ranked_as_its_table_ranks():
    """The line under the study (#32): where the open episode's fall ranks per market among the episodes compared,
    recounted here from the study's own depths (1 = deepest; the last, untied, is "the shallowest")."""
    from pages import overview

    markets = ("ndx", "nikkei", "btc")
    chosen = [episodes.by_id(i) for i in ("thesis-2025", "covid-crash-2020", "deepseek-2025", "yen-carry-2024")]
    studies = list(event_study.study_model(overview._loaders("snapshot", "en"), chosen, markets))
    labels = {k: catalog.label(k) for k in markets}
    line = overview._study_summary(studies, "thesis-2025", markets, labels, "en")
    assert line.startswith(
        f"Of the sell-offs compared, this one's fall (lowest close of days 0 to {event_study.STUDY_AFTER})"
    )
    for key in markets:
        depths = {one.episode.id: r.depth for one in studies for r in one.rows if r.key == key}
        here, n = depths["thesis-2025"], len(depths)
        rank = 1 + sum(d < here for d in depths.values())
        if rank == 1:
            expected = f"{labels[key]} the deepest of {n}"
        elif rank == n:
            expected = f"{labels[key]} the shallowest of {n}"
        else:
            expected = f"{labels[key]} the {overview._ordinal(rank, 'en')} deepest of {n}"
        assert expected in line, (key, line)
    zh = overview._study_summary(studies, "thesis-2025", markets, labels, "zh")
    assert zh.startswith("在所比较的抛售中") and "deepest" not in zh
    others = [one for one in studies if one.episode.id != "thesis-2025"]
    assert overview._study_summary(others, "thesis-2025", markets, labels, "en") == ""  # not among them
