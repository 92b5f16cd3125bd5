"""The statistical forecasting engine (sales_management_forecast/tools).

Edge cases of ``forecast`` and an accuracy check against the classical Theta
method on a seeded panel of synthetic monthly sales series (``sales_panel``,
also used by ``bench_forecasting.py``).
"""

import math
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from sales_management_forecast_tools.forecasting import (  # noqa: E402
    ForecastResult,
    forecast,
    seasonal_naive_forecast,
    smape,
    theta_forecast,
)

ROOT = Path(__file__).resolve().parent.parent
HORIZON = 18

# ---------------------------------------------------------------- synthetic data
#
# Monthly sales series of the kinds a sales team meets, each returned as
# (history, the HORIZON periods that followed). Amounts are rounded to cents.


def _season_shape(rng, amplitude):
    """Twelve multiplicative seasonal factors (mean 1) from two harmonics."""
    months = np.arange(12)
    phase1, phase2 = rng.uniform(0, 2 * np.pi, 2)
    shape = np.sin(2 * np.pi * months / 12 + phase1) + rng.uniform(0, 0.6) * np.sin(
        4 * np.pi * months / 12 + phase2
    )
    shape = shape / np.abs(shape).max()
    factors = np.exp(amplitude * shape)
    return factors / factors.mean()


def _multiplicative(rng, n, level, growth, amplitude, noise, damping=1.0):
    """Level x trend x season x noise, with a possibly damped growth rate."""
    t = np.arange(n)
    rate = growth * (damping**t if damping < 1 else np.ones(n))
    trend = level * np.exp(np.cumsum(rate))
    season = _season_shape(rng, amplitude)[(t + rng.integers(12)) % 12]
    return trend * season * np.exp(rng.normal(0, noise, n))


def _seasonal_trend(rng, n):
    return _multiplicative(
        rng,
        n,
        level=math.exp(rng.uniform(4, 9)),
        growth=rng.uniform(-0.01, 0.02),
        amplitude=rng.uniform(0.05, 0.5),
        noise=rng.uniform(0.03, 0.2),
    )


