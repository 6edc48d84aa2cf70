"""One sell-off, one set of facts: a claim's verdict, deciding part, figure and reading are the same on the overview's
scoreboard, in its page's section and in the command line, on every episode; each tile reads the episode's
sell-off session for its market."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import claims, episodes, timeline
from analytics.returns import close_series
from components import url_state
from components.recorded import Recording
from components.shell import View
from data_sources import data_end, get_many

EPISODES = episodes.ids()  # every episode in the library


def _view(episode_id: str, lang: str = "en") -> View:
    ep = episodes.by_id(episode_id)
    start, end = url_state.resolve_range("event", data_end("snapshot"), ep.event_date)
    return View("event", start, end, ep.event_date, "snapshot", lang, data_end("snapshot"), {}, episode=episode_id)


def _facts(result: claims.Result) -> tuple:
    return (result.verdict, result.decided_by, result.figure, result.detail)


def _section_results(view: View) -> dict[str, claims.Result]:
    """Every verdict each analysis page's sections draw for ``view``, by the claim it judges (the claim id that
    starts the reading's code; a not-testable reading is matched by its text)."""
    from components import shell
    from pages import declared

    shell.use_pages(declared())  # what the app frame does once per run: the URL schema the views read
    found: dict[str, claims.Result] = {}
    for page in declared()[1:]:
        for section in page.sections:
            if section.build is None:
                continue
            out = Recording(view.lang)
            section.build(view, out)
            for op in out.ops:
                if op[0] == "verdict":
                    result = op[1]
                    claim = result.code.split(".")[0]
                    found[claim if claim in claims.RULES else f"{section.id}:{result.code}"] = result
    return found


@pytest.mark.parametrize("episode_id", EPISODES)
def test_every_claim_reads_the_same_on_the_overview_in_its_section_and_in_the_cli(episode_id):
    from analytics.scoreboard import rows
    from pages import overview

    view = _view(episode_id)
    _, lookback = claims.data_needs()
    board = {
        c.id: r
        for c, r, _ in overview._scoreboard_rows(
            overview.BoardKey(view.start, view.end, view.event, "snapshot", 90_000.0, 60, lookback, view.thesis)
        )
    }
    cli = {r["id"]: r for r in rows("snapshot", view.event, view.start, view.end)}
    sections = _section_results(view)
    judged = [cid for cid, r in board.items() if r.verdict != claims.NOT_TESTABLE]
    assert judged, episode_id  # the episode has claims the data can judge
    for cid, result in board.items():
        row = cli[cid]
        assert (row["verdict"], row["decided_by"], row["figure"], row["reading"]) == _facts(result), (episode_id, cid)
        if cid in sections:
            assert _facts(sections[cid]) == _facts(result), (episode_id, cid)
    # every claim the overview judges is judged the same way in a section of its page
    for cid in judged:
        if cid != "whales":
            assert cid in sections, (episode_id, cid)


@pytest.mark.parametrize("episode_id", EPISODES)
def test_each_tile_reads_the_episodes_sell_off_session_and_its_price_and_move_share_it(episode_id):
    from analytics.overview import tile
    from pages.overview import TILES

    view = _view(episode_id)
    ep = view.sell_off
    frames = get_many(list(TILES), view.start - dt.timedelta(days=30), view.end, source="snapshot")
    for key in TILES:
        info = tile(frames[key], ep.anchor, key)
        if info is None or info.event_session is None:
            continue
        bars = timeline.bars(close_series(frames[key]), key)
        first_after = bars.index[bars["close"] > ep.anchor][0]
        assert info.event_session == first_after, (episode_id, key)
        assert info.last_session == info.event_session and info.last == pytest.approx(bars.at[first_after, "value"])


def test_the_same_to_date_link_opens_the_same_dates_on_every_page():
    from tests.apptest_helpers import open_app

    shown = {}
    for page in ("", "crypto", "global-tech", "macro"):
        at = open_app(page, {"source": "snapshot", "range": "1m", "to": "latest"})
        assert not at.exception, page
        shown[page] = [c.value for c in at.sidebar.caption if c.value.startswith("Showing")]
    assert len({tuple(v) for v in shown.values()}) == 1 and shown[""], shown
    # and the end is the latest date every page's series share, which the sidebar names
    from components import shell
    from data_sources import data_end
    from pages import declared

    shell.use_pages(declared())
    end = data_end("snapshot", shell.app_series())
    assert shown[""][0].endswith(end.isoformat()) and shell.to_date_set_by("snapshot", end)


@pytest.mark.parametrize("key", ["", "test-key"])
def test_the_whales_reading_is_the_same_on_the_overview_in_its_section_and_in_the_cli(monkeypatch, key):
    """Whether an on-chain source is configured is read once, by every claims context (once the crypto page's alone)."""
    from analytics.scoreboard import rows
    from pages import overview

    monkeypatch.setenv("GLASSNODE_API_KEY", key)
    view = _view("thesis-2025")
    _, lookback = claims.data_needs()
    overview._scoreboard_rows.clear()
    board = {
        c.id: r
        for c, r, _ in overview._scoreboard_rows(
            overview.BoardKey(view.start, view.end, view.event, "snapshot", 90_000.0, 60, lookback, True)
        )
    }
    section = [
        r for r in _section_results(view).values() if r.verdict == claims.NOT_TESTABLE and "on-chain" in r.detail
    ]
    cli = next(r for r in rows("snapshot", view.event, view.start, view.end) if r["id"] == "whales")
    assert section and _facts(section[0]) == _facts(board["whales"])
    assert cli["reading"] == board["whales"].detail
    assert (board["whales"].code == "onchain_adapter") == bool(key)


def test_one_line_sums_the_scoreboard_up_in_both_languages():
    from collections import Counter

    from pages.overview import score_summary

    counted = Counter({claims.SUPPORTED: 6, claims.MIXED: 1, claims.CONTRADICTED: 3, claims.NOT_TESTABLE: 2})
    assert score_summary(counted, "en") == "**12 claims**: 6 supported, 1 mixed, 3 contradicted, 2 not testable here."
    assert score_summary(counted, "zh").startswith("**共 12 项观点**：6 数据支持，1 部分成立")
