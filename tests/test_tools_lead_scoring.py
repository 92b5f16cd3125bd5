"""Tests of sales_management/tools/lead_scoring.py, the predictive scoring engine.

The quality bar is proved on synthetic data generated here with a seed: the
engine's held-out AUC is compared with two baselines implemented below and
nowhere else:

* ``NaiveBayes``: Odoo's predictive lead scoring -- per-field frequency
  tables of won and lost leads with Laplace smoothing, multiplied as naive
  Bayes; numbers are bucketed into deciles (Odoo ignores them), each tag is
  a field counted when present;
* ``LogisticRegression``: plain L2 logistic regression in numpy -- one-hot
  categories and tags, standardised raw numbers, missing -> 0 plus an
  indicator column.

The AUC table is printed by ``pytest -s``; tests/bench_lead_scoring.py reuses
the generators and baselines for timings at 100,000 and 1,000,000 leads.
"""

import doctest
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="the scoring engine needs numpy")

from sales_management_tools import lead_scoring  # noqa: E402 (tests/conftest.py)

fit = lead_scoring.fit
from_json = lead_scoring.from_json
ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# measures
# ---------------------------------------------------------------------------


def auc(outcomes, scores):
    """Area under the ROC curve by ranks (ties get their average rank)."""
    y = np.asarray(outcomes, dtype=bool)
    s = np.asarray(scores, dtype=float)
    order = np.argsort(s, kind="mergesort")
    ranked = s[order]
    ranks = np.empty(len(s))
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(s)]
    for start, end in zip(starts, ends, strict=True):
        ranks[order[start:end]] = (start + end + 1) / 2.0
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def split(rows, outcomes, test_fraction=0.3, seed=7):
    """A seeded (train rows, train outcomes, test rows, test outcomes) split."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(rows))
    cut = int(len(rows) * (1 - test_fraction))
    train, test = order[:cut], order[cut:]
    return (
        [rows[i] for i in train],
        [outcomes[i] for i in train],
        [rows[i] for i in test],
        [outcomes[i] for i in test],
    )


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# ---------------------------------------------------------------------------
# baselines
# ---------------------------------------------------------------------------


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_set(value):
    return isinstance(value, list | tuple | set | frozenset)


def _column_kinds(rows):
    """'number', 'set' or 'category' for every feature, by its values' majority."""
    votes = {}
    for row in rows:
        for name, value in row.items():
            if value is None:
                continue
            kind = (
                "number"
                if _is_number(value)
                else "set"
                if _is_set(value)
                else "category"
            )
            votes.setdefault(name, {}).setdefault(kind, 0)
            votes[name][kind] += 1
    return {
        name: max(sorted(kinds), key=kinds.get) for name, kinds in sorted(votes.items())
    }


def _number(value):
    if _is_number(value) and math.isfinite(value):
        return float(value)
    if isinstance(value, bool):
        return float(value)
    return None


class NaiveBayes:
    """Odoo-like naive Bayes: frequency tables per field, Laplace smoothing."""

    def __init__(self, rows, outcomes, alpha=1.0, buckets=10):
        self.kinds = _column_kinds(rows)
        self.alpha = alpha
        y = np.asarray(outcomes, dtype=bool)
        self.totals = {True: int(y.sum()), False: int((~y).sum())}
        self.edges = {}
        for name, kind in self.kinds.items():
            if kind == "number":
                values = [_number(r.get(name)) for r in rows]
                values = np.array([v for v in values if v is not None])
                quantiles = np.linspace(0, 1, buckets + 1)[1:-1]
                self.edges[name] = np.unique(np.quantile(values, quantiles))
        self.tables = {}
        for row, won in zip(rows, outcomes, strict=True):
            for field, value in self._values(row):
                counts = self.tables.setdefault(field, {}).setdefault(value, [0, 0])
                counts[bool(won)] += 1

    def _values(self, row):
        for name, kind in self.kinds.items():
            value = row.get(name)
            if kind == "set":
                for tag in value if _is_set(value) else ():
                    yield f"{name}:{tag}", True
            elif kind == "number":
                number = _number(value)
                if number is None:
                    yield name, "missing"
                else:
                    yield name, int(np.searchsorted(self.edges[name], number, "right"))
            else:
                yield name, "missing" if value is None else str(value)

    def predict(self, rows):
        n_won, n_lost = self.totals[True], self.totals[False]
        result = []
        for row in rows:
            log_won = math.log(n_won / (n_won + n_lost))
            log_lost = math.log(n_lost / (n_won + n_lost))
            for field, value in self._values(row):
                table = self.tables.get(field, {})
                lost, won = table.get(value, (0, 0))
                k = len(table) + 1
                log_won += math.log((won + self.alpha) / (n_won + self.alpha * k))
                log_lost += math.log((lost + self.alpha) / (n_lost + self.alpha * k))
            result.append(
                1.0 / (1.0 + math.exp(max(-700, min(700, log_lost - log_won))))
            )
        return result


