# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recommendation model: seven signals blended with weights learnt on the
order history itself.

For a customer and a basket, every product gets seven scores, each scaled to
[0, 1] over the catalogue:

``reorder``
    how much the customer bought the product, recent orders counting more
    (each older order weighs ``DECAY`` times the next one);
``habit``
    the same, times the share of the product's buyers who bought it again:
    paper is reordered, a printer is not;
``basket``
    similarity to the products of the basket (bought in the same orders);
``similar``
    similarity to what the customer bought before (bought by the same
    customers): what similar customers buy, products new to the customer
    included;
``popular``
    the share of customers who bought the product;
``companions``
    how often each product was bought in the same orders as the customer's
    products (raw counts: the best sellers stay ahead, tilted towards the
    customer);
``frequency``
    the share of the customer's orders that hold the product, old orders
    counting as much as new ones.

The weights of the blend are not guessed: :mod:`.tuning` holds out the last
order of a sample of customers, refits the signals without those orders and
searches the weights that best recover them -- the whole held-out order for
"what does the customer buy next", a hidden product of it for "complete
this basket". Each of the four baselines (popularity, repeat purchase,
association rules, item-to-item co-occurrence) is one corner of that search,
so on the history it is fitted on the blend does at least as well as each of
them.
"""

from collections import namedtuple

import numpy as np

from . import cadence
from .mining import cooccurrence

DECAY = 0.8
SIGNALS = (
    "reorder",
    "habit",
    "basket",
    "similar",
    "popular",
    "companions",
    "frequency",
)
# Blend weights before tuning (and when the history is too short to tune).
DEFAULT_WEIGHTS = {
    "next": (1.0, 1.0, 0.0, 0.3, 0.1, 0.3, 1.0),
    "basket": (0.3, 0.3, 1.0, 0.1, 0.05, 0.1, 0.3),
}
# repeat share of a product with few buyers is pulled towards the average
REPEAT_PRIOR = 5.0

Reason = namedtuple("Reason", ["kind", "product", "share"])
Reason.__doc__ = """Why a product is recommended.

