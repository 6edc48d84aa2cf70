"""As of an instant: nothing after it is read (a property over random instants), what the snapshot says at the
instants the issue names, the URL's ``asof`` and the CLI's ``--asof``."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from analytics import asof, claims, episodes
from analytics.episodes import contagion_clock
from analytics.models import crypto_models, global_tech_models
from components import url_state
from components.view import View
from data_sources import data_end, get_many

THESIS = episodes.thesis()
START, END = THESIS.event_date - dt.timedelta(days=42), THESIS.event_date + dt.timedelta(days=14)
NUMERIC = ("open", "high", "low", "close", "volume")


@pytest.fixture(scope="module")
def inputs() -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The scoreboard's daily frames and intraday series, whole (as a hindsight view loads them)."""
    needs, lookback = claims.data_needs()
    keys = tuple(dict.fromkeys((*needs, *crypto_models.RETAIL, *global_tech_models.HBM)))  # the sections' series too
    daily = get_many(keys, START - dt.timedelta(days=lookback), END, source="snapshot")
    intraday = {}
    for key, (before, after) in claims.INTRADAY_NEEDS.items():
        frame = get_many(
            [key],
            THESIS.event_date - dt.timedelta(days=before),
            THESIS.event_date + dt.timedelta(days=after),
            "1h",
            "snapshot",
        )[key]
        if not frame.empty:
            intraday[key] = frame
    return daily, intraday


def _after(frame: pd.DataFrame, key: str, interval: str, instant: pd.Timestamp, how: str, rng) -> pd.DataFrame:
    """``frame`` with every row not yet known at ``instant`` scrambled (numbers times 0.5-1.5) or removed."""
    if frame.empty:
        return frame
    late = np.asarray(asof.known_when(frame, key, interval) > instant)
    out = frame.loc[~late].copy() if how == "remove" else frame.copy()
    if how == "scramble" and late.any():
        for col in NUMERIC:
            if col in out:
                out.loc[late, col] = out.loc[late, col].to_numpy() * rng.uniform(0.5, 1.5, int(late.sum()))
    out.attrs = dict(frame.attrs)
    return out


def _facts(board) -> list[tuple]:
    return [(c.id, r.verdict, r.figure, r.detail, r.decided_by, r.n, r.stat) for c, r, _ in board]


def _instants(n: int, seed: int) -> list[pd.Timestamp]:
    """Random hours from two days before the anchor to four days after it: before, during and after the sell-off."""
    rng = np.random.default_rng(seed)
    hours = rng.integers(-48, 96, n)
    return [THESIS.anchor.floor("h") + pd.Timedelta(hours=int(h)) for h in hours]


@pytest.mark.parametrize("how", ["scramble", "remove"])
@pytest.mark.parametrize("instant", _instants(4, seed=20251121))
def test_no_verdict_reads_a_bar_after_its_instant(inputs, instant, how):
    daily, intraday = inputs
    rng = np.random.default_rng(7)
    ctx = claims.context_for(START, END, THESIS.event_date, intraday=intraday, asof=instant)
    want = _facts(claims.scoreboard(daily, ctx))
    daily2 = {k: _after(f, k, "1d", instant, how, rng) for k, f in daily.items()}
    intraday2 = {k: _after(f, k, "1h", instant, how, rng) for k, f in intraday.items()}
    ctx2 = claims.context_for(START, END, THESIS.event_date, intraday=intraday2, asof=instant)
    assert _facts(claims.scoreboard(daily2, ctx2)) == want
    # and the instant matters: judged with hindsight, some claim reads differently before the last market settles
    if instant < THESIS.anchor:
        hindsight = _facts(
            claims.scoreboard(daily, claims.context_for(START, END, THESIS.event_date, intraday=intraday))
        )
        assert hindsight != want


