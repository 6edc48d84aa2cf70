"""The thesis's claims as checks against data: the engine (``core``) and one module of rules per page.

Importing this package registers every rule; ``evaluate``, ``scoreboard`` and the rules' shared computations
(used by the sections' charts, so a chart and its verdict are one computation) are re-exported here.
"""

from __future__ import annotations

from analytics.claims.core import (  # noqa: F401
    CLAIMS_FILE,
    CONTRADICTED,
    FAILS,
    HOLDS,
    HOURLY_LOOKBACK_DAYS,
    INTRADAY_NEEDS,
    MIXED,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    OPPOSITE,
    RULES,
    SUPPORTED,
    UNTESTABLE,
    VERDICTS,
    Claim,
    Context,
    Frames,
    NotTestable,
    Part,
    Result,
    Rule,
    context_with_intraday,
    data_needs,
    evaluate,
    event_date,
    judge,
    judged,
    load_claims,
    na,
    pct,
    rule,
    scoreboard,
    sell_off_session,
)
from analytics.claims.crypto import (  # noqa: F401
    ABOUT,
    BASELINE_DAYS,
    BETA_SESSIONS,
    CASCADE_DROP,
    CASCADE_HOURS,
    CASCADE_VOLUME,
    CORR_WINDOWS,
    LEAD_MIN_N,
    LEAD_SESSIONS,
    NEEDLE_REBOUND,
    NEEDLE_WICK,
    REBOUND_HOURS,
    RETAIL_ABOUT,
    RETAIL_TARGETS,
    SIZE_TARGET,
    YEAR_2025,
    LeadInputs,
    WickInputs,
    btc_leads_inputs,
    btc_pre_open_table,
    btc_wick_inputs,
    corr_2025,
    corr_windows,
    level_break_hour,
)
from analytics.claims.global_tech import (  # noqa: F401
    ASIA,
    asia_profiles,
    asia_us_profile,
    seoul_on_prior_us,
)
from analytics.claims.macro import (  # noqa: F401
    DURATION_SESSIONS,
    ODDS_ABOUT,
    ODDS_KEYS,
    ODDS_STALE,
    REPORTED_CUT_ODDS,
    THESIS_JOBS,
    cut_odds_table,
    duration_sample,
    odds_at,
    prediction_market_odds,
    reported_cut_odds,
)
from analytics.constants import THESIS_DATE  # noqa: F401
