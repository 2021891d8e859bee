"""Vectorised statistics: one-sided Fisher (hypergeometric upper tail), odds ratio, BH.

Everything here takes NumPy arrays and works on all gene sets at once. P-values are computed in
log space, so the extreme tails (p far below 1e-308) still rank in the right order; the p-value
itself is the exponential of that and underflows to 0.0 only where float64 cannot hold it.

The point probabilities use Loader's saddle-point expansion (the algorithm of R's ``dhyper``)
rather than differences of ``gammaln``: with a genome-sized population those differences lose
six to eight digits to cancellation, the expansion keeps about fourteen.
"""

from __future__ import annotations

import numpy as np

_LN_2PI = float(np.log(2.0 * np.pi))
# Series coefficients of Stirling's error (Loader 2000).
_S0, _S1, _S2, _S3, _S4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
# A tail sum stops once the next term is below this fraction of the sum: float64 resolution.
_TOLERANCE = 1e-17
# Terms added per vectorised step of a tail sum.
_BLOCK = 16


def _small_stirlerr() -> np.ndarray:
    from scipy.special import gammaln

    n = np.arange(1.0, 16.0)
    # Below 16 the series does not converge; the direct form loses only ~1e-14 absolute here.
    return np.concatenate([[0.0], gammaln(n + 1.0) - (n + 0.5) * np.log(n) + n - 0.5 * _LN_2PI])


_SMALL_STIRLERR: np.ndarray | None = None


def _stirlerr(n: np.ndarray) -> np.ndarray:
    """log(n!) - log(sqrt(2 pi n) (n/e)^n), for integer-valued n >= 0."""
    global _SMALL_STIRLERR
    if _SMALL_STIRLERR is None:
        _SMALL_STIRLERR = _small_stirlerr()
    small = n <= 15
    with np.errstate(divide="ignore", invalid="ignore"):
        nn = n * n
        # Loader's series to 1/n^9: for n > 15 more terms only add smaller corrections.
        out = (_S0 - (_S1 - (_S2 - (_S3 - _S4 / nn) / nn) / nn) / nn) / n
    if small.any():
        out[small] = _SMALL_STIRLERR[n[small].astype(np.intp)]
    return out


