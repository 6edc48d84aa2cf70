"""Every preset and every sell-off of the library, on every page, checked on what each section records (no
browser): no empty chart, no nan/None/inf in what the page would say, a tile says n/a only for a series the
snapshot does not hold on those dates. One browser walk per page stays in ``test_browser.py``."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import numpy as np
import pytest

from analytics import episodes
from components import page_run, recorded, shell
from components.recorded import _flat, cache_key
from data_sources import data_end, get_many
from tests.urls import PAGES, parse_query

# every preset on the thesis's date, every episode of the library (by its id), a preset on another, "to date"
PRESET_EVENTS = (
    [({"range": p}, "2025-11-21") for p in ("5d", "1m", "3m", "6m", "ytd", "1y", "event")]
    + [({"range": "event", "episode": e.id}, e.event_date.isoformat()) for e in episodes.library()]
    + [({"range": "1m"}, "2025-04-04")]
    + [({"range": "5d", "to": "latest"}, "2025-11-21"), ({"range": "1y", "to": "latest"}, "2025-11-21")]
)
BAD_WORDS = re.compile(r"\b(?:nan|NaN|None|inf)\b|nan%")


def _view(page_id: str, query: dict[str, str]) -> shell.View:
    """The view a link opens, as the frame builds it (the URL schema, the app's one "to date")."""
    page_run.declare(tuple(PAGES.values()))  # what the frame does once per run: schema and recorded builds
    state, notices = parse_query({**query, "source": "snapshot"})
    assert not notices, notices
    return shell.view_of(state, page_id, data_end("snapshot", shell.app_series()), "dark")


def _values(trace: dict) -> int:
    """How many drawn values a trace holds (y, z or close; NaN and None are not values)."""

    def count(v: object) -> int:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return 0
        if isinstance(v, np.ndarray):
            return int(np.count_nonzero(~np.isnan(v))) if v.dtype.kind == "f" else sum(count(x) for x in v.tolist())
        if isinstance(v, (list, tuple)):
            return sum(count(x) for x in v)
        return 1

    return sum(count(trace.get(k)) for k in ("y", "z", "close"))


def _texts(op: tuple) -> list[str]:
    """What a recorded op shows the reader as text."""
    kind, args = op[0], op[1:]
    if kind in ("note", "caption", "info", "html"):
        return [str(args[0])]
    if kind == "range_info":
        return [json.dumps(args[-1], default=str)]
    if kind == "verdict":
        result = args[0]
        return [result.figure_text(args[1]), result.text(args[1]), result.decided_text(args[1])]
    if kind == "chart":
        layout = args[0].get("layout", {})
        titles = [str((layout.get("title") or {}).get("text") or ""), str(args[3] or "")]
        return titles + [str(a.get("text") or "") for a in layout.get("annotations", [])]
    return []


def _covered(label: str, view: shell.View) -> bool:
    from data_sources import catalog

    key = next(k for k, s in catalog.CATALOG.items() if s.label == label)
    return not get_many([key], view.start, view.end, source="snapshot")[key].empty


@pytest.mark.parametrize("page_id", list(PAGES))
def test_every_preset_and_sell_off_records_no_empty_chart_and_no_nan(page_id):
    page = PAGES[page_id]
    problems = []
    for query, event in PRESET_EVENTS:
        view = _view(page_id, {**query, "event": event})
        for section in page.sections:
            if section.build is None:  # the live scoreboard: its readings are held by the claims' own tests
                continue
            key = cache_key(section, view)
            ops = recorded._record(page_id, section.id, _flat(key), key)
            for op in ops:
                if op[0] == "chart":
                    data = op[1].get("data", [])
                    if data and not any(_values(tr) for tr in data):
                        problems.append((query, event, section.id, "empty chart", op[2]))
                for text in _texts(op):
                    found = BAD_WORDS.findall(re.sub(r"<[^>]+>", " ", text))
                    if found:
                        problems.append((query, event, section.id, "nan/None/inf", found[:3]))
                if page_id == "" and op[0] == "html" and 'class="sl-tiles"' in op[1]:
                    for label, value in re.findall(
                        r'<div class="sl-label">([^<]*)</div><div class="sl-value">([^<]*)</div>', op[1]
                    ):
                        if value == "n/a" and _covered(label.split(" (")[0], view):
                            problems.append((query, event, "tiles", "n/a for a covered series", label))
    assert not problems, problems[:10]


def test_the_walk_sees_an_empty_chart_and_a_nan_when_there_is_one():
    """The walk's own checks can fail: an empty trace and a 'nan' in a note are both caught."""
    assert _values({"y": [None, float("nan")]}) == 0 and _values({"y": [1.0, None]}) == 1
    assert _values({"close": np.array([np.nan, np.nan], dtype="float32")}) == 0
    assert BAD_WORDS.findall("move nan% on None, 1.5 fine") == ["nan", "None"]
    assert dt.date(2025, 11, 21).isoformat() in {e for _, e in PRESET_EVENTS}
