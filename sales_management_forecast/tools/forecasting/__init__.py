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

Modules: ``inputs`` (the checks of the arguments, the scale of the amounts,
``ForecastResult``), ``seasonality`` (the seasonality test and the
decomposition), ``smoothing`` (the Theta and damped-trend models),
``engine`` (:func:`forecast` and its methods) and ``baselines``
(:func:`theta_forecast`, :func:`seasonal_naive_forecast`, :func:`smape`).
The package exports the public API; the underscored names are internal.
"""

from .inputs import ForecastResult
from .seasonality import is_seasonal
from .engine import forecast
from .baselines import seasonal_naive_forecast, smape, theta_forecast

__all__ = [
    "ForecastResult",
    "forecast",
    "is_seasonal",
    "seasonal_naive_forecast",
    "smape",
    "theta_forecast",
]