def _bd0(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The deviance term x log(x/m) + m - x, without cancellation when x is close to m."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = x * np.log(x / m) + m - x
    out[x == 0] = m[x == 0]
    close = np.flatnonzero(np.abs(x - m) < 0.1 * (x + m))
    if close.size:
        xc, mc = x[close], m[close]
        v = (xc - mc) / (xc + mc)
        s = (xc - mc) * v
        term = 2.0 * xc * v
        v2 = v * v
        # |v| < 0.1: each term is 100 times smaller than the one before; 9 reach 1e-18.
        for j in range(1, 10):
            term *= v2
            s += term / (2 * j + 1)
        out[close] = s
    return out


def _log_dbinom(x: np.ndarray, n: np.ndarray, p: float | np.ndarray, q: float | np.ndarray):
    """log of the binomial point probability in Loader's form (q = 1 - p given separately)."""
    p, q = np.broadcast_to(p, x.shape), np.broadcast_to(q, x.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (
            _stirlerr(n) - _stirlerr(x) - _stirlerr(n - x) - _bd0(x, n * p) - _bd0(n - x, n * q)
        ) - 0.5 * (_LN_2PI + np.log(x) + np.log1p(-x / n))
        # The interior formula divides by x and n - x: the two ends have their own forms.
        for end, prob, other in ((x == 0, p, q), (x == n, q, p)):
            if end.any():
                nn, pe, oe = n[end], prob[end], other[end]
                out[end] = np.where(pe < 0.1, -_bd0(nn, nn * oe) - nn * pe, nn * np.log(oe))
    out[n == 0] = np.where(x[n == 0] == 0, 0.0, -np.inf)
    return out


def hypergeom_logpmf(x, M, n, N) -> np.ndarray:
    """log P(X = x) for X ~ Hypergeometric(population M, n marked, N drawn); arrays broadcast."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (x, M, n, N)))
    shape = arrays[0].shape
    x, M, n, N = (a.ravel() for a in arrays)
    inside = (x >= np.maximum(0, N - (M - n))) & (x <= np.minimum(n, N)) & (M > 0)
    # Outside the support the terms below are undefined; evaluate a harmless point instead.
    x = np.where(inside, x, 0.0)
    n = np.where(inside, n, 0.0)
    M = np.where(inside, M, 1.0)
    N = np.where(inside, N, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = N / M
        q = (M - N) / M
        out = _log_dbinom(x, n, p, q) + _log_dbinom(N - x, M - n, p, q) - _log_dbinom(N, M, p, q)
    return np.where(inside, out, -np.inf).reshape(shape)


def _tail_sum(start, M, n, N, limit, step: int) -> np.ndarray:
    """sum_j pmf(j) / pmf(start) for j from ``start`` towards ``limit`` (step +1 or -1).

    Callers start on the far side of the mode, so terms only shrink; terms are added in blocks of
    ``_BLOCK`` for all unfinished sums at once until the last term no longer changes the sum.
    """
    total = np.ones_like(start)
    last = np.ones_like(start)
    at = start.copy()
    todo = np.flatnonzero(at != limit)
    offsets = np.arange(1, _BLOCK + 1, dtype=np.float64)
    while todo.size:
        j0 = at[todo][:, None]
        m, k, d, lim = (a[todo][:, None] for a in (M, n, N, limit))
        j = j0 + step * (offsets - 1)  # the index each ratio leaves from
        if step > 0:
            ratio = (k - j) * (d - j) / ((j + 1) * (m - k - d + j + 1))
            valid = j + 1 <= lim
        else:
            ratio = j * (m - k - d + j) / ((k - j + 1) * (d - j + 1))
            valid = j - 1 >= lim
        terms = last[todo][:, None] * np.cumprod(np.where(valid, ratio, 0.0), axis=1)
        total[todo] += terms.sum(axis=1)
        last[todo] = terms[:, -1]
        moved = j0[:, 0] + step * _BLOCK
        at[todo] = np.minimum(moved, lim[:, 0]) if step > 0 else np.maximum(moved, lim[:, 0])
        done = (at[todo] == limit[todo]) | (last[todo] <= _TOLERANCE * total[todo])
        todo = todo[~done]
    return total


def hypergeom_log_sf(x, M, n, N) -> np.ndarray:
    """log P(X >= x): the log p-value of the one-sided (greater) Fisher test, vectorised.

    For the 2x2 table [[a, b], [c, d]] this is ``hypergeom_log_sf(a, a+b+c+d, a+b, a+c)``, the
    log of ``scipy.stats.fisher_exact(table, alternative="greater").pvalue``.
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (x, M, n, N)))
    shape = arrays[0].shape
    x, M, n, N = (a.ravel() for a in arrays)
    lo = np.maximum(0.0, N - (M - n))
    hi = np.minimum(n, N)
    out = np.where(x <= lo, 0.0, -np.inf)
    mode = np.floor((N + 1) * (n + 1) / (M + 2))
    mid = (x > lo) & (x <= hi)
    upper = np.flatnonzero(mid & (x > mode))
    if upper.size:
        # Right of the mode: sum the tail outwards from x.
        xs, Ms, ns, Ns = x[upper], M[upper], n[upper], N[upper]
        total = _tail_sum(xs, Ms, ns, Ns, hi[upper], +1)
        out[upper] = hypergeom_logpmf(xs, Ms, ns, Ns) + np.log(total)
    lower = np.flatnonzero(mid & (x <= mode))
    if lower.size:
        # At or left of the mode p is not small: 1 - P(X <= x-1), summing down from x-1.
        xs, Ms, ns, Ns = x[lower] - 1, M[lower], n[lower], N[lower]
        total = _tail_sum(xs, Ms, ns, Ns, lo[lower], -1)
        below = np.exp(hypergeom_logpmf(xs, Ms, ns, Ns)) * total
        out[lower] = np.log1p(-np.minimum(below, 1.0))
    return out.reshape(shape)


def odds_ratio(a, b, c, d) -> np.ndarray:
    """The sample odds ratio ad/bc as ``scipy.stats.fisher_exact`` reports it.

    inf where b or c is 0 (and the table has no empty row or column); NaN where a row or
    column of the table is all zeros.
    """
    a, b, c, d = (np.asarray(v, dtype=np.float64) for v in (a, b, c, d))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((b > 0) & (c > 0), a * d / (b * c), np.inf)
    empty = (a + b == 0) | (c + d == 0) | (a + c == 0) | (b + d == 0)
    return np.where(empty, np.nan, ratio)


def bh_adjust(p, n_tests: int | None = None, counts=None) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order of ``p``.

    ``counts[i]`` (default 1) is how many tests share the p-value ``p[i]``: gene sets with the
    same overlap and size have the same p, so a query with 100,000 hits needs only a few
    thousand distinct values here. ``n_tests`` is the number of hypotheses tested when ``p``
    covers only some of them: the rest are taken to have p = 1 (a set sharing no gene with the
    query), which leaves the adjusted values of those given exact without listing the rest.
    """
    p = np.asarray(p, dtype=np.float64)
    counts = np.ones(p.size, dtype=np.int64) if counts is None else np.asarray(counts)
    given = int(counts.sum())
    m = given if n_tests is None else n_tests
    if given > m:
        raise ValueError(f"{given} p-values but only {m} tests")
    if p.size == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    # Rank of the last test in each group: the step-up minimum for a tie is reached there.
    last_rank = np.cumsum(counts[order])
    ranked = p[order] * m / last_rank
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(adjusted, 1.0)
    return out
