"""The recommendation engine (sales_management/tools/recommendation/):
its contract, bad input, and that it beats the usual baselines on a
generated order history with staples, complements and a long tail."""

import collections
import doctest
import math
import random
from datetime import date, timedelta

import pytest

np = pytest.importorskip("numpy")

from sales_management_tools import recommendation  # noqa: E402
from sales_management_tools.recommendation import (  # noqa: E402
    batch,
    cadence,
    mining,
    model,
    tuning,
)


def test_doctests():
    for module in (recommendation, batch, cadence, mining):
        assert doctest.testmod(module).failed == 0


def _history(customers=500, products=200, seed=7):
    """Customers of a segment reorder their staples at their own rhythm,
    with complements of what they buy and a few best sellers."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(products)]
    segments = [rng.sample(range(products), 25) for _segment in range(8)]
    complements = {product: rng.randrange(products) for product in range(products)}
    orders = []
    for customer in range(customers):
        segment = segments[customer % len(segments)]
        staples = rng.sample(segment, 5)
        rhythm = rng.choice([10, 20, 45])
        day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 200))
        while day < date(2026, 6, 30):
            basket = {staple for staple in staples if rng.random() < 0.4}
            if rng.random() < 0.5:
                basket.add(rng.choice(segment))
            if rng.random() < 0.3:
                basket.add(rng.choices(range(products), weights)[0])
            basket |= {complements[p] for p in list(basket) if rng.random() < 0.4}
            if basket:
                orders.append((f"c{customer}", day, [f"p{p}" for p in basket]))
            day += timedelta(days=max(1, int(rng.expovariate(1 / rhythm))))
    return orders


def _baselines(training):
    bought = collections.defaultdict(collections.Counter)
    together = collections.defaultdict(collections.Counter)
    count = collections.Counter()
    for customer, _day, products in training:
        for product in products:
            bought[customer][product] += 1
            count[product] += 1
            together[product].update(p for p in products if p != product)
    popular = collections.Counter()
    for products in bought.values():
        popular.update(products.keys())
    ranking = [product for product, _n in popular.most_common()]

    def fill(products, basket, k):
        result = [p for p in products if p not in basket]
        result += [p for p in ranking if p not in basket and p not in result]
        return result[:k]

    def co_occurrence(customer, basket, k):
        scores = collections.Counter()
        for product in basket or bought[customer]:
            scores.update(together[product])
        return fill([p for p, _n in scores.most_common()], basket, k)

    def rules(customer, basket, k):
        confidence = {}
        for product in basket or bought[customer]:
            for other, n in together[product].items():
                confidence[other] = max(confidence.get(other, 0), n / count[product])
        return fill(sorted(confidence, key=lambda p: -confidence[p]), basket, k)

    return {
        "popularity": lambda customer, basket, k: fill([], basket, k),
        "repeat purchase": lambda customer, basket, k: fill(
            [p for p, _n in bought[customer].most_common()], basket, k
        ),
        "association rules": rules,
        "co-occurrence": co_occurrence,
    }


def test_beats_the_baselines():
    orders = _history()
    cut = date(2026, 3, 1)
    training = [order for order in orders if order[1] < cut]
    following = {}
    for order in sorted(orders, key=lambda order: order[1]):
        if order[1] >= cut:
            following.setdefault(order[0], order)
    fitted = recommendation.fit(training)
    methods = _baselines(training)
    methods["engine"] = lambda customer, basket, k: [
        product for product, _s, _r in fitted.recommend(customer, basket, k)
    ]
    rng = random.Random(1)
    recall = collections.defaultdict(lambda: collections.defaultdict(list))
    for customer, _day, products in following.values():
        hidden = rng.choice(products)
        basket = [product for product in products if product != hidden]
        for name, method in methods.items():
            found = set(method(customer, [], 10)) & set(products)
            recall["next"][name].append(len(found) / min(len(products), 10))
            if basket:
                recall["basket"][name].append(hidden in method(customer, basket, 10))
    for task, results in recall.items():
        engine = np.mean(results.pop("engine"))
        for name, values in results.items():
            assert engine > np.mean(values), (task, name, engine, np.mean(values))


@pytest.fixture(scope="module")
def fitted():
    return recommendation.fit(_history(customers=120, products=60))


def test_recommend_contract(fitted):
    result = fitted.recommend("c1", basket=["p1", "p2"], k=5)
    assert 0 < len(result) <= 5
    products = [product for product, _score, _reason in result]
    assert len(set(products)) == len(products)
    assert not {"p1", "p2"} & set(products)
    scores = [score for _product, score, _reason in result]
    assert scores == sorted(scores, reverse=True)
    for _product, score, reason in result:
        assert isinstance(score, float) and math.isfinite(score)
        assert reason.kind in ("reorder", "bought_with", "similar_customers", "popular")
        assert model.reason_text(reason)


def test_unknown_customers_and_odd_queries(fitted):
    for customer in (None, "nobody", ["unhashable"]):
        assert len(fitted.recommend(customer, k=3)) == 3
    assert fitted.recommend(None, basket=["p1", "not sold"], k=2)
    assert fitted.recommend("c1", k=0) == []
    assert fitted.recommend("c1", k=-1) == []
    assert fitted.recommend("c1", k="3") == []
    # a basket holding every product leaves nothing to recommend
    assert fitted.recommend("c1", basket=list(fitted.products), k=3) == []


def test_fit_bad_input():
    assert recommendation.fit([]).recommend("a") == []
    with pytest.raises(TypeError):
        recommendation.fit([("a", "2026-01-01", ["p"])])
    with pytest.raises(ValueError):
        recommendation.fit([("a", date(2026, 1, 1))])
    with pytest.raises(TypeError):
        recommendation.fit([(["a"], date(2026, 1, 1), ["p"])])
    # orders without products are skipped, the same day's orders merged
    fitted = recommendation.fit(
        [
            ("a", date(2026, 1, 1), []),
            ("a", date(2026, 1, 2), ["p"]),
            ("a", date(2026, 1, 2), ["q"]),
        ]
    )
    assert fitted.metadata["orders"] == 1


def test_tuning_never_worse_than_its_start():
    orders = _history(customers=200, products=80, seed=3)
    history, products = recommendation._history(orders)
    weights, report = tuning.tune(history, products)
    assert set(report) == {"next", "basket"}
    for before, after, questions in report.values():
        assert after >= before and questions >= tuning.MIN_QUESTIONS
    assert all(any(values) for values in weights.values())


def test_next_order_contract():
    days = [date(2026, 3, 6), date(2026, 1, 5), date(2026, 2, 4)]
    expected, interval, p_active = recommendation.next_order(days)
    assert expected == date(2026, 4, 5) and interval == 30.0
    assert 0.0 <= p_active <= 1.0
    assert recommendation.next_order([]) == (None, None, 0.0)
    assert recommendation.next_order(None) == (None, None, 0.0)
    one = recommendation.next_order([date(2026, 1, 5)], today=date(2026, 2, 1))
    assert one[:2] == (None, None) and 0.0 < one[2] < 1.0
    with pytest.raises(TypeError):
        recommendation.next_order(["2026-01-05"])


def test_p_active_weighs_the_evidence():
    """A frequent customer a little late is more likely active than a
    customer of one order long ago, or than the same customer much later."""
    today = date(2026, 12, 1)
    frequent = [today - timedelta(days=45 + 30 * n) for n in range(20)]
    once = [today - timedelta(days=300)]
    gone = [day - timedelta(days=400) for day in frequent]
    p_frequent = recommendation.next_order(frequent, today)[2]
    p_once = recommendation.next_order(once, today)[2]
    p_gone = recommendation.next_order(gone, today)[2]
    assert p_frequent > 0.5 > p_once
    assert p_gone < 0.05
    # the later it is, the lower
    later = [
        recommendation.next_order(frequent, today + timedelta(days=d))[2]
        for d in (0, 30, 90, 180)
    ]
    assert later == sorted(later, reverse=True)


def test_mining_keeps_top_k_and_confidence():
    groups = [np.array([0, 1, 2])] * 3 + [np.array([0, 3])]
    table = mining.cooccurrence(groups, 4, top_k=2)
    neighbours, _similarity = table.neighbours(0)
    assert len(neighbours) == 2 and set(neighbours.tolist()) == {1, 2}
    assert table.confidence_of(0, 1) == 0.75
    assert table.confidence_of(0, 3) == 0.0  # not kept
    assert table.scores([0]).shape == (4,)


@pytest.mark.parametrize("dense", [True, False])
def test_recommend_many_equals_recommend(fitted, monkeypatch, dense):
    """Block by block, the same products, scores and reasons as one call per
    customer (reasons read from dense tables or from the neighbour lists)."""
    if not dense:
        monkeypatch.setattr(batch, "DENSE_PRODUCTS", 0)
    monkeypatch.setattr(batch, "BLOCK_CELLS", 7 * len(fitted.products))
    customers = [*fitted.customers, "nobody"]
    result = recommendation.recommend_many(fitted, customers, k=30)
    assert set(result) == set(fitted.customers)
    for customer, suggestions in result.items():
        assert suggestions == fitted.recommend(customer, k=30), customer
    kinds = {reason.kind for rows in result.values() for _p, _s, reason in rows}
    assert {"reorder", "bought_with"} <= kinds


def test_recommend_many_odd_queries(fitted):
    assert recommendation.recommend_many(fitted, ["c1"], k=0) == {}
    assert recommendation.recommend_many(fitted, ["c1"], k="3") == {}
    assert recommendation.recommend_many(fitted, [], k=3) == {}
    assert recommendation.recommend_many(recommendation.fit([]), ["c1"]) == {}
