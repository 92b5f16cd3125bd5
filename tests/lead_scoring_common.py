"""Synthetic leads and shared helpers of the lead scoring tests (not a test module).

The generators draw CRM-like leads with a seed (``DATASETS``) and keep the
true probabilities of their last call in ``TRUTH`` (for the bench);
``lead_origin_data()`` and ``lead_origin_model()`` are the lead-origin data
split for training and testing and the model fitted on it, built once and
shared by the test modules; ``factor`` finds the factor of one feature in an
explanation. Used by the test_tools_lead_scoring*.py modules and
tests/bench_lead_scoring.py; importing it needs numpy and the
``sales_management_tools`` importer of tests/conftest.py.
"""

import functools
import math

import numpy as np
from lead_scoring_baselines import _sigmoid, split
from sales_management_tools import lead_scoring


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


@functools.cache
def lead_origin_data():
    """The lead-origin data, split: (train rows, train outcomes, test rows,
    test outcomes); built once, shared by the test modules."""
    rows, outcomes = make_lead_origin()
    return split(rows, outcomes)


@functools.cache
def lead_origin_model():
    """The model fitted on the training part of ``lead_origin_data()``."""
    train_rows, train_y, _test_rows, _test_y = lead_origin_data()
    return lead_scoring.fit(train_rows, train_y)


def factor(model, row, feature):
    """The explain_details entry of ``feature`` (main effect) for ``row``."""
    for detail in model.explain_details(row):
        if detail["features"] == [feature]:
            return detail
    raise AssertionError(f"no factor for {feature}")
