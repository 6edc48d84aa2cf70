"""The claim engine: verdicts, parts, results, the rule registry and ``evaluate``; rules live one module per page.

Claims are declared in ``data/claims.csv`` (id, section, page, claim text in both languages); each id has a
rule (``analytics/claims/<page>_rules.py``) that turns frames into parts, a verdict and a one-line reading. Adding a
claim is adding a row and a function with ``@rule``. Rules see frames that start ``lookback_days`` before the range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

import analytics.claims.wording as wording
from analytics.constants import THESIS_DATE
from analytics.lang import in_lang, pair
from data_sources.meta import label as served_label

CLAIMS_FILE = Path(__file__).resolve().parent.parent.parent / "data" / "claims.csv"

SUPPORTED, MIXED, NOT_SUPPORTED, CONTRADICTED, NOT_TESTABLE, NOT_YET_KNOWN = (
    "supported",
    "mixed",
    "not_supported",
    "contradicted",
    "not_testable",
    "not_yet_known",  # as of an instant (``Context.asof``) before the data the claim reads were in
)
VERDICTS = (SUPPORTED, MIXED, NOT_SUPPORTED, CONTRADICTED, NOT_TESTABLE, NOT_YET_KNOWN)
HOLDS, FAILS, OPPOSITE, UNTESTABLE = "holds", "fails", "opposite", "untestable"
PENDING = "pending"  # as of an instant before the data a part reads were in: not yet known, never judged
OUTCOMES = (HOLDS, FAILS, OPPOSITE, UNTESTABLE)
Frames = Mapping[str, pd.DataFrame]


class NotTestable(Exception):
    """Raised by a rule when the data in this source and range cannot test the claim: a code and its facts, which
    ``wording.NOT_TESTABLE`` words in both languages.

    The only exception ``evaluate`` turns into a verdict: anything else is a bug and fails the tests.
    """

    def __init__(self, code: str, **facts: object) -> None:
        self.code, self.facts = code, facts
        self.detail, self.detail_zh = wording.both(wording.NOT_TESTABLE, code, facts)
        super().__init__(self.detail)


@dataclass(frozen=True)
class Part:
    """One part of a claim (level, size, timing, cause...) and what the data say of it."""

    name: str
    name_zh: str
    outcome: str  # HOLDS, FAILS, OPPOSITE, UNTESTABLE (or PENDING, as of an instant before its data)
    premise: bool = False  # a condition the claim presumes (e.g. "the US then fell"): it can sink, never support
    code: str = ""  # its entry in ``wording.PARTS``: what ``Rule.parts_settle`` times


def part(code: str, outcome: str, *, premise: bool = False, **facts: object) -> Part:
    """A part named from ``wording.PARTS`` in both languages."""
    name, name_zh = wording.both(wording.PARTS, code, facts)
    return Part(name, name_zh, outcome, premise, code)


def _decided(code: str, **facts: object) -> tuple[str, str]:
    return tuple(wording.both(wording.DECIDED, code, facts))  # type: ignore[return-value]


def _names(parts: list[Part]) -> wording.Bi:
    return wording.Bi(", ".join(p.name for p in parts), "、".join(p.name_zh for p in parts))


def judge(parts: list[Part] | tuple[Part, ...]) -> tuple[str, str, str]:
    """The verdict from the parts, and (en, zh) which part decided it; each word has one meaning.

    A failed premise: not supported. Otherwise premises are set aside and only testable parts vote: all hold:
    supported; some hold and some fail or show the opposite: mixed (testable parts point both ways); none holds:
    contradicted when one shows the opposite, else not supported; none testable: not testable. A part that cannot be
    tested never decides a verdict: it is named beside it ("supported; liquidation totals cannot be tested here").
    """
    broken = [p for p in parts if p.premise and p.outcome in (FAILS, OPPOSITE)]
    if broken:
        return (NOT_SUPPORTED, *_decided("fails", part=wording.Bi(broken[0].name, broken[0].name_zh)))
    parts = [p for p in parts if not p.premise]
    tested = [p for p in parts if p.outcome != UNTESTABLE]
    untested = [p for p in parts if p.outcome == UNTESTABLE]
    held = [p for p in tested if p.outcome == HOLDS]
    against = [p for p in tested if p.outcome != HOLDS]
    if not tested:
        return (NOT_TESTABLE, *_decided("none_testable"))
    if not against:
        verdict, why = SUPPORTED, _decided("testable_hold" if untested else "all_hold")
    else:
        first = next((p for p in against if p.outcome == OPPOSITE), against[0])
        how = "opposite" if first.outcome == OPPOSITE else "fails"
        verdict = MIXED if held else CONTRADICTED if how == "opposite" else NOT_SUPPORTED
        why = _decided(how, part=wording.Bi(first.name, first.name_zh))
    if untested:  # named beside the verdict, never deciding it
        also = _decided("untestable", part=_names(untested))
        why = (f"{why[0]}; {also[0]}", f"{why[1]}；{also[1]}")
    return (verdict, *why)


@dataclass(frozen=True)
class Context:
    """What the rules are asked about: the range, the event and the episode's anchor, the page's controls.

    The episode decides (once, here) what every rule reads: opened on any day of a library episode (20 or 21 Nov
    2025 for the thesis's), the event is the episode's event date and the anchor its instant, so a claim is judged
    on the same sessions whichever day opens the page or the CLI; a date outside the library is its own episode,
    anchored at 00:00 UTC. ``thesis_episode`` left as None is decided from the date the same way."""

    start: dt.date
    end: dt.date
    event: dt.date
    level: float = 90_000.0
    window: int = 60
    hourly: pd.DataFrame | None = None  # BTC hourly bars around the event, when a source has them
    intraday: Mapping[str, pd.DataFrame] = field(default_factory=dict)  # other intraday series (odds, funding)
    extras: Mapping[str, object] = field(default_factory=dict)
    thesis_episode: bool | None = True  # False: another sell-off; the thesis's own claims are not judged on it
    anchor: pd.Timestamp | None = None  # UTC instant of the episode: a market's sell-off session is its first after
    asof: pd.Timestamp | None = None  # judge on what was known at this UTC instant (``analytics.asof``); None: all
    known_cut: bool = False  # the frames handed with this context are already cut to ``asof`` (``as_known``)

    def __post_init__(self) -> None:
        from analytics import episodes

        ep = episodes.covering(self.event)
        if self.thesis_episode is None:
            object.__setattr__(self, "thesis_episode", ep is not None and ep.thesis)
        if ep is not None and (ep.thesis == bool(self.thesis_episode)):
            object.__setattr__(self, "event", ep.event_date)
        if self.anchor is None:
            anchor = ep.anchor if ep is not None and ep.event_date == self.event else pd.Timestamp(self.event, tz="UTC")
            object.__setattr__(self, "anchor", anchor)


@dataclass(frozen=True)
class Result:
    """What a rule measured: a short figure, the verdict and one sentence, in English and (``*_zh``) Chinese.

    ``parts`` are what decided the verdict (``decided_by`` names the deciding one); ``n`` and ``stat`` give the
    sample size and the interval or p-value of any statistic the reading quotes.
    """

    figure: str
    verdict: str
    detail: str
    figure_zh: str = ""
    detail_zh: str = ""
    parts: tuple[Part, ...] = ()
    decided_by: str = ""
    decided_by_zh: str = ""
    n: int | None = None
    stat: str = ""
    out_of_view: bool = False  # the range does not hold the event: no verdict, a link to a range that does
    other_episode: bool = False  # a claim about the thesis's sell-off, asked of another one: no verdict, a link
    code: str = ""  # the reading's code in ``wording.READINGS`` (or ``wording.NOT_TESTABLE`` for n/a)
    facts: Mapping[str, object] = field(default_factory=dict)  # what the rule found, worded in both languages

    def decided_text(self, lang: str = "en") -> str:
        return in_lang(lang, self.decided_by, self.decided_by_zh)

    def figure_text(self, lang: str = "en") -> str:
        return in_lang(lang, self.figure, self.figure_zh)

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.detail, self.detail_zh)


def na(code: str, **facts: object) -> Result:
    """Not testable, for the reason ``wording.NOT_TESTABLE[code]`` (worded from ``facts`` in both languages)."""
    detail, detail_zh = wording.both(wording.NOT_TESTABLE, code, facts)
    why, why_zh = _decided(
        code
        if code in ("thesis_only", "out_of_view", "not_yet_known")
        else "not_yet_known"
        if code.startswith("not_yet")
        else "no_data"
    )
    return Result(
        "n/a",
        NOT_TESTABLE,
        detail,
        figure_zh="n/a",
        detail_zh=detail_zh,
        decided_by=why,
        decided_by_zh=why_zh,
        code=code,
        facts=facts,
    )


def judged(parts: list[Part], code: str, *, n: int | None = None, stat: str = "", **facts: object) -> Result:
    """A result whose verdict comes from its parts (and says which part decided it); its figure and reading are
    ``wording.READINGS[code + ".figure"/".detail"]`` worded from the same facts in both languages."""
    verdict, why, why_zh = judge(parts)
    text_facts = {"n": n, **facts}  # ``n`` is a fact the sentences may quote too
    figure, figure_zh = wording.both(wording.READINGS, f"{code}.figure", text_facts)
    detail, detail_zh = wording.both(wording.READINGS, f"{code}.detail", text_facts)
    return Result(
        figure, verdict, detail, figure_zh, detail_zh, tuple(parts), why, why_zh, n, stat, code=code, facts=facts
    )


@dataclass(frozen=True)
class Rule:
    id: str
    keys: tuple[str, ...]
    lookback_days: int
    statement: str
    statement_zh: str
    fn: Callable[[Frames, Context], Result]
    needs_event: bool = True  # judged only on a range that holds the event (btc-ndx-corr is about 2025 instead)
    generic: bool = False  # a measure any sell-off can be judged by (retail beta, correlation, who led)
    settles_on: tuple[str, ...] = ()  # markets whose sell-off session it reads, when not its ``keys`` (intraday)
    # When each part's data are in, by part code (``part_times``): "ndx" = the close of that market's sell-off
    # session, "ndx:open" = its open (a pre-event estimate), "asia" = the end of the event date's Asian session.
    # A part not listed is in when every market the claim reads has settled (``settles``).
    parts_settle: Mapping[str, str] = field(default_factory=dict)

    def markets(self) -> tuple[str, ...]:
        return self.settles_on or self.keys

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.statement, self.statement_zh)


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    page: str
    text_en: str
    text_zh: str

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.text_en, self.text_zh)


@lru_cache(maxsize=2)
def load_claims(path: Path = CLAIMS_FILE) -> tuple[Claim, ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tuple(Claim(r["id"], r["section"], r["page"], r["claim_en"], r["claim_zh"]) for _, r in table.iterrows())


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    keys: tuple[str, ...],
    lookback_days: int,
    *,
    needs_event: bool = True,
    generic: bool = False,
    settles_on: tuple[str, ...] = (),
    parts_settle: Mapping[str, str] | None = None,
):
    def register(fn: Callable[[Frames, Context], Result]) -> Callable[[Frames, Context], Result]:
        statement, statement_zh = pair("rule", id)  # how it is tested, from the text catalogue (``rule.<id>``)
        RULES[id] = Rule(
            id,
            keys,
            lookback_days,
            statement,
            statement_zh,
            fn,
            needs_event,
            generic,
            settles_on,
            dict(parts_settle or {}),
        )
        return fn

    return register


def settle_at(spec: str, ctx: Context) -> pd.Timestamp:
    """The instant the data a spec names are in (``Rule.parts_settle``): "ndx" the close of that market's sell-off
    session (a crypto market's no earlier than the end of the event's UTC day: the wick of 21 Nov 2025 came on the
    day after the anchor's), "ndx:open" its open, "asia" the end of the event date's Asian session."""
    return _settle_at(spec, ctx.anchor, ctx.event)


@lru_cache(maxsize=4096)
def _settle_at(spec: str, anchor: pd.Timestamp, event: dt.date) -> pd.Timestamp:
    """``settle_at`` from the calendars alone, so once per spec and episode (a claim asks it several times per
    verdict, and the evolution once per board: ~0.5 ms a call)."""
    from analytics import asof, sessions
    from data_sources import catalog

    day_end = pd.Timestamp(event, tz="UTC") + pd.Timedelta(days=1)
    if spec == "asia":
        span = sessions.asian_session(event)
        return span[1] if span is not None else day_end
    key, _, edge = spec.partition(":")
    if edge == "open":
        return asof.sell_off_open(key, anchor)
    when = asof.sell_off_close(key, anchor)
    return max(when, day_end) if catalog.get(key).close_time == "24:00" else when


def settles(rule_: Rule, ctx: Context) -> dict[str, pd.Timestamp]:
    """When each market a claim reads has closed its sell-off session (from the calendar, not the data)."""
    return {key: settle_at(key, ctx) for key in rule_.markets()}


def part_times(rule_: Rule, ctx: Context) -> dict[str, pd.Timestamp]:
    """When each part of a claim is in, by part code: its ``parts_settle`` spec, or (a part not listed, under
    the key "") when every market the claim reads has settled."""
    markets = settles(rule_, ctx)
    out = {code: settle_at(spec, ctx) for code, spec in rule_.parts_settle.items()}
    if markets:
        out[""] = max(markets.values())
    return out


def known_from(rule_: Rule, ctx: Context) -> pd.Timestamp | None:
    """The instant every part of a claim about the event is in (None: a claim not about the event)."""
    if not rule_.needs_event:
        return None
    times = part_times(rule_, ctx)
    declared = [t for code, t in times.items() if code] if rule_.parts_settle else list(times.values())
    return max(declared) if declared else None


def _not_yet(rule_: Rule, ctx: Context) -> Result | None:
    """'Not yet known' as of ``ctx.asof`` for a claim about the event none of whose parts is in yet, naming the
    first market (or session) whose close (or open) brings one in."""
    if ctx.asof is None or not rule_.needs_event:
        return None
    from analytics.asof import format_instant
    from data_sources import catalog

    if rule_.parts_settle:
        specs = dict(rule_.parts_settle)
        if any(settle_at(spec, ctx) <= ctx.asof for spec in specs.values()):
            return None
        spec = min(specs.values(), key=lambda x: settle_at(x, ctx))  # the first to come in
    else:
        pending = {k: settle_at(k, ctx) for k in rule_.markets()}
        pending = {k: t for k, t in pending.items() if t > ctx.asof}
        if not pending:
            return None
        spec = max(pending, key=lambda k: pending[k])  # the last to come in
    when = settle_at(spec, ctx)
    key, _, edge = spec.partition(":")
    if spec == "asia":
        result = na("not_yet_asia", asof=format_instant(ctx.asof), day=ctx.event, when=format_instant(when))
    else:
        names = wording.Bi(catalog.label(key), catalog.label(key))
        code = "not_yet_known" if catalog.get(key).frequency == "daily" else "not_yet_released"
        code = "not_yet_open" if edge == "open" else code
        result = na(code, asof=format_instant(ctx.asof), names=names, when=format_instant(when))
    return _as_not_yet(result, when)


def _as_not_yet(result: Result, when: pd.Timestamp) -> Result:
    from dataclasses import replace

    return replace(
        result,
        verdict=NOT_YET_KNOWN,
        figure=wording.say(wording.DECIDED, "not_yet_figure", "en", {}),
        figure_zh=wording.say(wording.DECIDED, "not_yet_figure", "zh", {}),
        facts={**result.facts, "known_from": when},
    )


def verdict_so_far(parts: tuple[Part, ...] | list[Part]) -> str:
    """The verdict of parts some of which are PENDING: the one ``judge`` gives whatever outcome each pending part
    takes (tried exhaustively: at most 4^k for k pending parts), else NOT_YET_KNOWN. A failed premise decides early;
    so do a held and a failed part (mixed), unless a pending premise could still sink the claim."""
    import itertools
    from dataclasses import replace

    out = [i for i, p in enumerate(parts) if p.outcome == PENDING]
    verdicts = set()
    for combo in itertools.product(OUTCOMES, repeat=len(out)):
        trial = list(parts)
        for i, outcome in zip(out, combo, strict=True):
            trial[i] = replace(trial[i], outcome=outcome)
        verdicts.add(judge(trial)[0])
    return verdicts.pop() if len(verdicts) == 1 else NOT_YET_KNOWN


def _partly_known(result: Result, rule_: Rule, ctx: Context) -> Result:
    """A claim some of whose parts are in as of ``ctx.asof``: the parts still out are PENDING (named, with the
    hour each comes in), never judged on the bars cut so far. Its verdict is given now only when every outcome the
    pending parts could still take gives the same one (a failed premise, say); otherwise it is not yet known."""
    from dataclasses import replace

    from analytics.asof import format_instant

    times = part_times(rule_, ctx)
    when = {i: times.get(p.code, times.get("", ctx.asof)) for i, p in enumerate(result.parts)}
    out = {i: t for i, t in when.items() if t > ctx.asof}
    if not out:
        return result
    parts = tuple(replace(p, outcome=PENDING) if i in out else p for i, p in enumerate(result.parts))
    by_time: dict[pd.Timestamp, list[Part]] = {}
    for i in out:
        by_time.setdefault(out[i], []).append(parts[i])
    pending = wording.joined(
        [
            wording.both(wording.DECIDED, "pending", {"part": _names(ps), "when": format_instant(t)})
            for t, ps in sorted(by_time.items())
        ]
    )
    known = [p for p in parts if p.outcome != PENDING]
    verdict = verdict_so_far(parts)
    why = (pending.en, pending.zh)
    if verdict != NOT_YET_KNOWN and known and judge(known)[0] == verdict:  # what decided it, then what is out
        first = judge(known)[1:]
        why = (f"{first[0]}; {pending.en}", f"{first[1]}；{pending.zh}")
    if verdict == NOT_YET_KNOWN:
        result = _as_not_yet(result, max(out.values()))
    # the reading was written from the bars in so far: it says so, and which parts are still out, before it speaks
    so_far = wording.both(wording.DECIDED, "so_far", {"asof": format_instant(ctx.asof), "pending": pending})
    return replace(
        result,
        verdict=verdict,
        parts=parts,
        decided_by=why[0],
        decided_by_zh=why[1],
        detail=f"{so_far.en} {result.detail}" if result.detail else "",
        detail_zh=f"{so_far.zh}{result.detail_zh}" if result.detail_zh else "",
    )


def as_known(frames: Frames, ctx: Context) -> tuple[Frames, Context]:
    """Frames and intraday series cut to what was known at ``ctx.asof`` (unchanged when it is None)."""
    if ctx.asof is None or ctx.known_cut:
        return frames, ctx
    from dataclasses import replace

    from analytics.asof import known_at, known_frames

    intraday = known_frames(ctx.intraday, ctx.asof, "1h")
    hourly = None if ctx.hourly is None else known_at(ctx.hourly, "btc", "1h", ctx.asof)
    return known_frames(frames, ctx.asof), replace(ctx, intraday=intraday, hourly=hourly, known_cut=True)


def evaluate(claim_id: str, frames: Frames, ctx: Context) -> Result:
    """Run a claim's rule; missing data is 'not measurable', never an exception. With ``ctx.asof``, the rule
    sees only what was known then, and a claim whose markets have not closed their sell-off session is 'not yet
    known' (naming the market and when it closes)."""
    rule_ = RULES.get(claim_id)
    if rule_ is None:
        return na("no_rule")
    if not rule_.generic and not ctx.thesis_episode:
        from dataclasses import replace

        return replace(na("thesis_only", event=THESIS_DATE), other_episode=True)
    if rule_.needs_event and not ctx.start <= ctx.event <= ctx.end:
        from dataclasses import replace

        return replace(na("out_of_view", start=ctx.start, end=ctx.end, event=ctx.event), out_of_view=True)
    pending = _not_yet(rule_, ctx)
    if pending is not None:
        return pending
    partly = ctx.asof is not None and rule_.needs_event and rule_.parts_settle and known_from(rule_, ctx) > ctx.asof
    frames, ctx = as_known(frames, ctx)
    missing = [k for k in rule_.keys if k not in frames or frames[k].empty]
    if missing:
        names = [served_label(frames, k, k) for k in missing]  # a reader's name
        return na("no_data", names=wording.Bi(", ".join(names), "、".join(names)))
    try:
        result = rule_.fn(frames, ctx)
    except NotTestable as why:  # only an explicit "cannot test": any other exception is a bug
        if partly:  # the rule cannot run on the bars in so far: the claim waits for its last part
            from analytics.asof import format_instant

            return _as_not_yet(na("not_yet_parts", asof=format_instant(ctx.asof)), known_from(rule_, ctx))
        return na(why.code, **why.facts)
    if not result.decided_by:  # a rule with one test: that test decided it
        from dataclasses import replace

        why, why_zh = _decided("single_test")
        result = replace(result, decided_by=why, decided_by_zh=why_zh)
    return _partly_known(result, rule_, ctx) if partly else result


HOURLY_LOOKBACK_DAYS = 400  # hourly bars the timing rules need before the event (a ~250-session baseline)
# Intraday series the rules read, as (days before, days after) the event: ``Context.hourly`` is BTC's.
INTRADAY_NEEDS = {
    "btc": (HOURLY_LOOKBACK_DAYS, 2),
    "cut_odds_poly": (30, 20),
    "cut_odds_kalshi": (30, 20),
    "btc_funding": (10, 10),
    "btc_oi": (10, 10),
    "btc_oi_5m": (10, 10),
    "btc_liq_long": (40, 10),
}


def event_date(ctx: Context, event_id: str) -> pd.Timestamp | None:
    from analytics.events import load_events

    found = [e for e in load_events() if e.id == event_id]
    return pd.Timestamp(found[0].date) if found else None


# ---------------------------------------------------------------- helpers


def sell_off_session(closes: pd.Series, ctx: Context, key: str = "ndx") -> pd.Timestamp | None:
    """A market's sell-off session, decided by the episode: its first session to close after the anchor
    (``Context.anchor``; calendar intervals from ``analytics.timeline``), if the data hold it."""
    from analytics import timeline

    table = timeline.bars(closes, key)
    at = timeline.first_close_after(table, ctx.anchor)
    return None if at is None else table.index[at]


def pct(x: float) -> str:
    return f"{x:+.1%}"


def data_needs(claim_ids: list[str] | None = None) -> tuple[tuple[str, ...], int]:
    """The union of keys the rules read, and the longest lookback (days) any of them needs."""
    rules = [RULES[c] for c in (claim_ids or list(RULES)) if c in RULES]
    keys = tuple(dict.fromkeys(k for r in rules for k in r.keys))
    return keys, max((r.lookback_days for r in rules), default=0)


def context_with_intraday(ctx: Context, intraday: Mapping[str, pd.DataFrame]) -> Context:
    """The context with its intraday series (hourly BTC in ``hourly``) and whether an on-chain source is configured,
    as every caller (overview, sections, CLI) builds it."""
    from dataclasses import replace

    from data_sources.config import onchain_configured

    extras = {"onchain_configured": onchain_configured(), **ctx.extras}
    return replace(ctx, hourly=intraday.get("btc"), intraday=dict(intraday), extras=extras)


def context_for(
    start: dt.date,
    end: dt.date,
    event: dt.date,
    *,
    thesis_episode: bool | None = None,
    intraday: Mapping[str, pd.DataFrame] | None = None,
    asof: pd.Timestamp | None = None,
    level: float = 90_000.0,
    window: int = 60,
) -> Context:
    """The claims' context of one view, as every surface (overview, sections, report, CLI) builds it: the range,
    the event (the episode decides it), the page's controls, the instant judged at and the intraday series."""
    ctx = Context(start, end, event, level=level, window=window, thesis_episode=thesis_episode, asof=asof)
    return context_with_intraday(ctx, intraday or {})


def scoreboard(frames: Frames, ctx: Context) -> list[tuple[Claim, Result, Rule | None]]:
    """Every declared claim with its measured result, in the order of ``data/claims.csv`` (cut once to
    ``ctx.asof``; ``evaluate`` cutting again is a no-op)."""
    frames, ctx = as_known(frames, ctx)
    return [(c, evaluate(c.id, frames, ctx), RULES.get(c.id)) for c in load_claims()]


@dataclass(frozen=True)
class PartThen:
    """One part of a claim: when its data came in and what it said then (None: not in by the view's instant, or
    the rule could not yet be run on the bars in)."""

    name: wording.Bi
    since: pd.Timestamp
    outcome: str | None


@dataclass(frozen=True)
class Knowable:
    """When a claim could first be judged, what it said then, and what it says at the view's instant."""

    claim: Claim
    since: pd.Timestamp | None  # every part it reads was in (None: judged on data known before the event)
    then: Result | None  # its verdict at ``since`` (None when ``since`` lies after the view's instant)
    now: Result
    parts: tuple[PartThen, ...] = ()  # each part of the verdict now, with the hour it came in and its outcome then


def evolution(frames: Frames, ctx: Context) -> list[Knowable]:
    """How the board evolved: each claim's first knowable instant (``known_from``, from the calendars) and its
    verdict then, each part's own hour (``part_times``) and outcome then, beside the verdict at ``ctx.asof`` (with
    hindsight when None). One scoreboard per distinct instant."""
    from dataclasses import replace

    now = {c.id: r for c, r, _ in scoreboard(frames, ctx)}
    since: dict[str, pd.Timestamp | None] = {}
    times: dict[str, dict[str, pd.Timestamp]] = {}
    for claim in load_claims():
        rule_ = RULES.get(claim.id)
        timed = rule_ is not None and rule_.needs_event
        times[claim.id] = part_times(rule_, ctx) if timed else {}
        since[claim.id] = known_from(rule_, ctx) if timed else None
    instants = {t for t in since.values() if t is not None} | {t for ts in times.values() for t in ts.values()}
    boards = {}
    for instant in sorted(instants):
        if ctx.asof is None or instant <= ctx.asof:
            at = replace(ctx, asof=instant, known_cut=False)
            boards[instant] = {c.id: r for c, r, _ in scoreboard(frames, at)}

    def outcome(cid: str, name: str, at: pd.Timestamp | None) -> str | None:
        found = [p for p in boards[at][cid].parts if p.name == name] if at in boards else []
        return found[0].outcome if found and found[0].outcome != PENDING else None

    def parts(cid: str) -> tuple[PartThen, ...]:
        if not times[cid]:
            return ()
        out = []
        for p in now[cid].parts:
            at = times[cid].get(p.code, times[cid].get("", since[cid]))
            said = outcome(cid, p.name, at)
            if said is None and outcome(cid, p.name, since[cid]) is not None:  # the rule ran only once all was in
                at, said = since[cid], outcome(cid, p.name, since[cid])
            out.append(PartThen(wording.Bi(p.name, p.name_zh), at, said))
        return tuple(sorted(out, key=lambda x: x.since))

    return [
        Knowable(
            c,
            since[c.id],
            boards.get(since[c.id], {}).get(c.id) if since[c.id] else None,
            now[c.id],
            parts(c.id),
        )
        for c in load_claims()
    ]
