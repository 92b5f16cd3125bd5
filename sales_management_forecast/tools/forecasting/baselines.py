# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The baselines the engine is measured against, and the measure.

``theta_forecast`` is the classical Theta method (the winner of the M3
competition), ``seasonal_naive_forecast`` the seasonal naive method and
``smape`` the symmetric mean absolute percentage error that compares them.
"""

import numpy as np

from .engine import MAX_HISTORY, _naive
from .inputs import _check_inputs, _rescaled, _result, _scale, _z
from .seasonality import _Season
from .smoothing import _Theta


def theta_forecast(history, horizon, season_length=12, level=0.8):
    """The classical Theta method (Assimakopoulos and Nikolopoulos, 2000).

    Seasonality test at 90 % on the autocorrelation at lag
    ``season_length``; if seasonal, classical multiplicative decomposition
    (additive when the series is not positive); simple exponential smoothing
    with a drift of half the linear-trend slope (theta lines 0 and 2);
    seasonal pattern put back. Intervals: those of exponential smoothing.
    """
    y, horizon, season_length, level = _check_inputs(
        history, horizon, season_length, level
    )
    scale = _scale(y)
    return _rescaled(_theta(y / scale, horizon, season_length, level), scale)


def _theta(y, horizon, season_length, level):
    if np.ptp(y) == 0 or len(y) < 2:
        return _naive(y, horizon, level, "Naive (last value, too little history)")
    season = _Season(y, season_length, multiplicative=bool(np.all(y > 0)))
    z = season.adjust(y)[-MAX_HISTORY:]
    (model,) = _Theta.fit(z)
    center = model.forecast(horizon)
    one_step = z[1:] - model.levels[:-1]
    sigma = float(np.sqrt(np.mean(one_step**2)))
    steps = np.arange(horizon)
    spread = _z(level) * sigma * np.sqrt(1 + steps * model.alpha**2)
    mean, lower, upper = (
        season.restore(v) for v in (center, center - spread, center + spread)
    )
    method = "Theta (seasonally adjusted)" if season.seasonal else "Theta"
    return _result(mean, lower, upper, method, level, season.seasonal)


def seasonal_naive_forecast(history, horizon, season_length=12, level=0.8):
    """Each period repeats the same period of the last season (naive if shorter)."""
    y, horizon, season_length, level = _check_inputs(
        history, horizon, season_length, level
    )
    scale = _scale(y)
    y = y / scale
    n, m = len(y), season_length
    if n < m or m < 2:
        result = _naive(y, horizon, level, "Naive (last value)")
    else:
        mean = y[n - m + np.arange(horizon) % m]
        differences = y[m:] - y[:-m]
        sigma = float(np.sqrt(np.mean(differences**2))) if differences.size else 0.0
        spread = _z(level) * sigma * np.sqrt(1 + np.arange(horizon) // m)
        lower, upper = mean - spread, mean + spread
        result = _result(mean, lower, upper, "Seasonal naive", level, True)
    return _rescaled(result, scale)


def smape(actual, predicted):
    """Symmetric mean absolute percentage error, in percent (0 to 200).

    A period where both amounts are zero counts as a perfect forecast.
    """
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    if actual.shape != predicted.shape or actual.size == 0:
        raise ValueError("actual and predicted must be non-empty and of equal length")
    scale = np.abs(actual) + np.abs(predicted)
    ratio = np.divide(
        200 * np.abs(actual - predicted),
        scale,
        out=np.zeros_like(scale),
        where=scale > 0,
    )
    return float(ratio.mean())
