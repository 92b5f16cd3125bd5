# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality of hire: did an interview score predict how a hire performed?

Plain Python (no odoo import) so that it is unit-tested without a database.

The link between a score given at interview and the attainment of the hire
in their first months is a Pearson correlation, always shown with the
number of hires behind it and its 95 % confidence interval (Fisher's z). A
verdict is given only from ``MIN_HIRES`` hires and when the interval
excludes 0: three hires who happen to line up prove nothing.

>>> pairs = [(1, 60), (2, 75), (3, 80), (4, 95), (5, 120)] * 2
>>> result = correlation(pairs)
>>> result.n, round(result.r, 3), result.verdict
(10, 0.973, 'positive')
>>> correlation(pairs[:3]).verdict
'not_enough'
"""

import math
from collections import namedtuple

# Fewest hires before a verdict.
MIN_HIRES = 10
# Two-sided 95 % quantile of the normal distribution.
Z_95 = 1.959963984540054
# Keeps Fisher's z finite for a perfect correlation.
R_LIMIT = 1 - 1e-12

VERDICTS = ("not_enough", "no_spread", "positive", "negative", "unclear")

Correlation = namedtuple("Correlation", "r n low high verdict")
Correlation.__doc__ = """Pearson's ``r`` of ``n`` hires (None when it cannot
be computed), the bounds of its 95 % interval (None below four hires) and
the verdict (one of ``VERDICTS``)."""


def _finite(value):
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def clean_pairs(pairs):
    """The (x, y) pairs whose two values are finite numbers.

    >>> clean_pairs([(1, 2), (None, 3), (float("nan"), 1), (2, "a"), (3, 4.5)])
    [(1.0, 2.0), (3.0, 4.5)]
    """
    return [(float(x), float(y)) for x, y in pairs if _finite(x) and _finite(y)]


def pearson(pairs):
    """``(r, n)`` of the finite (x, y) pairs: r is None below two pairs or
    when x or y does not vary (nothing to relate).

    >>> pearson([(1, 2), (2, 4), (3, 6)])
    (1.0, 3)
    >>> pearson([(1, 2), (1, 3), (1, 4)])
    (None, 3)
    >>> pearson([])
    (None, 0)
    """
    pairs = clean_pairs(pairs)
    n = len(pairs)
    if n < 2:
        return None, n
    mean_x = sum(x for x, _y in pairs) / n
    mean_y = sum(y for _x, y in pairs) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    sxx = sum((x - mean_x) ** 2 for x, _y in pairs)
    syy = sum((y - mean_y) ** 2 for _x, y in pairs)
    if sxx <= 0 or syy <= 0:
        return None, n
    r = sxy / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r)), n


def fisher_interval(r, n, z=Z_95):
    """``(low, high)``: the 95 % confidence interval of a correlation ``r``
    of ``n`` pairs (Fisher's z transformation), or None below four pairs or
    without r.

    >>> low, high = fisher_interval(0.5, 30)
    >>> round(low, 3), round(high, 3)
    (0.17, 0.729)
    >>> fisher_interval(0.5, 3) is None
    True
    """
    if not _finite(r) or not isinstance(n, int) or n < 4:
        return None
    center = math.atanh(max(-R_LIMIT, min(R_LIMIT, r)))
    spread = z / math.sqrt(n - 3)
    return math.tanh(center - spread), math.tanh(center + spread)


def verdict(r, n, interval, minimum=MIN_HIRES):
    """``not_enough`` below ``minimum`` hires; ``no_spread`` without r (the
    scores or the performances are all the same: nothing to relate);
    ``positive`` or ``negative`` when the interval excludes 0 on that side;
    else ``unclear``.

    >>> verdict(0.9, 5, (0.1, 0.99))
    'not_enough'
    >>> verdict(0.5, 30, (0.17, 0.73)), verdict(-0.5, 30, (-0.73, -0.17))
    ('positive', 'negative')
    >>> verdict(0.2, 30, (-0.17, 0.53))
    'unclear'
    >>> verdict(None, 30, None)
    'no_spread'
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < minimum:
        return "not_enough"
    if r is None or interval is None:
        return "no_spread"
    low, high = interval
    if low > 0:
        return "positive"
    if high < 0:
        return "negative"
    return "unclear"


def summarise(r, n, minimum=MIN_HIRES):
    """The :class:`Correlation` of a correlation ``r`` computed elsewhere
    (e.g. by the database) from ``n`` hires.

    >>> summarise(None, 12)
    Correlation(r=None, n=12, low=None, high=None, verdict='no_spread')
    """
    n = n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else 0
    r = r if _finite(r) else None
    interval = fisher_interval(r, n)
    low, high = interval or (None, None)
    return Correlation(r, n, low, high, verdict(r, n, interval, minimum))


def correlation(pairs, minimum=MIN_HIRES):
    """The :class:`Correlation` of (score, performance) pairs."""
    r, n = pearson(pairs)
    return summarise(r, n, minimum)
