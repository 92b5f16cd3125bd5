# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What goes in and what comes out: the checks of the arguments, the scale of
the amounts and the ``ForecastResult``.

Every public function checks its arguments here (a clear ``ValueError`` on
bad input), divides the amounts by a power of two near the largest one (so
the models work on amounts of the order of 1, whatever the currency) and
builds its result with ``_result`` (finite values, the interval around the
point forecast).
"""

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist

import numpy as np


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