class LogisticRegression:
    """Plain L2 logistic regression fitted by Newton's method in numpy."""

    def __init__(self, rows, outcomes, l2=1.0, iterations=25):
        self.kinds = _column_kinds(rows)
        self.scale = {}
        self.levels = {}
        width = 1  # the intercept
        for name, kind in self.kinds.items():
            column = [r.get(name) for r in rows]
            if kind == "number":
                values = _numbers(column)
                finite = values[~np.isnan(values)]
                self.scale[name] = (width, finite.mean(), finite.std() or 1.0)
                width += 2  # the standardised number and its missing indicator
            else:
                if kind == "set":
                    seen = {t for v in column if _is_set(v) for t in v}
                else:
                    seen = {str(v) for v in column if v is not None} | {None}
                levels = sorted(seen, key=str)
                self.levels[name] = {v: width + i for i, v in enumerate(levels)}
                width += len(levels)
        self.width = width
        x = self._design(rows)
        y = np.asarray(outcomes, dtype=float)
        w = np.zeros(width)
        penalty = np.full(width, l2)
        penalty[0] = 0.0  # no penalty on the intercept
        for _ in range(iterations):
            p = _sigmoid(x @ w)
            gradient = x.T @ (p - y) + penalty * w
            hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-6:
                break
        self.weights = w

    def _design(self, rows):
        x = np.zeros((len(rows), self.width))
        x[:, 0] = 1.0
        for name, kind in self.kinds.items():
            column = [r.get(name) for r in rows]
            if kind == "number":
                start, mean, std = self.scale[name]
                values = _numbers(column)
                missing = np.isnan(values)
                x[:, start] = np.where(missing, 0.0, (values - mean) / std)
                x[:, start + 1] = missing
                continue
            lookup = self.levels[name]
            hits = []
            for r, value in enumerate(column):
                if kind == "set":
                    hits += [
                        (r, lookup[t])
                        for t in (value if _is_set(value) else ())
                        if t in lookup
                    ]
                else:
                    column_index = lookup.get(None if value is None else str(value))
                    if column_index is not None:
                        hits.append((r, column_index))
            if hits:
                r_index, c_index = zip(*hits, strict=True)
                x[list(r_index), list(c_index)] = 1.0
        return x

    def predict(self, rows):
        return _sigmoid(self._design(rows) @ self.weights).tolist()


def _numbers(column):
    """Floats of a column, nan where the value is not a finite number."""
    values = np.array(
        [v if _number(v) is not None else np.nan for v in column], dtype=float
    )
    return values


# ---------------------------------------------------------------------------
# synthetic data
# ---------------------------------------------------------------------------


def _zipf(rng, k, n, exponent):
    weights = 1.0 / np.arange(1, k + 1) ** exponent
    return rng.choice(k, n, p=weights / weights.sum())


TRUTH = {}  # generator name -> true probabilities of its last call (for the bench)


def _draw_outcomes(rng, logit, rate, name):
    """Outcomes for these log-odds, shifted so that about ``rate`` are won."""
    low, high = -20.0, 20.0
    for _ in range(60):
        middle = (low + high) / 2
        if _sigmoid(logit + middle).mean() < rate:
            low = middle
        else:
            high = middle
    TRUTH[name] = _sigmoid(logit + low)
    return (rng.random(len(logit)) < TRUTH[name]).tolist()


def _tag_sets(rng, n, names, rates, none_rate=0.05):
    present = rng.random((n, len(names))) < np.asarray(rates)
    sets = [[names[j] for j in np.flatnonzero(present[i])] for i in range(n)]
    for i in np.flatnonzero(rng.random(n) < none_rate):
        sets[i] = None
    return sets, present


def _with_missing(rng, values, rate):
    return [
        None if m else v
        for v, m in zip(values, rng.random(len(values)) < rate, strict=True)
    ]


