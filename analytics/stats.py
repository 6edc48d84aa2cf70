"""Small significance tests used by the claim rules, stated so a reader can check them.

Correlations are tested with the t statistic t = r sqrt((n-2)/(1-r^2)) against Student's t with n-2 degrees of
freedom (two-sided); the t distribution's CDF comes from the regularized incomplete beta function, computed here
so that no statistics package is needed at run time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Numerical Recipes, Lentz's method)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_two_sided_p(t: float, df: int) -> float:
    """Two-sided p-value of a t statistic with ``df`` degrees of freedom."""
    if df <= 0 or not math.isfinite(t):
        return float("nan") if not math.isinf(t) else 0.0
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def t_critical(df: int, level: float = 0.95) -> float:
    """The two-sided critical value of Student's t: P(|T| > t) = 1 - level with ``df`` degrees of freedom (by
    bisection on ``t_two_sided_p``; 2.00 for df = 58, 1.97 for df = 248, 1.96 in the limit)."""
    lo, hi = 0.0, 1000.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_two_sided_p(mid, df) > 1 - level else (lo, mid)
    return (lo + hi) / 2


@dataclass(frozen=True)
class CorrTest:
    r: float
    n: int
    p: float  # two-sided, t-test of r = 0

    def text(self) -> str:
        return f"r = {self.r:+.2f}, n = {self.n}, p {p_text(self.p)} (t-test)"


def p_text(p: float) -> str:
    """A p-value as a reader sees it: "< 0.001" below it, else "= 0.012"."""
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def corr_test(x: pd.Series, y: pd.Series) -> CorrTest | None:
    """Pearson correlation of the pairs both series hold, with its two-sided p-value; None below 5 pairs."""
    both = pd.DataFrame({"x": x, "y": y}).dropna()
    n = len(both)
    if n < 5 or both["x"].std() == 0 or both["y"].std() == 0:
        return None
    r = float(np.corrcoef(both["x"], both["y"])[0, 1])
    r = max(min(r, 0.999999), -0.999999)
    t = r * math.sqrt((n - 2) / (1 - r * r))
    return CorrTest(r, n, t_two_sided_p(t, n - 2))


@dataclass(frozen=True)
class Beta:
    beta: float
    se: float
    n: int

    @property
    def half_width(self) -> float:
        """Half the 95% interval: t(0.975, n - 2) x standard error."""
        return t_critical(self.n - 2) * self.se

    def text(self) -> str:
        return f"beta {self.beta:.2f} ± {self.half_width:.2f} (95% CI, n = {self.n}, OLS)"


def beta(x: pd.Series, y: pd.Series) -> Beta | None:
    """OLS slope of y on x with its standard error; None below 10 pairs."""
    both = pd.DataFrame({"x": x, "y": y}).dropna()
    n = len(both)
    if n < 10 or both["x"].var() == 0:
        return None
    xm, ym = both["x"] - both["x"].mean(), both["y"] - both["y"].mean()
    b = float((xm * ym).sum() / (xm * xm).sum())
    resid = ym - b * xm
    se = math.sqrt(float((resid * resid).sum()) / (n - 2) / float((xm * xm).sum()))
    return Beta(b, se, n)


def corr_difference_p(a: CorrTest, b: CorrTest) -> float:
    """Two-sided p-value that two correlations from independent (non-overlapping) samples are equal (Fisher z)."""
    z = (math.atanh(a.r) - math.atanh(b.r)) / math.sqrt(1 / (a.n - 3) + 1 / (b.n - 3))
    return math.erfc(abs(z) / math.sqrt(2))


@dataclass(frozen=True)
class Fit:
    beta: float
    alpha: float
    r2: float
    corr: float
    n: int


def ols(x: pd.Series, y: pd.Series) -> Fit | None:
    """y = alpha + beta x by least squares."""
    both = pd.DataFrame({"x": x, "y": y}).dropna()
    if len(both) < 3 or both["x"].var() == 0:
        return None
    beta = both["x"].cov(both["y"]) / both["x"].var()
    alpha = both["y"].mean() - beta * both["x"].mean()
    corr = both["x"].corr(both["y"])
    return Fit(float(beta), float(alpha), float(corr**2), float(corr), len(both))
