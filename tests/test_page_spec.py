"""Pages declared once: the URL schema, the section bar, the widgets' bounds and each section's cache key all come
from a page's ``Page`` declaration."""

from __future__ import annotations

import datetime as dt

from components import recorded
from components.i18n import t
from components.page_spec import Page, Section, params_by_page
from components.shell import View
from components.url_state import ALL_SECTIONS, UrlSchema
from tests.apptest_helpers import open_app
from tests.urls import PAGES


def _view(**params) -> View:
    d = dt.date(2025, 11, 21)
    return View("event", d - dt.timedelta(days=42), d + dt.timedelta(days=14), d, "snapshot", "en", d, params)


def test_every_section_is_declared_once_with_a_title_in_both_languages():
    for page in PAGES.values():
        ids = page.section_ids
        assert len(ids) == len(set(ids)), page.id
        for section in page.sections:
            assert (section.build is None) != (section.draw is None), section.id  # recorded or live, not both
            en, zh = t(section.title_key, "en"), t(section.title_key, "zh")
            assert en and zh and en != zh, section.title_key
            assert set(section.reads) <= {p.name for p in page.params}, (page.id, section.id, section.reads)


def test_adding_a_section_is_one_entry_the_url_then_accepts():
    crypto = PAGES["crypto"]
    extra = Section("btc-extra", "cr_h_level", lambda view, out: None)
    grown = Page(crypto.id, crypto.title_key, crypto.icon, crypto.params, (*crypto.sections, extra), crypto.series)
    before = UrlSchema(params_by_page(tuple(PAGES.values())))
    after = UrlSchema(params_by_page((*[p for p in PAGES.values() if p.id != "crypto"], grown)))
    values, notices = after.parse({"section": "btc-extra"})
    assert notices == [] and values["p_section_crypto"] == "btc-extra"
    assert after.to_query(values, "crypto")["section"] == "btc-extra"
    _, refused = before.parse({"section": "btc-extra"})
    assert len(refused) == 1 and "not a section of any page" in refused[0]
    assert grown.section_param.options == (*crypto.section_ids, "btc-extra", ALL_SECTIONS)


def test_a_page_without_a_section_bar_has_no_section_parameter():
    overview = PAGES[""]
    assert not overview.bar and overview.section_param is None
    assert "section" not in UrlSchema(params_by_page(tuple(PAGES.values()))).to_query({}, "")


def test_a_sections_cache_key_keeps_only_the_controls_it_reads():
    crypto = PAGES["crypto"]
    level, corr, wick = (crypto.section(s) for s in ("btc-90k", "btc-ndx-corr", "btc-wick"))
    a = _view(level=90000.0, chart="candles", window=30)
    b = _view(level=90000.0, chart="candles", window=90)  # only the correlation window differs
    assert recorded.cache_key(level, a) == recorded.cache_key(level, b)
    assert recorded.cache_key(wick, a) == recorded.cache_key(wick, b)
    assert recorded.cache_key(corr, a) != recorded.cache_key(corr, b)
    assert recorded.cache_key(corr, a).params == {"window": 30}


def test_widgets_take_their_bounds_and_options_from_the_declaration():
    crypto = PAGES["crypto"]
    at = open_app("crypto", {"source": "snapshot", "section": "all"})
    assert not at.exception
    level = at.number_input(key="p_level")
    assert (level.min, level.max) == crypto.param("level").bounds
    overview = open_app("", {"source": "snapshot"})
    drawdown = overview.number_input(key="p_drawdown")
    assert (drawdown.min, drawdown.max) == PAGES[""].param("drawdown").bounds
    headers = {h.value for h in at.header}
    assert {t(s.title_key, "en") for s in crypto.sections} <= headers
