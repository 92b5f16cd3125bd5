# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engine: ``forecast`` and the methods it chooses between.

Too little history gives the naive method, intermittent sales Croston's
method (SBA), any other series the ensemble of smoothing models on the log
and linear scales, with intervals from the errors the models would have made
from every past period.
"""

import math

import numpy as np

from .inputs import _check_inputs, _rescaled, _result, _scale, _z
from .seasonality import _Season
from .smoothing import _aggregate, _DampedTrend, _disaggregate, _Theta

# Intermittent demand: at least this share of periods without sales.
INTERMITTENT_ZERO_SHARE = 0.3
# Periods per block of the aggregated models.
AGGREGATION = 3
# In-sample errors understate the errors to come, the more so on a short
# history: they are scaled by 1 + SMALL_SAMPLE / (number of periods).
SMALL_SAMPLE = 4.0
# Relative spread of one period used when the history is too short to
# measure one (a single observation).
DEFAULT_RELATIVE_SPREAD = 0.25
# Longest history the smoothing models look at (the most recent periods).
MAX_HISTORY = 1200
_CROSTON_ALPHA = np.array([0.05, 0.1, 0.15, 0.2, 0.3])


def _error_spread(z, models, horizon):
    """Standard deviation of h-step errors, h = 1..horizon, on the fitted data.

    The forecasts that ``models`` (averaged) would have made from every past
    period are compared with what followed. Horizons with too few
    comparisons extend the last reliable one like a random walk (sqrt(h)).
    """
    n = len(z)
    fitted = np.mean([m.forecasts_from_every_origin(horizon) for m in models], 0)
    first = min(max(2, n // 5), n - 2)
    origins = np.arange(first, n - 1)
    steps = np.arange(1, horizon + 1)
    target = origins[:, None] + steps[None, :]
    valid = target < n
    errors = np.where(valid, z[np.minimum(target, n - 1)] - fitted[origins], 0.0)
    counts = valid.sum(0)
    sigma = np.sqrt((errors * errors).sum(0) / np.maximum(counts, 1))
    reliable = counts >= max(6, min(12, n // 4))
    reliable[0] = True  # at least one comparison: n >= 3
    last = int(np.flatnonzero(reliable)[-1])
    sigma[last + 1 :] = sigma[last] * np.sqrt(steps[last + 1 :] / steps[last])
    return np.maximum.accumulate(sigma) * (1 + SMALL_SAMPLE / n)


def _naive(y, horizon, level, method):
    value = float(y[-1])
    if len(y) >= 2:
        spread = float(np.sqrt(np.mean(np.diff(y) ** 2)))
    else:
        spread = abs(value) * DEFAULT_RELATIVE_SPREAD
    width = _z(level) * spread * np.sqrt(np.arange(1, horizon + 1))
    mean = np.full(horizon, value)
    lower, upper = mean - width, mean + width
    if np.all(y >= 0):
        lower = np.maximum(lower, 0.0)
    return _result(mean, lower, upper, method, level)


def _is_intermittent(y):
    return (
        len(y) >= 4
        and np.all(y >= 0)
        and np.mean(y == 0) >= INTERMITTENT_ZERO_SHARE
        and np.any(y > 0)
    )


def _croston_sba(y, horizon, level):
    """Croston's method with the Syntetos-Boylan bias correction.

    Sizes of the non-zero sales and the intervals between them are smoothed
    separately; the forecast is their ratio (an average rate per period).
    Alpha minimises the in-sample squared error of that rate.
    """
    alphas = _CROSTON_ALPHA
    nonzero = np.flatnonzero(y > 0)
    size = np.full(len(alphas), y[nonzero[0]])
    interval = np.full(len(alphas), float(nonzero[0] + 1))
    sse = np.zeros(len(alphas))
    since = 0
    for t in range(int(nonzero[0]) + 1, len(y)):
        since += 1
        rate = (1 - alphas / 2) * size / interval
        sse += (y[t] - rate) ** 2
        if y[t] > 0:
            size += alphas * (y[t] - size)
            interval += alphas * (since - interval)
            since = 0
    best = int(np.argmin(sse))
    rate = float((1 - alphas[best] / 2) * size[best] / interval[best])
    recent = y[-min(len(y), 36) :]
    tail = (1 - level) / 2
    low, high = np.quantile(recent, [tail, 1 - tail])
    mean = np.full(horizon, rate)
    growth = np.sqrt(1 + np.arange(horizon) / max(len(y), 1))
    lower = np.full(horizon, min(float(low), rate))
    upper = np.maximum(rate + (float(high) - rate) * growth, rate)
    return _result(mean, lower, upper, "Croston SBA (intermittent sales)", level)


def _components(series, horizon, season_length):
    """Models fitted to each adjusted series (each row of ``series``).

    Returns (for each row, the models whose in-sample errors give the
    intervals; for each row, the forecasts of all its models; the method's
    name). Before two seasons of history the seasonal pattern cannot be
    measured and a trend is mostly the season seen through a keyhole: it is
    ignored with less than a season of history and halved up to two seasons.
    """
    n = series.shape[1]
    if n < max(season_length, 6):
        models = [[m] for m in _Theta.fit(series, with_drift=False)]
        name = "Exponential smoothing, short history"
    elif season_length > 1 and n <= 2 * season_length:
        levels = _Theta.fit(series, with_drift=False)
        models = [list(pair) for pair in zip(levels, _Theta.fit(series), strict=True)]
        name = "Ensemble: exponential smoothing + theta, short history"
    else:
        thetas, trends = _Theta.fit(series), _DampedTrend.fit(series)
        models = [list(pair) for pair in zip(thetas, trends, strict=True)]
        name = "Ensemble: theta + damped trend"
    forecasts = [[m.forecast(horizon) for m in row] for row in models]
    blocks = _aggregate(series, AGGREGATION)
    if name.endswith("damped trend") and blocks.shape[1] >= 6:
        # the same two models on the series aggregated by blocks of periods
        block_horizon = -(-horizon // AGGREGATION)
        thetas, trends = _Theta.fit(blocks), _DampedTrend.fit(blocks)
        for row, theta, trend in zip(forecasts, thetas, trends, strict=True):
            for model in (theta, trend):
                block_forecast = model.forecast(block_horizon)
                row.append(_disaggregate(block_forecast, AGGREGATION, horizon))
    return models, forecasts, name


def _ensemble(y, horizon, season_length, level):
    """Median of the models fitted on the log and on the linear scale."""
    season = _Season(y, season_length)
    adjusted = season.adjust(y)[-MAX_HISTORY:]
    positive = bool(np.all(adjusted > 0))
    series = np.vstack([np.log(adjusted), adjusted]) if positive else adjusted[None]
    models, forecasts, method = _components(series, horizon, season_length)
    if positive:
        # exp() of an absurd extrapolation must not overflow
        ceiling = series[0].max() + math.log(1e6)
        forecasts[0] = [np.exp(np.minimum(f, ceiling)) for f in forecasts[0]]
    center = np.median(np.vstack(forecasts[0] + forecasts[-1]), 0)
    spread = _z(level) * _error_spread(series[0], models[0], horizon)
    if positive:
        low, high = center / np.exp(spread), center * np.exp(spread)
    else:
        low, high = center - spread, center + spread
    mean, lower, upper = (season.restore(v) for v in (center, low, high))
    if np.all(y >= 0):
        mean, lower, upper = (np.maximum(v, 0.0) for v in (mean, lower, upper))
    details = []
    if season.seasonal:
        details.append("seasonally adjusted")
    details.append("log and linear scales" if positive else "linear scale")
    method += " (" + ", ".join(details) + ")"
    return _result(mean, lower, upper, method, level, season.seasonal)


def forecast(history, horizon, season_length=12, level=0.8):
    """Forecast the next ``horizon`` periods of ``history``.

    ``history``: amounts per period, oldest first (zeros and negative
    amounts allowed); ``season_length``: periods per year (12 for months, 4
    for quarters, 1 for no seasonality); ``level``: coverage of the
    prediction interval, strictly between 0 and 1. Returns a
    :class:`ForecastResult`. Raises ``ValueError`` on bad input.
    """
    y, horizon, season_length, level = _check_inputs(
        history, horizon, season_length, level
    )
    scale = _scale(y)
    return _rescaled(_forecast(y / scale, horizon, season_length, level), scale)


def _forecast(y, horizon, season_length, level):
    started = np.flatnonzero(y != 0)
    if started.size and started[0] > 0:
        y = y[started[0] :]  # the periods before the first sale are not history
    if len(y) > 1 and np.ptp(y) == 0:
        constant = np.full(horizon, y[0])
        method = "Constant (no variation in the history)"
        return _result(constant, constant, constant, method, level)
    if len(y) < 3:
        return _naive(y, horizon, level, "Naive (last value, too little history)")
    if _is_intermittent(y):
        return _croston_sba(y, horizon, level)
    return _ensemble(y, horizon, season_length, level)
