"""Overview pieces (tiles, break order, events file, scoreboard) and the English/Chinese switch."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from analytics import claims
from analytics.events import load_events
from analytics.overview import tile
from components.i18n import STRINGS, t
from tests.apptest_helpers import PAGE_FILES, chart_count, open_app
from tests.frames import bars

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_events_file_validates():
    events = load_events()
    known_claims = {c.id for c in claims.load_claims()}
    assert len(events) >= 6
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    for e in events:
        assert isinstance(e.date, dt.date)
        ZoneInfo(e.tz)  # a real time zone
        assert set(e.claims) <= known_claims, e.id
        assert e.title_en and e.title_zh and CJK.search(e.title_zh)
        assert e.url.startswith("https://") or e.url.startswith("../shared/"), e.url
        if e.time:
            assert re.fullmatch(r"\d{2}:\d{2}", e.time)
    required = {"nvda-earnings", "sept-payrolls", "softbank-results", "goldman-hynix", "btc-below-90k", "thesis-date"}
    assert required <= set(ids)


def test_btc_event_date_matches_the_data():
    from data_sources import get_series

    btc = get_series("btc", "2025-06-01", "2025-12-31", source="snapshot")
    first = btc[btc["low"] < 90_000]["ts"].iloc[0].date()
    assert first == next(e.date for e in load_events() if e.id == "btc-below-90k")


def test_claims_file_declares_every_rule_and_both_languages():
    declared = {c.id: c for c in claims.load_claims()}
    assert len(declared) == 12
    assert set(claims.RULES) == set(declared)
    for c in declared.values():
        assert c.page in PAGE_FILES and c.text_en and CJK.search(c.text_zh)
        rule = claims.RULES[c.id]
        assert rule.statement and CJK.search(rule.statement_zh) and rule.text("zh") == rule.statement_zh


def test_tiles_read_the_sell_off_session_the_episode_decides():
    f = bars([(0, 0, 0, 100, 0), (0, 0, 0, 90, 0), (0, 0, 0, 99, 0), (0, 0, 0, 98, 0)], start="2025-11-19")
    anchor = pd.Timestamp("2025-11-20 14:30", tz="UTC")  # the thesis's: New York's 20 Nov session closes after it
    ny = tile(f, anchor, "ndx")
    assert ny.event_session == pd.Timestamp("2025-11-20") and ny.event_move == pytest.approx(-0.1)
    assert ny.last == 90 and ny.last_session == ny.event_session  # the big number is that session's close
    assert ny.prev_session is None and ny.range_move == pytest.approx(-0.02)
    tokyo = tile(f, anchor, "nikkei")  # Tokyo's 20 Nov closed at 06:30 UTC, before the anchor: its 21 Nov it is
    assert tokyo.event_session == pd.Timestamp("2025-11-21") and tokyo.event_move == pytest.approx(0.1)
    assert tokyo.prev_session == pd.Timestamp("2025-11-20") and tokyo.prev_move == pytest.approx(-0.1)
    outside = tile(f, pd.Timestamp("2026-03-01", tz="UTC"), "ndx")
    assert outside.event_session is None and outside.event_move is None and outside.last == 98
    y = tile(bars([(0, 0, 0, 4.10, 0), (0, 0, 0, 4.05, 0)], start="2025-11-19"), anchor, "dgs10", in_bp=True)
    assert y.event_move == pytest.approx(-5)


def test_the_text_catalogue_has_both_languages_with_the_same_placeholders_and_every_key_is_read():
    """One catalogue (``data/texts.toml``) holds what the app says: every entry has English and Chinese with the
    same placeholders, and every key is read by the code (its literal, or the f-string prefix that builds it). The
    records with their own text (episodes, claims, events) have both languages in every row."""
    import string
    from pathlib import Path

    from analytics import claims, episodes, lang
    from analytics.events import load_events

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    root = Path(lang.__file__).resolve().parent.parent
    code = (
        "\n".join(
            p.read_text(encoding="utf-8")
            for folder in ("analytics", "components", "pages", "data_sources")
            for p in (root / folder).rglob("*.py")
        )
        + (root / "app.py").read_text()
        + (root / "report.py").read_text()
    )
    built = set(re.findall(r"""f["']([a-z_.]+)\{""", code))  # keys built from a prefix: t(f"verdict_{...}")
    unread, unequal, empty = [], [], []
    for section, entries in lang.catalogue().items():
        for key, entry in entries.items():
            if not (entry.get("en") and entry.get("zh")) or set(entry) != {"en", "zh"}:
                empty.append(f"{section}.{key}")
            elif fields(entry["en"]) != fields(entry["zh"]):
                unequal.append(f"{section}.{key}")
            stem = key.removesuffix(".figure").removesuffix(".detail") if section == "reading" else key
            quoted = f'"{stem}"' in code or f"'{stem}'" in code
            if not quoted and not any(key.startswith(prefix) for prefix in built):
                unread.append(f"{section}.{key}")
    assert not empty and not unequal and not unread, (empty, unequal, unread)
    assert sum(len(v) for v in lang.catalogue().values()) > 500
    # the records' own text
    for e in episodes.library():
        assert e.name("en") and e.name("zh") and e.description("en") and e.description("zh"), e.id
    for c in claims.load_claims():
        assert c.text_en and c.text_zh, c.id
    for ev in load_events():
        assert ev.title_en and ev.title_zh, ev.id
    # and nothing outside the catalogue speaks Chinese but date formats and the language's own name
    speaks = [
        f"{p.relative_to(root)}:{n}"
        for folder in ("analytics", "components", "pages", "data_sources")
        for p in (root / folder).rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if CJK.search(re.sub("[年月日]|中文", "", line))  # date units of a format, and the language's own name
    ]
    assert not speaks, speaks
    assert t("ov_tiles", "zh") == "主要资产涨跌"
    with pytest.raises(KeyError):
        t("no_such_string", "en")


