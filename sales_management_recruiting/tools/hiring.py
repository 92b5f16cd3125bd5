# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The arithmetic of sales hiring: ramp plans, weighted interview scores and
salary ranges.

Plain Python (no odoo import) so that it is unit-tested without a database.
The models gather the values, call these functions and phrase the problems
they return in the user's language.

A ramp plan is a list of (month, percent) lines: month 1 is the new hire's
first month, percent the share of the full target expected that month.

>>> plan = [(1, 25), (2, 50), (3, 75), (4, 100)]
>>> [ramp_factor(plan, month) for month in (1, 2, 4, 5, 12)]
[0.25, 0.5, 1.0, 1.0, 1.0]
>>> ramp_problem([(1, 50), (2, 40)])
('decrease', 2, 40, 1, 50)
>>> weighted_score([(3, 4), (1, 2), (2, 0)])
3.5
>>> salary_position(95000, 80000, 100000)
'within'
"""

import math

RATING_MIN = 1
RATING_MAX = 5
PERCENT_MAX = 100
# The first and last month a ramp plan may describe (five years).
MONTH_MIN = 1
MONTH_MAX = 60
# Recommendations from the worst to the best, with the value their average
# is computed from.
RECOMMENDATIONS = ("strong_no", "no", "yes", "strong_yes")
RECOMMENDATION_VALUES = {key: index + 1 for index, key in enumerate(RECOMMENDATIONS)}


def _finite(value):
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def ramp_line_problem(month, percent):
    """Why one line of a ramp plan is impossible, or None.

    Returns ``("month", month)`` for a month outside 1-60 or not whole,
    ``("percent", percent)`` for a share outside 0-100 %.

    >>> ramp_line_problem(0, 50)
    ('month', 0)
    >>> ramp_line_problem(3, 120)
    ('percent', 120)
    >>> ramp_line_problem(3, 100) is None
    True
    """
    if not _finite(month) or month != int(month) or not MONTH_MIN <= month <= MONTH_MAX:
        return ("month", month)
    if not _finite(percent) or not 0 <= percent <= PERCENT_MAX:
        return ("percent", percent)
    return None


def ramp_problem(plan):
    """The first problem of a whole ramp plan, or None.

    Besides the problems of each line (:func:`ramp_line_problem`), a plan
    describes each month once (``("duplicate", month)``) and never expects
    less of a later month (``("decrease", month, percent, previous_month,
    previous_percent)``): a new hire ramps up.

    >>> ramp_problem([(2, 50), (1, 25), (3, 75)]) is None
    True
    >>> ramp_problem([(1, 25), (1, 30)])
    ('duplicate', 1)
    >>> ramp_problem([])
    """
    previous = None
    for month, percent in sorted(plan, key=lambda line: line[0]):
        problem = ramp_line_problem(month, percent)
        if problem:
            return problem
        if previous is not None:
            if month == previous[0]:
                return ("duplicate", month)
            if percent < previous[1]:
                return ("decrease", month, percent, previous[0], previous[1])
        previous = (month, percent)
    return None


def ramp_factor(plan, month):
    """Share (0-1) of the full target a new hire is expected to reach in
    ``month`` (1 = their first month).

    The percent of the plan's latest line at or before ``month``; 0 before
    the plan's first line (months without a target, e.g. training); the full
    target (1.0) after the plan's last line, and always without a plan.

    >>> plan = [(2, 20), (4, 60)]
    >>> [ramp_factor(plan, month) for month in range(1, 7)]
    [0.0, 0.2, 0.2, 0.6, 1.0, 1.0]
    >>> ramp_factor([], 1)
    1.0
    """
    if not isinstance(month, int) or isinstance(month, bool) or month < MONTH_MIN:
        raise ValueError(f"month must be a whole number from 1, not {month!r}")
    lines = sorted(plan, key=lambda line: line[0])
    if not lines or month > lines[-1][0]:
        return 1.0
    factor = 0.0
    for line_month, percent in lines:
        if line_month > month:
            break
        factor = percent / PERCENT_MAX
    return factor


def rating_problem(rating):
    """Why ``rating`` is not a rating: None for 1-5, and for 0 or empty
    (not assessed).

    >>> [rating_problem(value) for value in (0, 1, 5, None)]
    [None, None, None, None]
    >>> rating_problem(6)
    ('rating', 6)
    """
    if rating in (0, None, False):
        return None
    if not _finite(rating) or rating != int(rating):
        return ("rating", rating)
    if not RATING_MIN <= rating <= RATING_MAX:
        return ("rating", rating)
    return None


def weighted_score(ratings):
    """Weighted mean of (weight, rating) pairs, on the 1-5 scale, or None.

    Ratings of 0 (not assessed) and weights of 0 count for nothing; None when
    nothing counts. The score of an applicant is this mean over the ratings
    of all their submitted scorecards, each rating weighted by its
    competency's weight.

    >>> weighted_score([(2, 5), (1, 2)])
    4.0
    >>> weighted_score([(1, 0), (0, 4)]) is None
    True
    """
    total = weights = 0.0
    for weight, rating in ratings:
        if not rating or not weight:
            continue
        total += weight * rating
        weights += weight
    if not weights:
        return None
    return total / weights


def weight_shares(weights):
    """{key: share of the total weight (0-1)} of ``{key: weight}``, or None
    when the weights sum to zero (nothing could be weighted).

    >>> weight_shares({"a": 3, "b": 1})
    {'a': 0.75, 'b': 0.25}
    >>> weight_shares({"a": 0}) is None
    True
    """
    total = sum(weights.values())
    if not total or not math.isfinite(total):
        return None
    return {key: weight / total for key, weight in weights.items()}


def recommendation_value(recommendations):
    """Mean of recommendations on a 1 (strong no) to 4 (strong yes) scale,
    or None without any.

    >>> recommendation_value(["yes", "strong_yes", "no"])
    3.0
    """
    values = [RECOMMENDATION_VALUES[key] for key in recommendations if key]
    if not values:
        return None
    return sum(values) / len(values)


def salary_position(expected, low, high):
    """Where an expected salary falls against a range: 'below', 'within',
    'above', or None when the expectation or the range is unknown (0).

    >>> [salary_position(value, 50, 70) for value in (40, 50, 70, 71, 0)]
    ['below', 'within', 'within', 'above', None]
    >>> salary_position(60, 0, 0) is None
    True
    """
    if not expected or not (low or high):
        return None
    high = high or low
    if expected < low:
        return "below"
    if expected > high:
        return "above"
    return "within"
