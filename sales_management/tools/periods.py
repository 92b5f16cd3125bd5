# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar periods of a target plan: month, quarter or year.

Plain Python (no odoo import) so that it is unit-tested without a database.

>>> period_bounds(date(2026, 5, 17), "quarter")
(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
>>> [p[0].month for p in iter_periods(date(2026, 1, 1), date(2026, 12, 31), "quarter")]
[1, 4, 7, 10]
>>> period_label(date(2026, 4, 1), "quarter")
'Q2 2026'
"""

import calendar
from datetime import date, timedelta

PERIOD_TYPES = ("month", "quarter", "year")
MONTHS_PER_PERIOD = {"month": 1, "quarter": 3, "year": 12}


def _check_type(period_type):
    if period_type not in PERIOD_TYPES:
        raise ValueError(f"unknown period type: {period_type!r}")


def period_start(day, period_type):
    """First day of the period that contains ``day``."""
    _check_type(period_type)
    if period_type == "month":
        return day.replace(day=1)
    if period_type == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def add_months(day, months):
    """``day`` moved by ``months`` months, clamped to the end of the month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_bounds(day, period_type):
    """(first day, last day) of the period that contains ``day``."""
    start = period_start(day, period_type)
    end = add_months(start, MONTHS_PER_PERIOD[period_type]) - timedelta(days=1)
    return start, end


def is_period_start(day, period_type):
    return period_start(day, period_type) == day


def iter_periods(date_from, date_to, period_type):
    """Yield (start, end) of every period that overlaps [date_from, date_to]."""
    if date_to < date_from:
        return
    start = period_start(date_from, period_type)
    while start <= date_to:
        end = add_months(start, MONTHS_PER_PERIOD[period_type]) - timedelta(days=1)
        yield start, end
        start = end + timedelta(days=1)


def period_label(start, period_type):
    """Short, language-neutral label: 2026-04, Q2 2026 or 2026."""
    _check_type(period_type)
    if period_type == "month":
        return f"{start.year}-{start.month:02d}"
    if period_type == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def elapsed_ratio(date_from, date_to, today):
    """Share of the period [date_from, date_to] elapsed at the end of ``today``.

    0.0 before the period, 1.0 after it; both bounds count as whole days.

    >>> elapsed_ratio(date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 15))
    0.5
    """
    if today < date_from:
        return 0.0
    if today >= date_to:
        return 1.0
    total = (date_to - date_from).days + 1
    return ((today - date_from).days + 1) / total


def shift_year(day, years):
    """Same day ``years`` years earlier or later (29 February → 28)."""
    return add_months(day, 12 * years)