@pytest.mark.parametrize("page", list(PAGE_FILES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_in_both_languages(page, lang):
    at = open_app(page, {"source": "snapshot", "lang": lang, "section": "all"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert chart_count(at) >= 1
    title = at.title[0].value
    assert bool(CJK.search(title)) == (lang == "zh"), title
    headers = [h.value for h in at.header] + [h.value for h in at.subheader]
    if lang == "zh":
        assert headers and all(CJK.search(h) for h in headers), headers
    # verdict lines ("verdict · reading") read in the page's language after the verdict too
    readings = [m.value.split("·", 1)[1] for m in at.markdown if m.value.startswith(":") and "·" in m.value]
    if page != "":
        assert readings and all(bool(CJK.search(r)) == (lang == "zh") for r in readings), readings
    else:
        board = next(h.proto.body for h in at.get("html") if '<span class="sl-pill' in h.proto.body)
        from analytics import claims

        stated = claims.RULES["duration"].text(lang)[:30]  # the board shows each rule in the page's language
        assert stated in board and (claims.RULES["duration"].text("zh")[:30] in board) == (lang == "zh")
    assert at.query_params.get("lang", "en") == lang


def test_every_verdict_reads_in_chinese_with_the_same_figures():
    """On the snapshot, each claim's reading exists in both languages and carries the same numbers and dates."""
    from data_sources import get_many

    needs, lookback = claims.data_needs()
    start, end, event = dt.date(2025, 10, 10), dt.date(2025, 12, 5), dt.date(2025, 11, 21)
    frames = get_many(list(needs), start - dt.timedelta(days=lookback), end, source="snapshot")
    frames["ndx"] = (
        frames["ndx"]
        if not frames["ndx"].empty
        else get_many(["qqq"], start - dt.timedelta(days=lookback), end, source="snapshot")["qqq"]
    )
    # dates, decimals, percentages, thousands
    number = re.compile(r"\d{4}-\d{2}-\d{2}|[+-]?\d+(?:,\d{3})*\.\d+%?|[+-]?\d+(?:,\d{3})*%|\d{1,3}(?:,\d{3})+")
    for claim, result, _ in claims.scoreboard(frames, claims.Context(start, end, event)):
        zh = result.text("zh")
        assert CJK.search(zh) and result.text("en") == result.detail, claim.id
        assert set(number.findall(result.detail)) == set(number.findall(zh)), (claim.id, result.detail, zh)
    missing = claims.evaluate("btc-90k", {}, claims.Context(start, end, event))
    assert missing.verdict == claims.NOT_TESTABLE and CJK.search(missing.text("zh"))


@pytest.mark.parametrize("page", ["crypto", "global-tech", "macro"])
def test_chart_axes_and_legends_follow_the_language(page):
    """Every drawn chart's axis titles and named traces carry no English words of ours in Chinese."""
    import json

    ours = re.compile(
        r"\b(return|correlation|volume|thesis|reported|computed|relative|percentage|thousands|month|"
        r"payrolls|unemployment|funding|close)\b"
    )
    for lang in ("en", "zh"):
        at = open_app(page, {"source": "snapshot", "lang": lang, "section": "all"})
        words = []
        for el in at.get("plotly_chart"):
            spec = json.loads(el.proto.spec)
            layout = spec["layout"]
            axes = [ax for name, ax in layout.items() if name.startswith(("xaxis", "yaxis")) and isinstance(ax, dict)]
            words += [ax["title"]["text"] for ax in axes if ax.get("title", {}).get("text")]
            words += [tr["name"] for tr in spec["data"] if tr.get("name") and tr.get("showlegend", True) is not False]
        english = [w for w in words if ours.search(w)]
        assert bool(english) == (lang == "en"), (lang, english)


def test_missing_series_say_why_in_the_readers_language():
    from components.badges import error_text
    from data_sources import get_many

    absent = get_many(["zq_dec25"], "2025-11-01", "2025-11-30", source="snapshot")["zq_dec25"]
    early = get_many(["btc"], "2010-01-01", "2010-02-01", source="snapshot")["btc"]
    hourly = get_many(["nvda"], "2025-11-20", "2025-11-22", interval="1h", source="snapshot")["nvda"]
    funding = get_many(["btc_funding"], "2025-11-20", "2025-11-22", source="snapshot")["btc_funding"]
    for frame, code in (
        (absent, "snapshot_absent"),
        (early, "snapshot_range"),
        (hourly, "snapshot_interval"),
        (funding, "snapshot_intraday_only"),
    ):
        assert frame.empty and frame.attrs["error_code"] == code
        assert error_text(frame, "en") == frame.attrs["error"]
        # the table's English twin of the data layer's sentence stays word for word the same
        assert t(f"err_{code}", "en", **frame.attrs["error_params"]) == frame.attrs["error"]
        zh = error_text(frame, "zh")
        assert CJK.search(zh) and frame.attrs["label"] in zh, zh
    first = re.search(r"from (\S+) to (\S+)", early.attrs["error"]).groups()
    assert all(d in error_text(early, "zh") for d in first)


def test_a_claim_without_data_names_the_series_as_a_reader_knows_it():
    from data_sources import get_many

    frames = get_many(["sk_hynix"], "2010-01-01", "2010-02-01", source="snapshot")
    result = claims.evaluate(
        "hbm-cycle", frames, claims.Context(dt.date(2010, 1, 1), dt.date(2010, 2, 1), dt.date(2010, 1, 20))
    )
    label = frames["sk_hynix"].attrs["label"]
    assert result.verdict == claims.NOT_TESTABLE and label != "sk_hynix"
    assert label in result.text("en") and label in result.text("zh") and "sk_hynix" not in result.text("en")


def test_a_missing_series_also_says_why_its_stand_in_could_not_serve():
    from components.badges import error_text
    from components.data import load_proxied

    frames = load_proxied(("ndx",), dt.date(2026, 7, 20), dt.date(2026, 8, 20), "snapshot")  # QQQ ends in May 2026
    assert frames["ndx"].empty and frames["ndx"].attrs["stand_in"]["label"] == "QQQ"
    en, zh = error_text(frames["ndx"], "en"), error_text(frames["ndx"], "zh")
    assert en.startswith(frames["ndx"].attrs["error"]) and "; its stand-in QQQ: the snapshot holds QQQ only from" in en
    assert "替代序列 QQQ：快照中的 QQQ 仅覆盖" in zh


def test_chinese_mode_words_the_chart_style_the_snapshot_and_the_markets():
    crypto = open_app("crypto", {"source": "snapshot", "lang": "zh", "section": "btc-90k"})
    style = next(r for r in crypto.radio if r.key == "p_chart")
    assert list(style.options) == ["K 线", "折线"]  # AppTest lists the options as shown
    captions = " ".join(str(c.value) for c in crypto.caption).replace("\\", "")
    assert "内置快照" in captions and ": snapshot," not in captions
    overview = open_app("", {"source": "snapshot", "lang": "zh"})
    tiles = " ".join(str(h.value) for h in overview.get("html"))
    assert "纽约抛售交易时段" in tiles and "New York" not in tiles


def test_a_stand_in_is_labelled_as_one_in_the_readers_language(snapshot_without):
    from components.data import load_proxied
    from data_sources import catalog

    snapshot_without("ndx")  # the real snapshot has the index from 2020: take it out, keep QQQ
    first, last = dt.date(2023, 3, 1), dt.date(2023, 4, 28)
    en = load_proxied(("ndx",), first, last, "snapshot")["ndx"]
    zh = load_proxied(("ndx",), first, last, "snapshot", lang="zh")["ndx"]
    assert not en.empty and en.attrs["proxy_for"] == "ndx" and en.attrs["served_key"] == "qqq"
    assert en.attrs["label"] == f"QQQ (stands in for {catalog.label('ndx')})" and en.attrs["label"].startswith("QQQ")
    assert zh.attrs["label"].startswith("QQQ") and f"（替代 {catalog.label('ndx')}）" in zh.attrs["label"]
    assert "stands in" not in zh.attrs["label"]


def _chinese_texts() -> list[str]:
    """Every Chinese string the app shows: the catalogue, the claims' wording, statements and texts, the episode
    library and the dated events (their marker keys and the timeline)."""
    from analytics import claims, episodes
    from analytics.claims import wording
    from analytics.events import load_events

    texts = [v.get("zh", "") for v in STRINGS.values()]
    texts += [
        zh
        for table in (wording.PARTS, wording.DECIDED, wording.NOT_TESTABLE, wording.READINGS)
        for _, zh in table.values()
    ]
    texts += [r.statement_zh for r in claims.RULES.values()] + [c.text_zh for c in claims.load_claims()]
    texts += [e.name("zh") + e.description("zh") for e in episodes.library()]
    return texts + [e.title("zh") for e in load_events()]


def test_the_thesis_is_called_the_source_article_in_chinese_never_a_dissertation():
    """The thesis is a market article (``../shared/thesis``): 原文, not 论文 (a dissertation), in every Chinese
    string the app shows (the i18n table, the claims' wording and statements, the episode library)."""
    texts = _chinese_texts()
    assert not [x for x in texts if "论文" in x]
    assert any("原文" in x for x in texts)


def test_chinese_text_names_markets_and_counts_as_the_page_does():
    """Under lang=zh a market keeps the name its tile, legend and table show (series names stay in English, README
    *URL parameters*), and a change in a count is written as the readings write it (+119k, not +11.9 万): one row
    never says "SK Hynix" and "SK 海力士", or "+108k" beside "+11.9 万". Every Chinese string is read: the
    catalogue, the claims' wording and statements, the episode library and the dated events (marker keys,
    timeline)."""
    from analytics.events import load_events

    texts = _chinese_texts()
    assert not [x for x in texts if "海力士" in x]
    assert not [x for x in texts if re.search(r"[+\-−]\d[\d.]*\s*万", x)]  # a change counted (9 万美元 is a price)
    assert any("SK Hynix" in x for x in texts) and any("119k" in e.title("zh") for e in load_events())


def test_in_chinese_a_rise_is_red_and_a_fall_green_on_candles_and_tiles():
    """The Chinese convention (README: *Languages*): under lang=zh the crypto page's candles rise in the theme's red
    and the overview's tiles colour a fall green; in English a rise is green."""
    import json

    from components import theme
    from components.tables import TONE_COLOR
    from components.tiles import move_tone

    def candle_colours(lang: str) -> tuple[str, str]:
        at = open_app("crypto", {"source": "snapshot", "lang": lang, "section": "btc-90k"})
        specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
        candles = [tr for spec in specs for tr in spec["data"] if tr.get("type") == "candlestick"]
        assert candles, lang
        return candles[0]["increasing"]["line"]["color"], candles[0]["decreasing"]["line"]["color"]

    ink = theme.DARK  # AppTest runs without a browser theme: dark
    assert candle_colours("en") == (ink.up, ink.down)
    assert candle_colours("zh") == (ink.down, ink.up)
    assert TONE_COLOR[move_tone(-0.05, False, red_up=True)] == TONE_COLOR["good"]  # green
    assert TONE_COLOR[move_tone(+0.05, True, red_up=True)] == TONE_COLOR["bad"]  # VIX up: red, a rise
    assert TONE_COLOR[move_tone(+0.05, False)] == TONE_COLOR["good"]
