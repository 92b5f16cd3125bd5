# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recommendations of many customers at once.

``recommend_many(model, customers, k)`` gives, for each customer, what
``model.recommend(customer, k=k)`` gives (no basket): the same products,
scores and reasons, computed for a block of customers with one array per
signal instead of one call per customer. Storing the suggestions of 100,000
customers takes seconds instead of minutes.

The sums are made in the same order as :meth:`.model.RecommendationModel.signals`
does them (each product's similarities added item after item, the signals
added one after the other), so the scores are the same floats.

>>> from datetime import date
>>> from . import fit
>>> fitted = fit([
...     ("alice", date(2026, 1, 5), ["paper", "toner"]),
...     ("bob", date(2026, 1, 9), ["paper", "toner", "stapler"]),
... ])
>>> recommend_many(fitted, ["alice"], k=2)["alice"] == fitted.recommend("alice", k=2)
True
"""

import numpy as np

from .model import SIGNALS, Reason

# Cells (customers x products) of the arrays of one block: 4 million floats
# are 32 MB per signal.
BLOCK_CELLS = 4_000_000
# Products of the catalogue up to which the confidences of the reasons are
# read from a dense table.
DENSE_PRODUCTS = 2_000
# the customer's strongest products used as neighbours (as in ``signals``)
STRONGEST = 30
REORDER = {SIGNALS.index(name) for name in ("reorder", "habit", "frequency")}
SIMILAR = SIGNALS.index("similar")
COMPANIONS = SIGNALS.index("companions")
POPULAR = SIGNALS.index("popular")


def recommend_many(model, customers, k=10):
    """{customer: [(product, score, reason)]} for the known ``customers``
    (unknown ones are left out), as ``model.recommend(customer, k=k)``."""
    if not isinstance(k, int) or isinstance(k, bool) or k <= 0:
        return {}
    known = [key for key in dict.fromkeys(customers) if key in model.customers]
    size = len(model.products)
    if not known or not size:
        return {key: [] for key in known}
    block = max(1, BLOCK_CELLS // size)
    tables = _DenseConfidence(model) if size <= DENSE_PRODUCTS else None
    result = {}
    for start in range(0, len(known), block):
        keys = known[start : start + block]
        result.update(_block(model, keys, k, tables))
    return result


def _scaled_rows(matrix):
    """Each row divided by its maximum, as ``model._scaled`` does (a new
    array)."""
    top = matrix.max(axis=1)
    scaled = matrix.copy()
    positive = top > 0
    scaled[positive] /= top[positive, None]
    return scaled


def _neighbour_sums(table, rows, items, weights, raw, shape):
    """Dense (customers, products) sums of the similarities (or raw counts)
    of ``items`` (one entry per customer row, in order), weighted."""
    values = table.together if raw else table.similarity
    starts = table.indptr[items]
    lengths = table.indptr[items + 1] - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(shape)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    positions = offsets + np.arange(total)
    cells = np.repeat(rows, lengths) * shape[1] + table.indices[positions]
    amounts = np.repeat(weights, lengths) * values[positions]
    return np.bincount(cells, weights=amounts, minlength=shape[0] * shape[1]).reshape(
        shape
    )


def _block(model, keys, k, tables):
    size = len(model.products)
    shape = (len(keys), size)
    reorder = np.zeros(shape)
    frequency = np.zeros(shape)
    rows, items, weights = [], [], []
    for row, key in enumerate(keys):
        customer = model.customers[key]
        if not len(customer.items):
            continue
        reorder[row, customer.items] = customer.weights
        frequency[row, customer.items] = customer.counts
        strongest = np.argsort(-customer.weights)[:STRONGEST]
        rows.append(np.full(len(strongest), row))
        items.append(customer.items[strongest])
        weights.append(customer.weights[strongest])
    signals = np.zeros((len(SIGNALS), *shape))
    if rows:
        rows = np.concatenate(rows)
        items = np.concatenate(items)
        weights = np.concatenate(weights)
        signals[3] = _scaled_rows(
            _neighbour_sums(
                model.customers_together, rows, items, weights, False, shape
            )
        )
        signals[5] = _scaled_rows(
            _neighbour_sums(model.orders_together, rows, items, weights, True, shape)
        )
    signals[0] = _scaled_rows(reorder)
    signals[1] = _scaled_rows(reorder * model.repeat_share)
    signals[6] = _scaled_rows(frequency)
    signals[4] = model._popular
    blend = np.asarray(model.weights["next"])
    contributions = signals * blend[:, None, None]
    scores = contributions.sum(axis=0)
    count = min(k, size)
    best = np.argpartition(-scores, count - 1, axis=1)[:, :count]
    rows = np.arange(len(keys))[:, None]
    best = np.take_along_axis(
        best, np.lexsort((best, -scores[rows, best]), axis=1), axis=1
    )
    chosen = contributions[:, rows, best]  # (signals, customers, k)
    kinds = np.where(chosen.max(axis=0) > 0, chosen.argmax(axis=0), POPULAR)
    counts = frequency[rows, best]
    result = {}
    for row, key in enumerate(keys):
        customer = model.customers[key]
        sources = _sources(model, customer, best[row], kinds[row], tables)
        result[key] = [
            (
                model.products[item],
                float(scores[row, item]),
                _reason(model, item, kind, counts[row, column], sources[column]),
            )
            for column, (item, kind) in enumerate(
                zip(best[row].tolist(), kinds[row].tolist(), strict=True)
            )
        ]
    return result


def _sources(model, customer, items, kinds, tables):
    """For each of ``items``: (source product index, confidence) of the
    similar-customers or bought-with reason its kind calls for, else None."""
    sources = [None] * len(items)
    for kind in (SIMILAR, COMPANIONS):
        columns = np.nonzero(kinds == kind)[0]
        if not len(columns):
            continue
        name = SIGNALS[kind]
        if tables is not None:
            confidence = tables.table(name)[np.ix_(customer.items, items[columns])]
            best = confidence.argmax(axis=0)
            shares = confidence[best, np.arange(len(columns))]
            for column, position, share in zip(
                columns.tolist(), best.tolist(), shares.tolist(), strict=True
            ):
                sources[column] = (int(customer.items[position]), share)
            continue
        table = model.customers_together if name == "similar" else model.orders_together
        for column in columns.tolist():
            item = int(items[column])
            source = max(
                customer.items.tolist(),
                key=lambda other, item=item: table.confidence_of(other, item),
            )
            sources[column] = (source, table.confidence_of(source, item))
    return sources


def _reason(model, item, kind, count, source):
    """The reason of ``model._reason`` without a basket: ``count`` is the
    customer's orders of the product, ``source`` what :func:`_sources`
    found."""
    if kind in REORDER and count > 0:
        return Reason("reorder", None, float(count))
    if source is not None and source[1] > 0:
        return Reason(
            "similar_customers" if kind == SIMILAR else "bought_with",
            model.products[source[0]],
            float(source[1]),
        )
    buyers = max(len(model.customers), 1)
    return Reason("popular", None, float(model.popularity[item]) / buyers)


class _DenseConfidence:
    """The confidences of the kept neighbours as dense (product, product)
    tables, built on first use: ``table(kind)[other, item]`` is
    ``confidence_of(other, item)`` of the kind's co-occurrence table."""

    def __init__(self, model):
        self.model = model
        self.tables = {}

    def table(self, kind):
        table = self.tables.get(kind)
        if table is None:
            source = (
                self.model.customers_together
                if kind == "similar"
                else self.model.orders_together
            )
            size = source.size
            table = np.zeros((size, size))
            rows = np.repeat(np.arange(size), np.diff(source.indptr))
            table[rows, source.indices] = source.confidence
            self.tables[kind] = table
        return table
