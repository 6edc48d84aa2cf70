"""The sell-off scan on constructed closes: it finds exactly the planted sell-offs, by its stated rule."""

from __future__ import annotations

import subprocess
import sys
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
    run = subprocess.run(
        [sys.executable, "-m", "analytics.episodes", "scan", "--format", "json", "--top", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    import json

    rows = json.loads(run.stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["breadth"] for r in rows] == sorted((r["breadth"] for r in rows), reverse=True)
    assert {"tariffs-2025", "yen-carry-2024"} <= {r["library"] for r in rows}  # the two broadest are in the library
    for bad in (("--k", "abc"), ("--k", "٣"), ("--window", "5"), ("--min-breadth", "99")):
        result = subprocess.run(
            [sys.executable, "-m", "analytics.episodes", "scan", *bad], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 2 and result.stderr.count("\n") == 1, bad
