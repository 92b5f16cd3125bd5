# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Product recommendations and reorder cadence from confirmed orders.

Plain Python and numpy (no odoo import): the ORM reads the order lines,
calls the engine and stores what it returns.

``fit(orders)`` -> :class:`~.model.RecommendationModel`, ``orders`` a list
of ``(customer, date, products)``: a hashable customer key, a
``datetime.date`` and a list of hashable product keys (one order). Orders
of one customer on the same day count as one.

``model.recommend(customer, basket=(), k=10)`` -> at most ``k``
``(product, score, reason)``, best first, none of them in ``basket``
(:mod:`.model` explains the blend, :mod:`.tuning` how its weights are
learnt); ``reason`` is a :class:`~.model.Reason`.

``recommend_many(model, customers, k=10)`` -> ``{customer: the list
model.recommend(customer, k=k) gives}`` for many customers at once, and
``suggestion_table(model, customers, k=10)`` the same as arrays
(:mod:`.batch`), for storing the suggestions of every customer.

``next_order(dates, today=None)`` -> ``(expected_date or None,
median_interval_days or None, p_active)`` from one customer's order dates
(:mod:`.cadence`).

>>> from datetime import date
>>> orders = [
...     ("alice", date(2026, 1, 5), ["paper", "toner"]),
...     ("alice", date(2026, 2, 5), ["paper"]),
...     ("bob", date(2026, 1, 9), ["paper", "toner", "stapler"]),
...     ("carol", date(2026, 1, 20), ["toner", "stapler"]),
... ]
>>> model = fit(orders)
>>> [product for product, _score, _reason in model.recommend("alice", k=2)]
['paper', 'toner']
>>> product, _score, reason = model.recommend(None, basket=["toner"], k=1)[0]
>>> product, reason.kind, reason.product, round(reason.share, 2)
('stapler', 'bought_with', 'toner', 0.67)
"""

from datetime import date, datetime

import numpy as np

from .batch import recommend_many, suggestion_table
from .cadence import next_order
from .model import Reason, RecommendationModel, build, reason_text
from .tuning import tune

__all__ = [
    "Reason",
    "RecommendationModel",
    "fit",
    "next_order",
    "reason_text",
    "recommend_many",
    "suggestion_table",
]


def _history(orders):
    """({customer: [(date, product index array)] by date}, products)."""
    index = {}
    products = []
    by_customer = {}
    for order in orders:
        try:
            customer, day, items = order
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"an order is (customer, date, products), not {order!r}"
            ) from error
        if isinstance(day, datetime):
            day = day.date()
        if not isinstance(day, date):
            raise TypeError(f"an order date must be a date, not {day!r}")
        hash(customer)
        positions = set()
        for product in items or ():
            position = index.get(product)
            if position is None:
                position = index[product] = len(products)
                products.append(product)
            positions.add(position)
        if not positions:
            continue
        days = by_customer.setdefault(customer, {})
        days.setdefault(day, set()).update(positions)
    history = {
        customer: [
            (day, np.array(sorted(items), dtype=np.int64))
            for day, items in sorted(days.items())
        ]
        for customer, days in by_customer.items()
    }
    return history, products


def fit(orders, tune_weights=True, seed=0):
    """The :class:`~.model.RecommendationModel` of ``orders``.

    ``tune_weights``: learn the blend's weights on the history (the default);
    otherwise keep the defaults. The tuning's recalls are in
    ``model.metadata["tuning"]``.
    """
    history, products = _history(orders)
    weights, report = tune(history, products, seed) if tune_weights else (None, {})
    model = build(history, products, weights=weights)
    model.metadata["tuning"] = report
    return model