@pytest.mark.parametrize("instant", _instants(3, seed=3))
def test_no_section_model_reads_a_bar_after_its_instant(inputs, instant):
    """The models behind the sections, fed what the page's loader hands them (the one cut), are the same when
    every later bar is scrambled."""
    daily, intraday = inputs
    rng = np.random.default_rng(11)
    scrambled = {k: _after(f, k, "1d", instant, "scramble", rng) for k, f in daily.items()}
    hourly = {k: _after(f, k, "1h", instant, "scramble", rng) for k, f in intraday.items()}

    def models(frames, hours):
        cut = asof.known_frames(frames, instant)
        ctx = claims.context_for(
            START, END, THESIS.event_date, intraday=asof.known_frames(hours, instant, "1h"), asof=instant
        )
        hbm = global_tech_models.hbm_model(cut, ctx)
        return (
            crypto_models.retail_model(cut, ctx),
            crypto_models.level_model(cut["btc"], ctx),
            None if hbm is None else (hbm.table.to_dict(), hbm.verdict),
        )

    a, b = models(daily, intraday), models(scrambled, hourly)
    assert repr(a) == repr(b)


def test_as_of_before_the_us_open_the_us_session_is_not_yet_known():
    from analytics.scoreboard import rows

    instant = pd.Timestamp("2025-11-20T14:00Z")  # half an hour before the anchor (NVIDIA's day, the US open)
    board = {r["id"]: r for r in rows("snapshot", THESIS.event_date, START, END, asof=instant)}
    us_close = asof.sell_off_close("ndx", THESIS.anchor)
    assert us_close > instant
    for cid in ("retail-beta", "duration", "cut-odds", "btc-leads"):
        assert board[cid]["verdict"] == claims.NOT_YET_KNOWN, cid
        assert "not yet known as of 2025-11-20T14:00Z" in board[cid]["reading"]
    # and once the last market it reads has settled, each is judged
    later = {
        r["id"]: r for r in rows("snapshot", THESIS.event_date, START, END, asof=pd.Timestamp("2025-11-22T00:00Z"))
    }
    assert all(later[c]["verdict"] != claims.NOT_YET_KNOWN for c in ("retail-beta", "duration", "cut-odds"))


def test_the_btc_low_of_21_november_is_seen_only_once_its_hour_has_ended():
    bars = get_many(["btc"], dt.date(2025, 11, 20), dt.date(2025, 11, 22), "1h", "snapshot")["btc"]
    day = bars[(bars["ts"] >= "2025-11-21") & (bars["ts"] < "2025-11-22")]
    low_bar = day.loc[day["low"].idxmin()]
    seen_at = low_bar["ts"] + pd.Timedelta(hours=1)  # an hourly bar is known when its hour ends
    assert seen_at == pd.Timestamp("2025-11-21T13:00Z")  # the issue's instant: the 12:00-13:00 bar holds the low
    before = asof.known_at(bars, "btc", "1h", seen_at - pd.Timedelta(hours=1))
    after = asof.known_at(bars, "btc", "1h", seen_at)
    assert before["low"].min() > low_bar["low"]
    assert after["low"].min() == low_bar["low"]


def test_a_daily_bar_is_known_when_its_session_closes_and_a_report_when_published():
    frames = get_many(["ndx", "nikkei", "btc", "payems"], dt.date(2025, 8, 1), dt.date(2025, 11, 25), source="snapshot")
    at = pd.Timestamp("2025-11-21T01:00Z")  # Tokyo has opened on 21 Nov; New York's 20 Nov session has closed
    cut = asof.known_frames(frames, at)
    last = {k: pd.Timestamp(f["ts"].iloc[-1]).date() for k, f in cut.items()}
    assert last["ndx"] == dt.date(2025, 11, 20)
    assert last["nikkei"] == dt.date(2025, 11, 20)  # 21 Nov's session closes at 06:30 UTC
    assert last["btc"] == dt.date(2025, 11, 20)  # the UTC day of 21 Nov has not ended
    # September's jobs report came out on 20 Nov at 08:30 New York (13:30 UTC), late after the shutdown
    sept = pd.Timestamp("2025-09-01", tz="UTC")
    payems = frames["payems"]
    assert (payems["ts"] == sept).any()
    assert not (asof.known_at(payems, "payems", "1d", pd.Timestamp("2025-11-20T13:00Z"))["ts"] == sept).any()
    assert (asof.known_at(payems, "payems", "1d", pd.Timestamp("2025-11-20T13:30Z"))["ts"] == sept).any()