``kind``: ``reorder`` (the customer bought it ``share`` times, in their
orders), ``bought_with`` (bought with ``product`` in ``share`` of the orders
holding it), ``similar_customers`` (bought by ``share`` of the customers who
bought ``product``), ``popular`` (bought by ``share`` of the customers).
"""


def reason_text(reason):
    """The reason in English, e.g. "bought with X in 31 % of its orders"."""
    if reason.kind == "reorder":
        return f"ordered {int(reason.share)} times before"
    if reason.kind == "bought_with":
        return f"bought with {reason.product} in {reason.share:.0%} of its orders"
    if reason.kind == "similar_customers":
        return (
            f"bought by {reason.share:.0%} of the customers who bought {reason.product}"
        )
    return f"bought by {reason.share:.0%} of the customers"


class Customer:
    """What the model keeps of one customer: products, their decayed
    frequency and order count, and the order dates."""

    __slots__ = ("counts", "dates", "items", "weights")

    def __init__(self, items, weights, counts, dates):
        self.items = items
        self.weights = weights
        self.counts = counts
        self.dates = dates


def _scaled(vector):
    top = vector.max() if len(vector) else 0.0
    return vector / top if top > 0 else vector


class RecommendationModel:
    """Built by :func:`fit`; read it with :meth:`recommend` and
    :meth:`next_order`."""

    def __init__(
        self,
        products,
        customers,
        orders_together,
        customers_together,
        popularity,
        repeat_share,
        parameters,
        weights=None,
        metadata=None,
    ):
        self.products = products
        self.index = {product: position for position, product in enumerate(products)}
        self.customers = customers
        self.orders_together = orders_together
        self.customers_together = customers_together
        self.popularity = popularity
        self.repeat_share = repeat_share
        self.parameters = parameters
        self.weights = dict(weights or DEFAULT_WEIGHTS)
        self.metadata = dict(metadata or {})
        self._popular = _scaled(popularity)

    # -- signals ---------------------------------------------------------

    def signals(self, customer, basket_items):
        """(7, n_products) array of the scaled signals of one query."""
        size = len(self.products)
        result = np.zeros((len(SIGNALS), size))
        if customer is not None and len(customer.items):
            reorder = np.zeros(size)
            reorder[customer.items] = customer.weights
            result[0] = _scaled(reorder)
            result[1] = _scaled(reorder * self.repeat_share)
            frequency = np.zeros(size)
            frequency[customer.items] = customer.counts
            result[6] = _scaled(frequency)
            # the customer's 30 strongest products are enough neighbours
            strongest = np.argsort(-customer.weights)[:30]
            result[3] = _scaled(
                self.customers_together.scores(
                    customer.items[strongest], customer.weights[strongest]
                )
            )
            result[5] = _scaled(
                self.orders_together.scores(
                    customer.items[strongest], customer.weights[strongest], raw=True
                )
            )
        if len(basket_items):
            result[2] = _scaled(self.orders_together.scores(basket_items))
        result[4] = self._popular
        return result

    def _query(self, customer_key, basket):
        customer = None
        if customer_key is not None:
            try:
                customer = self.customers.get(customer_key)
            except TypeError:  # an unhashable key is an unknown customer
                customer = None
        basket_items = sorted(
            {self.index[product] for product in basket if product in self.index}
        )
        return customer, np.asarray(basket_items, dtype=np.int64)

    # -- reading ---------------------------------------------------------

    def recommend(self, customer, basket=(), k=10):
        """At most ``k`` ``(product, score, reason)``, best first, none of
        them in ``basket``. A customer unknown to the model (or ``None``)
        gets recommendations from the basket and popularity."""
        if not isinstance(k, int) or isinstance(k, bool) or k <= 0:
            return []
        basket = list(basket or ())
        known, basket_items = self._query(customer, basket)
        signals = self.signals(known, basket_items)
        mode = "basket" if len(basket_items) else "next"
        weights = np.asarray(self.weights[mode])
        contributions = signals * weights[:, None]
        scores = contributions.sum(axis=0)
        excluded = set(basket_items.tolist())
        for product in basket:
            position = self.index.get(product) if _hashable(product) else None
            if position is not None:
                excluded.add(position)
        if excluded:
            scores[list(excluded)] = -np.inf
        available = int(np.isfinite(scores).sum())
        count = min(k, available)
        if count <= 0:
            return []
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.lexsort((best, -scores[best]))]
        return [
            (
                self.products[item],
                float(scores[item]),
                self._reason(item, contributions[:, item], known, basket_items),
            )
            for item in best
        ]

    def _reason(self, item, contribution, customer, basket_items):
        kind = (
            SIGNALS[int(np.argmax(contribution))]
            if contribution.max() > 0
            else "popular"
        )
        if kind in ("reorder", "habit", "frequency") and customer is not None:
            position = np.nonzero(customer.items == item)[0]
            if len(position):
                return Reason("reorder", None, float(customer.counts[position[0]]))
        if kind == "basket" and len(basket_items):
            source = max(
                basket_items.tolist(),
                key=lambda other: self.orders_together.confidence_of(other, item),
            )
            share = self.orders_together.confidence_of(source, item)
            if share > 0:
                return Reason("bought_with", self.products[source], share)
        if kind in ("similar", "companions") and customer is not None:
            table = (
                self.customers_together if kind == "similar" else self.orders_together
            )
            source = max(
                customer.items.tolist(),
                key=lambda other: table.confidence_of(other, item),
            )
            share = table.confidence_of(source, item)
            if share > 0:
                return Reason(
                    "similar_customers" if kind == "similar" else "bought_with",
                    self.products[source],
                    share,
                )
        buyers = max(len(self.customers), 1)
        return Reason("popular", None, float(self.popularity[item]) / buyers)

    def next_order(self, customer, today=None):
        """:func:`cadence.next_order` of a known customer with the
        population's parameters fitted on this history; ``(None, None,
        0.0)`` for an unknown one."""
        known, _basket = self._query(customer, ())
        if known is None:
            return None, None, 0.0
        return cadence.next_order(known.dates, today, self.parameters)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def build(history, products, parameters=cadence.DEFAULT_PARAMETERS, weights=None):
    """A :class:`RecommendationModel` of ``history``: {customer: list of
    (date, array of product indices)} sorted by date, product indices below
    ``len(products)``."""
    size = len(products)
    customers = {}
    order_groups = []
    customer_groups = []
    popularity = np.zeros(size)
    buyers_again = np.zeros(size)
    buyers_before = np.zeros(size)
    for key, orders in history.items():
        weights_by_item = {}
        counts = {}
        seen_before = set()
        for rank, (_day, items) in enumerate(reversed(orders)):
            factor = DECAY**rank
            for item in items.tolist():
                weights_by_item[item] = weights_by_item.get(item, 0.0) + factor
                counts[item] = counts.get(item, 0) + 1
            order_groups.append(items)
        for _day, items in orders[:-1]:
            seen_before.update(items.tolist())
        items = np.fromiter(weights_by_item, dtype=np.int64, count=len(weights_by_item))
        customer_groups.append(items)
        popularity[items] += 1
        if seen_before:
            before = np.fromiter(seen_before, dtype=np.int64, count=len(seen_before))
            buyers_before[before] += 1
            again = [item for item in before.tolist() if counts[item] > 1]
            buyers_again[again] += 1
        customers[key] = Customer(
            items,
            np.fromiter(weights_by_item.values(), dtype=float, count=len(items)),
            np.fromiter(
                (counts[item] for item in weights_by_item),
                dtype=float,
                count=len(items),
            ),
            [day for day, _items in orders],
        )
    overall = buyers_again.sum() / buyers_before.sum() if buyers_before.sum() else 0.5
    repeat_share = (buyers_again + REPEAT_PRIOR * overall) / (
        buyers_before + REPEAT_PRIOR
    )
    return RecommendationModel(
        products,
        customers,
        cooccurrence(order_groups, size),
        cooccurrence(customer_groups, size),
        popularity,
        repeat_share,
        parameters,
        weights,
        {"customers": len(customers), "orders": len(order_groups), "products": size},
    )