def make_lead_origin(n=9000, seed=1):
    """Marketing-qualified leads: web engagement, origins, tags (~38 % won).

    Non-linear numbers (time on site rises then saturates, lead age is
    U-shaped, visits peak in the middle), categories with many rare levels,
    tag sets, missing values, a do-not-email flag and a source x country
    interaction. As in real exports, fields overlap: the source depends on
    the origin, and the last notable activity repeats the last activity.
    """
    rng = np.random.default_rng(seed)
    logit = np.zeros(n)
    origins = ["Landing Page", "API", "Lead Add Form", "Lead Import", "Quick Add"]
    origin = rng.choice(5, n, p=[0.5, 0.3, 0.1, 0.06, 0.04])
    logit += np.array([-0.2, -0.5, 1.8, -1.0, 0.4])[origin]
    source = (_zipf(rng, 40, n, 1.1) + 8 * origin * (rng.random(n) < 0.7)) % 40
    logit += rng.normal(0, 0.7, 40)[source]
    country = _zipf(rng, 25, n, 1.6)
    logit += rng.normal(0, 0.3, 25)[country]
    strong = source < 3
    logit += np.where(strong & (country == 0), 1.3, np.where(strong, -0.9, 0.0))
    seconds = np.where(rng.random(n) < 0.25, 0.0, rng.lognormal(6.0, 1.0, n).round())
    logit += 2.6 * (1 - np.exp(-seconds / 450.0)) - 1.2
    visits = np.where(rng.random(n) < 0.15, 0, rng.poisson(4, n))
    logit += 0.35 * np.minimum(visits, 4) - 0.15 * np.maximum(visits - 6, 0)
    views = np.round(np.where(visits > 0, rng.gamma(2.0, 1.3, n), 0.0), 2)
    age = rng.uniform(0, 120, n).round()
    logit += 1.4 * ((age - 50) / 50) ** 2 - 0.7
    activity = _zipf(rng, 15, n, 1.0)
    logit += rng.normal(0, 0.8, 15)[activity]
    notable = np.where(rng.random(n) < 0.7, activity, -1)
    no_email = rng.random(n) < 0.08
    logit -= 1.0 * no_email
    occupations = [
        "Unemployed",
        "Working Professional",
        "Student",
        "Businessman",
        "Other",
    ]
    occupation = rng.choice(5, n, p=[0.55, 0.2, 0.15, 0.05, 0.05])
    occupation_missing = rng.random(n) < 0.3
    logit += np.where(
        occupation_missing, -0.6, np.array([0.0, 1.6, -0.4, 0.5, 0.2])[occupation]
    )
    tag_names = [
        "Will revert",
        "Ringing",
        "Interested",
        "Busy",
        "Closed",
        "Lost to rival",
    ]
    tag_names += [f"Tag {i}" for i in range(6)]
    tags, present = _tag_sets(
        rng, n, tag_names, [0.15, 0.12, 0.2, 0.1, 0.04, 0.05] + [0.03] * 6
    )
    logit += present @ np.array([1.9, -1.5, 0.6, -0.3, 2.5, -2.0] + [0.0] * 6)
    noise_category = rng.integers(0, 10, n)
    outcomes = _draw_outcomes(rng, logit, 0.38, "lead origin")
    rows = []
    missing_seconds = rng.random(n) < 0.02
    missing_visits = rng.random(n) < 0.03
    for i in range(n):
        rows.append(
            {
                "lead_origin": origins[origin[i]],
                "lead_source": f"Source {source[i]}",
                "country": f"Country {country[i]}",
                "time_on_site": None if missing_seconds[i] else float(seconds[i]),
                "total_visits": None if missing_visits[i] else int(visits[i]),
                "page_views_per_visit": float(views[i]),
                "lead_age_days": int(age[i]),
                "last_activity": f"Activity {activity[i]}",
                "last_notable_activity": "Modified"
                if notable[i] < 0
                else f"Activity {notable[i]}",
                "do_not_email": bool(no_email[i]),
                "occupation": None
                if occupation_missing[i]
                else occupations[occupation[i]],
                "tags": tags[i],
                "noise_number": float(rng.normal()),
                "noise_category": f"N{noise_category[i]}",
            }
        )
    return rows, outcomes


def make_crm(n=20000, seed=2):
    """CRM export: stage, team, salesperson, source/medium/campaign, revenue.

    Revenue has an inverse-U effect that depends on the stage (an
    interaction), lead age decays, engagement saturates, the campaign has
    many rare levels and the days since the last contact act as a threshold.
    As in real exports, fields overlap: a campaign fixes the source and the
    medium, the team follows the salesperson, e-mails follow activities.
    """
    rng = np.random.default_rng(seed)
    logit = np.zeros(n)
    stages = ["New", "Qualified", "Proposition", "Negotiation"]
    stage = rng.choice(4, n, p=[0.35, 0.3, 0.2, 0.15])
    logit += np.array([-1.2, -0.2, 0.6, 1.4])[stage]
    person = rng.integers(0, 40, n)
    team = person // 7
    logit += rng.normal(0, 0.5, 40)[person] + rng.normal(0, 0.3, 6)[team]
    campaign = _zipf(rng, 81, n, 1.0) - 1  # -1: no campaign
    has_campaign = campaign >= 0
    source = np.where(
        has_campaign, rng.integers(0, 12, 81)[campaign], _zipf(rng, 12, n, 1.0)
    )
    medium = np.where(
        has_campaign, rng.integers(0, 6, 81)[campaign], rng.integers(0, 6, n)
    )
    logit += rng.normal(0, 0.6, 12)[source] + rng.normal(0, 0.3, 6)[medium]
    logit += np.where(has_campaign, rng.normal(0, 0.5, 81)[campaign], 0.0)
    log_revenue = rng.normal(9.0, 1.2, n)
    logit += -0.35 * (log_revenue - 9.0) ** 2 + 0.3
    big = log_revenue > 10
    logit += np.where(big & (stage == 3), 1.2, np.where(big & (stage <= 1), -1.0, 0.0))
    revenue_missing = rng.random(n) < 0.1
    logit -= 0.5 * revenue_missing
    age = rng.exponential(60, n).round()
    logit += -0.9 * np.log1p(age / 30.0) + 0.6
    activities = rng.poisson(4, n)
    logit += 1.6 * (1 - np.exp(-activities / 2.5)) - 0.9
    emails = activities + rng.poisson(2, n)
    logit += 0.03 * emails
    priority = rng.integers(0, 4, n)
    logit += 0.3 * priority
    has_phone = rng.random(n) < 0.8
    logit += 0.4 * has_phone
    country = np.where(rng.random(n) < 0.6, team * 3, _zipf(rng, 20, n, 1.4))
    logit += rng.normal(0, 0.2, 20)[country]
    contact = rng.exponential(20, n).round()
    logit -= 1.0 * (contact > 30)
    tag_names = [f"Tag {i}" for i in range(15)]
    tags, present = _tag_sets(rng, n, tag_names, [0.1] * 5 + [0.05] * 10, none_rate=0.0)
    logit += present @ np.r_[[1.2, -1.0, 0.5, 0.0, -0.4], np.zeros(10)]
    outcomes = _draw_outcomes(rng, logit, 0.3, "crm")
    rows = []
    for i in range(n):
        rows.append(
            {
                "stage": stages[stage[i]],
                "team": f"Team {team[i]}",
                "salesperson": f"Rep {person[i]}",
                "source": f"Source {source[i]}",
                "medium": f"Medium {medium[i]}",
                "campaign": f"Campaign {campaign[i]}" if has_campaign[i] else None,
                "expected_revenue": None
                if revenue_missing[i]
                else round(math.exp(log_revenue[i])),
                "lead_age_days": int(age[i]),
                "activities": int(activities[i]),
                "emails": int(emails[i]),
                "priority": int(priority[i]),
                "has_phone": bool(has_phone[i]),
                "country": f"Country {country[i]}",
                "days_since_contact": int(contact[i]),
                "tags": tags[i],
            }
        )
    return rows, outcomes