@pytest.mark.parametrize(
    "raw, ok",
    [
        ("2025-11-21T01:00Z", True),
        ("2025-11-21T01Z", True),
        ("now", True),
        ("2025-11-21T01:30Z", False),  # not on the hour
        ("2025-11-21T01:00", False),  # no zone: not UTC
        ("2025-11-21T01:00+09:00", False),
        ("٢٠٢٥-11-21T01:00Z", False),  # Arabic-Indic digits
        ("2025-02-30T01:00Z", False),
        ("1989-12-31T23:00Z", False),
        ("2025-11-21T24:00Z", False),
    ],
)
def test_the_url_takes_an_instant_on_the_hour_in_utc(raw, ok):
    from components import shell
    from components.view import schema
    from pages import declared

    shell.use_pages(declared())
    values, notices = schema().parse({"asof": raw})
    if ok:
        assert not notices and values["g_asof"] is not None
        if raw != "now":
            assert url_state.to_query(values, "", schema())["asof"] == asof.format_instant(values["g_asof"])
    else:
        assert values["g_asof"] is None and len(notices) == 1 and "asof" in notices[0]
    assert "asof" not in url_state.to_query({"g_asof": None}, "", schema())


def test_the_cli_prints_the_board_as_of_an_instant(capsys):
    from analytics.scoreboard import main

    assert main(["--asof", "2025-11-21T00:00Z", "--format", "json"]) == 0
    board = {e["id"]: e for e in json.loads(capsys.readouterr().out)}
    assert board["btc-90k"]["verdict"] == claims.NOT_YET_KNOWN  # BTC's UTC day of 21 Nov is not over
    assert board["retail-beta"]["verdict"] not in (claims.NOT_YET_KNOWN, claims.NOT_TESTABLE)  # 20 Nov has closed
    with pytest.raises(SystemExit) as bad:
        main(["--asof", "2025-11-21T00:30Z"])
    assert bad.value.code == 2
    assert "on the hour" in capsys.readouterr().err


@pytest.mark.parametrize("instant", ["2025-11-20T14:00Z", "2025-11-21T00:00Z", "2025-11-21T22:00Z"])
def test_the_board_as_of_an_instant_reads_the_same_on_the_overview_in_its_section_and_in_the_cli(instant):
    from analytics.scoreboard import rows
    from pages import overview
    from tests.test_one_set_of_facts import _facts as facts
    from tests.test_one_set_of_facts import _section_results

    at = pd.Timestamp(instant)
    end = data_end("snapshot")
    start, stop = url_state.resolve_range("event", end, THESIS.event_date)
    view = View("event", start, stop, THESIS.event_date, "snapshot", "en", end, {}, episode=THESIS.id, asof=at)
    _, lookback = claims.data_needs()
    board = {
        c.id: r
        for c, r, _ in overview._scoreboard_rows(
            overview.BoardKey(start, stop, view.event, "snapshot", 90_000.0, 60, lookback, True, at)
        )
    }
    cli = {r["id"]: r for r in rows("snapshot", view.event, start, stop, asof=at)}
    sections = _section_results(view)
    for cid, result in board.items():
        assert (cli[cid]["verdict"], cli[cid]["decided_by"], cli[cid]["figure"], cli[cid]["reading"]) == facts(result)
        if cid in sections:
            assert facts(sections[cid]) == facts(result), (instant, cid)


