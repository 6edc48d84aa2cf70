"""The hand-written statistics (``analytics/stats.py``: no statistics package at run time) against scipy, the
reference a quant reviewer would recompute them with."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sp

from analytics import stats


@pytest.mark.parametrize("seed, n, coupling", [(1, 12, 0.0), (2, 60, 0.3), (3, 250, 0.8), (4, 500, -0.5)])
def test_the_correlation_test_matches_scipy(seed, n, coupling):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = coupling * x + rng.normal(size=n)
    got = stats.corr_test(pd.Series(x), pd.Series(y))
    ref = sp.pearsonr(x, y)
    assert got.n == n and got.r == pytest.approx(ref.statistic, abs=1e-12)
    assert got.p == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("df", [1, 3, 10, 58, 248, 5000])
def test_the_t_quantile_and_p_match_scipy(df):
    assert stats.t_critical(df) == pytest.approx(sp.t.ppf(0.975, df), rel=1e-9)
    for t in (0.1, 1.0, 2.5, 6.0):
        assert stats.t_two_sided_p(t, df) == pytest.approx(2 * sp.t.sf(t, df), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_ols_beta_its_interval_and_the_fisher_test_match_scipy(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 0.01, 120)
    y = 1.4 * x + rng.normal(0, 0.01, 120)
    got, ref = stats.beta(pd.Series(x), pd.Series(y)), sp.linregress(x, y)
    assert got.beta == pytest.approx(ref.slope, rel=1e-10) and got.se == pytest.approx(ref.stderr, rel=1e-10)
    assert got.half_width == pytest.approx(sp.t.ppf(0.975, 118) * ref.stderr, rel=1e-9)
    a, b = stats.CorrTest(0.6, 21, 0.0), stats.CorrTest(0.2, 60, 0.0)
    z = (math.atanh(0.6) - math.atanh(0.2)) / math.sqrt(1 / 18 + 1 / 57)
    assert stats.corr_difference_p(a, b) == pytest.approx(2 * sp.norm.sf(abs(z)), rel=1e-12)
