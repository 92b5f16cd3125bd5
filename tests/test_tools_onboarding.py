"""Tests of sales_management_recruiting/tools/onboarding.py: the ramped
targets of a new salesperson, without Odoo."""

import doctest
from datetime import date

import pytest
from sales_management_recruiting_tools import onboarding  # tests/conftest.py

PLAN = [(1, 25), (2, 50), (3, 75), (4, 100)]


def test_doctests():
    assert doctest.testmod(onboarding).failed == 0


def test_month_index_counts_calendar_months_from_the_start():
    start = date(2026, 12, 20)
    assert onboarding.month_index(start, date(2026, 12, 1)) == 1
    assert onboarding.month_index(start, date(2026, 12, 31)) == 1
    assert onboarding.month_index(start, date(2027, 1, 1)) == 2
    assert onboarding.month_index(start, date(2026, 11, 30)) == 0
    assert onboarding.month_index(start, date(2027, 12, 1)) == 13


def test_monthly_periods_follow_the_ramp_plan():
    start = date(2027, 1, 1)
    factors = [
        onboarding.period_ramp(PLAN, start, date(2027, month, 1), 1)
        for month in range(1, 7)
    ]
    assert factors == [
        (0.25, [1]),
        (0.5, [2]),
        (0.75, [3]),
        (1.0, [4]),
        (1.0, [5]),
        (1.0, [6]),
    ]


def test_a_period_before_the_start_expects_nothing():
    assert onboarding.period_ramp(PLAN, date(2027, 5, 1), date(2027, 1, 1), 3) == (
        0.0,
        [],
    )


def test_quarters_take_the_mean_of_their_months():
    start = date(2027, 1, 1)
    q1, months = onboarding.period_ramp(PLAN, start, date(2027, 1, 1), 3)
    assert months == [1, 2, 3]
    assert q1 == pytest.approx(0.5)
    q2, months = onboarding.period_ramp(PLAN, start, date(2027, 4, 1), 3)
    assert (q2, months) == (1.0, [4, 5, 6])


def test_a_start_within_a_quarter_counts_the_months_before_as_zero():
    start = date(2027, 3, 10)
    q1, months = onboarding.period_ramp(PLAN, start, date(2027, 1, 1), 3)
    assert months == [1]
    assert q1 == pytest.approx(0.25 / 3)


def test_without_ramp_plan_every_month_is_full():
    assert onboarding.period_ramp([], date(2027, 1, 1), date(2027, 1, 1), 3) == (
        1.0,
        [1, 2, 3],
    )


def test_a_period_lasts_a_month_or_more():
    with pytest.raises(ValueError):
        onboarding.period_ramp(PLAN, date(2027, 1, 1), date(2027, 1, 1), 0)


def test_ramp_months_outside_the_plan():
    start = date(2027, 10, 1)
    assert onboarding.ramp_months_outside(PLAN, start, date(2027, 12, 31)) == [4]
    assert onboarding.ramp_months_outside(PLAN, start, date(2028, 1, 31)) == []
    # a plan that ended before the start: the whole ramp is outside
    assert onboarding.ramp_months_outside(PLAN, start, date(2027, 6, 30)) == [
        1,
        2,
        3,
        4,
    ]
    assert onboarding.ramp_months_outside([], start, date(2027, 10, 31)) == []


def test_period_target_splits_the_year():
    assert onboarding.period_target(120000, 1) == 10000
    assert onboarding.period_target(120000, 3) == 30000
    assert onboarding.period_target(120000, 12) == 120000
    assert onboarding.period_target(0, 3) == 0