def make_linear(n=12000, seed=3):
    """Log-odds that are linear in the numbers: logistic regression's home ground."""
    rng = np.random.default_rng(seed)
    numbers = rng.normal(size=(n, 8))
    numbers[:, 1] += 0.5 * numbers[:, 0]  # some correlation
    logit = numbers @ np.array([0.8, -0.6, 0.5, 0.4, -0.3, 0.2, 0.0, 0.0])
    categories = [rng.integers(0, k, n) for k in (5, 8, 4)]
    for values, k in zip(categories, (5, 8, 4), strict=True):
        logit += rng.normal(0, 0.5, k)[values]
    flags = rng.random((n, 2)) < 0.3
    logit += flags @ np.array([0.6, -0.4])
    outcomes = _draw_outcomes(rng, logit, 0.4, "linear")
    rows = []
    for i in range(n):
        row = {f"x{j}": float(numbers[i, j]) for j in range(8)}
        row.update(
            {f"c{j}": f"level {values[i]}" for j, values in enumerate(categories)}
        )
        row.update(flag0=bool(flags[i, 0]), flag1=bool(flags[i, 1]))
        rows.append(row)
    return rows, outcomes


DATASETS = {
    "lead origin": make_lead_origin,
    "crm": make_crm,
    "linear": make_linear,
}


def compare(rows, outcomes, seed=7):
    """Held-out AUC (30 %) of the engine and both baselines: {name: auc}."""
    train_rows, train_y, test_rows, test_y = split(rows, outcomes, seed=seed)
    model = fit(train_rows, train_y)
    return {
        "engine": auc(test_y, model.predict(test_rows)),
        "naive bayes": auc(test_y, NaiveBayes(train_rows, train_y).predict(test_rows)),
        "logistic": auc(
            test_y, LogisticRegression(train_rows, train_y).predict(test_rows)
        ),
    }


def format_table(table):
    """The AUC table, one line per dataset."""
    models = ("engine", "naive bayes", "logistic")
    lines = [f"{'dataset':<14}" + "".join(f"{m:>13}" for m in models)]
    for name, aucs in table.items():
        lines.append(f"{name:<14}" + "".join(f"{aucs[m]:>13.4f}" for m in models))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# the quality bar
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def auc_table():
    return {name: compare(*make()) for name, make in DATASETS.items()}


def test_beats_naive_bayes_and_logistic_regression(auc_table):
    print("\nheld-out AUC (30 %)\n" + format_table(auc_table))
    hard = [auc_table["lead origin"], auc_table["crm"]]

    def mean(model):
        return sum(aucs[model] for aucs in hard) / len(hard)

    assert mean("engine") >= max(mean("naive bayes"), mean("logistic")) + 0.02
    # stricter: against the better baseline of each dataset
    margins = [a["engine"] - max(a["naive bayes"], a["logistic"]) for a in hard]
    assert sum(margins) / len(margins) >= 0.02
    assert min(margins) > 0


def test_not_worse_than_logistic_regression_on_linear_data(auc_table):
    aucs = auc_table["linear"]
    assert aucs["engine"] >= aucs["logistic"] - 0.005


