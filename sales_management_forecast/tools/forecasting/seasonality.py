# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Seasonality: the Theta method's test and the classical decomposition.

``is_seasonal`` tests the autocorrelation at lag ``season_length``;
``_Season`` removes the seasonal pattern of a series (multiplicative, or
additive when the series has negative amounts) and puts it back in forecasts.
"""

import math
from statistics import NormalDist

import numpy as np

# Two-sided 90 % test of the Theta method's seasonality check.
SEASONALITY_Z = NormalDist().inv_cdf(0.95)


def _acf(y, nlags):
    """Sample autocorrelations at lags 1..nlags."""
    x = y - y.mean()
    denominator = float(x @ x)
    if denominator <= 0:
        return np.zeros(nlags)
    return np.array([x[k:] @ x[:-k] for k in range(1, nlags + 1)]) / denominator


def is_seasonal(y, season_length):
    """The Theta method's test: autocorrelation at lag ``season_length``.

    Seasonal when the autocorrelation exceeds its 90 % two-sided limit (a
    white-noise standard error corrected for the lower lags). Needs more
    than two full seasons.
    """
    y = np.asarray(y, dtype=float)
    n, m = len(y), season_length
    if m < 2 or n <= 2 * m or np.ptp(y) == 0:
        return False
    r = _acf(y, m)
    limit = math.sqrt((1 + 2 * float(np.sum(r[:-1] ** 2))) / n)
    return abs(r[-1]) / limit > SEASONALITY_Z


def _seasonal_figure(y, m, multiplicative):
    """Seasonal indices of a classical decomposition (centred moving average).

    ``figure[i]`` applies to the periods ``i, i + m, ...`` of ``y``; it has
    mean 1 (multiplicative) or 0 (additive). None when a multiplicative
    decomposition is impossible (a moving average not above zero).
    """
    n = len(y)
    if m % 2 == 0:
        weights = np.r_[0.5, np.ones(m - 1), 0.5] / m
    else:
        weights = np.ones(m) / m
    trend = np.convolve(y, weights, mode="valid")
    positions = np.arange(m // 2, n - m // 2)
    if multiplicative:
        if np.any(trend <= 0):
            return None
        detrended = y[positions] / trend
    else:
        detrended = y[positions] - trend
    season = positions % m
    figure = np.bincount(season, detrended, m) / np.bincount(season, minlength=m)
    if multiplicative:
        return figure / figure.mean()
    return figure - figure.mean()


class _Season:
    """A seasonal pattern removed from a series and put back in forecasts."""

    def __init__(self, y, m, multiplicative=None):
        self.m = m
        self.n = len(y)
        self.figure = None
        self.multiplicative = False
        if not is_seasonal(y, m):
            return
        if multiplicative is None:
            multiplicative = bool(np.all(y >= 0))
        figure = _seasonal_figure(y, m, True) if multiplicative else None
        if figure is not None and np.all(figure > 0):
            self.figure, self.multiplicative = figure, True
        else:
            self.figure = _seasonal_figure(y, m, False)

    @property
    def seasonal(self):
        return self.figure is not None

    def _indices(self, start, count):
        return self.figure[(start + np.arange(count)) % self.m]

    def adjust(self, y):
        if self.figure is None:
            return y
        indices = self._indices(0, len(y))
        return y / indices if self.multiplicative else y - indices

    def restore(self, values):
        """Seasonal pattern applied to values of the periods after the history."""
        if self.figure is None:
            return values
        indices = self._indices(self.n, len(values))
        return values * indices if self.multiplicative else values + indices
