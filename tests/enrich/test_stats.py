from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import false_discovery_control, fisher_exact

from pathfig.enrich.stats import bh_adjust, hypergeom_log_sf, odds_ratio


@st.composite
def tables(draw, max_population: int = 100_000):
    """2x2 tables [[a, b], [c, d]] as (x, M, n, N), skewed towards small and extreme ones."""
    M = draw(st.one_of(st.integers(1, 60), st.integers(1, max_population)))
    n = draw(st.one_of(st.integers(0, min(M, 40)), st.integers(0, M)))
    N = draw(st.one_of(st.integers(0, min(M, 40)), st.integers(0, M)))
    lo, hi = max(0, N - (M - n)), min(n, N)
    x = draw(st.one_of(st.integers(lo, hi), st.just(hi), st.just(min(lo + 1, hi))))
    return x, M, n, N


def fisher(x, M, n, N):
    return fisher_exact([[x, n - x], [N - x, M - n - N + x]], alternative="greater")


@settings(max_examples=600, deadline=None)
@given(tables())
def test_p_value_matches_scipy_fisher_exact(table):
    x, M, n, N = table
    expected = fisher(x, M, n, N).pvalue
    got = math.exp(float(hypergeom_log_sf(x, M, n, N)))
    if expected >= 1e-300:
        assert got == pytest.approx(expected, rel=1e-9)
    else:  # scipy underflows (to 0 or a subnormal): ours must be as small
        assert got <= 1e-299


@settings(max_examples=300, deadline=None)
@given(tables())
def test_odds_ratio_matches_scipy(table):
    x, M, n, N = table
    expected = fisher(x, M, n, N).statistic
    got = float(odds_ratio(x, n - x, N - x, M - n - N + x))
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected, rel=1e-12)


def exact_log_sf(x, M, n, N) -> float:
    """log P(X >= x) from exact integer arithmetic, for references beyond float range."""
    hi = min(n, N)
    num = sum(math.comb(n, j) * math.comb(M - n, N - j) for j in range(x, hi + 1))
    den = math.comb(M, N)
    shift = num.bit_length() - den.bit_length()
    ratio = Fraction(num, den << shift) if shift >= 0 else Fraction(num << -shift, den)
    return math.log(ratio) + shift * math.log(2)


@pytest.mark.parametrize(
    "x, M, n, N",
    [
        (300, 20_000, 300, 300),  # a set equal to the query: p ~ 1e-800
        (150, 20_000, 200, 500),
        (5_000, 10_000_000, 5_000, 6_000),  # huge overlap in a huge population
        (40, 25_000, 60, 400),  # p near 1e-100
        (3, 20_000, 150, 400),
        (1, 10, 5, 5),
        (2_000, 1_000_000, 3_000, 4_000),
    ],
)
def test_extreme_tails_match_exact_arithmetic(x, M, n, N):
    expected = exact_log_sf(x, M, n, N)
    got = float(hypergeom_log_sf(x, M, n, N))
    # Relative error of p = absolute error of log p, up to the float spacing of log p itself.
    assert abs(got - expected) <= 1e-12 * max(1.0, abs(expected))


def test_tiny_p_value_near_1e_300():
    # Find an x whose p-value is about 1e-300 and check it against scipy at full precision.
    M, n, N = 20_000, 400, 400
    logs = hypergeom_log_sf(np.arange(0, 401), M, n, N)
    x = int(np.argmin(np.abs(logs - math.log(1e-300))))
    expected = fisher(x, M, n, N).pvalue
    assert 1e-303 < expected < 1e-297
    assert math.exp(float(logs[x])) == pytest.approx(expected, rel=1e-9)


def test_vectorised_over_many_tables_agrees_with_scalar_calls():
    rng = np.random.default_rng(7)
    M = 15_000
    n = rng.integers(1, 800, 2_000)
    N = 500
    x = np.minimum(n, rng.integers(1, 40, 2_000))
    together = hypergeom_log_sf(x, M, n, N)
    one_by_one = [
        float(hypergeom_log_sf(int(a), M, int(b), N)) for a, b in zip(x[:50], n[:50], strict=False)
    ]
    assert np.allclose(together[:50], one_by_one, rtol=0, atol=1e-13)
    for a, b in zip(x[:20], n[:20], strict=False):
        expected = fisher(int(a), M, int(b), N).pvalue
        got = math.exp(float(hypergeom_log_sf(int(a), M, int(b), N)))
        assert got == pytest.approx(expected, rel=1e-9)


def test_bh_hand_worked_example():
    # m = 5 sorted p: 0.01 0.02 0.03 0.04 0.20 -> p*m/rank: 0.05 0.05 0.05 0.05 0.20,
    # then the running minimum from the top leaves them as they are.
    p = np.array([0.04, 0.01, 0.20, 0.03, 0.02])
    assert bh_adjust(p) == pytest.approx([0.05, 0.05, 0.20, 0.05, 0.05])
    # Step-up: 0.012*3/2 = 0.018 > 0.015 (rank 3 gives 0.015) -> rank 2 takes 0.015.
    assert bh_adjust([0.001, 0.012, 0.015]) == pytest.approx([0.003, 0.015, 0.015])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=300))
def test_bh_matches_scipy_false_discovery_control(ps):
    p = np.array(ps)
    assert bh_adjust(p) == pytest.approx(false_discovery_control(p, method="bh"), rel=1e-12)


def test_bh_with_untested_sets_counts_them_as_p_one():
    p = np.array([0.001, 0.02, 0.3])
    full = np.concatenate([p, np.ones(7)])
    assert bh_adjust(p, n_tests=10) == pytest.approx(false_discovery_control(full)[:3])
    with pytest.raises(ValueError):
        bh_adjust(p, n_tests=2)