# ---------------------------------------------------------------------------
# a model fitted once on the lead-origin data
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lead_data():
    rows, outcomes = make_lead_origin()
    return split(rows, outcomes)


@pytest.fixture(scope="module")
def model(lead_data):
    train_rows, train_y, _test_rows, _test_y = lead_data
    return fit(train_rows, train_y)


def _factor(model, row, feature):
    """The explain_details entry of ``feature`` (main effect) for ``row``."""
    for detail in model.explain_details(row):
        if detail["features"] == [feature]:
            return detail
    raise AssertionError(f"no factor for {feature}")


@pytest.fixture
def lead(lead_data):
    """A typical lead to vary one field at a time."""
    return dict(lead_data[0][0])


@pytest.mark.parametrize(
    "feature, value, sign",
    [
        ("lead_origin", "Lead Add Form", +1),
        ("lead_origin", "Lead Import", -1),
        ("do_not_email", True, -1),
        ("time_on_site", 2500.0, +1),
        ("time_on_site", 0.0, -1),
        ("occupation", "Working Professional", +1),
        ("occupation", None, -1),
    ],
)
def test_explain_sign_follows_the_effect(model, lead, feature, value, sign):
    lead[feature] = value
    detail = _factor(model, lead, feature)
    assert detail["effect"] * sign > 0
    assert detail["log_odds"] * sign > 0


@pytest.mark.parametrize(
    "tag, sign", [("Will revert", +1), ("Closed", +1), ("Ringing", -1)]
)
def test_explain_sign_of_tags(model, lead, tag, sign):
    lead["tags"] = [tag]
    details = [
        d
        for d in model.explain_details(lead)
        if d["kind"] == "tag" and d["value_label"] == tag
    ]
    assert len(details) == 1
    assert details[0]["relation"] == "includes"
    assert details[0]["label"] == f"tags includes {tag}"
    assert details[0]["effect"] * sign > 0


def test_explain_effects_add_up_to_the_difference_with_the_average_lead(
    model, lead_data
):
    for row in lead_data[2][:20]:
        effects = [effect for _label, effect in model.explain(row, top=None)]
        probability = model.predict([row])[0]
        assert sum(effects) == pytest.approx(
            probability - model.base_probability, abs=1e-9
        )
        top = model.explain(row)
        assert len(top) == 3
        assert [abs(e) for _l, e in top] == sorted(
            (abs(e) for e in effects), reverse=True
        )[:3]


def test_a_score_does_not_depend_on_the_batch(model, lead_data):
    rows = lead_data[2][:100]
    assert model.predict(rows) == [model.predict([row])[0] for row in rows]


def test_explain_many_matches_explain_details(model, lead_data):
    rows = lead_data[2][:30]
    many = model.explain_many(rows)
    assert many == [model.explain_details(row, top=3) for row in rows]
    assert [[(d["label"], d["effect"]) for d in details] for details in many] == [
        model.explain(row) for row in rows
    ]


def test_explain_labels(model, lead):
    lead.update(time_on_site=2500.0, lead_source="Never seen before", occupation=None)
    labels = {d["feature"]: d for d in model.explain_details(lead)}
    time_label = labels["time_on_site"]["label"]
    assert time_label.startswith("time_on_site = 2500 (") and time_label.endswith(")")
    assert labels["lead_source"]["value_label"] == "Never seen before (other)"
    assert labels["occupation"]["label"] == "occupation = (missing)"
    assert labels["occupation"]["kind"] == "missing"
    assert labels["lead_origin"]["label"] == f"lead_origin = {lead['lead_origin']}"
    for detail in labels.values():
        assert set(detail) >= {"feature", "features", "value_label", "label", "effect"}


def test_interaction_is_found_and_explained(model, lead):
    assert "country × lead_source" in model.metadata["interactions"]
    lead.update(lead_source="Source 0", country="Country 0")
    pair = [d for d in model.explain_details(lead) if d["kind"] == "interaction"]
    assert pair[0]["features"] == ["country", "lead_source"]
    assert pair[0]["label"] == "country × lead_source = Country 0 × Source 0"
    assert pair[0]["effect"] > 0


def test_interaction_of_a_tag_and_a_category():
    rng = random.Random(1)
    rows, won = [], []
    for _ in range(6000):
        source = rng.choice(["web", "fair", "call"])
        tags = [t for t in ("hot", "vip") if rng.random() < 0.3]
        hot_web = source == "web" and "hot" in tags
        rows.append({"source": source, "tags": tags, "n": rng.random()})
        won.append(rng.random() < 0.2 + 0.6 * hot_web + 0.1 * ("vip" in tags))
    model = fit(rows, won)
    assert "source × tags[hot]" in model.metadata["interactions"]
    web_hot, web, fair_hot = model.predict(
        [
            {"source": "web", "tags": ["hot"]},
            {"source": "web", "tags": []},
            {"source": "fair", "tags": ["hot"]},
        ]
    )
    assert web_hot == pytest.approx(0.8, abs=0.06)  # the true probabilities
    assert web == pytest.approx(0.2, abs=0.06)
    assert fair_hot == pytest.approx(0.2, abs=0.06)
    labels = dict(model.explain({"source": "web", "tags": []}, top=None))
    assert labels["source × tags = web × not hot"] < 0


