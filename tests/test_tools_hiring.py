"""Tests of sales_management_recruiting/tools/hiring.py: ramp plans, weighted
interview scores and salary ranges, without Odoo."""

import doctest
import math

import pytest
from sales_management_recruiting_tools import hiring  # tests/conftest.py


def test_doctests():
    assert doctest.testmod(hiring).failed == 0


# ---------------------------------------------------------------------------
# Ramp plans
# ---------------------------------------------------------------------------


def test_ramp_factor_follows_the_plan_then_the_full_target():
    plan = [(1, 25), (2, 50), (3, 75), (4, 100)]
    assert [hiring.ramp_factor(plan, m) for m in range(1, 7)] == [
        0.25,
        0.5,
        0.75,
        1.0,
        1.0,
        1.0,
    ]


def test_ramp_factor_with_gaps_keeps_the_last_line():
    plan = [(4, 60), (2, 20)]  # unordered, month 1 without target
    assert [hiring.ramp_factor(plan, m) for m in range(1, 6)] == [
        0.0,
        0.2,
        0.2,
        0.6,
        1.0,
    ]


def test_ramp_factor_ends_at_full_target_even_below_100():
    assert hiring.ramp_factor([(1, 30), (2, 60)], 3) == 1.0
    assert hiring.ramp_factor([], 1) == 1.0


@pytest.mark.parametrize("month", [0, -1, 1.5, "2", None, True])
def test_ramp_factor_refuses_impossible_months(month):
    with pytest.raises(ValueError):
        hiring.ramp_factor([(1, 50)], month)


@pytest.mark.parametrize(
    "plan, problem",
    [
        ([(1, 25), (2, 50), (3, 50), (4, 100)], None),
        ([(1, 0), (2, 0)], None),
        ([(1, 50), (2, 40)], ("decrease", 2, 40, 1, 50)),
        ([(3, 10), (1, 50)], ("decrease", 3, 10, 1, 50)),
        ([(1, 101)], ("percent", 101)),
        ([(1, -1)], ("percent", -1)),
        ([(1, math.nan)], ("percent", math.nan)),
        ([(1, math.inf)], ("percent", math.inf)),
        ([(0, 10)], ("month", 0)),
        ([(61, 10)], ("month", 61)),
        ([(1.5, 10)], ("month", 1.5)),
        ([(2, 10), (2, 10)], ("duplicate", 2)),
    ],
)
def test_ramp_problem(plan, problem):
    found = hiring.ramp_problem(plan)
    if problem and isinstance(problem[1], float) and math.isnan(problem[1]):
        assert found[0] == problem[0] and math.isnan(found[1])
    else:
        assert found == problem


# ---------------------------------------------------------------------------
# Ratings and scores
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("rating", [0, 1, 3, 5, None, False])
def test_ratings_accepted(rating):
    assert hiring.rating_problem(rating) is None


@pytest.mark.parametrize("rating", [-1, 6, 2.5, math.nan, math.inf, "3"])
def test_ratings_refused(rating):
    assert hiring.rating_problem(rating) is not None


def test_weighted_score_weights_each_rating():
    # (2*5 + 1*2) / 3
    assert hiring.weighted_score([(2, 5), (1, 2)]) == pytest.approx(4.0)
    # unrated (0) and unweighted (0) lines count for nothing
    assert hiring.weighted_score([(2, 5), (3, 0), (0, 1)]) == pytest.approx(5.0)
    assert hiring.weighted_score([]) is None
    assert hiring.weighted_score([(0, 4)]) is None


def test_weighted_score_over_several_scorecards_is_one_mean():
    # two interviewers, the same weights: the mean of every weighted rating
    first = [(3, 4), (1, 2)]
    second = [(3, 2), (1, 4)]
    assert hiring.weighted_score(first + second) == pytest.approx((12 + 2 + 6 + 4) / 8)


def test_weight_shares():
    assert hiring.weight_shares({"a": 1, "b": 3}) == {"a": 0.25, "b": 0.75}
    assert hiring.weight_shares({"a": 0, "b": 0}) is None
    assert hiring.weight_shares({}) is None


def test_recommendation_value():
    assert hiring.recommendation_value(["strong_no", "strong_yes"]) == 2.5
    assert hiring.recommendation_value([None, "yes"]) == 3.0
    assert hiring.recommendation_value([]) is None


# ---------------------------------------------------------------------------
# Salary range
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expected, low, high, position",
    [
        (80, 85, 100, "below"),
        (85, 85, 100, "within"),
        (100, 85, 100, "within"),
        (101, 85, 100, "above"),
        (90, 85, 0, "above"),  # a single amount: the range is that amount
        (0, 85, 100, None),
        (90, 0, 0, None),
    ],
)
def test_salary_position(expected, low, high, position):
    assert hiring.salary_position(expected, low, high) == position
