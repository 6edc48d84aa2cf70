"""URL parameters: parsing, fallbacks with notices, range resolution, canonical links; fuzzed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import episodes
from components import url_state
from components.text import md_escape
from components.url_state import resolve_range
from tests.urls import ALL_PARAMS, PAGES, SCHEMA, SECTION_PARAMS, parse_query, to_query

D = dt.date


def test_defaults_without_parameters():
    values, notices = parse_query({})
    assert notices == []
    assert values["g_range"] == "event" and values["g_event"] == D(2025, 11, 21) and values["g_source"] == "auto"
    assert values["p_window"] == 60 and values["p_level"] == 90000.0


def test_full_link_round_trips():
    query = {
        "range": "custom",
        "start": "2025-10-01",
        "end": "2025-12-05",
        "event": "2025-11-20",
        "source": "snapshot",
        "window": "90",
        "level": "85000",
    }
    values, notices = parse_query(query)
    assert notices == []
    assert (values["g_start"], values["g_end"]) == (D(2025, 10, 1), D(2025, 12, 5))
    out = to_query(values, "crypto")
    assert out == {**query, "chart": "candles", "section": "btc-90k"}


def test_section_is_one_name_shared_by_the_pages_and_each_page_keeps_its_own():
    values, notices = parse_query({"section": "btc-wick"})
    assert notices == []
    assert values["p_section_crypto"] == "btc-wick" and values["p_section_macro"] == "cut-odds"
    assert to_query(values, "crypto")["section"] == "btc-wick"
    assert to_query(values, "macro")["section"] == "cut-odds"
    assert "section" not in to_query(values, "")
    values, _ = parse_query({"section": "ALL"})
    assert {values[p.state_key] for p in SECTION_PARAMS.values()} == {"all"}
    values, notices = parse_query({"section": "../wick"})
    assert values["p_section_crypto"] == "btc-90k"
    assert len(notices) == 1 and "**section**" in notices[0] and "not a section of any page" in notices[0]


def test_every_claim_with_a_page_section_is_a_section_id():
    from analytics.claims import load_claims

    for claim in load_claims():
        assert claim.id in PAGES[claim.page].section_ids, claim.id


def test_each_bad_value_falls_back_alone_with_one_notice():
    values, notices = parse_query(
        {"range": "weekly", "event": "2025-02-30", "source": "../../etc", "window": "45", "lang": "zh"}
    )
    assert values["g_range"] == "event" and values["g_event"] == D(2025, 11, 21) and values["g_source"] == "auto"
    assert values["p_window"] == 60
    assert values["g_lang"] == "zh"  # the good parameter still applies
    assert len(notices) == 4
    for name in ["range", "event", "source", "window"]:
        assert any(f"**{name}**" in n for n in notices)


def test_custom_range_rules():
    _, n1 = parse_query({"range": "custom", "start": "2025-12-05", "end": "2025-10-01"})
    assert "after end" in n1[0]
    _, n2 = parse_query({"range": "custom", "start": "1995-01-01", "end": "2025-01-01"})
    assert "20 years" in n2[0]
    v3, n3 = parse_query({"range": "custom", "start": "2025-10-01"})
    assert "needs both" in n3[0] and v3["g_range"] == "event"


def test_repeated_and_overlong_parameters():
    values, notices = parse_query({"source": ["live", "snapshot"], "range": "1m" * 150})
    assert values["g_source"] == "auto" and values["g_range"] == "event"
    assert any("2 times" in n for n in notices) and any("too long" in n for n in notices)


def test_markup_in_values_is_quoted_inert():
    _, notices = parse_query({"source": "<img src=x onerror=alert(1)>", "range": "[x](javascript:alert(1))"})
    for n in notices:
        # the value only ever appears inside a code span, with no backtick of its own to break out
        quoted = n.split("`")
        assert len(quoted) == 3
    assert md_escape("[x](javascript:1) $x$ <b>") == r"\[x\]\(javascript\:1\) \$x\$ \<b\>"


def test_levels_carry_their_currency():
    from components.text import fmt_level

    assert fmt_level(542907.0, "KRW") == "₩542,907"
    assert fmt_level(89387.756, "USD") == "$89,387.76"
    assert fmt_level(50491.87, "points") == "50,491.87"
    assert fmt_level(4.137, "%") == "4.14%"


def test_unknown_assets_and_parameters():
    values, notices = parse_query({"assets": "nvda,../../x,msft", "utm_source": "newsletter"})
    assert values["p_assets"] == ALL_PARAMS["assets"].default
    assert len(notices) == 1 and "1 unknown asset" in notices[0] and "../../x" in notices[0]
    values, _ = parse_query({"assets": "NVDA, softbank ,nvda"})
    assert values["p_assets"] == ("nvda", "softbank")


def test_presets_are_windows_around_the_event_that_keep_days_after_it():
    end = D(2026, 3, 6)
    ev = D(2025, 11, 21)
    assert resolve_range("5d", end, ev) == (D(2025, 11, 14), D(2025, 11, 24))
    assert resolve_range("1m", end, ev) == (D(2025, 10, 21), D(2025, 11, 28))
    assert resolve_range("3m", end, ev) == (D(2025, 8, 21), D(2025, 12, 5))
    assert resolve_range("ytd", end, ev) == (D(2025, 1, 1), D(2025, 12, 5))
    assert resolve_range("1y", end, ev) == (D(2024, 11, 21), D(2025, 12, 21))
    assert resolve_range("event", end, ev) == (D(2025, 10, 10), D(2025, 12, 5))
    assert resolve_range("custom", end, ev, D(2025, 1, 1), D(2025, 2, 1)) == (D(2025, 1, 1), D(2025, 2, 1))
    # the days after are cut where the data end, but never before the event itself
    assert resolve_range("1m", D(2025, 11, 25), ev) == (D(2025, 10, 21), D(2025, 11, 25))
    assert resolve_range("1m", D(2025, 11, 1), ev)[1] == ev
    for preset in ("5d", "1m", "3m", "6m", "ytd", "1y", "event"):
        for event in (D(2024, 8, 5), D(2025, 1, 27), D(2025, 4, 4), ev):
            start, stop = resolve_range(preset, end, event)
            assert start < event <= stop, (preset, event)


def test_to_date_presets_count_back_from_the_data_end():
    end = D(2026, 3, 6)
    ev = D(2025, 11, 21)
    assert resolve_range("1m", end, ev, anchor="latest") == (D(2026, 2, 6), end)
    assert resolve_range("ytd", end, ev, anchor="latest") == (D(2026, 1, 1), end)
    assert resolve_range("5d", end, ev, anchor="latest") == (D(2026, 2, 27), end)


def test_one_date_rule_for_url_and_pickers_no_future_dates(monkeypatch):
    today = url_state.latest_date()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    values, notices = parse_query({"event": tomorrow})
    assert values["g_event"] == ALL_PARAMS["event"].default and "**event**" in notices[0] and "today" in notices[0]
    values, notices = parse_query({"range": "custom", "start": "2026-01-01", "end": tomorrow})
    assert values["g_range"] == "event" and any("**end**" in n for n in notices)
    assert parse_query({"event": today.isoformat()})[0]["g_event"] == today


def test_pinned_link_writes_custom_dates():
    values, _ = parse_query({"range": "1m"})
    out = to_query(values, "", pinned=(D(2026, 2, 6), D(2026, 3, 6)))
    assert out["range"] == "custom" and out["start"] == "2026-02-06" and out["end"] == "2026-03-06"


_names = st.sampled_from([*SCHEMA.by_query_name, "x", "Range", ""])
_values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "2025-11-21",
            "2025-02-30",
            "0000-00-00",
            "9999-12-31",
            "custom",
            "event",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "90",
            "-1",
            "1e9",
            "nan",
            "nvda,msft",
            ",,,",
            "%00",
            "live",
        ]
    ),
    st.lists(st.text(max_size=20), min_size=0, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_names, _values, max_size=8))
def test_fuzz_parse_query_never_raises_and_always_yields_valid_state(query):
    values, notices = parse_query(query)
    assert values["g_range"] in url_state.PRESETS
    assert values["g_source"] in ("auto", "live", "snapshot")
    assert isinstance(values["g_event"], dt.date)
    assert values["p_window"] in (30, 60, 90)
    for page, param in SECTION_PARAMS.items():
        assert values[param.state_key] in (*PAGES[page].section_ids, url_state.ALL_SECTIONS)
    if values["g_range"] == "custom":
        assert values["g_start"] <= values["g_end"]
        assert (values["g_end"] - values["g_start"]).days <= url_state.MAX_SPAN_DAYS
    start, end = resolve_range(
        values["g_range"], D(2026, 8, 22), values["g_event"], values["g_start"], values["g_end"], values["g_to"]
    )
    assert start <= end
    if values["g_range"] != "custom" and values["g_to"] == "event":
        assert start <= values["g_event"] <= end
    for n in notices:
        assert n.count("`") in (0, 2) and len(n) < 400
    assert to_query(values, "crypto")["range"] in url_state.PRESETS
    chosen = episodes.by_id(values["g_episode"])
    assert values["g_episode"] == url_state.CUSTOM_EPISODE or chosen.event_date == values["g_event"]
    # the round trip: whatever a link held, the link the app writes back reopens exactly that view, silently
    for page in SCHEMA.page_params:
        again, again_notices = parse_query(to_query(values, page))
        assert again_notices == [], (page, again_notices)
        keys = [p.state_key for p in (*url_state.GLOBAL_PARAMS, *SCHEMA.page_params[page])]
        if values["g_range"] != "custom":
            keys = [k for k in keys if k not in ("g_start", "g_end")]  # not written: the preset decides them
        assert {k: again[k] for k in keys} == {k: values[k] for k in keys}, page


def test_url_notices_are_worded_in_the_links_language():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    bad = {"event": "2025-02-30", "window": "7", "range": ["1m", "3m"], "assets": "nvda,zzz", "section": "nope"}
    _, zh = parse_query({**bad, "lang": "zh"})
    _, en = parse_query(bad)
    assert len(zh) == len(en) == 5
    assert all(cjk.search(n) and "URL parameter" not in n and "using the default" not in n for n in zh), zh
    assert all(n.startswith("URL parameter") for n in en)
    _, custom = parse_query({"range": "custom", "start": "2025-12-01", "end": "2025-11-01", "lang": "zh"})
    assert cjk.search(custom[0]) and "2025-12-01" in custom[0]


@pytest.mark.parametrize(
    "query, says",
    [
        ({"range": ""}, "**range** (empty) is not one of"),
        ({"compare": ",,,"}, "lists no episode"),
        ({"drawdown": "0.4999999"}, "is outside 0.5 to 20"),  # a plain number, out of bounds: said so
        ({"drawdown": "٣"}, "is not a plain number"),  # Arabic-Indic 3: only ASCII digits are numbers here
        ({"level": "９００００"}, "is not a plain number"),  # full-width digits
        ({"window": "٣٠"}, "is not one of 30, 60, 90"),
        ({"event": "٢٠٢٥-11-21"}, "is not a date in YYYY-MM-DD form"),
    ],
)
def test_notices_say_plainly_what_is_wrong_and_only_ascii_digits_are_numbers(query, says):
    values, notices = SCHEMA.parse(query)
    assert len(notices) == 1 and says in notices[0] and "``" not in notices[0], notices
    for name in ("drawdown", "level", "window"):  # the defaults stand
        param = SCHEMA.all[name]
        assert values[param.state_key] == param.default, name