def test_no_interaction_on_additive_data():
    rows, outcomes = make_linear(n=6000)
    assert fit(rows, outcomes).metadata["interactions"] == []


def test_calibration_by_decile(model, lead_data):
    _train_rows, _train_y, test_rows, test_y = lead_data
    p = np.array(model.predict(test_rows))
    y = np.array(test_y, dtype=float)
    assert abs(p.mean() - y.mean()) < 0.02
    for group in np.array_split(np.argsort(p, kind="stable"), 10):
        assert abs(p[group].mean() - y[group].mean()) < 0.07


def test_feature_importance(model):
    importance = model.feature_importance()
    assert sum(importance.values()) == pytest.approx(1.0)
    assert set(importance) <= set(model.metadata["features"])
    assert importance["tags"] > importance["noise_number"]
    assert importance["time_on_site"] > importance["noise_category"]
    assert list(importance.values()) == sorted(importance.values(), reverse=True)


def test_metadata(model, lead_data):
    train_y = lead_data[1]
    meta = model.metadata
    assert meta["n_rows"] == len(train_y)
    assert meta["n_positive"] == sum(train_y)
    assert "time_on_site" in meta["features"]
    assert meta["kinds"]["tags"] == "tags"
    assert meta["kinds"]["time_on_site"] == "numeric"
    assert meta["kinds"]["do_not_email"] == "category"
    assert meta["options"]["seed"] == 0
    assert not model.degenerate


# ---------------------------------------------------------------------------
# serialisation and determinism
# ---------------------------------------------------------------------------


def test_json_round_trip(model, lead_data):
    rows = lead_data[2][:500]
    text = model.to_json()
    data = json.loads(text)
    assert data["version"] == lead_scoring.FORMAT_VERSION
    loaded = from_json(text)
    assert loaded.predict(rows) == model.predict(rows)
    assert loaded.explain_many(rows[:50]) == model.explain_many(rows[:50])
    assert loaded.feature_importance() == model.feature_importance()
    assert loaded.base_probability == model.base_probability
    assert loaded.to_json() == text
    assert len(text) < 60_000


def test_json_is_compact(lead_data):
    """Effects, bin edges and counts only: the size does not grow with the rows."""
    rows, outcomes = lead_data[0], lead_data[1]
    small = len(fit(rows[:2000], outcomes[:2000]).to_json())
    large = len(fit(rows, outcomes).to_json())
    assert large < 1.5 * small


def test_json_of_another_version_is_refused(model):
    data = json.loads(model.to_json())
    data["version"] = 999
    with pytest.raises(ValueError, match="version"):
        from_json(json.dumps(data))


def test_deterministic(lead_data):
    rows, outcomes = lead_data[0][:3000], lead_data[1][:3000]
    assert fit(rows, outcomes).to_json() == fit(list(rows), list(outcomes)).to_json()
    assert fit(rows, outcomes, seed=1).to_json() != fit(rows, outcomes).to_json()


def test_deterministic_across_hash_seeds(tmp_path):
    """String hashing changes between processes; the model must not."""
    script = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'sales_management')!r})\n"
        "from tools.lead_scoring import fit\n"
        "rows = [{'src': 'abcdefghij'[i % 10] * (i % 3 + 1), 'n': i % 17,\n"
        "         'tags': ['t%d' % (i % 5), 'u%d' % (i % 3)]} for i in range(1500)]\n"
        "won = [(i * 7919) % 11 < 3 + i % 3 for i in range(1500)]\n"
        "print(hashlib.sha256(fit(rows, won).to_json().encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1


# ---------------------------------------------------------------------------
# edge cases
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("won", [True, False])
def test_one_class_gives_a_degenerate_model(won):
    rows = [{"source": "web", "visits": i} for i in range(30)]
    model = fit(rows, [won] * 30)
    assert model.degenerate
    assert model.reason
    assert model.predict(rows[:2] + [{}]) == [float(won)] * 3
    assert model.explain(rows[0]) == []
    assert model.feature_importance() == {}
    assert from_json(model.to_json()).predict([{}]) == [float(won)]


def test_no_rows():
    model = fit([], [])
    assert model.degenerate
    assert model.predict([{"a": 1}]) == [0.5]


def test_all_values_missing():
    rows = [{"source": None, "visits": None, "tags": None}] * 40
    model = fit(rows, [i % 3 == 0 for i in range(40)])
    assert model.degenerate
    assert set(model.metadata["ignored"]) == {"source", "visits", "tags"}
    assert model.predict([{"source": "web"}]) == [pytest.approx(14 / 40)]


