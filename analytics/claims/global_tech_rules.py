"""The global-tech page's claims (thesis 2.2): SoftBank's exit, the HBM cycle, Asia leading."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from analytics.claims import wording
from analytics.claims.core import (
    FAILS,
    HOLDS,
    OPPOSITE,
    UNTESTABLE,
    Context,
    Frames,
    NotTestable,
    Result,
    event_date,
    judged,
    part,
    pct,
    rule,
    sell_off_session,
)
from analytics.claims.wording import Bi, joined, reading, word
from analytics.returns import close_series, simple_returns

# ---------------------------------------------------------------- global tech (thesis 2.2)


@rule(
    "softbank-exit",
    ("softbank", "nvda", "sox"),
    30,
)
def _softbank_exit(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import move_between

    disclosed = event_date(ctx, "softbank-results")
    if disclosed is None:
        raise NotTestable("no_disclosure")
    before = disclosed - pd.Timedelta(days=1)
    end = pd.Timestamp(ctx.event)
    series = {k: close_series(frames[k]) for k in ("nvda", "sox", "softbank")}
    moves = {k: move_between(v, before, end) for k, v in series.items()}
    if moves["nvda"] is None or moves["sox"] is None or end <= disclosed:
        raise NotTestable("no_disclosure_span")
    rel = moves["nvda"] - moves["sox"]
    softbank = reading("softbank_move", move=pct(moves["softbank"])) if moves["softbank"] is not None else Bi("", "")
    why, why_zh = wording.both(wording.DECIDED, "disclosed", {"day": disclosed.date()})
    return replace(
        judged(
            [part("sale_fact", UNTESTABLE)],
            "softbank-exit",
            nvda=pct(moves["nvda"]),
            sox=pct(moves["sox"]),
            event=ctx.event,
            gap=f"{rel * 100:+.1f}",
            softbank=softbank,
        ),
        decided_by=why,
        decided_by_zh=why_zh,
    )


def seoul_on_prior_us(
    stock: pd.Series, us: pd.Series, before: pd.Timestamp, sessions: int = 250, key: str = "sk_hynix"
) -> pd.DataFrame:
    """Each Seoul session's return beside the return of the last US session that closed before it opened
    (``timeline``'s precedence pairing, on exchange-calendar instants): the ``sessions`` pairs before the Seoul
    session ``before`` opened, none seen later (columns ``stock``, ``us``; index: the Seoul session date)."""
    from analytics import timeline

    pairs = timeline.market_pairs(stock, key, us, "ndx", "preceding")
    if pairs.empty:
        return pd.DataFrame(columns=["stock", "us"])
    opened = timeline.market_intervals(pd.DatetimeIndex([before]), key)["open"].iloc[0]
    pairs = pairs[pairs["known"] <= opened]
    return pairs[["a", "b"]].rename(columns={"a": "stock", "b": "us"}).tail(sessions)


def seoul_session_pair(stock: pd.Series, us: pd.Series, day: pd.Timestamp, key: str = "sk_hynix"):
    """The Seoul session ``day``'s return and its preceding US session's, as paired by ``timeline`` (None if absent)."""
    from analytics import timeline

    pairs = timeline.market_pairs(stock, key, us, "ndx", "preceding")
    return None if day not in pairs.index else (float(pairs.at[day, "a"]), float(pairs.at[day, "b"]))


@rule(
    "hbm-cycle",
    ("sk_hynix", "ndx"),
    400,
)
def _hbm_cycle(frames: Frames, ctx: Context) -> Result:
    from analytics.stats import beta as fit_beta

    hynix = close_series(frames["sk_hynix"])
    day = sell_off_session(hynix, ctx, "sk_hynix")
    rets = simple_returns(hynix)
    if day is None or day not in rets.index or math.isnan(rets[day]):
        raise NotTestable("no_hynix")
    r = float(rets[day])
    off_high = f"{hynix[day] / hynix[hynix.index <= day].max() - 1:+.1%}"
    fell = part("fell_hard", OPPOSITE if r > 0 else HOLDS if r <= -0.03 else FAILS)
    ndx = close_series(frames["ndx"])
    pairs = seoul_on_prior_us(hynix, ndx, day)
    b = fit_beta(pairs["us"], pairs["stock"]) if not pairs.empty else None
    today = seoul_session_pair(hynix, ndx, day)
    us_move = today[1] if today is not None else None
    if b is not None and us_move is not None:
        context = reading(
            "hbm_context",
            us=pct(us_move),
            beta=f"{b.beta:.2f}",
            ci=f"{b.half_width:.2f}",
            n=b.n,
            implied=pct(b.beta * us_move),
        )
    else:
        context = Bi("", "")
    return judged(
        [fell, part("despite_upgrade", UNTESTABLE)],
        "hbm-cycle",
        move=pct(r),
        day=day.date(),
        off_high=off_high,
        context=context,
        n=b.n if b else None,
        stat="pre-event OLS beta, 95% interval" if b else "",
    )


ASIA = (("nikkei", "XTKS"), ("kospi", "XKRX"))  # the markets and their exchanges; names: ``word(key)``


LAGS = (-1, 0, 1)  # US sessions counted from the first that opened after the Asian session closed


def asia_us_profile(
    asia: pd.Series, us: pd.Series, before: pd.Timestamp, sessions: int = 250, asia_key: str = "nikkei"
) -> dict[int, object]:
    """Correlation of an Asian index's session return with a Nasdaq-100 session's, by lag in US sessions counted
    from the first US session that opened after the Asian one closed (``timeline``): lag 0 is that session (Asia
    first: could Asia lead it?), lag -1 the one before it, which closed before Asia opened (the US first), lag +1
    the one after. Returns are taken over the paired closes (a holiday folds into the next pair, never a shifted
    row); the ``sessions`` pairs seen before the US session ``before`` opened, each lag on its own sample."""
    from analytics import timeline
    from analytics.stats import corr_test

    a_bars, u_bars = timeline.bars(asia, asia_key), timeline.bars(us, "ndx")
    hours = timeline.market_intervals(pd.DatetimeIndex([before]), "ndx")
    opened = hours["open"].iloc[0]
    out: dict[int, object] = {}
    for lag in LAGS:
        pairs = timeline.paired_returns(a_bars, u_bars, "following", lag)
        pairs = pairs[pairs["known"] <= opened].tail(sessions) if not pairs.empty else pairs
        out[lag] = corr_test(pairs["a"], pairs["b"]) if not pairs.empty else None
    return out


def asia_profiles(frames: Frames, ctx: Context) -> tuple[pd.Timestamp, dict[str, dict[int, object]]]:
    """The US sell-off session and, per Asian index, its lead-lag profile against the Nasdaq-100 over the 250
    sessions before it: what the asia-leads verdict and the section's lag chart both show."""
    us = close_series(frames["ndx"])
    day = sell_off_session(us, ctx)
    if day is None:
        raise NotTestable("no_us_session")
    return day, {
        key: asia_us_profile(close_series(frames[key]), us, day, asia_key=key)
        for key, *_ in ASIA
        if key in frames and not frames[key].empty
    }


@rule(
    "asia-leads",
    ("nikkei", "kospi", "ndx"),
    400,
    generic=True,
    parts_settle={"asia_fell": "ndx:open", "us_fell": "ndx", "asia_leads": "ndx:open"},
)
def _asia_leads(frames: Frames, ctx: Context) -> Result:
    from analytics import timeline
    from analytics.sessions import last_close_before
    from analytics.sessions import session as exchange_session

    us = close_series(frames["ndx"])
    day, profiles = asia_profiles(frames, ctx)
    hours = exchange_session("XNYS", day)
    if hours is None:
        raise NotTestable("not_nyse", day=day.date())
    us_open = hours[0]
    parts, figs = [], []
    us_bar = timeline.market_intervals(pd.DatetimeIndex([day]), "ndx")
    for key, exchange in ASIA:
        market = word(key)
        closes = close_series(frames[key])
        rets = simple_returns(closes)
        asia_bars = timeline.bars(closes, key)
        j = int(timeline.preceding(us_bar, asia_bars)[0])  # Asia's last bar closed before the US session opened
        last = last_close_before(exchange, us_open)  # ... and the calendar's: a session missing from the data
        if j < 0 or last is None or asia_bars.index[j] != last[0] or math.isnan(rets.get(last[0], np.nan)):
            raise NotTestable("no_asia_close", market=market, day=day.date())
        r = float(rets[last[0]])
        parts.append(part("asia_fell", HOLDS if r < 0 else OPPOSITE, market=market))
        figs.append(reading("asia_move", market=market, move=pct(r), day=last[0].date(), closed=f"{last[1]:%H:%M}"))
    us_move = float(simple_returns(us).get(day, np.nan))
    parts.append(part("us_fell", HOLDS if us_move < 0 else FAILS, premise=True))
    same, reverse = profiles["nikkei"][0], profiles["nikkei"][-1]
    if same is None or reverse is None:
        parts.append(part("asia_leads", UNTESTABLE))
        profile_txt, n, stat = reading("asia_no_profile"), None, ""
    else:
        leads = same.p < 0.05 and same.r > 0 and same.r > reverse.r
        parts.append(part("asia_leads", HOLDS if leads else FAILS))
        direction = "asia_first" if leads else "us_first" if reverse.r > same.r and reverse.p < 0.05 else "no_direction"
        plus = profiles["nikkei"][1]
        profile_txt = reading(
            "asia_profile",
            n=same.n,
            same=same.text(),
            reverse=reverse.text(),
            plus=reading("asia_plus", test=plus.text()) if plus else Bi("", ""),
            direction=word(direction),
        )
        n, stat = same.n, f"Asia->next US session {same.text()}; US->Asia {reverse.text()}"
    return judged(
        parts,
        "asia-leads",
        moves=joined(figs),
        us=pct(us_move),
        day=day.date(),
        open=f"{us_open:%H:%M}",
        profile=profile_txt,
        n=n,
        stat=stat,
    )
