# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statistical forecasting of periodic sales (monthly by default).

Plain Python and numpy, no odoo import, so that it is unit-tested without a
database. The ORM layer gathers one amount per period, oldest first, and calls
:func:`forecast`.

>>> december_peak = [100 + i + 50 * (i % 12 == 11) for i in range(36)]
>>> result = forecast(december_peak, horizon=12)
>>> len(result.mean), result.seasonal, result.mean.index(max(result.mean))
(12, True, 11)
>>> result.method
'Ensemble: theta + damped trend (seasonally adjusted, log and linear scales)'
>>> all(lo <= m <= up for lo, m, up in zip(result.lower, result.mean, result.upper))
True

How :func:`forecast` works
--------------------------
* Periods before the first non-zero amount are dropped (the product or the
  customer did not exist yet).
* One or two periods, or a constant series: the last value is carried on.
* Intermittent sales (at least 30 % of periods without sales, none
  negative): Croston's method with the Syntetos-Boylan correction (SBA)
  forecasts the average rate per period.
* Otherwise an ensemble of simple models, each robust on its own:

  1. the seasonality test of the Theta method (autocorrelation at lag
     ``season_length``, 90 %) decides whether the series is seasonal; if so
     a classical decomposition (multiplicative, or additive when the series
     has negative amounts) removes the seasonal pattern;
  2. the adjusted series is modelled twice: on the log scale (growth in
     percent, relative errors, as sales usually behave) when it is
     positive, and on the linear scale (which does not compound a fading
     growth);
  3. on each scale four models are fitted: the Theta method (exponential
     smoothing with a drift of half the trend slope), exponential smoothing
     with a damped trend, and the same two on the series aggregated by
     blocks of three periods, which see the trend through less noise;
  4. the forecast is the median of the models (of both scales), with the
     seasonal pattern put back.

  With less than a season of history only the level is smoothed; up to two
  seasons, smoothing and Theta are averaged (a trend seen on less than two
  seasons is mostly the season itself).
* Prediction intervals: the errors that the models would have made 1, 2, ...
  periods ahead from every past period (on the log scale when the series is
  positive), scaled up for short histories, so they widen with the horizon
  as the data say.
* Sales that are never negative are never forecast below zero.