def test_each_part_is_judged_from_the_hour_its_data_are_in_and_says_then_what_it_says_with_hindsight(inputs):
    """The declared hours (``Rule.parts_settle``, else the claim's markets) are checked against the data: at the
    hour a part comes in it already says what it says with every bar known, and an hour before its last part the
    claim still waits on something."""
    daily, intraday = inputs
    whole = claims.context_for(START, END, THESIS.event_date, intraday=intraday)
    found = claims.evolution(daily, whole)
    timed = [k for k in found if k.since is not None]
    assert len(timed) >= 8  # every claim about the event but whales and the 2025 correlation
    for k in timed:
        assert k.then is not None and k.then.verdict != claims.NOT_YET_KNOWN, k.claim.id
        hindsight = {p.name: p.outcome for p in k.now.parts}
        assert k.parts and max(p.since for p in k.parts) == k.since, k.claim.id
        for p in k.parts:
            assert p.outcome == hindsight[p.name.en], (k.claim.id, p.name.en, p.since)
        just_before = claims.context_for(
            START, END, THESIS.event_date, intraday=intraday, asof=k.since - pd.Timedelta(hours=1)
        )
        early = claims.evaluate(k.claim.id, daily, just_before)
        assert early.verdict == claims.NOT_YET_KNOWN or any(p.outcome == claims.PENDING for p in early.parts)
    # with hindsight nothing is "not yet known"
    assert all(k.now.verdict != claims.NOT_YET_KNOWN for k in found)
    # parts come in at their own hours: the BTC break with the Asian session, the size with the UTC day
    btc = {p.name.en: p.since for p in next(k for k in found if k.claim.id == "btc-90k").parts}
    assert btc["level"] == btc["timing"] == pd.Timestamp("2025-11-21T08:00Z")  # Hong Kong's close
    assert btc["size"] == btc["seven-month low"] == pd.Timestamp("2025-11-22T00:00Z")


def test_between_two_parts_hours_the_parts_in_are_judged_and_the_rest_named_as_not_yet_known(inputs):
    daily, intraday = inputs
    at = pd.Timestamp("2025-11-21T09:00Z")  # after the Asian session, before BTC's UTC day ends
    result = claims.evaluate(
        "btc-90k", daily, claims.context_for(START, END, THESIS.event_date, intraday=intraday, asof=at)
    )
    outcomes = {p.name: p.outcome for p in result.parts}
    assert outcomes["level"] == outcomes["timing"] == claims.HOLDS
    assert outcomes["size"] == outcomes["seven-month low"] == claims.PENDING
    assert result.verdict == claims.NOT_YET_KNOWN  # size and the low could still fail
    assert result.decided_by == "size, seven-month low not yet known (in at 2025-11-22T00:00Z)"
    assert result.decided_by_zh.startswith("幅度、七个月新低尚不可知")
    # its reading was written from the bars in so far, and says so first (the lowest close it quotes may still fall)
    assert result.detail.startswith(f"So far, as of 2025-11-21T09:00Z, with {result.decided_by}: BTC")
    assert result.detail_zh.startswith(f"截至 2025-11-21T09:00Z，{result.decided_by_zh}；目前所见：BTC")
    hindsight = claims.evaluate("btc-90k", daily, claims.context_for(START, END, THESIS.event_date, intraday=intraday))
    assert not hindsight.detail.startswith("So far") and "目前所见" not in hindsight.detail_zh
    # an hour earlier neither part is in: the claim names the session that brings the first
    before = claims.evaluate(
        "btc-90k",
        daily,
        claims.context_for(START, END, THESIS.event_date, intraday=intraday, asof=at - pd.Timedelta(hours=2)),
    )
    assert before.verdict == claims.NOT_YET_KNOWN and not before.parts
    assert "the Asian session of 2025-11-21 ends at 2025-11-21T08:00Z" in before.detail


@pytest.mark.parametrize(
    ("outcomes", "premise", "verdict"),
    [
        (("fails", "pending"), (True, False), claims.NOT_SUPPORTED),  # a failed premise decides, whatever comes
        (("holds", "pending"), (False, False), claims.NOT_YET_KNOWN),
        (("holds", "fails", "pending"), (False, False, False), claims.MIXED),  # both ways already
        (("holds", "fails", "pending"), (False, False, True), claims.NOT_YET_KNOWN),  # the premise could sink it
        (("holds", "holds"), (False, False), claims.SUPPORTED),
    ],
)
def test_a_verdict_is_given_early_only_when_no_pending_outcome_could_change_it(outcomes, premise, verdict):
    parts = [
        claims.Part(f"p{i}", f"p{i}", o, premise=pr) for i, (o, pr) in enumerate(zip(outcomes, premise, strict=True))
    ]
    assert claims.verdict_so_far(parts) == verdict


