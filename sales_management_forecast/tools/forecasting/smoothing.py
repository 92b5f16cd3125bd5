# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The smoothing models: Theta and the damped trend, fitted on a grid.

Exponential smoothing is a linear recursion. With fixed parameters, the
one-step errors are those of the recursion started from a zero state minus
a linear function of the initial state whose weights do not depend on the
data. So a whole grid of parameters is run at once, on several series of
the same length at once (numpy arrays series x grid), the best initial
state of each parameter set solves a small least-squares problem, and the
parameter set with the smallest squared error wins.
"""

import numpy as np

# Parameter grids searched by least squares. Simple exponential smoothing:
_SES_ALPHA = np.r_[0.0001, 0.005, 0.01, 0.02, np.linspace(0.04, 0.98, 25), 0.9999]
# Damped trend: alpha, beta as a fraction of alpha, damping factor phi.
_DAMPED_ALPHA = np.array([0.05, 0.15, 0.3, 0.5, 0.75, 0.95])
_DAMPED_BETA_SHARE = np.array([0.02, 0.1, 0.3])
_DAMPED_PHI = np.array([0.9, 0.97])


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
