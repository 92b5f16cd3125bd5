# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ramped targets of a new salesperson: which of their months fall in a
target period, the ramp factor of each period and what a ramp plan needs of
a target plan.

Plain Python (no odoo import) so that it is unit-tested without a database.
The onboarding wizard gathers the plan's periods and the job's ramp plan,
calls these functions and creates the targets.

Month 1 is the month of the new hire's start date, whatever its day. A
target period takes the mean of the factors of its months; the months
before the start count 0 (the new hire was not there yet).

>>> from datetime import date
>>> plan = [(1, 25), (2, 50), (3, 75), (4, 100)]
>>> start = date(2027, 2, 1)
>>> period_ramp(plan, start, date(2027, 1, 1), 3)  # Q1: Jan 0, Feb 25, Mar 50
(0.25, [1, 2])
>>> period_ramp(plan, start, date(2027, 4, 1), 3)  # Q2: 75, 100, 100
(0.9166666666666666, [3, 4, 5])
>>> ramp_months_outside(plan, start, date(2027, 3, 31))
[3, 4]
"""

from .hiring import MONTH_MIN, ramp_factor

MONTHS_PER_YEAR = 12


def month_index(start, day):
    """The new hire's month ``day`` falls in: 1 for the month of ``start``,
    0 or less before it.

    >>> from datetime import date
    >>> [month_index(date(2026, 11, 15), date(y, m, 1))
    ...  for y, m in ((2026, 10), (2026, 11), (2026, 12), (2027, 1))]
    [0, 1, 2, 3]
    """
    return (day.year - start.year) * MONTHS_PER_YEAR + day.month - start.month + 1


def ramp_length(plan):
    """The last month a ramp plan describes (0 without a line): after it
    the new hire is expected to reach the full target.

    >>> ramp_length([(2, 50), (4, 100), (1, 25)])
    4
    >>> ramp_length([])
    0
    """
    return max((month for month, _percent in plan), default=0)


def ramp_months_outside(plan, start, last_day):
    """The months of the ramp plan (1 = the first) after the month of
    ``last_day``, the end of a target plan: a ramp plan longer than what the
    target plan has left from the start date. Empty when it fits.

    >>> from datetime import date
    >>> plan = [(1, 25), (2, 50), (3, 75), (4, 100)]
    >>> ramp_months_outside(plan, date(2027, 11, 1), date(2027, 12, 31))
    [3, 4]
    >>> ramp_months_outside(plan, date(2027, 1, 1), date(2027, 12, 31))
    []
    """
    left = max(month_index(start, last_day), 0)
    return list(range(left + 1, ramp_length(plan) + 1))


def period_ramp(plan, start, period_start, months):
    """(factor 0-1, the new hire's months in it) of a target period of
    ``months`` months from ``period_start``.

    The factor is the mean of the ramp factors of the period's months
    (:func:`hiring.ramp_factor`), a month before the new hire's first
    counting 0; the months listed are the new hire's (from 1) in the period.

    >>> from datetime import date
    >>> plan = [(1, 25), (2, 50)]
    >>> period_ramp(plan, date(2027, 1, 1), date(2027, 1, 1), 1)
    (0.25, [1])
    >>> round(period_ramp(plan, date(2027, 1, 1), date(2027, 1, 1), 12)[0], 4)
    0.8958
    """
    if not isinstance(months, int) or months < 1:
        raise ValueError(f"a period lasts one month or more, not {months!r}")
    first = month_index(start, period_start)
    indexes = [first + offset for offset in range(months)]
    total = sum(ramp_factor(plan, k) for k in indexes if k >= MONTH_MIN)
    return total / months, [k for k in indexes if k >= MONTH_MIN]


def period_target(annual_target, months):
    """The full target of a period of ``months`` months, from a yearly one.

    >>> [period_target(600000, months) for months in (1, 3, 12)]
    [50000.0, 150000.0, 600000.0]
    """
    return annual_target * months / MONTHS_PER_YEAR