@pytest.mark.parametrize("page", ["", "crypto", "global-tech", "macro"])
def test_every_page_draws_as_of_an_instant_with_no_section_failing(page):
    from tests.apptest_helpers import charts_drawn, open_app, texts

    at = open_app(page, {"source": "snapshot", "asof": "2025-11-21T01:00Z", "section": "all"})
    assert not at.exception and not at.error, [e.value for e in (*at.exception, *at.error)]
    assert "Replay: as of 2025-11-21 01:00 UTC" in texts(at)
    drawn = charts_drawn(at)
    assert drawn and not at.get("plotly_chart")  # a replay draws every chart in place (no remount per step)
    if page == "crypto":  # every chart over time carries the one 'as of' line (the wick chart's legend keys too)
        from components.charts import NOW_LINE

        lines = {key: [s.get("name") for s in spec["layout"].get("shapes", [])] for key, spec in drawn}
        for key in ("crypto_level", "crypto_wick", "crypto_derivatives"):
            assert lines[key].count(NOW_LINE) == 1, (key, lines[key])


def _feed(now: pd.Timestamp, scramble: bool = False):
    """The snapshot served as a live feed would be at ``now``: nothing after it (or, ``scramble``, everything after
    it multiplied by noise, which the watch must never read)."""
    rng = np.random.default_rng(5)

    def daily(keys, a, b):
        frames = get_many(keys, a, b, source="snapshot", proxies=True)
        frames = {k: _after(f, k, "1d", now, "scramble", rng) for k, f in frames.items()} if scramble else frames
        return asof.known_frames(frames, now)

    def hourly(keys, a, b):
        frames = get_many(keys, a, b, "1h", "snapshot")
        frames = {k: _after(f, k, "1h", now, "scramble", rng) for k, f in frames.items()} if scramble else frames
        return asof.known_frames(frames, now, "1h")

    return episodes.Loaders(daily=daily, hourly=hourly)


def test_watch_mode_follows_an_advancing_feed_and_reads_nothing_after_now():
    """Watch mode's panel (the clock of the 72 hours to now) on a recorded feed that advances: as the feed moves on
    from the 19th to the 21st of November 2025 the markets that broke change, and nothing after now is read."""
    seen = {}
    for hour in ("2025-11-19T12:00Z", "2025-11-21T12:00Z"):
        now = pd.Timestamp(hour)
        model = contagion_clock.clock_model(_feed(now), episodes.watching(now), 0.02)
        assert model.clock.end == now and model.clock.anchor == now - pd.Timedelta(hours=48)
        assert all(b.at <= now for b in model.clock.breaks)
        scrambled = contagion_clock.clock_model(_feed(now, scramble=True), episodes.watching(now), 0.02)
        assert scrambled.clock.breaks == model.clock.breaks
        seen[hour] = {b.key for b in model.clock.breaks if b.crossed}
    assert seen["2025-11-19T12:00Z"] != seen["2025-11-21T12:00Z"]


def test_watch_mode_offline_is_as_of_the_data_and_says_so():
    from components import shell
    from pages import declared
    from tests.apptest_helpers import open_app, texts

    at = open_app("", {"source": "snapshot", "asof": "now"})
    assert not at.exception and not at.error
    shown = texts(at)
    shell.use_pages(declared())
    end = data_end("snapshot", shell.app_series())  # the app's one "to date"
    assert f"Watching: as of {end + dt.timedelta(days=1):%Y-%m-%d} 00:00 UTC" in shown
    assert "refreshed every 5 minutes" in shown
    assert f"the data end on {end}" in shown  # offline: the snapshot's last instant, labelled


