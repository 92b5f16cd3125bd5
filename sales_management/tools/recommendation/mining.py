# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Products found together: sparse co-occurrence counts turned into
similarities, with numpy only.

A *group* is a set of product indices: the products of one order (bought
together) or every product one customer ever bought (bought by the same
customers). For each pair of products the number of groups holding both is
counted; the similarity of ``j`` to ``i`` is::

    count(i, j) / (groups(i) ** (1 - BETA) * groups(j) ** BETA)

``BETA = 0`` is the confidence of the association rule i -> j (favours the
best sellers), ``BETA = 1`` close to the lift (favours rarities); in
between, the cosine (0.5) and the asymmetric cosines of item-based
collaborative filtering. Each product keeps its ``TOP_K`` most similar
products, stored row by row (CSR arrays): a basket's scores are the sum of
its products' rows.

>>> groups = [np.array([0, 1]), np.array([0, 1, 2]), np.array([1, 2])]
>>> table = cooccurrence(groups, 3)
>>> table.neighbours(0)[0].tolist(), table.confidence_of(0, 1)
([1, 2], 1.0)
"""

import numpy as np

BETA = 0.25
TOP_K = 100
# Larger groups are sampled down to this many products: a customer who
# bought 2,000 products says little about each pair, and the pairs of a
# group grow with the square of its size.
MAX_GROUP = 60
# Pair counts are kept in a dense table up to this many cells (32 MB):
# counting is then linear instead of a sort of every pair.
DENSE_CELLS = 4_000_000


class Cooccurrence:
    """Similarities between products, each row its ``TOP_K`` best."""

    def __init__(self, size, indptr, indices, similarity, confidence, groups):
        self.size = size
        # the pair counts, for the raw co-occurrence
        self.together = confidence * groups[np.repeat(np.arange(size), np.diff(indptr))]
        self.indptr = indptr
        self.indices = indices
        self.similarity = similarity
        self.confidence = confidence
        # number of groups holding each product
        self.groups = groups

    def neighbours(self, item):
        start, end = self.indptr[item], self.indptr[item + 1]
        return self.indices[start:end], self.similarity[start:end]

    def confidence_of(self, item, other):
        """Share of the groups holding ``item`` that also hold ``other``
        (0.0 when the pair is not among the kept neighbours)."""
        start, end = self.indptr[item], self.indptr[item + 1]
        found = np.nonzero(self.indices[start:end] == other)[0]
        if not len(found):
            return 0.0
        return float(self.confidence[start + found[0]])

    def scores(self, items, weights=None, raw=False):
        """Dense vector: for each product, the weighted sum of its
        similarity to ``items`` (``raw``: of the number of groups holding
        both)."""
        values = self.together if raw else self.similarity
        result = np.zeros(self.size)
        if weights is None:
            weights = np.ones(len(items))
        for item, weight in zip(items, weights, strict=True):
            start, end = self.indptr[item], self.indptr[item + 1]
            if end > start:
                result[self.indices[start:end]] += weight * values[start:end]
        return result


def _pairs(groups, rng):
    """(left, right) arrays of every ordered pair of distinct products in
    the groups, groups bucketed by size to stay vectorised."""
    by_size = {}
    for group in groups:
        size = len(group)
        if size < 2:
            continue
        if size > MAX_GROUP:
            group = rng.choice(group, MAX_GROUP, replace=False)
            size = MAX_GROUP
        by_size.setdefault(size, []).append(group)
    lefts, rights = [], []
    for size, members in by_size.items():
        matrix = np.asarray(members, dtype=np.int64)
        left, right = np.nonzero(~np.eye(size, dtype=bool))
        lefts.append(matrix[:, left].ravel())
        rights.append(matrix[:, right].ravel())
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(lefts), np.concatenate(rights)


def _count(keys, size):
    """(distinct keys sorted, their counts): a dense count when the
    ``size`` x ``size`` table is small (no sort), ``np.unique`` otherwise."""
    if size * size <= DENSE_CELLS:
        counts = np.bincount(keys, minlength=size * size)
        distinct = np.flatnonzero(counts)
        return distinct, counts[distinct]
    return np.unique(keys, return_counts=True)


def cooccurrence(groups, size, beta=BETA, top_k=TOP_K, seed=0):
    """The :class:`Cooccurrence` of ``groups`` (arrays of distinct product
    indices below ``size``)."""
    rng = np.random.default_rng(seed)
    counts = np.zeros(size)
    for group in groups:
        counts[group] += 1
    left, right = _pairs(groups, rng)
    if len(left):
        keys, together = _count(left * size + right, size)
        rows, columns = np.divmod(keys, size)
    else:
        rows = columns = np.zeros(0, dtype=np.int64)
        together = np.zeros(0)
    together = together.astype(float)
    # sampled groups: the counts of their products were not sampled, keep
    # the confidence at most 1
    base = np.maximum(counts[rows], 1.0)
    confidence = np.minimum(together / base, 1.0)
    similarity = together / (
        base ** (1.0 - beta) * np.maximum(counts[columns], 1.0) ** beta
    )
    # keep each row's best top_k: sort by row, then by similarity descending
    order = np.lexsort((-similarity, rows))
    rows, columns = rows[order], columns[order]
    similarity, confidence = similarity[order], confidence[order]
    starts = np.searchsorted(rows, np.arange(size))
    rank = np.arange(len(rows)) - starts[rows] if len(rows) else np.zeros(0, int)
    keep = rank < top_k
    rows, columns = rows[keep], columns[keep]
    similarity, confidence = similarity[keep], confidence[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=size))])
    return Cooccurrence(size, indptr, columns, similarity, confidence, counts)