def test_twenty_rows():
    rows = [
        {
            "visits": i,
            "source": "ab"[i % 2],
            "flag": i % 3 == 0,
            "tags": ["x"] if i % 4 else [],
        }
        for i in range(20)
    ]
    won = [i >= 10 for i in range(20)]
    model = fit(rows, won)
    assert not model.degenerate
    p = model.predict(rows)
    assert all(0.0 <= v <= 1.0 for v in p)
    assert p[19] > 0.5 > p[0]
    assert model.explain(rows[19])[0][0].startswith("visits = 19")


def test_bool_features():
    rng = random.Random(3)
    rows = [{"do_not_email": i % 4 == 0, "src": f"s{i % 7}"} for i in range(800)]
    won = [rng.random() < (0.1 if row["do_not_email"] else 0.5) for row in rows]
    model = fit(rows, won)
    yes, no = model.predict([{"do_not_email": True}, {"do_not_email": False}])
    assert yes < no
    detail = _factor(model, {"do_not_email": True}, "do_not_email")
    assert detail["label"] == "do_not_email = True"
    assert detail["effect"] < 0


def test_tag_sets_including_empty_ones():
    rng = random.Random(4)
    rows, won = [], []
    for i in range(900):
        tags = [t for t in ("hot", "vip", "cold") if rng.random() < 0.25]
        rows.append({"tags": tags if i % 10 else None, "n": i % 5})
        won.append(rng.random() < 0.2 + 0.5 * ("hot" in tags) - 0.15 * ("cold" in tags))
    model = fit(rows, won)
    hot, cold, empty, none, unseen, one = model.predict(
        [
            {"tags": ["hot"]},
            {"tags": ["cold"]},
            {"tags": []},
            {"tags": None},
            {"tags": ["never seen"]},
            {"tags": "hot"},
        ]
    )
    assert hot > empty > cold
    assert empty == none
    assert one == hot  # a single string is a set of one tag
    assert 0 < unseen < 1


def test_nan_and_inf_numbers():
    values = [math.nan, math.inf, -math.inf, None, 1.0, 2.0]
    rows = [{"amount": values[i % 6] if i % 2 else float(i)} for i in range(600)]
    won = [i % 2 == 0 and i > 300 for i in range(600)]
    model = fit(rows, won)
    p = model.predict([{"amount": v} for v in values + [1e300, -1e300, 450.0]])
    assert all(0.0 <= v <= 1.0 and math.isfinite(v) for v in p)
    assert model.explain({"amount": math.nan})[0][0] == "amount = (missing)"
    assert from_json(model.to_json()).predict([{"amount": math.inf}]) == model.predict(
        [{"amount": math.inf}]
    )
    json.loads(model.to_json(), parse_constant=lambda name: pytest.fail(name))


def test_mixed_numbers_and_strings():
    """Mostly numbers with a few words: numbers are binned, words are levels."""
    rows = []
    for i in range(1000):
        value = i % 50 if i % 10 else ("unknown" if i % 20 else str(i % 50))
        rows.append({"score": value, "odd": [1.5, "x", None, True, ["a"]][i % 5]})
    won = [(i % 50 > 25) or (i % 20 == 10) for i in range(1000)]
    model = fit(rows, won)
    assert model.metadata["kinds"]["score"] == "numeric"
    unknown, high, low, text_number = model.predict(
        [{"score": "unknown"}, {"score": 40}, {"score": 3}, {"score": "40"}]
    )
    assert unknown > low and high > low
    assert text_number == high
    odd = model.predict(
        [{"odd": {"a": 1}}, {"odd": object()}, {"odd": [[1]]}, {"odd": 2**80}]
    )
    assert all(0.0 <= v <= 1.0 for v in odd)


def test_numbers_as_categories_and_categories_as_numbers():
    rows = [{"code": str(i % 10), "level": i % 10} for i in range(500)]
    won = [i % 10 > 5 for i in range(500)]
    model = fit(rows, won)
    assert model.metadata["kinds"] == {"code": "category", "level": "numeric"}
    assert model.predict([{"code": 7}]) == model.predict([{"code": "7"}])
    assert model.predict([{"level": "7"}]) == model.predict([{"level": 7}])


def test_record_ids_as_categories_named_when_explained():
    """Ids of the ``categories`` option are levels, not numbers; their names
    are given when a lead is explained, and a renamed level reads anew."""
    rows = [
        {"stage": 10 + i % 4, "tags": [7] if i % 3 == 0 else [], "revenue": i % 7}
        for i in range(600)
    ]
    won = [
        (i % 4 == 3) != (i % 9 == 0) or i % 3 == 0 and i % 2 == 0 for i in range(600)
    ]
    model = fit(rows, won, categories=["stage", "tags"], interactions=0)
    assert model.metadata["kinds"] == {
        "revenue": "numeric",
        "stage": "category",
        "tags": "tags",
    }
    assert sorted(model.category_levels()["stage"]) == ["10", "11", "12", "13"]
    assert model.category_levels()["tags"] == ["7"]
    assert model.predict([{"stage": 13}]) == model.predict([{"stage": "13"}])
    names = {"stage": {"13": "Proposal"}, "tags": {"7": "Hot"}}
    lead = {"stage": 13, "tags": [7], "revenue": 3}
    labels = [d["label"] for d in model.explain_details(lead, names=names)]
    assert "stage = Proposal" in labels and "tags includes Hot" in labels
    renamed = {"stage": {"13": "Offer"}, "tags": {"7": "Urgent"}}
    labels = [label for label, _effect in model.explain(lead, top=None, names=renamed)]
    assert "stage = Offer" in labels and "tags includes Urgent" in labels
    unseen = model.explain_details({"stage": 99}, names={"stage": {"99": "New"}})
    assert "stage = New (other)" in [d["label"] for d in unseen]
    # without the option, ids are numbers
    assert fit(rows, won).metadata["kinds"]["stage"] == "numeric"


