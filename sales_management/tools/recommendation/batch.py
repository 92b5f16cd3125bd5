# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recommendations of many customers at once.

``recommend_many(model, customers, k)`` gives, for each customer, what
``model.recommend(customer, k=k)`` gives (no basket): the same products,
scores and reasons, computed for a block of customers with one array per
signal instead of one call per customer.

``suggestion_table(model, customers, k)`` gives the same as arrays (a
:class:`Table`), without building a tuple per suggestion: storing the
suggestions of 100,000 customers reads these.

The sums are made in the same order as :meth:`.model.RecommendationModel.signals`
and ``recommend`` make them (each product's similarities added item after
item, the weighted signals added one after the other), so the scores are the
same floats.

>>> from datetime import date
>>> from . import fit
>>> fitted = fit([
...     ("alice", date(2026, 1, 5), ["paper", "toner"]),
...     ("bob", date(2026, 1, 9), ["paper", "toner", "stapler"]),
... ])
>>> recommend_many(fitted, ["alice"], k=2)["alice"] == fitted.recommend("alice", k=2)
True
"""

from collections import namedtuple

import numpy as np

from .model import SIGNALS, Reason

# Cells (customers x products) of the arrays of one block: half a million
# floats (4 MB) per signal stay in the processor's cache.
BLOCK_CELLS = 500_000
# Products of the catalogue up to which the confidences of the reasons are
# read from a dense table.
DENSE_PRODUCTS = 2_000
# the customer's strongest products used as neighbours (as in ``signals``)
STRONGEST = 30
REORDER = [SIGNALS.index(name) for name in ("reorder", "habit", "frequency")]
SIMILAR = SIGNALS.index("similar")
COMPANIONS = SIGNALS.index("companions")
POPULAR = SIGNALS.index("popular")
# the kinds of reason of a Table, in the order of their codes
KINDS = ("reorder", "bought_with", "similar_customers", "popular")

Table = namedtuple("Table", "customers items scores kinds sources shares")
Table.__doc__ = """The suggestions of ``customers`` (a list), one row each.

