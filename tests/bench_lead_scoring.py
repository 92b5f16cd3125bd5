"""Benchmark of the lead scoring engine (sales_management/tools/lead_scoring/).

Not a test (pytest does not collect it): run it by hand, from any directory,
with a Python that has numpy (and pytest, which the shared test helpers
import)::

    python tests/bench_lead_scoring.py                 # 100,000 and 1,000,000 rows
    python tests/bench_lead_scoring.py --rows 200000   # other sizes

For each size it generates CRM-like leads with 25 features (the ``make_crm``
generator of tests/lead_scoring_common.py plus ten more fields), then prints:

* the time to train on all the rows and to score all of them (wall clock and
  CPU), and to explain 10,000 leads;
* the held-out AUC (30 %) of the engine trained on the other 70 %, next to
  the naive-Bayes and logistic-regression baselines of
  tests/lead_scoring_baselines.py, which are trained on at most
  ``--baseline-rows`` rows (they are slow) and scored on at most 100,000
  held-out rows, as is the engine.
"""

import argparse
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
importlib.import_module("conftest")  # makes sales_management_tools importable
baselines = importlib.import_module("lead_scoring_baselines")
synthetic = importlib.import_module("lead_scoring_common")
lead_scoring = baselines.lead_scoring
np = baselines.np

INDUSTRIES = [f"Industry {i}" for i in range(30)]
REGIONS = ["North", "South", "East", "West", "Centre"]


def make_wide(n, seed):
    """CRM-like leads with 25 features: make_crm's 15 and ten more.

    The extra fields: company size (a log effect), website visits
    (saturating), an industry (30 levels), a region, a newsletter flag,
    a rule-based score (linear), and four fields without any effect.
    """
    rows, outcomes = synthetic.make_crm(n=n, seed=seed)
    truth = synthetic.TRUTH["crm"]
    rng = np.random.default_rng(seed + 1)
    logit = np.log(truth / (1 - truth))
    size = np.round(rng.lognormal(3.5, 1.5, n))
    visits = rng.poisson(3, n)
    industry = rng.integers(0, 30, n)
    region = rng.integers(0, 5, n)
    newsletter = rng.random(n) < 0.3
    rule_score = rng.normal(50, 15, n).round()
    noise = rng.normal(size=(n, 2))
    noise_category = rng.integers(0, 12, (n, 2))
    logit += 0.3 * np.log1p(size) - 1.0 + 1.2 * (1 - np.exp(-visits / 2.0)) - 0.6
    logit += (
        rng.normal(0, 0.4, 30)[industry] + 0.3 * newsletter + 0.02 * (rule_score - 50)
    )
    outcomes = (rng.random(n) < 1 / (1 + np.exp(-logit))).tolist()
    wide = []
    for i, row in enumerate(rows):
        wide.append(
            {
                **row,
                "company_size": None if size[i] > 5000 else int(size[i]),
                "website_visits": int(visits[i]),
                "industry": INDUSTRIES[industry[i]],
                "region": REGIONS[region[i]],
                "newsletter": bool(newsletter[i]),
                "rule_score": float(rule_score[i]),
                "noise_a": float(noise[i, 0]),
                "noise_b": float(noise[i, 1]),
                "noise_c": f"C{noise_category[i, 0]}",
                "noise_d": f"D{noise_category[i, 1]}",
            }
        )
    return wide, outcomes


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bench(n, baseline_rows, seed):
    rows, outcomes = make_wide(n, seed)
    print(f"\n== {n:,} leads, {len(rows[0])} features, {sum(outcomes) / n:.1%} won")

    model, wall, cpu = timed(lead_scoring.fit, rows, outcomes)
    print(f"train on all rows     {wall:7.2f} s  (cpu {cpu:6.2f} s)", flush=True)
    _p, wall, cpu = timed(model.predict, rows)
    print(f"score all rows        {wall:7.2f} s  (cpu {cpu:6.2f} s)")
    _e, wall, cpu = timed(model.explain_many, rows[:10000])
    print(f"explain 10,000 rows   {wall:7.2f} s  (cpu {cpu:6.2f} s)")
    meta = model.metadata
    print(
        f"model: {meta['passes']} passes, pairs {meta['interactions']}, "
        f"JSON {len(model.to_json()):,} bytes"
    )

    # the leads are drawn independently, so the first 70 % are a random
    # sample; unlike a shuffle, this keeps them in memory order as the ORM
    # would build them (with shuffled dicts every lookup is a cache miss)
    cut = int(n * 0.7)
    train_rows, train_y = rows[:cut], outcomes[:cut]
    test_rows, test_y = rows[cut : cut + 100_000], outcomes[cut : cut + 100_000]
    engine, wall, _cpu = timed(lead_scoring.fit, train_rows, train_y)
    aucs = {"engine": baselines.auc(test_y, engine.predict(test_rows))}
    print(f"engine trained on {len(train_rows):,} rows in {wall:.2f} s", flush=True)
    base_rows, base_y = train_rows[:baseline_rows], train_y[:baseline_rows]
    for name, baseline in (
        ("naive bayes", baselines.NaiveBayes),
        ("logistic", baselines.LogisticRegression),
    ):
        trained, wall, _cpu = timed(baseline, base_rows, base_y)
        aucs[name] = baselines.auc(test_y, trained.predict(test_rows))
        print(f"{name} trained on {len(base_rows):,} rows in {wall:.2f} s", flush=True)
    print(f"held-out AUC on {len(test_rows):,} rows")
    print(baselines.format_table({f"{n:,} rows": aucs}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--baseline-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    for n in args.rows:
        bench(n, args.baseline_rows, args.seed)


if __name__ == "__main__":
    main()
