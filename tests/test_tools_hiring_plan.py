"""Tests of sales_management_recruiting/tools/hiring_plan.py: the productivity
of new hires by tenure month, the hires that close a target gap and the
latest date to hire them, without Odoo."""

import doctest
from datetime import date

import pytest
from sales_management_recruiting_tools import hiring_plan as hp  # tests/conftest.py
from sales_management_recruiting_tools.hiring_plan import Curve, History


def test_doctests():
    assert doctest.testmod(hp).failed == 0


# ---------------------------------------------------------------------------
# Months
# ---------------------------------------------------------------------------


def test_month_index_round_trip_across_years():
    for day in (date(2025, 12, 31), date(2026, 1, 1), date(2030, 7, 14)):
        assert hp.month_start(hp.month_index(day)) == day.replace(day=1)
    assert hp.month_index(date(2026, 1, 1)) - hp.month_index(date(2025, 12, 1)) == 1


# ---------------------------------------------------------------------------
# The tenure curve
# ---------------------------------------------------------------------------


def test_curve_counts_unsold_months_as_zero_and_only_observed_months():
    histories = [
        History(start=10, sales={10: 100, 12: 300}, end=20),  # month 2: nothing
        History(start=18, sales={18: 50, 19: 70}, end=20),  # months 1-2 only
        History(start=19, sales={19: 30}, end=20),  # month 1 only
    ]
    curve = hp.tenure_curve(histories, ramp_months=3, now=20, window=3)
    assert curve.counts[:3] == [3, 2, 1]
    assert curve.values[:3] == [60.0, 35.0, 300.0]
    # past the ramp in the window (months 17-19): the first salesperson only,
    # who sold nothing then
    assert (curve.values[3], curve.counts[3]) == (0.0, 1)


def test_curve_stops_at_a_departure_and_at_now():
    left = History(start=0, sales={0: 10, 1: 20}, end=2)  # left after month 2
    curve = hp.tenure_curve([left], ramp_months=4, now=10)
    assert curve.counts == [1, 1, 0, 0, 0]
    assert curve.values == [10.0, 20.0, None, None, None]
    early = hp.tenure_curve([left], ramp_months=2, now=1)
    assert early.counts == [1, 0, 0]


def test_full_productivity_of_veterans_from_their_first_sale():
    # sales begin in month 8: the window's earlier months are not theirs
    veteran = History(start=None, sales={8: 40, 9: 80}, end=12)
    assert hp.run_rate(veteran, 3, now=12, window=6) == 30.0  # 8-11
    curve = hp.tenure_curve([veteran], ramp_months=2, now=12, window=6)
    assert curve.counts == [0, 0, 1]
    assert curve.values == [None, None, 30.0]


def test_curve_guards_bad_numbers():
    history = History(start=0, sales={0: float("nan"), 1: None, 2: 30}, end=3)
    curve = hp.tenure_curve([history], ramp_months=3, now=3)
    assert curve.values[:3] == [0.0, 0.0, 30.0]
    with pytest.raises(ValueError):
        hp.tenure_curve([history], ramp_months=0, now=3)


def test_choose_curve_falls_back_in_order():
    thin = Curve([10.0, 20.0], [2, 5])
    enough = Curve([30.0, 40.0], [3, 3])
    plan = hp.ramp_plan_curve(1200, [0.5, 1.0])
    assert hp.choose_curve([("team", thin), ("company", enough)]) == (
        "company",
        enough,
    )
    assert hp.choose_curve([("team", thin), ("job", plan)]) == ("job", plan)
    assert hp.choose_curve([("team", thin), ("job", None)]) == (None, None)
    assert hp.choose_curve([("team", thin)], minimum=2) == ("team", thin)
    assert hp.choose_curve([]) == (None, None)


# ---------------------------------------------------------------------------
# Contributions
# ---------------------------------------------------------------------------


def test_contributions_of_a_hire_by_quarter():
    curve = Curve([10.0, 20.0, 40.0, 100.0], [3, 3, 3, 3])
    quarters = [(0, 3), (3, 3), (6, 3)]
    # starts in month 2: tenure 1 in Q1; 2, 3, 4 in Q2; full in Q3
    assert hp.contributions(curve, 2, quarters) == [10.0, 160.0, 300.0]
    assert hp.contributions(curve, 9, quarters) == [0.0, 0.0, 0.0]


def test_member_contributions_ramp_then_run_rate():
    curve = Curve([10.0, 20.0, 90.0], [3, 3, 3])
    # started in month 9, sold 5 then 15: tenure 3 and 4 in months 11-12 are
    # past the 2-month ramp; no month past the ramp is observed yet: full
    # productivity of the curve
    ramping = History(start=9, sales={9: 5, 10: 15}, end=11)
    assert hp.member_contributions(ramping, curve, [(11, 2)], 11, 2) == [180.0]
    # a member hired for month 12 (not started yet)
    future = History(start=12, sales={}, end=11)
    assert hp.member_contributions(future, curve, [(11, 2)], 11, 2) == [10.0]
    # a veteran: their own run-rate of the last 6 months
    veteran = History(None, dict.fromkeys(range(0, 11), 60.0), 11)
    assert hp.member_contributions(veteran, curve, [(11, 3)], 11, 2) == [180.0]


# ---------------------------------------------------------------------------
# Hires and dates
# ---------------------------------------------------------------------------


def test_hires_needed_rounds_up_and_ignores_periods_ahead():
    assert hp.hires_needed([300, -200, 150], [50, 100, 100]) == 2  # 450 / 250
    assert hp.hires_needed([250], [250]) == 1
    assert hp.hires_needed([250.0000000001], [250]) == 1
    assert hp.hires_needed([], []) == 0
    assert hp.hires_needed([None, float("nan")], [1]) == 0
    assert hp.hires_needed([100], [0, float("nan"), None]) is None


def test_latest_start_gives_the_last_month_that_still_closes_the_gap():
    curve = Curve([50.0, 100.0], [3, 3])
    periods = [(0, 3), (3, 3)]
    gaps = [100, 400]
    # from month 0: 50 + 100 * 5 = 550 a hire
    assert hp.hires_needed(gaps, hp.contributions(curve, 0, periods)) == 1
    # month 1: 450 >= 500? no: month 0 is the latest for one hire
    assert hp.latest_start(gaps, curve, periods, 1, earliest=0) == 0
    # two hires: 2 * (50 + 100 * 2) = 500 from month 3
    assert hp.latest_start(gaps, curve, periods, 2, earliest=0) == 3
    assert hp.latest_start(gaps, curve, periods, 1, earliest=1) is None
    assert hp.latest_start(gaps, curve, periods, 0, earliest=0) is None
    assert hp.latest_start(gaps, curve, [], 1, earliest=0) is None
