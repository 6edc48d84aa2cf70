"""The sell-off scan on constructed closes: it finds exactly the planted sell-offs, by its stated rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics import scan

ROOT = Path(__file__).resolve().parent.parent
DAYS = pd.date_range("2022-01-03 21:00", periods=300, freq="D", tz="UTC")  # one close a day


def _market(drops: dict[int, float], offset_hours: float = 0.0) -> pd.Series:
    """Closes whose returns alternate +0.5% / -0.5% (z = +-1, never a hit), with planted falls on given days."""
    rets = np.where(np.arange(len(DAYS)) % 2 == 0, 0.005, -0.005)
    for day, drop in drops.items():
        rets[day] = drop
    closes = 100 * np.cumprod(1 + rets)
    return pd.Series(closes, index=DAYS + pd.Timedelta(hours=offset_hours))


def test_the_scan_finds_exactly_the_planted_sell_offs_ranked_by_breadth_then_depth():
    closes = {
        "a": _market({120: -0.08, 200: -0.05, 260: -0.06}),
        "b": _market({120: -0.06, 200: -0.05}, offset_hours=-15),  # Asia: closes before New York
        "c": _market({121: -0.04, 200: -0.05}),  # the day after: within 72 h, same sell-off
        "d": _market({200: -0.05, 230: -0.07}),
        "e": _market({264: -0.06}),  # four days after a's fall on day 260: beyond 72 h, another cluster
    }
    found = scan.scan(closes, {"planted": DAYS[200] - pd.Timedelta(hours=30)})
    assert [(f.breadth, f.day) for f in found] == [(4, DAYS[200].date()), (3, DAYS[120].date())]
    assert found[0].library_id == "planted" and found[1].library_id is None
    assert set(found[1].markets) == {"a", "b", "c"} and found[1].first == DAYS[120] - pd.Timedelta(hours=15)
    # breadth 2 or less is not a sell-off: day 230 (d alone), days 260 and 264 (a, then e four days later)
    assert all(f.day not in (DAYS[230].date(), DAYS[260].date(), DAYS[264].date()) for f in found)
    rows = scan.records(found)
    assert rows[0]["rank"] == 1 and rows[1]["depth_return"] == -0.06  # the median of -8%, -6%, -4%


def test_a_score_uses_only_returns_that_closed_before_it():
    base = _market({150: -0.08})
    changed = base.copy()
    changed.iloc[151:] = changed.iloc[151:] * np.linspace(0.5, 1.5, len(changed) - 151)  # scramble what follows
    (hit,) = scan.hits(base, "a")
    (again, *_) = scan.hits(changed, "a")
    assert hit.at == again.at == DAYS[150] and hit.z == again.z


def test_no_return_across_a_data_gap_is_scored():
    gap = _market({})
    gap = pd.concat([gap.iloc[:100], gap.iloc[130:] * 0.7])  # 30 days missing, then a level 30% lower
    assert scan.hits(gap, "a") == []


def test_the_scan_command_prints_a_ranked_table_and_refuses_bad_arguments():
    from tests.cli import run_module

    run = run_module("analytics.episodes", "scan", "--format", "json", "--top", "5")
    assert run.returncode == 0, run.stderr
    import json

    rows = json.loads(run.stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["breadth"] for r in rows] == sorted((r["breadth"] for r in rows), reverse=True)
    assert {"tariffs-2025", "yen-carry-2024"} <= {r["library"] for r in rows}  # the two broadest are in the library
    for bad in (("--k", "abc"), ("--k", "٣"), ("--window", "5"), ("--min-breadth", "99")):
        result = run_module("analytics.episodes", "scan", *bad)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, bad


def _overview():
    from tests.apptest_helpers import open_app

    at = open_app("", {"source": "snapshot"})
    assert not at.exception and not at.error
    return at, " ".join(str(h.value) for h in at.get("html"))


def test_the_overview_ranks_the_open_episode_against_the_whole_library_as_a_second_count_does():
    """The sentence's rank recounted from the command line's comparison records (a separate path to the same rows)."""
    import re

    from analytics.episodes import contagion_clock, event_study

    at, _ = _overview()
    html = " ".join(str(c.value).replace("\\", "") for c in at.caption)  # the sentences are escaped captions
    records = event_study.comparison("snapshot", event_study.STUDY_MARKETS, contagion_clock.DEFAULT_DRAWDOWN, None)
    for key, label in (("ndx", "NDX"), ("btc", "BTC")):
        depths = {r["episode"]: r["depth"] for r in records if r["market"] == key}
        mine = depths["thesis-2025"]
        rank = 1 + sum(d < mine for d in depths.values())
        m = re.search(rf"{label}: ([+-][\d.]+)% is the (\d+)\w\w deepest of (\d+)", html)
        assert m, label
        assert (m.group(1), int(m.group(2)), int(m.group(3))) == (f"{mine * 100:+.1f}", rank, len(depths))


def test_the_overview_lists_the_scan_and_each_date_opens_that_sell_off():
    import re
    from html import unescape
    from urllib.parse import parse_qsl, urlsplit

    from analytics import scan
    from analytics.episodes import event_study
    from data_sources.service import get_many
    from tests.apptest_helpers import open_app

    at, html = _overview()
    found = event_study.found_in_data(lambda k, a, b: get_many(list(k), a, b, source="snapshot"), dt_today())
    dates = [f.day.isoformat() for f in found[:15]]
    shown = re.findall(r'<a href="(/\?[^"]*event=\d{4}-\d\d-\d\d[^"]*)">(\d{4}-\d\d-\d\d)</a>', html)
    assert [d for _, d in shown] == dates and dates  # the same ranking, in order
    href, day = shown[len(shown) // 2]
    query = dict(parse_qsl(urlsplit(unescape(href)).query))
    assert query["event"] == day and query["source"] == "snapshot"
    again = open_app("", query)
    assert not again.exception and not again.error
    assert "Showing" in " ".join(str(c.value) for c in again.caption)
    assert scan.SCAN_MARKETS  # the caption states the rule over these markets
    assert "at least 2.5 standard deviations" in " ".join(str(c.value) for c in at.caption)


def dt_today():
    import datetime as dt

    return dt.date.today()