``items``: (customers, k) product positions in ``model.products``, best
first; ``scores``: their scores; ``kinds``: codes of their reasons in
``KINDS``; ``sources``: the position of the product the reason names, or -1;
``shares``: the reason's share (times ordered for a reorder).
"""


def recommend_many(model, customers, k=10):
    """{customer: [(product, score, reason)]} for the known ``customers``
    (unknown ones are left out), as ``model.recommend(customer, k=k)``."""
    table = suggestion_table(model, customers, k)
    result = {}
    for row, customer in enumerate(table.customers):
        result[customer] = [
            (
                model.products[item],
                score,
                Reason(
                    KINDS[kind],
                    model.products[source] if source >= 0 else None,
                    share,
                ),
            )
            for item, score, kind, source, share in zip(
                table.items[row].tolist(),
                table.scores[row].tolist(),
                table.kinds[row].tolist(),
                table.sources[row].tolist(),
                table.shares[row].tolist(),
                strict=True,
            )
        ]
    return result


def suggestion_table(model, customers, k=10):
    """The :class:`Table` of the known ``customers`` (unknown ones are left
    out): for each, what ``model.recommend(customer, k=k)`` gives."""
    if not isinstance(k, int) or isinstance(k, bool) or k <= 0:
        return _empty([])
    known = [key for key in dict.fromkeys(customers) if key in model.customers]
    size = len(model.products)
    if not known or not size:
        return _empty(known)
    width = min(k, size)
    block = max(1, BLOCK_CELLS // size)
    tables = _DenseConfidence(model) if size <= DENSE_PRODUCTS else None
    parts = [
        _block(model, known[start : start + block], width, tables)
        for start in range(0, len(known), block)
    ]
    return Table(
        known, *(np.concatenate(arrays) for arrays in zip(*parts, strict=True))
    )


def _empty(customers):
    integers = np.zeros((len(customers), 0), dtype=np.int64)
    floats = np.zeros((len(customers), 0))
    return Table(customers, integers, floats, integers, integers, floats)


def _scaled_rows(matrix):
    """Each row divided by its maximum, as ``model._scaled`` does (in place)."""
    top = matrix.max(axis=1)
    positive = top > 0
    matrix[positive] /= top[positive, None]
    return matrix


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


def _signals(model, keys, shape):
    """The seven scaled signals of the block, as ``model.signals`` makes
    them without a basket (None for the basket), and the order counts."""
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
    signals = [None] * len(SIGNALS)
    if rows:
        rows = np.concatenate(rows)
        items = np.concatenate(items)
        weights = np.concatenate(weights)
        signals[SIMILAR] = _scaled_rows(
            _neighbour_sums(
                model.customers_together, rows, items, weights, False, shape
            )
        )
        signals[COMPANIONS] = _scaled_rows(
            _neighbour_sums(model.orders_together, rows, items, weights, True, shape)
        )
    counts = frequency.copy()
    signals[1] = _scaled_rows(reorder * model.repeat_share)
    signals[0] = _scaled_rows(reorder)
    signals[6] = _scaled_rows(frequency)
    signals[POPULAR] = np.broadcast_to(model._popular, shape)
    return signals, counts


def _block(model, keys, width, tables):
    shape = (len(keys), len(model.products))
    signals, counts = _signals(model, keys, shape)
    blend = list(model.weights["next"])
    # the weighted signals added one after the other, as ``recommend`` sums
    # them (a signal of weight 0, or absent, adds zeros)
    scores = np.zeros(shape)
    for signal, weight in zip(signals, blend, strict=True):
        if signal is not None and weight:
            scores += signal * weight
    best = np.argpartition(-scores, width - 1, axis=1)[:, :width]
    rows = np.arange(len(keys))[:, None]
    best = np.take_along_axis(
        best, np.lexsort((best, -scores[rows, best]), axis=1), axis=1
    )
    chosen = np.stack(
        [
            signal[rows, best] * weight if signal is not None else np.zeros(best.shape)
            for signal, weight in zip(signals, blend, strict=True)
        ]
    )
    signal_kinds = np.where(chosen.max(axis=0) > 0, chosen.argmax(axis=0), POPULAR)
    return (
        best,
        scores[rows, best],
        *_reasons(model, keys, best, signal_kinds, counts[rows, best], tables),
    )


def _reasons(model, keys, best, signal_kinds, counts, tables):
    """(kinds, sources, shares) of the reasons of ``model._reason`` without a
    basket, for the chosen products ``best`` of the block."""
    kinds = np.full(best.shape, KINDS.index("popular"))
    sources = np.full(best.shape, -1)
    shares = model.popularity[best] / max(len(model.customers), 1)
    reorder = np.isin(signal_kinds, REORDER) & (counts > 0)
    kinds[reorder] = KINDS.index("reorder")
    shares[reorder] = counts[reorder]
    for signal, kind in (
        (SIMILAR, KINDS.index("similar_customers")),
        (COMPANIONS, KINDS.index("bought_with")),
    ):
        cells = np.argwhere(signal_kinds == signal)
        if not len(cells):
            continue
        found, share = _sources(model, keys, best, cells, SIGNALS[signal], tables)
        named = share > 0
        rows, columns = cells[named, 0], cells[named, 1]
        kinds[rows, columns] = kind
        sources[rows, columns] = found[named]
        shares[rows, columns] = share[named]
    return kinds, sources, shares


def _sources(model, keys, best, cells, name, tables):
    """For each (row, column) of ``cells``: the customer's product with the
    highest confidence towards the chosen product (the first such one in the
    customer's products, as ``max`` finds it) and that confidence."""
    targets = best[cells[:, 0], cells[:, 1]]
    if tables is not None:
        # the products of the block's customers, padded with -1
        lengths = [len(model.customers[key].items) for key in keys]
        padded = np.full((len(keys), max(lengths)), -1, dtype=np.int64)
        for row, key in enumerate(keys):
            padded[row, : lengths[row]] = model.customers[key].items
        owned = padded[cells[:, 0]]
        confidence = tables.table(name)[owned, targets[:, None]]
        confidence[owned < 0] = -1.0
        positions = confidence.argmax(axis=1)
        picked = np.arange(len(cells))
        return owned[picked, positions], confidence[picked, positions]
    table = model.customers_together if name == "similar" else model.orders_together
    found = np.zeros(len(cells), dtype=np.int64)
    shares = np.zeros(len(cells))
    for index, (row, item) in enumerate(
        zip(cells[:, 0].tolist(), targets.tolist(), strict=True)
    ):
        source = max(
            model.customers[keys[row]].items.tolist(),
            key=lambda other, item=item: table.confidence_of(other, item),
        )
        found[index] = source
        shares[index] = table.confidence_of(source, item)
    return found, shares


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