def _shifts_and_outliers(rng, n):
    y = _seasonal_trend(rng, n)
    for _ in range(rng.integers(1, 3)):  # lasting level shifts
        start = rng.integers(n // 4, n)
        y[start:] *= rng.choice([-1, 1]) * rng.uniform(0.15, 0.4) + 1
    outliers = rng.integers(0, n - HORIZON, rng.integers(1, 5))
    y[outliers] *= rng.choice([0.3, 2.0, 3.0], len(outliers))
    return y


def _intermittent(rng, n):
    occurs = rng.random(n) < rng.uniform(0.15, 0.6)
    sizes = np.ceil(rng.lognormal(rng.uniform(0, 3), 0.6, n))
    return occurs * sizes * rng.uniform(10, 200)


def _saturating(rng, n):
    """A product taking off then levelling out (logistic), seasonal."""
    t = np.arange(n)
    middle = rng.uniform(0.2, 0.8) * n
    width = rng.uniform(4, 15)
    capacity = math.exp(rng.uniform(5, 9))
    trend = capacity * (0.1 + 0.9 / (1 + np.exp(-(t - middle) / width)))
    season = _season_shape(rng, rng.uniform(0, 0.4))[t % 12]
    return trend * season * np.exp(rng.normal(0, rng.uniform(0.03, 0.15), n))


def _damped_growth(rng, n):
    return _multiplicative(
        rng,
        n,
        level=math.exp(rng.uniform(4, 9)),
        growth=rng.uniform(-0.03, 0.05),
        amplitude=rng.uniform(0, 0.4),
        noise=rng.uniform(0.03, 0.15),
        damping=rng.uniform(0.9, 0.99),
    )


def _noise(rng, n):
    level = math.exp(rng.uniform(3, 9))
    return level * (1 + rng.normal(0, rng.uniform(0.05, 0.3), n)).clip(0.05)


def _random_walk(rng, n):
    steps = rng.normal(rng.uniform(-0.01, 0.015), rng.uniform(0.02, 0.1), n)
    return math.exp(rng.uniform(4, 9)) * np.exp(np.cumsum(steps))


def _net_revenue(rng, n):
    """Invoiced minus credited: now and then a month of refunds goes negative."""
    y = _seasonal_trend(rng, n)
    refunds = rng.random(n) < rng.uniform(0.03, 0.1)
    y[refunds] -= y[refunds] * rng.uniform(1.2, 2.0, refunds.sum())
    refund = rng.integers(n - HORIZON)
    y[refund] = -abs(y[refund])  # at least one in the history
    return y


def _short(rng, n):
    return _multiplicative(
        rng,
        n,
        level=math.exp(rng.uniform(4, 9)),
        growth=rng.uniform(-0.01, 0.01),
        amplitude=rng.uniform(0, 0.3),
        noise=rng.uniform(0.05, 0.2),
    )


FAMILIES = {
    "seasonal trend": (_seasonal_trend, (40, 150)),
    "shifts and outliers": (_shifts_and_outliers, (40, 150)),
    "intermittent": (_intermittent, (24, 120)),
    "saturating growth": (_saturating, (40, 150)),
    "damped growth": (_damped_growth, (40, 150)),
    "pure noise": (_noise, (24, 120)),
    "random walk": (_random_walk, (40, 150)),
    "net revenue (negatives)": (_net_revenue, (40, 150)),
    "short history": (_short, (3, 24)),
}


def sales_panel(per_family=60, seed=20260427):
    """[(family, history, future)]: ``per_family`` series of each family."""
    rng = np.random.default_rng(seed)
    panel = []
    for family, (generate, (shortest, longest)) in FAMILIES.items():
        for _ in range(per_family):
            n = int(rng.integers(shortest, longest + 1))
            y = np.round(generate(rng, n + HORIZON), 2)
            panel.append((family, y[:n].tolist(), y[n:].tolist()))
    return panel


def evaluate(panel, level=0.8):
    """{family: rows of (engine, theta, seasonal naive sMAPE, coverage)}."""
    rows = {}
    for family, history, future in panel:
        engine = forecast(history, HORIZON, level=level)
        actual = np.array(future)
        inside = (actual >= engine.lower) & (actual <= engine.upper)
        rows.setdefault(family, []).append(
            (
                smape(future, engine.mean),
                smape(future, theta_forecast(history, HORIZON).mean),
                smape(future, seasonal_naive_forecast(history, HORIZON).mean),
                float(inside.mean()),
            )
        )
    return {family: np.array(values) for family, values in rows.items()}


def table(results):
    """The sMAPE table, per family and overall, as text."""
    lines = [
        f"{'family':26}{'series':>7}{'engine':>8}{'theta':>8}{'s.naive':>8}"
        f"{'wins':>6}{'cover':>7}"
    ]
    everything = np.vstack(list(results.values()))
    for family, rows in list(results.items()) + [("all", everything)]:
        engine, theta, naive, coverage = rows.mean(0)
        wins = (rows[:, 0] < rows[:, 1]).mean()
        lines.append(
            f"{family:26}{len(rows):7d}{engine:8.2f}{theta:8.2f}{naive:8.2f}"
            f"{wins:6.0%}{coverage:7.0%}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def panel():
    return sales_panel()


# ---------------------------------------------------------------- import


def test_engine_imports_without_odoo():
    """The documented import works from the repository root with numpy only."""
    code = (
        "import sys; sys.path[:0] = ['sales_management_forecast']; "
        "from tools.forecasting import forecast; "
        "assert 'odoo' not in sys.modules; "
        "print(forecast([1.0, 2.0, 3.0], 2).method)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "history, message",
    [
        ([], "history is empty"),
        (None, "history must be a list of numbers"),
        ("12,13", "history must be a list of numbers"),
        (42, "history must be a list of numbers"),
        ([1.0, float("nan"), 3.0], "NaN or infinite"),
        ([1.0, 2.0, float("inf")], "NaN or infinite"),
        ([1.0, -math.inf], "NaN or infinite"),
        ([1.0, None, 3.0], "only numbers: position 1"),
        ([1.0, "2", 3.0], "only numbers: position 1"),
        ([1.0, True], "only numbers: position 1"),
    ],
)
def test_bad_history_is_rejected(history, message):
    for method in (forecast, theta_forecast, seasonal_naive_forecast):
        with pytest.raises(ValueError, match=message):
            method(history, 3)


@pytest.mark.parametrize("horizon", [0, -1, 1.5, "3", None, True, math.nan])
def test_bad_horizon_is_rejected(horizon):
    with pytest.raises(ValueError, match="horizon must be a whole number"):
        forecast([1.0, 2.0, 3.0], horizon)


@pytest.mark.parametrize("level", [0, 1, 1.2, -0.1, 80, "0.8", None, math.nan])
def test_bad_level_is_rejected(level):
    with pytest.raises(ValueError, match="level must be strictly between 0 and 1"):
        forecast([1.0, 2.0, 3.0], 3, level=level)


@pytest.mark.parametrize("season_length", [0, -12, 2.5, None])
def test_bad_season_length_is_rejected(season_length):
    with pytest.raises(ValueError, match="season_length must be a whole number"):
        forecast([1.0, 2.0, 3.0], 3, season_length=season_length)


def test_input_types_accepted():
    """ints, numpy arrays and numbers, Decimal; a whole float horizon."""
    expected = forecast([10.0, 12.0, 11.0, 13.0], 2)
    assert forecast([10, 12, 11, 13], 2.0) == expected
    assert forecast(np.array([10, 12, 11, 13]), np.int64(2)) == expected
    assert forecast([Decimal("10"), 12, 11.0, np.float32(13)], 2) == expected
    assert forecast((v for v in [10, 12, 11, 13]), 2) == expected


def test_history_is_not_modified_and_results_repeat():
    history = [5.0, 7.0, 6.0, 9.0, 8.0, 10.0] * 5
    copy = list(history)
    first = forecast(history, 6)
    assert history == copy
    assert forecast(history, 6) == first


# ---------------------------------------------------------------- edge cases


def check_result(result, horizon, level=0.8):
    assert isinstance(result, ForecastResult)
    assert result.level == level
    assert isinstance(result.method, str) and result.method
    for values in (result.mean, result.lower, result.upper):
        assert isinstance(values, list) and len(values) == horizon
        assert all(isinstance(v, float) and math.isfinite(v) for v in values)
    for low, mean, high in zip(result.lower, result.mean, result.upper, strict=True):
        assert low <= mean <= high


def test_single_observation():
    result = forecast([250.0], 4)
    check_result(result, 4)
    assert result.mean == [250.0] * 4
    assert result.method.startswith("Naive")
    assert result.lower[0] < 250.0 < result.upper[0]
    assert result.upper[3] - result.lower[3] > result.upper[0] - result.lower[0]
    check_result(forecast([-30.0], 2), 2)
    check_result(forecast([0.0], 2), 2)


def test_two_observations():
    result = forecast([100.0, 140.0], 3)
    check_result(result, 3)
    assert result.mean == [140.0] * 3
    assert result.upper[0] > 140.0


@pytest.mark.parametrize("value", [0.0, 42.5, -7.0])
def test_constant_series(value):
    result = forecast([value] * 30, 5)
    check_result(result, 5)
    assert result.mean == result.lower == result.upper == [value] * 5
    assert result.method.startswith("Constant")


def test_periods_before_the_first_sale_are_ignored():
    rng = np.random.default_rng(3)
    sales = list(np.round(200 + rng.normal(0, 20, 30), 2))
    assert forecast([0.0] * 20 + sales, 6) == forecast(sales, 6)
    assert forecast([0.0, 0.0, 0.0, 80.0], 2).mean == [80.0, 80.0]
    assert forecast([0.0, 0.0, 80.0, 80.0, 80.0], 2).mean == [80.0, 80.0]


def test_intermittent_sales():
    rng = np.random.default_rng(5)
    history = list((rng.random(60) < 0.25) * rng.integers(1, 6, 60) * 10.0)
    result = forecast(history, 12)
    check_result(result, 12)
    assert result.method == "Croston SBA (intermittent sales)"
    rate = np.mean(history)
    assert 0.5 * rate < result.mean[0] < 1.5 * rate
    assert len(set(result.mean)) == 1
    assert min(result.lower) >= 0.0
    assert max(result.upper) > max(result.mean)


def test_trailing_zeros_are_not_intermittent():
    """A few months without sales at the end: the forecast drops."""
    history = [100.0, 110.0, 95.0, 105.0] * 6 + [0.0, 0.0, 0.0]
    result = forecast(history, 3)
    check_result(result, 3)
    assert not result.method.startswith("Croston")
    assert result.mean[0] < 60.0


def test_negative_amounts():
    rng = np.random.default_rng(11)
    history = 500 + 300 * rng.standard_normal(48)  # a few months below zero
    assert (history < 0).any()
    for result in (forecast(list(history), 12), theta_forecast(list(history), 12)):
        check_result(result, 12)
    assert "linear scale" in forecast(list(history), 12).method
    refunds_only = list(-100 - 10 * rng.random(36))
    result = forecast(refunds_only, 6)
    check_result(result, 6)
    assert all(-120 < v < -90 for v in result.mean)


def test_never_below_zero_when_sales_never_are():
    falling = [1000.0 * 0.8**i for i in range(40)]
    result = forecast(falling, 24)
    check_result(result, 24)
    assert min(result.lower) >= 0.0
    assert result.mean[-1] < falling[-1]
    linear_fall = [400.0 - 10 * i for i in range(39)]  # ends at 20
    result = forecast(linear_fall, 12)
    check_result(result, 12)
    assert min(result.lower) >= 0.0 and min(result.mean) >= 0.0


@pytest.mark.parametrize("slope", [5.0, -5.0])
def test_trend_is_followed(slope):
    rng = np.random.default_rng(8)
    history = 1000 + slope * np.arange(60) + rng.normal(0, 10, 60)
    result = forecast(list(history), 12)
    check_result(result, 12)
    assert not result.seasonal
    ahead = result.mean[-1] - result.mean[0]
    assert ahead * slope > 0  # same direction
    assert abs(result.mean[0] - (1000 + slope * 60)) < 40


def test_seasonality_is_picked_up():
    rng = np.random.default_rng(9)
    pattern = np.array([0.7, 0.8, 1.0, 1.1, 1.0, 0.9, 0.8, 0.8, 1.0, 1.2, 1.3, 1.4])
    months = np.arange(72)
    history = 1000 * (1 + 0.005 * months) * pattern[months % 12]
    history *= np.exp(rng.normal(0, 0.03, 72))
    result = forecast(list(history), 24)
    check_result(result, 24)
    assert result.seasonal
    assert "seasonally adjusted" in result.method
    future = pattern[np.arange(72, 96) % 12]
    assert np.corrcoef(result.mean, future)[0, 1] > 0.95
    assert int(np.argmax(result.mean[:12])) == 11  # December, as every year
    assert smape(1000 * 1.36 * future, result.mean) < 10


def test_noise_is_not_seasonal():
    rng = np.random.default_rng(1)
    result = forecast(list(500 + rng.normal(0, 50, 96)), 12)
    check_result(result, 12)
    assert not result.seasonal
    assert np.ptp(result.mean) < 50


@pytest.mark.parametrize("n", [3, 5, 8, 11, 12, 18, 24, 25])
def test_short_histories(n):
    rng = np.random.default_rng(n)
    history = list(300 + rng.normal(0, 30, n))
    result = forecast(history, 18)
    check_result(result, 18)
    if n < 12:
        assert result.method.startswith("Exponential smoothing, short history")
    elif n <= 24:
        assert "short history" in result.method
    else:
        assert result.method.startswith("Ensemble: theta + damped trend")
    assert 200 < min(result.mean) <= max(result.mean) < 400


def test_other_season_lengths_and_long_horizons():
    rng = np.random.default_rng(12)
    quarters = 100 * np.tile([0.8, 1.0, 1.1, 1.1], 10) * np.exp(rng.normal(0, 0.02, 40))
    result = forecast(list(quarters), 8, season_length=4)
    check_result(result, 8)
    assert result.seasonal
    assert int(np.argmin(result.mean[:4])) == 0
    yearly = list(np.cumsum(rng.normal(5, 10, 30)) + 100)
    check_result(forecast(yearly, 5, season_length=1), 5)
    growth = list(100 * 1.05 ** np.arange(60))
    result = forecast(growth, 240)
    check_result(result, 240)
    assert result.mean[-1] > growth[-1]


def test_scale_does_not_matter():
    rng = np.random.default_rng(4)
    history = 50 * np.exp(rng.normal(0, 0.1, 48).cumsum() * 0.3) + 20
    small = forecast(list(history * 1e-6), 12)
    large = forecast(list(history * 1e9), 12)
    assert np.allclose(np.array(small.mean) * 1e15, large.mean, rtol=1e-6)
    assert np.allclose(np.array(small.upper) * 1e15, large.upper, rtol=1e-6)


def test_interval_widens_with_level_and_horizon():
    rng = np.random.default_rng(6)
    history = list(1000 + rng.normal(0, 100, 60).cumsum() * 0.3)
    narrow = forecast(history, 12, level=0.5)
    wide = forecast(history, 12, level=0.95)
    assert narrow.mean == wide.mean
    narrow_width = np.subtract(narrow.upper, narrow.lower)
    wide_width = np.subtract(wide.upper, wide.lower)
    assert (wide_width > narrow_width).all()
    assert wide_width[-1] > wide_width[0]


def test_every_family_gives_sound_results(panel):
    for _family, history, _future in panel[::7]:
        for level in (0.5, 0.8, 0.99):
            check_result(forecast(history, HORIZON, level=level), HORIZON, level)
        check_result(theta_forecast(history, HORIZON), HORIZON)
        check_result(seasonal_naive_forecast(history, HORIZON), HORIZON)


# ---------------------------------------------------------------- baselines


def test_theta_baseline_is_the_classical_method():
    """On a straight line, Theta forecasts half the slope from the last value."""
    line = [100.0 + 4 * t for t in range(40)]
    result = theta_forecast(line, 6)
    assert result.method == "Theta"
    steps = np.arange(1, 7)
    assert np.allclose(result.mean, line[-1] + 2 * steps, atol=0.5)
    # seasonal: the decomposition is multiplicative and put back
    pattern = np.tile([0.5, 1.0, 1.5, 1.0], 12)
    result = theta_forecast(list(100 * pattern), 8, season_length=4)
    assert result.method == "Theta (seasonally adjusted)"
    assert np.allclose(result.mean, 100 * pattern[:8], rtol=1e-3)
    # the seasonality test needs more than two seasons
    assert not theta_forecast(list(100 * pattern[:8]), 4, season_length=4).seasonal


def test_seasonal_naive_baseline():
    history = [float(v) for v in range(1, 25)]
    result = seasonal_naive_forecast(history, 15)
    assert result.mean == history[12:] + history[12:15]
    assert seasonal_naive_forecast([3.0, 4.0], 2).mean == [4.0, 4.0]


def test_smape():
    assert smape([100, 100], [100, 100]) == 0.0
    assert smape([0, 0], [0, 0]) == 0.0
    assert smape([0, 100], [10, 100]) == 100.0
    assert smape([100], [300]) == 100.0
    assert smape([-100], [100]) == 200.0
    with pytest.raises(ValueError, match="equal length"):
        smape([1, 2], [1])


# ---------------------------------------------------------------- accuracy


def test_accuracy_beats_theta_on_the_sales_panel(panel):
    assert len(panel) >= 300
    results = evaluate(panel)
    print("\nsMAPE over the next", HORIZON, "months (seeded synthetic panel)")
    print(table(results))
    everything = np.vstack(list(results.values()))
    engine, theta = everything[:, 0], everything[:, 1]
    print(f"mean sMAPE: engine {engine.mean():.2f}, Theta {theta.mean():.2f}")
    assert engine.mean() < theta.mean()
    # clearly, not by luck: the paired difference is beyond two standard errors
    difference = engine - theta
    standard_error = difference.std(ddof=1) / math.sqrt(len(difference))
    assert difference.mean() < -2 * standard_error
    # and no family pays for the others
    for family, rows in results.items():
        assert rows[:, 0].mean() < 1.1 * rows[:, 1].mean(), family
    catastrophic = (engine > 2 * theta) & (engine - theta > 20)
    assert not catastrophic.any(), np.flatnonzero(catastrophic)


def test_interval_coverage(panel):
    """About 80 % of the actual amounts fall in the 80 % intervals."""
    regular = [p for p in panel if p[0] != "intermittent"]
    coverage = np.vstack(list(evaluate(regular).values()))[:, 3].mean()
    assert 0.7 <= coverage <= 0.9, coverage
    coverage_95 = np.vstack(list(evaluate(regular[::3], 0.95).values()))[:, 3].mean()
    assert coverage_95 > coverage


def test_speed():
    """A loose guard; tests/bench_forecasting.py measures the real target."""
    rng = np.random.default_rng(2)
    panel = [list(np.exp(rng.normal(0, 0.05, 120).cumsum()) * 100) for _ in range(100)]
    start = time.perf_counter()
    for history in panel:
        forecast(history, HORIZON)
    assert time.perf_counter() - start < 5.0
