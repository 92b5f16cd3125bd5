"""Tests of sales_management_recruiting/tools/hire_quality.py: the correlation
of interview scores with the attainment of hires, its interval and its
verdict, without Odoo."""

import doctest
import math

from sales_management_recruiting_tools import hire_quality as hq  # tests/conftest.py


def test_doctests():
    assert doctest.testmod(hq).failed == 0


def test_pearson_against_a_hand_computed_value():
    # x: 1..5, y: 2, 4, 5, 4, 5; means 3 and 4; sxy = 6, sxx = 10, syy = 6
    pairs = [(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)]
    r, n = hq.pearson(pairs)
    assert n == 5
    assert math.isclose(r, 6 / math.sqrt(60))


def test_pearson_leaves_out_unusable_pairs():
    pairs = [(1, 2), (2, 4), (3, 6), (None, 1), (4, float("inf")), (True, 3)]
    assert hq.pearson(pairs) == (1.0, 3)
    assert hq.pearson([(1, 1)]) == (None, 1)
    assert hq.pearson([(1, 5), (2, 5), (3, 5)]) == (None, 3)


def test_interval_narrows_with_more_hires_and_stays_inside_minus_one_one():
    wide = hq.fisher_interval(0.4, 10)
    narrow = hq.fisher_interval(0.4, 100)
    assert wide[0] < narrow[0] < 0.4 < narrow[1] < wide[1]
    low, high = hq.fisher_interval(1.0, 12)
    assert -1 <= low <= high <= 1
    assert hq.fisher_interval(float("nan"), 12) is None
    assert hq.fisher_interval(0.3, 3) is None


def test_verdict_needs_enough_hires_and_an_interval_without_zero():
    # a perfect line of three hires is no verdict
    three = hq.correlation([(1, 50), (2, 80), (3, 110)])
    assert (three.r, three.n, three.verdict) == (1.0, 3, "not_enough")
    assert three.low is None
    # ten hires, strong link: positive; reversed: negative
    pairs = [(x, 60 + 10 * x + (5 if x % 2 else -5)) for x in range(1, 11)]
    assert hq.correlation(pairs).verdict == "positive"
    assert hq.correlation([(x, -y) for x, y in pairs]).verdict == "negative"
    # ten hires, no link: unclear
    flat = [(x, 100 + (10 if x % 2 else -10)) for x in range(1, 11)]
    result = hq.correlation(flat)
    assert result.verdict == "unclear"
    assert result.low < 0 < result.high
    # a lower minimum is the caller's choice
    assert hq.correlation(pairs[:6], minimum=5).verdict == "positive"


def test_summarise_a_correlation_from_the_database():
    result = hq.summarise(0.5, 30)
    assert result.verdict == "positive"
    assert math.isclose(result.low, 0.1704, abs_tol=1e-4)
    for r, n in ((0.5, None), (0.5, -1), (0.5, 9), (None, 3)):
        assert hq.summarise(r, n).verdict == "not_enough"
    # everyone scored the same (or performed the same): nothing to relate
    for r in (None, float("nan")):
        assert hq.summarise(r, 30).verdict == "no_spread"
    flat = hq.correlation([(3, 50 + x) for x in range(12)])
    assert (flat.r, flat.n, flat.verdict) == (None, 12, "no_spread")
    assert hq.summarise(0.5, None).n == 0