:func:`theta_forecast` is the classical Theta method (the winner of the M3
competition) and :func:`seasonal_naive_forecast` the seasonal naive method:
the baselines the engine is measured against (see :func:`smape`).
"""

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist

import numpy as np

# Two-sided 90 % test of the Theta method's seasonality check.
SEASONALITY_Z = NormalDist().inv_cdf(0.95)
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

# Parameter grids searched by least squares. Simple exponential smoothing:
_SES_ALPHA = np.r_[0.0001, 0.005, 0.01, 0.02, np.linspace(0.04, 0.98, 25), 0.9999]
# Damped trend: alpha, beta as a fraction of alpha, damping factor phi.
_DAMPED_ALPHA = np.array([0.05, 0.15, 0.3, 0.5, 0.75, 0.95])
_DAMPED_BETA_SHARE = np.array([0.02, 0.1, 0.3])
_DAMPED_PHI = np.array([0.9, 0.97])
_CROSTON_ALPHA = np.array([0.05, 0.1, 0.15, 0.2, 0.3])


@dataclass(frozen=True)
class ForecastResult:
    """Forecast of ``horizon`` periods.

    ``mean`` is the point forecast, ``lower``/``upper`` the prediction
    interval at ``level`` (0.8: eight times out of ten the actual amount
    should fall inside), ``method`` names the model in a few words and
    ``seasonal`` tells whether a seasonal pattern was found and used.
    """

    mean: list
    lower: list
    upper: list
    method: str
    level: float
    seasonal: bool = False


# ---------------------------------------------------------------- checks


def _check_history(history):
    if history is None or isinstance(history, str | bytes | dict):
        raise ValueError(
            "history must be a list of numbers (one amount per period, oldest "
            f"first), got {type(history).__name__}"
        )
    try:
        values = list(history)
    except TypeError:
        raise ValueError(
            "history must be a list of numbers (one amount per period, oldest "
            f"first), got {type(history).__name__}"
        ) from None
    if not values:
        raise ValueError(
            "history is empty: at least one past period is needed to forecast"
        )
    for position, value in enumerate(values):
        if type(value) in (float, int):
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
            raise ValueError(
                f"history must contain only numbers: position {position} holds "
                f"{value!r}"
            )
    y = np.asarray(values, dtype=float)
    bad = np.flatnonzero(~np.isfinite(y))
    if bad.size:
        shown = ", ".join(str(i) for i in bad[:5]) + (", ..." if bad.size > 5 else "")
        raise ValueError(
            f"history contains NaN or infinite values (at position {shown}): every "
            "period needs a finite amount, use 0 for a period without sales"
        )
    return y


def _check_whole(value, name, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a whole number {what}, got {value!r}")
    if not math.isfinite(value) or value != int(value) or value < 1:
        raise ValueError(f"{name} must be a whole number {what}, got {value!r}")
    return int(value)


def _check_level(level):
    if (
        isinstance(level, bool)
        or not isinstance(level, numbers.Real)
        or not 0 < level < 1
    ):
        raise ValueError(
            "level must be strictly between 0 and 1 (0.8 for an 80 % prediction "
            f"interval), got {level!r}"
        )
    return float(level)


def _check_inputs(history, horizon, season_length, level):
    y = _check_history(history)
    horizon = _check_whole(horizon, "horizon", "of periods, at least 1")
    season_length = _check_whole(
        season_length,
        "season_length",
        "of periods per year (12 for months), at least 1",
    )
    return y, horizon, season_length, _check_level(level)


def _z(level):
    return NormalDist().inv_cdf(0.5 + level / 2)


def _finite(values):
    """Guard against NaN and overflow (which the models should not produce)."""
    big = np.finfo(float).max / 16
    return np.nan_to_num(
        np.asarray(values, dtype=float), nan=0.0, posinf=big, neginf=-big
    )


def _result(mean, lower, upper, method, level, seasonal=False):
    mean = _finite(mean)
    lower = np.minimum(_finite(lower), mean)
    upper = np.maximum(_finite(upper), mean)
    return ForecastResult(
        mean=[float(v) for v in mean],
        lower=[float(v) for v in lower],
        upper=[float(v) for v in upper],
        method=method,
        level=level,
        seasonal=bool(seasonal),
    )


# ---------------------------------------------------------------- seasonality


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


# ---------------------------------------------------------------- models
#
# Exponential smoothing is a linear recursion. With fixed parameters, the
# one-step errors are those of the recursion started from a zero state minus
# a linear function of the initial state whose weights do not depend on the
# data. So a whole grid of parameters is run at once, on several series of
# the same length at once (numpy arrays series x grid), the best initial
# state of each parameter set solves a small least-squares problem, and the
# parameter set with the smallest squared error wins.


class _SmoothingGrid:
    """A grid of K parameter sets of a linear exponential-smoothing model.

    State ``x`` (d values), one-step forecast ``w'x``, update
    ``x <- D x + g (y - w'x)``. ``transition`` (K, d, d) holds D, ``gain``
    (K, d) g and ``observation`` (K, d) w.
    """

    def __init__(self, transition, gain, observation):
        self.transition = transition
        self.gain = gain
        self.observation = observation
        self._effects = np.empty((0,) + gain.shape)
        self._grams = {}

    def _initial_effect(self, n):
        """(n, K, d): effect of each initial state value on the n forecasts."""
        effects = self._effects  # cached, replaced whole (safe across threads)
        if len(effects) < n:
            count, dim = self.gain.shape
            length = 120 * -(-n // 120)
            matrix = (
                self.transition - self.gain[:, :, None] * self.observation[:, None, :]
            )
            power = np.broadcast_to(np.eye(dim), (count, dim, dim))
            effects = np.empty((length, count, dim))
            for t in range(length):
                effects[t] = np.einsum("kd,kde->ke", self.observation, power)
                power = matrix @ power
            self._effects = effects
        return effects[:n]

    def _gram(self, n):
        """(K, d, d) normal matrices of the initial-state least squares."""
        gram = self._grams.get(n)
        if gram is None:
            effect = self._initial_effect(n)
            gram = np.einsum("tkd,tke->kde", effect, effect)
            dim = gram.shape[-1]
            ridge = 1e-10 * np.trace(gram, axis1=1, axis2=2) + 1e-300
            gram = gram + ridge[:, None, None] * np.eye(dim)
            if len(self._grams) > 64:
                self._grams = {}
            self._grams[n] = gram
        return gram

    def _errors_from_zero(self, columns):
        """(n, S, K) one-step errors of the recursion started from a zero state.

        ``columns``: the n values of the S series, one (S, 1) array a period.
        """
        raise NotImplementedError

    def fit(self, series):
        """Best parameter set of each row of ``series`` (S, n).

        Returns (indices (S,), initial states (S, d)).
        """
        n = series.shape[1]
        residual = self._errors_from_zero(list(series.T[:, :, None]))
        effect = self._initial_effect(n)
        cross = np.einsum("tkd,tsk->skd", effect, residual)
        start = np.linalg.solve(self._gram(n)[None], cross[..., None])[..., 0]
        sse = np.einsum("tsk,tsk->sk", residual, residual) - (cross * start).sum(2)
        sse = np.where(np.isfinite(sse), sse, np.inf)
        best = np.argmin(sse, axis=1)
        return best, start[np.arange(len(best)), best]


class _SesGrid(_SmoothingGrid):
    """Simple exponential smoothing: level only."""

    def __init__(self, alphas):
        count = len(alphas)
        ones = np.ones((count, 1))
        super().__init__(ones[:, :, None], alphas[:, None], ones)
        self.alphas = alphas

    def _errors_from_zero(self, columns):
        shape = (len(columns[0]), len(self.alphas))
        errors = np.empty((len(columns),) + shape)
        level = np.zeros(shape)
        for t, value in enumerate(columns):
            error = errors[t]
            np.subtract(value, level, out=error)
            level += self.alphas * error
        return errors


class _DampedGrid(_SmoothingGrid):
    """Additive damped trend: level and trend, the trend shrinks by phi."""

    def __init__(self, alphas, beta_shares, phis):
        alpha, share, phi = (
            v.ravel() for v in np.meshgrid(alphas, beta_shares, phis, indexing="ij")
        )
        count = len(alpha)
        transition = np.zeros((count, 2, 2))
        transition[:, 0, 0] = 1.0
        transition[:, 0, 1] = phi
        transition[:, 1, 1] = phi
        gain = np.stack([alpha, alpha * share], 1)
        observation = np.stack([np.ones(count), phi], 1)
        super().__init__(transition, gain, observation)
        self.alphas, self.betas, self.phis = alpha, alpha * share, phi

    def _errors_from_zero(self, columns):
        shape = (len(columns[0]), len(self.alphas))
        errors = np.empty((len(columns),) + shape)
        level = np.zeros(shape)
        trend = np.zeros(shape)
        damped = np.empty(shape)
        for t, value in enumerate(columns):
            error = errors[t]
            np.multiply(self.phis, trend, out=damped)
            level += damped
            np.subtract(value, level, out=error)
            level += self.alphas * error
            trend = damped + self.betas * error
        return errors


_SES_GRID = _SesGrid(_SES_ALPHA)
_DAMPED_GRID = _DampedGrid(_DAMPED_ALPHA, _DAMPED_BETA_SHARE, _DAMPED_PHI)


class _Theta:
    """Theta method on an adjusted series: smoothing with half the trend slope.

    Simple exponential smoothing (least-squares alpha and initial level)
    plus a drift of half the slope of the linear trend: the average of the
    theta lines 0 and 2 (Hyndman and Billah, 2003). Without the drift: simple
    exponential smoothing.
    """

    def __init__(self, z, alpha, level, with_drift=True):
        levels = np.empty(len(z))
        for t, value in enumerate(z.tolist()):
            level += alpha * (value - level)
            levels[t] = level
        self.alpha, self.levels, self.n = alpha, levels, len(z)
        self.drift = 0.5 * _slope(z) if with_drift else 0.0

    @classmethod
    def fit(cls, series, with_drift=True):
        """One model per row of ``series`` (S, n)."""
        series = np.atleast_2d(series)
        best, start = _SES_GRID.fit(series)
        alphas = _SES_GRID.alphas[best]
        return [
            cls(z, float(alpha), float(level), with_drift)
            for z, alpha, level in zip(series, alphas, start[:, 0], strict=True)
        ]

    def forecast(self, horizon):
        """Forecasts of the ``horizon`` periods after the end of the series."""
        alpha = self.alpha
        start = (1 - (1 - alpha) ** self.n) / alpha
        return self.levels[-1] + self.drift * (np.arange(horizon) + start)

    def forecasts_from_every_origin(self, horizon):
        """Matrix [origin, h - 1] of in-sample forecasts (with the final fit)."""
        alpha = self.alpha
        start = (1 - (1 - alpha) ** np.arange(1, self.n + 1)) / alpha
        steps = np.arange(horizon)
        return self.levels[:, None] + self.drift * (start[:, None] + steps[None, :])


class _DampedTrend:
    """Additive damped-trend exponential smoothing, least squares on a grid."""

    def __init__(self, z, alpha, beta, phi, level, trend):
        levels = np.empty(len(z))
        trends = np.empty(len(z))
        for t, value in enumerate(z.tolist()):
            damped = phi * trend
            error = value - level - damped
            level += damped + alpha * error
            trend = damped + beta * error
            levels[t], trends[t] = level, trend
        self.phi, self.levels, self.trends = phi, levels, trends

    @classmethod
    def fit(cls, series):
        """One model per row of ``series`` (S, n)."""
        series = np.atleast_2d(series)
        grid = _DAMPED_GRID
        best, start = grid.fit(series)
        return [
            cls(z, *(float(v[k]) for v in (grid.alphas, grid.betas, grid.phis)), *s)
            for z, k, s in zip(series, best, start.tolist(), strict=True)
        ]

    def _cumulative(self, horizon):
        return np.cumsum(self.phi ** np.arange(1, horizon + 1))

    def forecast(self, horizon):
        return self.levels[-1] + self.trends[-1] * self._cumulative(horizon)

    def forecasts_from_every_origin(self, horizon):
        cumulative = self._cumulative(horizon)
        return self.levels[:, None] + self.trends[:, None] * cumulative[None, :]


def _slope(z):
    n = len(z)
    if n < 2:
        return 0.0
    t = np.arange(n) - (n - 1) / 2
    return float(t @ (z - z.mean()) / (t @ t))


def _aggregate(series, size):
    """Means of consecutive blocks of ``size`` periods, aligned on the end."""
    usable = series.shape[-1] - series.shape[-1] % size
    blocks = series[..., series.shape[-1] - usable :]
    return blocks.reshape(blocks.shape[:-1] + (-1, size)).mean(-1)


def _disaggregate(block_forecast, size, horizon):
    return np.repeat(block_forecast, size)[:horizon]


# ---------------------------------------------------------------- intervals


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


# ---------------------------------------------------------------- methods


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


# ---------------------------------------------------------------- public API


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


def _scale(y):
    """A power of two near the largest amount: dividing by it is exact.

    The models work on amounts of the order of 1, whatever the currency.
    """
    largest = float(np.max(np.abs(y)))
    if largest == 0:
        return 1.0
    return math.ldexp(1.0, math.frexp(largest)[1])


def _rescaled(result, scale):
    if scale == 1.0:
        return result
    with np.errstate(over="ignore"):
        mean, lower, upper = (
            np.asarray(values) * scale
            for values in (result.mean, result.lower, result.upper)
        )
    return _result(mean, lower, upper, result.method, result.level, result.seasonal)


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
