# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Terms: the additive pieces of the model and the bins they read.

A term is the main effect of a feature, one tag of a tags feature, or a pair
of two terms (a coarse table). Its effect per bin, its rows per bin and, for a
number, its slope are saved in the JSON of the model.
"""

import numpy as np


class _Term:
    """One additive piece: main effect, one tag, or a pair of terms."""

    def __init__(self, state):
        self.type = state["type"]  # "main", "tag" or "pair"
        self.feature = state.get("feature")
        self.slot = state.get("slot")
        self.pair = tuple(state.get("terms", ()))
        self.maps = [np.array(m, dtype=np.uint8) for m in state.get("maps", ())]
        self.weights = np.array(state.get("weights", ()), dtype=float)
        self.counts = np.array(state.get("counts", ()), dtype=float)
        # numeric main terms: a slope on the standardised number, and the
        # mean standardised number of each bin (for averages)
        self.slope = np.array([state["slope"]]) if "slope" in state else None
        self.z_means = np.array(state.get("z_means", ()), dtype=float)

    def state(self):
        state = {"type": self.type}
        if self.type == "pair":
            state["terms"] = list(self.pair)
            state["maps"] = [[int(v) for v in m] for m in self.maps]
        else:
            state["feature"] = self.feature
        if self.type == "tag":
            state["slot"] = self.slot
        state["weights"] = [float(w) for w in self.weights]
        state["counts"] = [int(c) for c in self.counts]
        if self.slope is not None:
            state["slope"] = float(self.slope[0])
            state["z_means"] = [float(z) for z in self.z_means]
        return state

    def bin_effects(self):
        """The average effect of each bin (slope included)."""
        if self.slope is None:
            return self.weights
        return self.weights + self.slope[0] * self.z_means

    @property
    def n_bins(self):
        return len(self.weights)


def _main_terms(features):
    """The main and tag terms of ``features`` (weights zero, no counts yet)."""
    terms = []
    for index, feature in enumerate(features):
        if feature.kind == "tags":
            for slot in range(feature.no_tag + 1):
                state = {"type": "tag", "feature": index, "slot": slot}
                terms.append(_Term(dict(state, weights=[0.0, 0.0])))
        else:
            state = {
                "type": "main",
                "feature": index,
                "weights": [0.0] * feature.n_bins,
            }
            if feature.kind == "numeric":
                state["slope"] = 0.0
            terms.append(_Term(state))
    return terms


def _encode_rows(features, terms, rows):
    """(bins, zs) of every term for ``rows``: two lists aligned with ``terms``.

    bins are uint8 arrays; zs the standardised numbers of the terms with a
    slope (None for the others).
    """
    encoded = [feature.encode(rows.column(feature.name)) for feature in features]
    return _term_arrays(terms, encoded)


def _term_arrays(terms, encoded):
    bins, zs = [], []
    for term in terms:
        feature_bins, z = encoded[term.feature] if term.type != "pair" else (None, None)
        if term.type == "main":
            bins.append(feature_bins)
        elif term.type == "tag":
            bins.append(feature_bins[term.slot])
        else:
            first, second = term.pair
            bins.append(_pair_bins(term, bins[first], bins[second]))
        zs.append(z if term.slope is not None else None)
    return bins, zs


def _pair_bins(term, first_bins, second_bins):
    """Cell of a pair table: coarse bin of the first term x width + second's."""
    width = int(term.maps[1].max()) + 1 if len(term.maps[1]) else 1
    combined = term.maps[0].take(first_bins).astype(np.uint8) * np.uint8(width)
    return combined + term.maps[1].take(second_bins)


def _importance(term):
    """Mean absolute deviation of the term's effect from its average."""
    total = term.counts.sum()
    if not total:
        return 0.0
    effects = term.bin_effects()
    mean = (term.counts * effects).sum() / total
    return float((term.counts * np.abs(effects - mean)).sum() / total)
