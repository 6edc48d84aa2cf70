"""The typed series metadata (``data_sources.meta``): what a served frame says about itself, stand-ins included,
and the stand-in chosen inside the data layer (``get_many(proxies=True)``)."""

from __future__ import annotations

import datetime as dt

from data_sources import get_many
from data_sources.meta import SeriesMeta, label, meta
from data_sources.schema import empty_frame
from data_sources.service import with_stand_ins
from tests.frames import bars


def _served(key: str, **attrs):
    frame = bars([(1, 1, 1, 1, 1)] * 3)
    frame.attrs.update(key=key, **attrs)
    return frame


def test_a_stand_in_is_labelled_as_one_and_keeps_its_own_catalog_key():
    missing = empty_frame()
    missing.attrs.update(key="ndx", label="Nasdaq-100", error="no data", error_code="no_rows")
    qqq = _served("qqq", label="QQQ", source="snapshot", as_of="2026-08-22T00:00:00")
    frames = with_stand_ins({"ndx": missing}, lambda wanted: {"qqq": qqq})
    info = meta(frames["ndx"])
    assert isinstance(info, SeriesMeta) and info.is_stand_in
    assert info.label == "QQQ (stands in for NDX)" and info.proxy_for == "ndx" and info.catalog_key == "qqq"
    assert label(frames, "ndx", "x") == info.label and label(frames, "spx", "S&P 500") == "S&P 500"


def test_a_stand_in_that_has_nothing_either_says_why_on_the_missing_series():
    missing = empty_frame()
    missing.attrs.update(key="ndx", label="Nasdaq-100", error="no data")
    none_either = empty_frame()
    none_either.attrs.update(key="qqq", label="QQQ", error="offline", error_code="offline", error_params={"n": 1})
    info = meta(with_stand_ins({"ndx": missing}, lambda wanted: {"qqq": none_either})["ndx"])
    assert not info.is_stand_in and info.error == "no data"
    assert (
        info.stand_in.label == "QQQ"
        and info.stand_in.error_code == "offline"
        and info.stand_in.error_params == {"n": 1}
    )


def test_get_many_chooses_stand_ins_only_when_asked(snapshot_without):
    snapshot_without("ndx")  # the real snapshot has the index from 2020: take it out, keep QQQ
    start, end = dt.date(2023, 3, 1), dt.date(2023, 3, 31)
    plain = get_many(["ndx", "spx"], start, end, source="snapshot")
    proxied = get_many(["ndx", "spx"], start, end, source="snapshot", proxies=True)
    assert plain["ndx"].empty and meta(plain["ndx"]).error
    stand_in = meta(proxied["ndx"])
    assert stand_in.is_stand_in and stand_in.catalog_key == "qqq" and not proxied["ndx"].empty
    assert list(proxied["ndx"]["close"]) == list(get_many(["qqq"], start, end, source="snapshot")["qqq"]["close"])
    spx = meta(proxied["spx"])  # a series with data is never replaced
    assert not spx.is_stand_in and spx.source == "snapshot" and spx.as_of and spx.provenance
    assert list(proxied["spx"]["close"]) == list(plain["spx"]["close"])