def test_unseen_categories_and_unknown_features(model, lead):
    lead.update(lead_source="Brand new source", country="Atlantis", extra_field=3)
    p = model.predict([lead])[0]
    assert 0.0 < p < 1.0
    assert model.predict([{}])[0] == pytest.approx(model.predict([{"unknown": 1}])[0])
    partial = {k: lead[k] for k in ("lead_origin", "time_on_site")}
    assert 0.0 < model.predict([partial])[0] < 1.0


def test_a_category_never_seen_without_other_level_is_average():
    rows = [{"src": f"s{i % 3}"} for i in range(300)]
    model = fit(rows, [i % 3 == 0 for i in range(300)])
    detail = _factor(model, {"src": "s9"}, "src")
    assert detail["value_label"] == "s9 (other)"
    assert detail["effect"] == 0.0


def test_columns_and_generators_as_input(lead_data):
    rows, outcomes = lead_data[0][:2000], lead_data[1][:2000]
    names = sorted({name for row in rows for name in row})
    columns = {name: [row.get(name) for row in rows] for name in names}
    by_rows = fit(rows, outcomes)
    assert fit(columns, outcomes).to_json() == by_rows.to_json()
    assert fit(iter(rows), iter(outcomes)).to_json() == by_rows.to_json()
    assert by_rows.predict(columns) == by_rows.predict(rows)
    arrays = {name: np.array(values, dtype=object) for name, values in columns.items()}
    assert by_rows.predict(arrays) == by_rows.predict(rows)
    with pytest.raises(TypeError):
        by_rows.predict(rows[0])  # one row is not a dict of columns


ODD_VALUES = [None, True, False, 0, 1, 2.5, -3, 1e9, math.nan, math.inf, "", " ", "a"]
ODD_VALUES += ["12", [], ["t1"], ["t1", "t2"], ("t3",), [None, ""], 10**30, [[1]], {}]


@pytest.mark.parametrize("seed", range(40))
def test_random_messy_data_never_breaks(seed):
    """Random sizes and columns of every kind, some of them messy."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 5, 20, 50, 399, 400, 900])
    kinds = {
        f"f{i}": rng.choice(["number", "category", "tags", "bool", "messy"])
        for i in range(rng.randint(0, 6))
    }

    def value(kind):
        if rng.random() < 0.1:
            return None
        if kind == "number":
            return rng.choice([rng.random() * 100, rng.randint(0, 5), math.nan])
        if kind == "category":
            return rng.choice("abcdefg")
        if kind == "tags":
            return rng.sample(["h", "v", "c", "d"], rng.randint(0, 3))
        if kind == "bool":
            return rng.random() < 0.5
        return rng.choice(ODD_VALUES)

    rows = [
        {k: value(v) for k, v in kinds.items() if rng.random() < 0.9} for _ in range(n)
    ]
    won = [rng.random() < 0.4 for _ in range(n)]
    model = fit(rows, won, seed=seed)
    others = [{}, {name: rng.choice(ODD_VALUES) for name in kinds}]
    p = model.predict(rows + others)
    assert all(0.0 <= v <= 1.0 for v in p)
    text = model.to_json()
    json.loads(text, parse_constant=lambda name: pytest.fail(name))
    assert from_json(text).predict(rows + others) == p
    for row in rows[:5] + others:
        effects = [effect for _label, effect in model.explain(row, top=None)]
        expected = model.predict([row])[0] - model.base_probability
        assert sum(effects) == pytest.approx(expected, abs=1e-9)
    assert sum(model.feature_importance().values()) == pytest.approx(1.0) or (
        model.feature_importance() == {}
    )


def test_bad_arguments():
    with pytest.raises(ValueError):
        fit([{"a": 1}], [True, False])
    with pytest.raises(TypeError):
        fit([{"a": 1}], [True], learning_rat=0.1)


def test_auc_helper():
    assert auc([False, False, True, True], [0.1, 0.2, 0.3, 0.4]) == 1.0
    assert auc([False, False, True, True], [0.4, 0.3, 0.2, 0.1]) == 0.0
    assert auc([False, True, False, True], [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert auc([False, True, True], [0.2, 0.2, 0.9]) == 0.75


def test_doctests():
    assert doctest.testmod(lead_scoring).failed == 0
