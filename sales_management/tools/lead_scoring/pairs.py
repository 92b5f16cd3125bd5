# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pairs of terms: which to add, and moving their margins into main effects.

With the main effects fitted, _add_pairs scores pairs of the most
important terms on the residuals with coarse bins (as in FAST, Lou et al.
2013) and keeps those that lower the validation loss; _purify then moves
the row and column means of each pair table into the main terms.
"""

import math

import numpy as np

from .booster import _penalty
from .features import FIRST_LEVEL, MAX_BINS, MISSING
from .terms import _importance, _pair_bins, _Term

PAIR_SAMPLE = 50_000  # rows on which pair candidates are scored


def _coarse_map(term, feature, counts, n_groups):
    """Fine bin -> coarse bin of a term, for pair tables."""
    if term.type == "tag":
        return np.array([0, 1], dtype=np.uint8)
    mapping = np.ones(term.n_bins, dtype=np.uint8)  # strings: "other"
    mapping[MISSING] = 0
    if feature.kind == "numeric":
        first = feature.first_interval
        interval_counts = counts[first:]
        cumulative = np.cumsum(interval_counts) - interval_counts
        total = max(interval_counts.sum(), 1)
        groups = (cumulative * n_groups) // total
        mapping[first:] = 2 + np.minimum(groups, n_groups - 1)
    else:
        top = np.argsort(-counts[FIRST_LEVEL:], kind="stable")[: n_groups + 2]
        mapping[FIRST_LEVEL + top] = 2 + np.arange(len(top))
    # renumber the groups actually used, so that tables stay small
    used = np.unique(mapping)
    return np.searchsorted(used, mapping).astype(np.uint8)


def _pair_gain(gradient, hessian, l2):
    return float((gradient * gradient / (hessian + l2)).sum())


def _choose_pairs(booster, features, options):
    """Candidate pairs of terms, most significant residual gain first.

    Each of the ``interaction_candidates`` most important terms is paired
    with every other term. A pair table's Newton gain on the residuals,
    once its row and column gains are taken out, is about chi-square with
    (rows - 1)(columns - 1) degrees of freedom when the pair adds nothing
    (as in FAST, Lou et al. 2013), so pairs are ranked by their z-score and
    only clearly significant ones are proposed.
    """
    terms = booster.terms
    ranked = sorted(
        (i for i, t in enumerate(terms) if t.type != "pair" and _importance(t) > 1e-4),
        key=lambda i: (-_importance(terms[i]), i),
    )
    leaders = ranked[: options["interaction_candidates"]]
    partners = ranked[: 3 * options["interaction_candidates"]]
    sample = np.arange(len(booster.y))
    if len(sample) > PAIR_SAMPLE:
        sample = np.random.default_rng([options["seed"], 2]).choice(
            sample, PAIR_SAMPLE, replace=False
        )
    gradient = (booster.p - booster.y)[sample]
    hessian = booster.h[sample]
    coarse = {}
    for i in partners:
        term = terms[i]
        feature = features[term.feature]
        mapping = _coarse_map(term, feature, term.counts, options["interaction_bins"])
        coarse[i] = (mapping, mapping.take(booster.data.bins[i][sample]))
    l2 = options["interaction_l2"]
    scored = {}
    for a in leaders:
        for b in partners:
            pair = (min(a, b), max(a, b))
            if a == b or pair in scored or terms[a].feature == terms[b].feature:
                continue
            a, b = pair
            width = int(coarse[b][0].max()) + 1
            height = int(coarse[a][0].max()) + 1
            if height * width > MAX_BINS:
                continue
            index = coarse[a][1].astype(np.intp) * width + coarse[b][1]
            g = np.bincount(index, gradient, height * width).reshape(height, width)
            h = np.bincount(index, hessian, height * width).reshape(height, width)
            gain = _pair_gain(g, h, l2)
            gain -= _pair_gain(g.sum(1), h.sum(1), l2) + _pair_gain(
                g.sum(0), h.sum(0), l2
            )
            used = (np.count_nonzero(h.sum(1) > 0) - 1) * (
                np.count_nonzero(h.sum(0) > 0) - 1
            )
            if used > 0:
                scored[pair] = (gain - used) / math.sqrt(2 * used)
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [
        (a, b, coarse[a][0], coarse[b][0])
        for (a, b), z in best
        if z > options["interaction_z"]
    ]


def _add_pairs(booster, features, options):
    """Add the candidate pairs that lower the validation loss; their number."""
    kept = 0
    base_loss = booster.valid_loss()
    for a, b, map_a, map_b in _choose_pairs(booster, features, options):
        if kept >= options["interactions"]:
            break
        width = int(map_b.max()) + 1
        cells = (int(map_a.max()) + 1) * width
        term = _Term({"type": "pair", "terms": [a, b], "weights": [0.0] * cells})
        term.maps = [map_a, map_b]
        train_bins = _pair_bins(term, booster.data.bins[a], booster.data.bins[b])
        valid_bins = _pair_bins(term, booster.valid.bins[a], booster.valid.bins[b])
        booster.add_term(
            term, train_bins, _penalty(term, features, options), valid_bins
        )
        for _ in range(3):
            booster.term_step(len(booster.terms) - 1)
        loss = booster.valid_loss()
        if loss < base_loss - options["interaction_min_gain"]:
            kept += 1
            base_loss = loss
        else:
            booster.drop_last_term()
    return kept


def _purify(terms):
    """Move the row and column means of each pair table into its main terms."""
    for term in terms:
        if term.type != "pair":
            continue
        first, second = (terms[i] for i in term.pair)
        width = int(term.maps[1].max()) + 1
        table = term.weights.reshape(-1, width)
        counts = term.counts.reshape(-1, width)
        for _ in range(4):
            for axis, side, mapping in (
                (1, first, term.maps[0]),
                (0, second, term.maps[1]),
            ):
                total = counts.sum(axis)
                means = np.divide(
                    (counts * table).sum(axis),
                    total,
                    out=np.zeros(len(total)),
                    where=total > 0,
                )
                table -= means[:, None] if axis == 1 else means[None, :]
                side.weights += means.take(mapping)
