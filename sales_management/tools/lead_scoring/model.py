# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The fitted model: predict, explain, summarise and serialise.

``LeadScoringModel`` is built from the state that ``fit`` returns or that
``from_json`` reads back: the features, the terms, the intercept and the
calibration, with a format version.
"""

import json
from collections import Counter

import numpy as np

from .booster import _Data, _sigmoid
from .features import FIRST_LEVEL, MISSING, OTHER, _Feature
from .terms import _encode_rows, _importance, _Term
from .values import _Rows

FORMAT_VERSION = 1


class LeadScoringModel:
    """A fitted lead-scoring model: predict, explain, serialise.

    Attributes: ``degenerate`` (True when it only knows the base rate) and
    ``reason``; ``base_probability`` (the average lead); ``metadata``.
    """

    def __init__(self, state):
        if state.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"unsupported lead scoring model version {state.get('version')!r}"
            )
        self._state = state
        self.degenerate = bool(state["degenerate"])
        self.reason = state.get("reason", "")
        self.metadata = state["metadata"]
        self.features = [_Feature(f) for f in state["features"]]
        self.terms = [_Term(t) for t in state["terms"]]
        self.intercept = float(state["intercept"])
        calibration = state.get("calibration")
        self.scale, self.shift = calibration if calibration else (1.0, 0.0)
        if self.degenerate:
            self.base_probability = float(state["base_rate"])
        else:
            self.base_probability = float(
                _sigmoid(self.scale * self.intercept + self.shift)
            )

    # -- scoring ----------------------------------------------------------------
    def _encode(self, table):
        return _encode_rows(self.features, self.terms, table)

    def predict_array(self, rows):
        """Probabilities of winning as a numpy array (rows as in ``predict``)."""
        table = _Rows(rows)
        if self.degenerate:
            return np.full(len(table), self.base_probability)
        bins, zs = self._encode(table)
        scores = _Data(bins, zs, np.zeros(0)).scores(
            self.terms, self.intercept, len(table)
        )
        return _sigmoid(self.scale * scores + self.shift)

    def predict(self, rows):
        """Probability of winning, in [0, 1], of each row (a list of floats).

        ``rows``: a list of dicts (feature -> value), or the same data as
        columns, a dict feature -> list of values. Features the model does not
        know are ignored, those it knows but a row lacks count as missing.
        """
        return self.predict_array(rows).tolist()

    # -- explaining -------------------------------------------------------------
    def explain(self, row, top=3, names=None):
        """The factors that moved this lead most: [(label, effect), ...].

        Effects are probability points (0.12 = +12 %) relative to the average
        lead (``base_probability``), largest first; listing every factor
        (``top=None``), they add up to ``predict([row])[0] - base_probability``.
        ``names``: as in ``explain_many``.
        """
        return [
            (d["label"], d["effect"]) for d in self.explain_details(row, top, names)
        ]

    def explain_details(self, row, top=None, names=None):
        """Like ``explain``, as dicts with the parts of each factor.

        Keys: ``feature`` (the feature name; "a × b" for a pair), ``features``
        (the feature names, two for a pair), ``value_label`` (this lead's value
        or bin: "21 (15–30)", "Trade show", "Fax (other)", "(missing)"),
        ``relation`` ("=", or for a tag "includes"/"excludes"), ``kind``
        ("numeric", "category", "missing", "tag" or "interaction"), ``label``
        (feature, relation and value joined), ``effect`` (probability points)
        and ``log_odds`` (the term's effect on the log-odds).
        """
        return self.explain_many([row], top, names)[0]

    def explain_many(self, rows, top=3, names=None):
        """``explain_details`` of many rows at once: one list per row.

        ``names``: {feature: {category key: how it reads}}, for categories
        and tags kept as codes (record ids: the key of the id 12 is "12"); a
        key not in it reads as itself.
        """
        table = _Rows(rows)
        if self.degenerate or not self.terms or not len(table):
            return [[] for _ in range(len(table))]
        bins, zs = self._encode(table)
        contributions = np.empty((len(self.terms), len(table)))
        for i, (term, b, z) in enumerate(zip(self.terms, bins, zs, strict=True)):
            np.take(term.weights, b, out=contributions[i])
            if z is not None:
                contributions[i] += term.slope[0] * z
        contributions *= self.scale
        base = self.scale * self.intercept + self.shift
        gap = np.zeros(len(table))
        for row in contributions:  # in term order, whatever the number of rows
            gap += row
        p0 = self.base_probability
        tiny = np.abs(gap) < 1e-9
        secant = (_sigmoid(base + gap) - p0) / np.where(tiny, 1.0, gap)
        slope = np.where(tiny, p0 * (1 - p0), secant)
        effects = contributions * slope
        order = np.argsort(-np.abs(effects), axis=0, kind="stable")
        if top is not None:
            order = order[:top]
        describe = _Describer(self, table, bins, names)
        top_effects = np.take_along_axis(effects, order, axis=0).T.tolist()
        top_log_odds = np.take_along_axis(contributions, order, axis=0).T.tolist()
        result = []
        for r, (terms, row_effects, row_log_odds) in enumerate(
            zip(order.T.tolist(), top_effects, top_log_odds, strict=True)
        ):
            details = []
            for t, effect, log_odds in zip(
                terms, row_effects, row_log_odds, strict=True
            ):
                detail = describe(t, r)
                detail["effect"] = effect
                detail["log_odds"] = log_odds
                details.append(detail)
            result.append(details)
        return result

    # -- summaries --------------------------------------------------------------
    def category_levels(self):
        """{feature: its levels}: the category keys (and tags) the model has
        an effect for, of every category and tags feature."""
        return {
            feature.name: list(feature.levels)
            for feature in self.features
            if feature.kind in ("category", "tags")
        }

    def feature_importance(self):
        """Feature -> share of the mean absolute effect (shares sum to 1).

        A pair's importance is split evenly between its two features.
        """
        shares = Counter()
        for term in self.terms:
            importance = _importance(term)
            if term.type == "pair":
                for i in term.pair:
                    shares[self.features[self.terms[i].feature].name] += importance / 2
            else:
                shares[self.features[term.feature].name] += importance
        total = sum(shares.values())
        if not total:
            return {}
        ranked = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
        return {name: value / total for name, value in ranked}

    def feature_effects(self, names=None):
        """Feature -> [(value label, effect, training leads)]: the shape of
        each feature's main term, one entry per value range, category or
        tag the training leads had.

        The effect is the chance of winning of a lead average in every other
        feature with this value, minus the average lead's
        (``base_probability``), in probability (0.12 = +12 points); a tag's
        is that of the leads that have it. Pairs are left out (they have no shape
        of one feature). ``names``: {feature: {category key: name}}.
        """
        if self.degenerate:
            return {}
        base = self.base_probability

        def chance(log_odds):
            return float(
                _sigmoid(self.scale * (self.intercept + log_odds) + self.shift)
            )

        effects = {}
        for term in self.terms:
            if term.type == "pair":
                continue
            feature = self.features[term.feature]
            named = (names or {}).get(feature.name, {})
            rows = effects.setdefault(feature.name, [])
            values = term.bin_effects()
            if term.type == "tag":
                if len(values) < 2 or not term.counts[1]:
                    continue
                if term.slot == feature.no_tag:
                    label = "(none)"
                elif term.slot == feature.other_tag:
                    label = "(a rare tag)"
                else:
                    key = feature.levels[term.slot]
                    label = named.get(key, key)
                rows.append((label, chance(values[1]) - base, int(term.counts[1])))
                continue
            for index, (value, count) in enumerate(
                zip(values, term.counts, strict=True)
            ):
                if not count:
                    continue
                if index == MISSING:
                    label = "(missing)"
                elif index == OTHER:
                    label = "(other)"
                elif index < feature.first_interval:
                    key = feature.levels[index - FIRST_LEVEL]
                    label = named.get(key, key)
                else:
                    label = feature.interval_label(index - feature.first_interval)
                rows.append((label, chance(value) - base, int(count)))
        return {name: rows for name, rows in effects.items() if rows}

    # -- serialisation ------------------------------------------------------------
    def to_json(self):
        """The model as compact JSON text (no per-row data), with a version."""
        return json.dumps(self._state, separators=(",", ":"), ensure_ascii=False)

    def __repr__(self):
        if self.degenerate:
            return f"<LeadScoringModel degenerate: {self.reason}>"
        return (
            f"<LeadScoringModel {len(self.features)} features, "
            f"{len(self.terms)} terms, {self.metadata['n_rows']} rows>"
        )


class _Describer:
    """Builds the factor dicts of ``explain_many``, caching what it can."""

    def __init__(self, model, table, bins, names=None):
        self.model = model
        self.table = table
        self.bins = bins
        self.names = names or {}
        self.cache = {}

    def _named(self, feature, key):
        return self.names.get(feature.name, {}).get(key, key)

    def __call__(self, index, r):
        term = self.model.terms[index]
        if term.type == "pair":
            parts = [self(i, r) for i in term.pair]
            feature = " × ".join(p["feature"] for p in parts)
            value = " × ".join(
                p["value_label"]
                if p["relation"] in ("=", "includes")
                else f"not {p['value_label']}"
                for p in parts
            )
            return {
                "feature": feature,
                "features": [p["feature"] for p in parts],
                "value_label": value,
                "relation": "=",
                "kind": "interaction",
                "label": f"{feature} = {value}",
            }
        bin_index = int(self.bins[index][r])
        key = (index, bin_index)
        cached = self.cache.get(key)
        if cached is None:
            cached = self.cache[key] = self._describe(term, bin_index)
        detail = dict(cached)
        if detail["value_label"] is None:  # depends on the lead's own value
            feature = self.model.features[term.feature]
            value = self.table.value(r, feature.name)
            try:
                label = self.cache.get((index, bin_index, value))
            except TypeError:  # unhashable value
                label = feature.value_label(
                    bin_index, value, self.names.get(feature.name)
                )
            if label is None:
                label = feature.value_label(
                    bin_index, value, self.names.get(feature.name)
                )
                self.cache[(index, bin_index, value)] = label
            detail["value_label"] = label
            detail["label"] = f"{feature.name} = {label}"
        return detail

    def _describe(self, term, bin_index):
        feature = self.model.features[term.feature]
        detail = {"feature": feature.name, "features": [feature.name]}
        if term.type == "tag":
            present = bin_index == 1
            if term.slot == feature.no_tag:
                value_label, relation = "(none)", "=" if present else "≠"
            elif term.slot == feature.other_tag:
                value_label = "(a rare tag)"
                relation = "includes" if present else "excludes"
            else:
                value_label = self._named(feature, feature.levels[term.slot])
                relation = "includes" if present else "excludes"
            detail.update(value_label=value_label, relation=relation, kind="tag")
        else:
            kind = "missing" if bin_index == MISSING else feature.kind
            value_label = None  # the lead's own value: numbers, other
            if bin_index == MISSING:
                value_label = "(missing)"
            elif feature.kind == "category" and bin_index != OTHER:
                value_label = self._named(
                    feature, feature.levels[bin_index - FIRST_LEVEL]
                )
            elif (
                feature.kind == "numeric" and OTHER < bin_index < feature.first_interval
            ):
                value_label = self._named(
                    feature, feature.levels[bin_index - FIRST_LEVEL]
                )
            detail.update(value_label=value_label, relation="=", kind=kind)
        if detail["value_label"] is not None:
            detail["label"] = (
                f"{feature.name} {detail['relation']} {detail['value_label']}"
            )
        return detail


def from_json(text):
    """The model saved by ``LeadScoringModel.to_json``."""
    return LeadScoringModel(json.loads(text))