def test_a_replay_computes_the_next_hour_while_this_one_is_read(monkeypatch):
    """While an hour is on screen, the next one is computed in the background (``recorded.prefetch``): the step
    to it then evaluates no claim and records no section again; a step back to an unseen hour does both."""
    import threading

    from analytics.claims import core
    from components import recorded, replay
    from tests.apptest_helpers import open_app, texts

    def settle() -> None:
        for thread in threading.enumerate():
            if thread.name == "replay-prefetch":
                thread.join()

    at = open_app("", {"source": "snapshot", "asof": "2025-11-21T01:00Z", "section": "all"})
    assert not at.exception
    settle()
    evaluated, built = [], []  # the instants claims were evaluated and sections recorded at, in any thread
    evaluate = core.evaluate
    monkeypatch.setattr(core, "evaluate", lambda *a, **k: evaluated.append(a[2].asof) or evaluate(*a, **k))
    init = recorded.Recording.__init__  # a section recorded anew (a miss of its cache) starts a Recording
    monkeypatch.setattr(recorded.Recording, "__init__", lambda self, *a, **k: built.append(a[1]) or init(self, *a, **k))

    step = pd.Timestamp("2025-11-21T02:00Z")
    at.session_state[replay.STATE] = step  # one hour on, as the player steps
    at.run()
    assert not at.exception and "Replay: as of 2025-11-21 02:00 UTC" in texts(at)
    settle()  # the run has started computing 03:00 ahead: let it finish before counting
    assert step not in evaluated and step not in built  # all of 02:00 came from the hour computed ahead
    assert step + pd.Timedelta(hours=1) in built  # and 03:00 is being computed ahead in its turn
    back = pd.Timestamp("2025-11-20T22:00Z")
    at.session_state[replay.STATE] = back  # an hour nobody computed ahead
    at.run()
    assert not at.exception and back in evaluated and back in built  # the counters do count


def test_a_view_already_being_computed_ahead_is_not_computed_twice():
    import threading
    from types import SimpleNamespace

    from components import recorded

    gate, entered, done = threading.Event(), threading.Event(), []

    def section(view):
        entered.set()
        gate.wait()
        done.append(view.asof)

    sections = [SimpleNamespace(id="a", build=None, warm=section)]
    day = dt.date(2025, 11, 21)
    view = View("event", day, day, day, "snapshot", "en", day, asof=pd.Timestamp("2025-11-21T05:00Z"))
    thread = recorded.prefetch("", sections, view)
    assert thread is not None
    entered.wait()
    assert recorded.prefetch("", sections, view) is None  # the same view, while the first is at work
    gate.set()
    thread.join()
    assert done == [view.asof]
    again = recorded.prefetch("", sections, view)  # once done, it may be asked again (the cache then answers)
    assert again is not None
    again.join()


@pytest.mark.parametrize(("kind", "lang"), [("light", "en"), ("dark", "zh")])
def test_an_hour_computed_ahead_is_drawn_in_the_readers_ink(kind, lang):
    """The hour computed ahead is replayed as drawn: its figures must take the reader's theme and, in Chinese, a rise
    in red, as the run's own do. (A thread starts from a context variable's default: in a light theme, and in
    Chinese, a step forward showed the charts in the dark ink with a rise in green.)"""
    from types import SimpleNamespace

    from components import recorded, theme

    drawn_in = []
    sections = [SimpleNamespace(id="a", build=None, warm=lambda view: drawn_in.append(theme.ink()))]
    day = dt.date(2025, 11, 21)
    view = View("event", day, day, day, "snapshot", lang, day, asof=pd.Timestamp("2025-11-21T06:00Z"), theme=kind)
    run_ink = theme.use(kind, red_up=lang == "zh")  # what the frame sets at the start of the reader's run
    try:
        thread = recorded.prefetch("", sections, view)
        assert thread is not None
        thread.join()
    finally:
        theme.use(None)
    assert drawn_in == [run_ink]
    assert run_ink != theme.DARK  # the default a thread would see: the case is not vacuous
