# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The arithmetic of the hiring plan: what a new salesperson brings in each
of their first months, and how many hires close a team's target gap, by when.

Plain Python (no odoo import) so that it is unit-tested without a database.
The hiring plan gathers the figures (one query each), calls these functions
and stores what they return.

Months are whole numbers (:func:`month_index`), so that tenure months,
target periods and a hiring lead time add up simply. A salesperson's
*history* is what they sold month by month, with the month they started
(``None`` when unknown: they sold before the figures begin) and the first
month not observed (today's month, or the month after they left).

>>> histories = [
...     History(start=0, sales={0: 10, 1: 30, 2: 60, 3: 60}, end=4),
...     History(start=1, sales={1: 20, 2: 40, 3: 70}, end=4),
...     History(start=None, sales={2: 100, 3: 120}, end=4),
... ]
>>> curve = tenure_curve(histories, ramp_months=2, now=4, window=2)
>>> curve.values, curve.counts
([15.0, 35.0, 80.0], [2, 2, 3])

A new hire starting in month 5 of a plan of two quarters (months 3-5 and
6-8) sells 15 in month 5, then 35, then 80 a month:

>>> periods = [(3, 3), (6, 3)]
>>> contributions(curve, 5, periods)
[15.0, 195.0]
>>> hires_needed([100, 300], [15.0, 195.0])
2
>>> latest_start([100, 300], curve, periods, 2, earliest=5)
5
"""

import math
from collections import namedtuple
from datetime import date

# Fewest salespeople behind each month of a curve before the plan trusts it.
MIN_SAMPLE = 3
# Months of recent sales behind a run-rate and the full productivity.
RUN_RATE_MONTHS = 6

History = namedtuple("History", "start sales end")
History.__doc__ = """What one salesperson sold: ``start`` is the index of
their first month (None when unknown), ``sales`` maps month indexes to what
they sold, ``end`` is the first month not observed."""

Curve = namedtuple("Curve", "values counts")
Curve.__doc__ = """Mean monthly figure of a salesperson in tenure months 1 to
R (``values[0:R]``), then once fully productive (``values[R]``); ``counts``
are the salespeople behind each value (None for a curve that is not measured,
such as a job's ramp plan)."""


def _number(value):
    """``value`` as a finite float, or 0.0 (None, NaN, infinity, text)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if math.isfinite(value) else 0.0


def month_index(day):
    """Index of the month of ``day``: months add up as whole numbers.

    >>> month_index(date(2026, 3, 15)) - month_index(date(2025, 11, 1))
    4
    """
    return day.year * 12 + day.month - 1


def month_start(index):
    """First day of the month ``index``.

    >>> month_start(month_index(date(2026, 3, 15)))
    datetime.date(2026, 3, 1)
    """
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def _mean(values):
    values = list(values)
    return (sum(values) / len(values)) if values else None


def tenure_curve(histories, ramp_months, now, window=RUN_RATE_MONTHS):
    """The :class:`Curve` of these salespeople.

    Value of tenure month ``k`` (1 to ``ramp_months``): the mean of what each
    salesperson whose month ``k`` is observed sold in it (nothing sold counts
    as 0). The last value, the full productivity: the mean, over the
    salespeople past their ramp (or of unknown start, who were there before
    the figures), of their monthly mean in the last ``window`` months before
    ``now``, counting only their months past the ramp. A value nobody is
    behind is None.

    >>> tenure_curve([History(0, {0: 5}, 1)], 2, now=1)
    Curve(values=[5.0, None, None], counts=[1, 0, 0])
    >>> tenure_curve([], 1, now=1)
    Curve(values=[None, None], counts=[0, 0])
    """
    if not isinstance(ramp_months, int) or ramp_months < 1:
        raise ValueError(f"ramp_months must be a whole number from 1: {ramp_months!r}")
    values, counts = [], []
    histories = list(histories)
    for k in range(1, ramp_months + 1):
        samples = [
            _number(history.sales.get(history.start + k - 1))
            for history in histories
            if history.start is not None
            and history.start + k - 1 < min(history.end, now)
        ]
        values.append(_mean(samples))
        counts.append(len(samples))
    rates = [
        rate
        for rate in (
            run_rate(history, ramp_months, now, window) for history in histories
        )
        if rate is not None
    ]
    values.append(_mean(rates))
    counts.append(len(rates))
    return Curve(values, counts)


def run_rate(history, ramp_months, now, window=RUN_RATE_MONTHS):
    """Monthly mean of a salesperson's last ``window`` observed months before
    ``now`` once past their ramp, or None without such a month. The months of
    a salesperson of unknown start are observed from their first sale.

    >>> run_rate(History(None, {6: 10, 8: 30, 9: 60}, 10), 3, now=10, window=3)
    30.0
    >>> run_rate(History(8, {8: 30, 9: 60}, 10), 3, now=10) is None
    True
    """
    if history.start is not None:
        first = history.start + ramp_months
    else:
        first = min(history.sales, default=now)
    first = max(first, now - window)
    months = range(first, min(history.end, now))
    return _mean(_number(history.sales.get(month)) for month in months)


def curve_is_enough(curve, minimum=MIN_SAMPLE):
    """True when every value of the curve has ``minimum`` salespeople behind
    it (always for a curve that is not measured).

    >>> curve_is_enough(Curve([1.0, 2.0], [3, 4]))
    True
    >>> curve_is_enough(Curve([1.0, 2.0], [3, 2]))
    False
    >>> curve_is_enough(Curve([1.0, 2.0], None))
    True
    """
    if curve is None or any(value is None for value in curve.values):
        return False
    return curve.counts is None or min(curve.counts) >= minimum


def ramp_plan_curve(monthly_target, factors):
    """The curve a job's ramp plan expects: ``factors`` are the shares of
    the full target (0-1) of tenure months 1 to R, then once ramped.

    >>> ramp_plan_curve(1000, [0.25, 0.5, 1.0])
    Curve(values=[250.0, 500.0, 1000.0], counts=None)
    """
    monthly = _number(monthly_target)
    return Curve([monthly * _number(factor) for factor in factors], None)


def choose_curve(candidates, minimum=MIN_SAMPLE):
    """The first ``(source, curve)`` of ``candidates`` with enough
    salespeople behind it, or ``(None, None)``.

    >>> team = Curve([1.0, 2.0], [1, 1])
    >>> company = Curve([3.0, 4.0], [5, 3])
    >>> choose_curve([("team", team), ("company", company)])
    ('company', Curve(values=[3.0, 4.0], counts=[5, 3]))
    >>> choose_curve([("team", team)])
    (None, None)
    """
    for source, curve in candidates:
        if curve_is_enough(curve, minimum):
            return source, curve
    return None, None


def curve_value(curve, tenure):
    """What a salesperson sells in their month ``tenure`` (1 = first month;
    before it, nothing; after the ramp, the full productivity).

    >>> curve = Curve([10.0, 20.0, 50.0], [3, 3, 3])
    >>> [curve_value(curve, k) for k in (0, 1, 2, 3, 12)]
    [0.0, 10.0, 20.0, 50.0, 50.0]
    """
    if curve is None or not curve.values or tenure < 1:
        return 0.0
    return _number(curve.values[min(tenure, len(curve.values)) - 1])


def _months(periods):
    for first, length in periods:
        yield range(first, first + length)


def contributions(curve, start, periods):
    """What one new hire starting in month ``start`` sells in each period
    (``periods``: ``(first month, number of months)``).

    >>> contributions(Curve([10.0, 50.0], None), 2, [(0, 3), (3, 3)])
    [10.0, 150.0]
    """
    return [
        sum(curve_value(curve, month - start + 1) for month in months)
        for months in _months(periods)
    ]


def member_contributions(history, curve, periods, now, ramp_months, **kwargs):
    """What a current member is expected to sell in each period: the
    team's curve while they ramp up (their tenure month), then their own
    run-rate (:func:`run_rate`), or the curve's full productivity when they
    have no month past their ramp yet.

    >>> curve = Curve([10.0, 50.0], [3, 3])
    >>> veteran = History(None, {0: 70, 1: 90}, 2)
    >>> member_contributions(veteran, curve, [(2, 2)], now=2, ramp_months=1)
    [160.0]
    >>> new = History(1, {1: 5}, 2)
    >>> member_contributions(new, curve, [(2, 2)], now=2, ramp_months=1)
    [100.0]
    """
    rate = run_rate(history, ramp_months, now, **kwargs)
    full = curve_value(curve, ramp_months + 1) if rate is None else rate
    result = []
    for months in _months(periods):
        total = 0.0
        for month in months:
            if history.start is not None and month - history.start < ramp_months:
                total += curve_value(curve, month - history.start + 1)
            else:
                total += full
        result.append(total)
    return result


def total_gap(gaps):
    """What the periods miss in all: the sum of the positive gaps (a period
    ahead of its target does not make up for another behind it: each period
    has its own target).

    >>> total_gap([100, -50, 20, None, float("nan")])
    120.0
    """
    return sum(max(_number(gap), 0.0) for gap in gaps)


def hires_needed(gaps, hire_contributions):
    """How many new hires close the gaps of the periods: the total gap
    divided by what one hire sells over the periods, rounded up; 0 without a
    gap; None when a hire would sell nothing before the end (the gap cannot
    be closed by hiring within the horizon).

    >>> hires_needed([500, 700], [0, 400])
    3
    >>> hires_needed([-10, 0], [0, 400])
    0
    >>> hires_needed([10], [0]) is None
    True
    """
    gap = total_gap(gaps)
    if gap <= 0:
        return 0
    per_hire = sum(_number(value) for value in hire_contributions)
    if per_hire <= 0:
        return None
    # a ratio a rounding error above a whole number needs no extra hire
    return math.ceil(gap / per_hire - 1e-9)


def latest_start(gaps, curve, periods, hires, earliest):
    """The latest month (index) ``hires`` new hires can start and still
    close the gaps, trying each month from ``earliest``; None when even
    ``earliest`` is too late (or no hire is planned).

    >>> curve = Curve([100.0], None)
    >>> latest_start([250], curve, [(0, 4)], 1, earliest=0)
    1
    >>> latest_start([250], curve, [(0, 4)], 2, earliest=0)
    2
    >>> latest_start([250], curve, [(0, 4)], 1, earliest=2) is None
    True
    """
    if not hires or hires < 1 or not periods:
        return None
    gap = total_gap(gaps)
    last = max(first + length - 1 for first, length in periods)
    found = None
    for start in range(earliest, last + 1):
        if hires * sum(contributions(curve, start, periods)) + 1e-6 < gap:
            break
        found = start
    return found
