# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Predictive lead scoring: an explainable additive model fitted with numpy.

``fit(rows, outcomes, **options)`` learns the probability that a lead is won
from past leads and returns a ``LeadScoringModel``: ``predict(rows)``,
``explain(row)`` / ``explain_details(row)`` / ``explain_many(rows)``,
``feature_importance()``, ``metadata``, ``to_json()`` and, at module level,
``from_json(text)``. Rows are dicts, feature name -> value, where a value is
``None`` (missing), a bool, a number, a string (a category) or a list/tuple
of strings (a set, e.g. tags); the same data may be given as columns, a dict
feature name -> list of values, which avoids building one dict per lead.
Record ids are categories too: a feature named in the ``categories`` option
is one whatever its values' type, and ``names`` tells ``explain_many`` how
its values read.
Nothing here imports odoo: the ORM gathers the rows, calls the engine and
stores the probabilities, the factors and the JSON of the model.

The model and why
-----------------
A score is shown with its reasons, so the model is *additive*: the log-odds
of a lead are an intercept plus one effect per feature, plus the effects of
a few pairs of features::

    logit P(won) = b + sum_j f_j(x_j) + sum_(j,k) f_jk(x_j, x_k)

* a number gets quantile bins (a value holding many leads, such as 0 visits,
  gets a bin of its own), a bin for "missing" and one per frequent
  non-numeric string, plus a linear slope on the number (clipped to the
  training range): the bins follow saturation, U-shapes or thresholds that
  plain logistic regression misses, the slope keeps a linear trend exact;
* a category keeps its levels seen at least ``min_count`` times; rarer ones,
  and values never seen in training, share an "other" bin; a missing value
  has its own bin;
* a set of tags is one yes/no term per frequent tag, plus "a rare tag" and
  "no tag";
* every effect is penalised: a ridge (shrinking rare levels towards the
  average: naive Bayes, as in Odoo's own predictive scoring, trusts them
  fully) and, between adjacent bins of a number, a smoothing penalty. Their
  strengths are chosen per feature by empirical Bayes (the marginal
  likelihood of the term's working responses, as in mixed models and in
  mgcv's smoothing selection): a number with a linear or no effect is
  smoothed flat and its slope carries the trend, a category whose levels
  hardly differ is shrunk more;
* the effects are fitted jointly (naive Bayes multiplies one table per field
  and so counts correlated fields twice) by cyclic block-coordinate Newton
  steps on the penalised logistic loss. A block is one term; its gradient
  and hessian per bin are two ``np.bincount`` calls, its Newton system has
  one unknown per bin (plus the slope), so a pass costs a few vectorised
  operations per term;
* pairs: with the main effects fitted, pairs of the most important terms
  are scored on the residuals with coarse bins (as in FAST, Lou et al. 2013);
  a pair whose gain is significant (a z-score on its chi-square degrees of
  freedom) is kept only if it also lowers the loss of the validation split.
  Kept pair tables are "purified": their row and column means move into the
  main effects, so a pair only carries what the two features do together;
* a stratified validation split (``validation_fraction``) decides when to
  stop and which pairs to keep; the model is then refitted on all rows,
  warm started. A Platt rescaling of the log-odds fitted on the validation
  split is kept only when it improves the validation loss.

Gradient-boosted trees can rank a little better but explain a lead only by
path contributions that change from lead to lead; here "source = Trade show"
has one effect for every lead, which a salesperson can check.

Explanations
------------
``explain(row, top=3)`` lists ``(label, effect)``, largest first, where the
label is built from the feature name and this lead's value or bin
("source = Trade show", "days_since_contact = 21 (15–29)", "occupation =
(missing)", "tags includes Hot", "country × source = FR × Fair") and the
effect is in *probability points* relative to the *average lead*: the lead
whose every effect is the average one, of probability ``base_probability``.
A term's log-odds effect is converted with the secant slope of the logistic
curve between the average lead and this lead, so effects keep the sign of
their log-odds and all the effects of a lead add up exactly to
``predict([row])[0] - base_probability``. ``explain_details`` gives the parts
(feature, value label, relation, kind, effect, log-odds) so the ORM can
translate and prettify the names; ``explain_many`` explains many leads at
once.

Scale and determinism
---------------------
The choices (stopping, penalties, pairs) are made on at most
``max_fit_rows`` training rows and 50,000 validation rows, bin edges on at
most 50,000 values per feature; the final passes use every row. While
fitting, a term costs one byte per row. On two cores, 100,000 leads with 25
features train in about a second and 1,000,000 in about ten seconds, most of
it reading the Python values (tests/bench_lead_scoring.py). The only
randomness, the split and samples, comes from ``seed``: the same rows and
options give the same model, whatever the process.

Limitations: interactions are limited to ``interactions`` pairs of coarse
bins; a number's effect is piecewise constant between quantile edges plus one
slope; tags are independent yes/no terms; effects are associations learned
from past leads, not causes.

>>> rows = [{"source": "fair" if i % 3 else "web", "visits": i % 10}
...         for i in range(300)]
>>> won = [i % 3 == 0 and i % 10 > 2 or i % 10 > 7 for i in range(300)]
>>> model = fit(rows, won)
>>> hot, cold = model.predict([{"source": "web", "visits": 8},
...                            {"source": "fair", "visits": 1}])
>>> hot > 0.5 > cold
True
>>> label, effect = model.explain({"source": "web", "visits": 8}, top=1)[0]
>>> effect > 0
True
>>> from_json(model.to_json()).predict(rows[:5]) == model.predict(rows[:5])
True
>>> fit([{"source": "web"}] * 3, [True] * 3).degenerate
True
"""

import json
import math
import numbers
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from itertools import chain, count, repeat

import numpy as np

FORMAT_VERSION = 1

# Bins shared by every main term: 0 missing, 1 other (rare or unseen string),
# then the kept string levels, then (numbers) the quantile intervals.
MISSING = 0
OTHER = 1
FIRST_LEVEL = 2
MAX_BINS = 255  # bins are stored as uint8
EDGE_SAMPLE = 50_000  # values from which bin edges are computed
SETTLED_STEP = 1e-3  # a term whose step is smaller sits out every other pass
WIDE_ELEMENTS = 16_000_000  # rows x terms kept as 8-byte bins while fitting
PAIR_SAMPLE = 50_000  # rows on which pair candidates are scored
MAX_VALID_ROWS = 50_000  # validation rows at most
Z_LIMIT = 3.0  # standardised numbers are clipped to +-3 for the linear part

DEFAULT_OPTIONS = {
    "seed": 0,
    "features": None,  # names to use; default: every key of the rows
    "categories": (),  # features read as categories whatever their values (ids)
    "max_bins": 32,  # quantile intervals per numeric feature
    "min_bin_rows": 20,  # fewer intervals when there are few values
    "max_levels": 100,  # categories kept per feature, by frequency
    "min_count": 5,  # rows a category or tag needs to get its own effect
    "max_tags": 40,  # tags kept per set feature
    "l2": 1.0,  # ridge penalty of each effect (hessian units, ~4 leads)
    "smoothing": 10.0,  # penalty on the step between adjacent numeric bins
    "adaptive_penalties": True,  # tune smoothing and ridge per term
    "tune_passes": 2,
    "learning_rate": 1.0,
    "max_step": 2.0,  # largest change of an effect in one Newton step
    "max_passes": 60,
    "patience": 1,  # passes without validation gain before stopping
    "tol": 5e-4,  # validation log-loss gain that counts as progress
    "validation_fraction": 0.2,
    "min_validation_rows": 400,  # below: no split, no pairs, no calibration
    "max_fit_rows": 200_000,  # rows used to choose passes and pairs
    "refit_passes": 2,  # warm-started passes on all rows at the end
    "interactions": 4,  # pairs kept at most (0: none)
    "interaction_candidates": 8,  # most important terms considered for pairs
    "interaction_bins": 6,  # coarse bins per side of a pair
    "interaction_l2": 4.0,
    "interaction_z": 3.0,  # significance (z-score) a pair needs on training rows
    "interaction_min_gain": 2e-4,  # validation log-loss gain to keep a pair
    "calibration": "auto",  # "auto": Platt when it helps, or "none"
}

__all__ = ["DEFAULT_OPTIONS", "LeadScoringModel", "fit", "from_json"]


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

NONE_TYPE = type(None)
FAST_NUMBER_TYPES = {int, float, bool, NONE_TYPE}
SEQUENCE_TYPES = (list, tuple, set, frozenset)


def _type_class(value_type):
    """'missing', 'bool', 'number', 'string', 'set' or 'other' for a type."""
    if value_type is NONE_TYPE:
        return "missing"
    if issubclass(value_type, (bool, np.bool_)):
        return "bool"
    if issubclass(value_type, str):
        return "string"
    if issubclass(value_type, (numbers.Real, Decimal)):
        return "number"
    if issubclass(value_type, SEQUENCE_TYPES):
        return "set"
    return "other"


def format_number(value):
    """A short human form of a number: 12, 0.125, 1500, 2.5e+07."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1000:
        return f"{value:.0f}" if abs(value) < 1e9 else f"{value:.3g}"
    return f"{value:.3g}"


def _category_key(value):
    """The category a value stands for (a string), or None when missing."""
    if value is None:
        return None
    kind = _type_class(type(value))
    if kind == "string":
        return value if value.strip() else None
    if kind == "bool":
        return "True" if value else "False"
    if kind == "number":
        number = float(value)
        return None if math.isnan(number) else format_number(number)
    if kind == "set":
        keys = sorted(k for k in map(_category_key, value) if k is not None)
        return ", ".join(keys) if keys else None
    return str(value)


def _number_or_key(value):
    """(float, None) for a number, (nan, key) for a string, (nan, None) missing."""
    if value is None:
        return math.nan, None
    kind = _type_class(type(value))
    if kind in ("number", "bool"):
        return float(value), None
    if kind == "string":
        try:
            return float(value), None
        except ValueError:
            return math.nan, _category_key(value)
    return math.nan, _category_key(value)


def _tag_list(value):
    """The tags of a value as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, SEQUENCE_TYPES):
        return [k for k in map(_category_key, value) if k is not None]
    key = _category_key(value)
    return [] if key is None else [key]


class _Rows:
    """Rows given as a list of dicts, or as columns: {feature: [values]}."""

    def __init__(self, rows):
        self.rows = self.columns = None
        if isinstance(rows, Mapping):
            columns = {}
            for name, values in rows.items():
                if isinstance(values, np.ndarray):
                    values = values.tolist()
                elif isinstance(values, str) or not isinstance(values, (list, tuple)):
                    raise TypeError(
                        "rows must be a list of dicts, "
                        "or a dict of columns (lists of values)"
                    )
                columns[name] = list(values)
            lengths = {len(values) for values in columns.values()}
            if len(lengths) > 1:
                raise ValueError("columns of different lengths")
            self.columns = columns
            self.n = lengths.pop() if lengths else 0
        else:
            self.rows = rows if isinstance(rows, list) else list(rows)
            self.n = len(self.rows)

    def __len__(self):
        return self.n

    def names(self):
        """The feature names of the rows (str only), sorted."""
        if self.columns is not None:
            names = set(self.columns)
        else:
            rows = self.rows
            names = set()
            for keys in {tuple(row) for row in rows[:: max(1, len(rows) // 1000)]}:
                names.update(keys)
            if not all(map(names.issuperset, rows)):  # keys the sample missed
                names = set(chain.from_iterable(rows))
        return sorted(name for name in names if isinstance(name, str))

    def column(self, name):
        """The values of one feature in every row (None when absent)."""
        if self.columns is not None:
            values = self.columns.get(name)
            return [None] * self.n if values is None else values
        return _column(self.rows, name)

    def value(self, r, name):
        if self.columns is not None:
            values = self.columns.get(name)
            return None if values is None else values[r]
        return self.rows[r].get(name)


def _column(rows, name):
    """The values of one feature in every row (None when absent)."""
    try:
        return list(map(dict.get, rows, repeat(name)))
    except TypeError:  # rows that are mappings but not dicts
        return [row.get(name) for row in rows]


def _distinct(column):
    """(distinct values in first-seen order, row codes, type classes).

    One pass hashes every value (the costly part for string columns) and
    codes each row by its distinct value; the types are then read from the
    distinct values, and only a column holding numbers or bools is scanned
    in full (True == 1 hides one of them). Unhashable values (lists) give
    (None, None, classes of the full column).
    """
    first = {}
    try:
        raw = np.fromiter(map(first.setdefault, column, count()), np.intp, len(column))
    except TypeError:
        first = None
    if first is not None:
        classes = {_type_class(t) for t in set(map(type, first))}
        positions = np.fromiter(first.values(), np.intp, len(first))
        remap = np.empty(len(column), np.intp)
        remap[positions] = np.arange(len(first))
        codes = remap.take(raw)
        if not classes & {"bool", "number"}:
            classes.discard("missing")
            return list(first), codes, classes
    classes = {_type_class(t) for t in set(map(type, column))}
    classes.discard("missing")
    if first is None:
        return None, None, classes
    return list(first), codes, classes


def _category_codes(column, distinct=None):
    """(category key of each distinct value, row codes into that list).

    ``distinct`` is what ``_distinct(column)`` returned, when known.
    """
    values, codes, classes = distinct or _distinct(column)
    if values is None or {"bool", "number"} <= classes:  # slow path
        column = [_category_key(v) for v in column]
        keys, codes, _classes = _distinct(column)
        return keys, codes
    return [_category_key(value) for value in values], codes


# ---------------------------------------------------------------------------
# features: how a column becomes bins (decided once, at fit time)
# ---------------------------------------------------------------------------


def _fast_numbers(column):
    """The column as floats (None -> nan), or None if numpy cannot convert it."""
    try:
        values = np.array(column, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return values if values.shape == (len(column),) else None  # not nested lists


def _numeric_values(column):
    """Float array (nan when missing or not a number) and {row: key} of strings."""
    values = _fast_numbers(column)
    if values is not None:
        return values, {}
    values = np.empty(len(column))
    keys = {}
    for i, value in enumerate(column):
        number, key = _number_or_key(value)
        values[i] = number
        if key is not None:
            keys[i] = key
    return values, keys


def _level_lookup(levels):
    return {level: FIRST_LEVEL + i for i, level in enumerate(levels)}


def _keep_levels(counts, options, limit):
    """The levels seen at least min_count times, most frequent first."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [key for key, rows in ranked[:limit] if rows >= options["min_count"]]


def _quantile_edges(ordered, max_intervals):
    """Edges (data values) cutting sorted values into about equal-count intervals.

    A value holding more than one interval's share of the rows gets an
    interval of its own. Interval i holds edges[i-1] <= x < edges[i].
    """
    if not len(ordered):
        return ordered
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    unique = ordered[starts]
    if len(unique) <= max_intervals:
        return unique[1:]
    group = (starts * max_intervals) // len(ordered)  # by rows before each value
    return unique[1:][group[1:] != group[:-1]]


class _Feature:
    """How one input column maps to bins; a plain dict in the JSON."""

    def __init__(self, state):
        self.name = state["name"]
        self.kind = state["kind"]  # "category", "numeric" or "tags"
        self.levels = list(state.get("levels", ()))
        self.edges = np.array(state.get("edges", ()), dtype=float)
        self.integer = bool(state.get("integer", False))
        self.center = float(state.get("center", 0.0))
        self.scale = float(state.get("scale", 1.0))
        self.low = float(state.get("low", -math.inf))
        self.high = float(state.get("high", math.inf))
        self.lookup = _level_lookup(self.levels)
        self._interval_labels = None
        if self.kind == "tags":
            self.lookup = {tag: i for i, tag in enumerate(self.levels)}

    def state(self):
        state = {"name": self.name, "kind": self.kind, "levels": self.levels}
        if self.kind == "numeric":
            state["edges"] = [float(e) for e in self.edges]
            state["integer"] = self.integer
            state["center"] = self.center
            state["scale"] = self.scale
            if math.isfinite(self.low) and math.isfinite(self.high):
                state["low"] = self.low
                state["high"] = self.high
        return state

    # -- sizes ----------------------------------------------------------------
    @property
    def first_interval(self):
        return FIRST_LEVEL + len(self.levels)

    @property
    def n_bins(self):
        if self.kind == "numeric":
            return self.first_interval + len(self.edges) + 1
        return FIRST_LEVEL + len(self.levels)

    @property
    def other_tag(self):
        return len(self.levels)

    @property
    def no_tag(self):
        return len(self.levels) + 1

    # -- encoding -------------------------------------------------------------
    def encode(self, column):
        """(bins, z) of a column.

        bins: uint8 bins of a main feature, or a (slots, rows) matrix for
        tags; z: the standardised numbers (0 when missing) of a numeric
        feature, else None.
        """
        if self.kind == "tags":
            return self._encode_tags(column), None
        if self.kind == "numeric":
            values, keys = _numeric_values(column)
            return self._encode_numbers(values, keys), self.standardise(values)
        return self._encode_categories(column), None

    def standardise(self, values):
        """Numbers clipped to the training range, centred, scaled and clipped
        to [-3, 3] (so the linear part never extrapolates); nan -> 0."""
        z = (np.clip(values, self.low, self.high) - self.center) / self.scale
        return np.nan_to_num(np.clip(z, -Z_LIMIT, Z_LIMIT), nan=0.0)

    def _encode_categories(self, column):
        keys, codes = _category_codes(column)
        bins_of = np.array([self.category_bin(key) for key in keys], dtype=np.uint8)
        return bins_of.take(codes)

    def category_bin(self, key):
        return MISSING if key is None else self.lookup.get(key, OTHER)

    def _encode_numbers(self, values, keys):
        positions = np.searchsorted(self.edges, values, side="right")
        bins = np.where(np.isnan(values), MISSING, self.first_interval + positions)
        bins = bins.astype(np.uint8)
        for i, key in keys.items():
            bins[i] = self.lookup.get(key, OTHER)
        return bins

    def _encode_tags(self, column):
        n = len(column)
        flat, distinct = None, None
        if set(map(type, column)) <= {list, tuple, NONE_TYPE}:
            column = [() if v is None else v for v in column]
            flat = [tag for tags in column for tag in tags]
            try:
                distinct = set(flat)
            except TypeError:  # an unhashable tag: take the slow path
                distinct = None
        if distinct is None:
            column = [_tag_list(v) for v in column]
            flat = [tag for tags in column for tag in tags]
            distinct = set(flat)
        lengths = np.fromiter(map(len, column), np.intp, n)
        dropped = self.no_tag + 1  # a scratch row for empty strings
        local = {}
        for tag in distinct:
            key = _category_key(tag)
            if key is None:
                local[tag] = dropped
            else:
                local[tag] = self.lookup.get(key, self.other_tag)
        slots = np.fromiter(map(local.__getitem__, flat), np.intp, len(flat))
        matrix = np.zeros((self.no_tag + 2, n), dtype=np.uint8)
        matrix[slots, np.repeat(np.arange(n), lengths)] = 1
        matrix[self.no_tag] = ~matrix[: self.no_tag].any(axis=0)
        return matrix[: self.no_tag + 1]

    # -- labels ---------------------------------------------------------------
    def interval_label(self, index):
        """'15–30', '< 15' or '≥ 30' for numeric interval ``index``."""
        if self._interval_labels is None:
            self._interval_labels = [
                self._interval_label(i) for i in range(len(self.edges) + 1)
            ]
        return self._interval_labels[index]

    def _interval_label(self, index):
        edges = self.edges
        low = edges[index - 1] if index > 0 else None
        high = edges[index] if index < len(edges) else None
        if low is None and high is None:  # a single interval: any number
            return ""
        if self.integer and high is not None:
            high_in = high - 1  # integers: show the interval inclusive
            if low is not None and high_in == low:
                return format_number(low)
            if low is None:
                return f"≤ {format_number(high_in)}"
            return f"{format_number(low)}–{format_number(high_in)}"
        if low is None:
            return f"< {format_number(high)}"
        if high is None:
            return f"≥ {format_number(low)}"
        return f"{format_number(low)}–{format_number(high)}"

    def value_label(self, bin_index, value, names=None):
        """How a main-term bin reads for a lead whose raw value is ``value``.

        ``names``: {category key: how it reads} (keys not in it read as
        themselves).
        """
        if bin_index == MISSING:
            return "(missing)"
        if self.kind == "numeric" and bin_index >= self.first_interval:
            number = float(value)
            text = format_number(number)
            interval = self.interval_label(bin_index - self.first_interval)
            return text if interval in ("", text) else f"{text} ({interval})"
        key = _category_key(value)
        if names:
            key = names.get(key, key)
        if bin_index == OTHER:
            return f"{key} (other)"
        return key


def _analyse(name, column, options):
    """(feature, (bins, z)) for this column, or (reason, None) if it is not used.

    Decides once, at fit time, how the column is read: as tags when most
    present values are sets, as numbers when there are numbers and at least
    as many values read as numbers as not (strings such as "12" count as
    numbers, others become levels of the feature), else as categories; a
    feature of the ``categories`` option is read as categories (or tags)
    whatever its values.
    """
    if name in options["categories"]:
        distinct = _distinct(column)
        if "set" not in distinct[2]:
            return _analyse_categories(name, column, options, distinct)
    sample_types = set(map(type, column[:: max(1, len(column) // 1000)]))
    if sample_types <= FAST_NUMBER_TYPES and sample_types & {int, float}:
        values = _fast_numbers(column)  # numbers: no hashing, no type scan
        if values is not None:
            return _numeric_feature(name, values, {}, options)
    distinct = _distinct(column)
    classes = distinct[2]
    if not classes:
        return "all values missing", None
    if "set" in classes:
        n_sets = sum(map(isinstance, column, repeat(SEQUENCE_TYPES)))
        n_present = len(column) - column.count(None)
        if n_sets >= n_present - n_sets:
            feature = _analyse_tags(name, column, options)
            if isinstance(feature, str):
                return feature, None
            return feature, feature.encode(column)
    if "number" in classes:
        values, keys = _numeric_values(column)
        if np.count_nonzero(~np.isnan(values)) >= len(keys):
            return _numeric_feature(name, values, keys, options)
    return _analyse_categories(name, column, options, distinct)


def _numeric_feature(name, values, keys, options):
    feature = _analyse_numbers(name, values, keys, options)
    if isinstance(feature, str):
        return feature, None
    return feature, (feature._encode_numbers(values, keys), feature.standardise(values))


def _analyse_categories(name, column, options, distinct):
    keys, codes = _category_codes(column, distinct)
    counts = Counter()
    for key, rows in zip(
        keys, np.bincount(codes, minlength=len(keys)).tolist(), strict=True
    ):
        counts[key] += rows
    n_missing = counts.pop(None, 0)
    if not counts:
        return "all values missing", None
    limit = min(options["max_levels"], MAX_BINS - FIRST_LEVEL)
    kept = _keep_levels(counts, options, limit)
    n_kept = sum(counts[level] for level in kept)
    groups = len(kept) + (n_kept < sum(counts.values())) + (n_missing > 0)
    if groups < 2:
        return ("a single value" if kept else "no value repeats"), None
    feature = _Feature({"name": name, "kind": "category", "levels": kept})
    bins_of = np.array([feature.category_bin(key) for key in keys], dtype=np.uint8)
    return feature, (bins_of.take(codes), None)


def _analyse_numbers(name, values, keys, options):
    finite = values[np.isfinite(values)]
    n_values = int(np.count_nonzero(~np.isnan(values)))
    # bins from an evenly strided sample: quantiles need no more values
    sample = np.sort(
        finite[:: -(-len(finite) // EDGE_SAMPLE)] if len(finite) else finite
    )
    max_intervals = min(
        options["max_bins"],
        max(2, len(finite) // max(1, options["min_bin_rows"])),
        MAX_BINS - FIRST_LEVEL - 1,
    )
    edges = _quantile_edges(sample, max_intervals)
    room = MAX_BINS - FIRST_LEVEL - len(edges) - 1
    key_counts = Counter(keys.values())
    levels = _keep_levels(key_counts, options, min(options["max_levels"], room))
    n_missing = len(values) - n_values - len(keys)
    groups = (len(edges) + 1 if n_values else 0) + len(levels) + (n_missing > 0)
    groups += len(key_counts) > len(levels)  # rare strings share "other"
    if groups < 2:
        return "a single value"
    integer = bool(len(sample)) and bool(np.all(sample == np.round(sample)))
    state = {"name": name, "kind": "numeric", "levels": levels}
    state.update(edges=[float(e) for e in edges], integer=integer)
    state.update(zip(("center", "scale"), _robust_scale(sample), strict=True))
    if len(finite):
        state.update(low=float(finite.min()), high=float(finite.max()))
    return _Feature(state)


def _robust_scale(ordered):
    """(median, spread) of sorted numbers: the spread is the IQR as a std."""
    if not len(ordered):
        return 0.0, 1.0
    low, center, high = (
        float(ordered[int(q * (len(ordered) - 1))]) for q in (0.25, 0.5, 0.75)
    )
    scale = (high - low) / 1.349
    if not scale > 0:
        scale = float(np.std(ordered))
    return center, scale if scale > 0 else 1.0


def _analyse_tags(name, column, options):
    counts = None
    if set(map(type, column)) <= {list, tuple, NONE_TYPE}:
        try:
            raw = Counter(chain.from_iterable(filter(None, column)))
        except TypeError:  # an unhashable tag
            raw = None
        if raw is not None:
            counts = Counter()
            for tag, rows in raw.items():
                key = _category_key(tag)
                if key is not None:
                    counts[key] += rows
    if counts is None:
        counts = Counter(chain.from_iterable(set(_tag_list(v)) for v in column))
    if not counts:
        return "all values missing"
    levels = _keep_levels(counts, options, options["max_tags"])
    return _Feature({"name": name, "kind": "tags", "levels": levels})


# ---------------------------------------------------------------------------
# terms: the additive pieces of the model
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# fitting
# ---------------------------------------------------------------------------


def _dot(a, b):
    """Dot product of two long vectors without BLAS.

    BLAS threads its dot products from ~10,000 elements, which costs far more
    than it gains on a busy server.
    """
    return float(np.add.reduce(a * b))


def _sigmoid(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _log_loss(scores, y):
    return float(np.mean(np.logaddexp(0.0, scores) - y * scores))


def _path_laplacian(feature, n_bins):
    """Penalty matrix of the steps between adjacent numeric intervals."""
    if feature.kind != "numeric" or len(feature.edges) < 1:
        return None
    matrix = np.zeros((n_bins, n_bins))
    for i in range(feature.first_interval, n_bins - 1):
        matrix[i, i] += 1.0
        matrix[i + 1, i + 1] += 1.0
        matrix[i, i + 1] -= 1.0
        matrix[i + 1, i] -= 1.0
    return matrix


SMOOTHING_GRID = tuple(float(v) for v in np.geomspace(0.3, 3e4, 11))
RIDGE_GRID = tuple(float(v) for v in np.geomspace(0.1, 300, 8))


class _Penalty:
    """The penalty of one term's effects: ridge l2 plus smoothing.

    ``tune`` picks, from a grid, the penalty under which the term's working
    responses are most likely (empirical Bayes, as in mixed models): a
    number whose effect is linear or noise is smoothed flat (its slope
    carries the trend), one with a real shape keeps it; categories whose
    levels hardly differ are shrunk more than those whose levels do.
    """

    def __init__(self, l2, laplacian=None, smoothing=0.0, adaptive=False):
        self.l2 = l2
        self.laplacian = laplacian
        self.smoothing = smoothing
        self.adaptive = adaptive
        self.matrix = None if laplacian is None else smoothing * laplacian

    def tune(self, weights, gradient, hessian):
        if not self.adaptive:
            return
        seen = hessian > 1e-6
        if np.count_nonzero(seen) < 2:
            return
        z = (weights - gradient / np.where(seen, hessian, 1.0))[seen]
        noise = 1.0 / hessian[seen]
        if self.laplacian is None:
            best = max(RIDGE_GRID, key=lambda l2: _ridge_likelihood(z, noise, l2))
            self.l2 = best
            return
        identity = np.eye(len(weights))
        best, best_value = self.smoothing, -math.inf
        for smoothing in SMOOTHING_GRID:
            prior = np.linalg.inv(self.l2 * identity + smoothing * self.laplacian)
            covariance = prior[np.ix_(seen, seen)] + np.diag(noise)
            value = -0.5 * (
                np.linalg.slogdet(covariance)[1] + z @ np.linalg.solve(covariance, z)
            )
            if value > best_value:
                best, best_value = smoothing, value
        self.smoothing = best
        self.matrix = best * self.laplacian


def _ridge_likelihood(z, noise, l2):
    variance = 1.0 / l2 + noise
    return float(-0.5 * (np.log(variance) + z * z / variance).sum())


class _Data:
    """The arrays of one set of rows: per-term bins and zs, outcomes."""

    def __init__(self, bins, zs, y):
        self.bins = bins
        self.zs = zs
        self.y = y.astype(float)

    def widen(self):
        """Bins as intp and zs as float64 when memory allows (numpy is faster
        with them: no conversion at each bincount or take)."""
        if len(self.y) * len(self.bins) <= WIDE_ELEMENTS:
            self.bins = [b.astype(np.intp) for b in self.bins]
            self.zs = [None if z is None else z.astype(float) for z in self.zs]
        return self

    def scores(self, terms, intercept, n=None):
        scores = np.full(len(self.y) if n is None else n, float(intercept))
        for term, b, z in zip(terms, self.bins, self.zs, strict=True):
            scores += term.weights.take(b)
            if z is not None:
                scores += term.slope[0] * z
        return scores


class _Booster:
    """Cyclic block-Newton fitting of term effects on one set of rows.

    ``terms`` are updated in place (their ``weights`` and ``slope``). Tag
    terms only move the effect of "present" (the effect of "absent" stays
    as it is, 0 while fitting), so their steps touch only the leads that
    have the tag.
    """

    def __init__(self, terms, data, intercept, penalties, options, valid=None):
        self.terms = terms
        self.data = data
        self.y = data.y
        self.intercept = float(intercept)
        self.penalties = penalties  # a _Penalty per term
        self.tuning = False  # tune the penalties at each step
        self.last_steps = []  # per term: last step size, -1 after a skip
        self.learning_rate = options["learning_rate"]
        self.max_step = options["max_step"]
        self.y_sums = [
            self._y_sums(t, b, z)
            for t, b, z in zip(terms, data.bins, data.zs, strict=True)
        ]
        self.present = [
            self._present(t, b) for t, b in zip(terms, data.bins, strict=True)
        ]
        self.scores = data.scores(terms, self.intercept)
        self.p = np.empty(len(self.y))
        self.h = np.empty(len(self.y))
        self.buffer = np.empty(len(self.y))
        self._update_probabilities()
        self.valid = valid  # _Data of the validation rows, or None
        if valid is not None:
            self.valid_scores = valid.scores(terms, self.intercept)
            self.valid_present = [
                self._present(t, b) for t, b in zip(terms, valid.bins, strict=True)
            ]
            self.valid_buffer = np.empty(len(valid.y))

    def _y_sums(self, term, bins, z):
        sums = np.bincount(bins, self.y, term.n_bins)
        return sums, (_dot(self.y, z) if z is not None else 0.0)

    @staticmethod
    def _present(term, bins):
        return np.flatnonzero(bins) if term.type == "tag" else None

    def _update_probabilities(self):
        np.negative(self.scores, out=self.buffer)
        with np.errstate(over="ignore"):
            np.exp(self.buffer, out=self.buffer)
        self.buffer += 1.0
        np.reciprocal(self.buffer, out=self.p)
        np.multiply(self.p, self.p, out=self.h)
        np.subtract(self.p, self.h, out=self.h)

    def add_term(self, term, bins, penalty, valid_bins=None):
        self.terms.append(term)
        self.data.bins.append(bins)
        self.data.zs.append(None)
        self.penalties.append(penalty)
        self.y_sums.append(self._y_sums(term, bins, None))
        self.present.append(None)
        del self.last_steps[len(self.terms) - 1 :]
        if self.valid is not None:
            self.valid.bins.append(valid_bins)
            self.valid.zs.append(None)
            self.valid_present.append(None)

    def drop_last_term(self):
        term = self.terms.pop()
        bins = self.data.bins.pop()
        self.data.zs.pop()
        self.penalties.pop()
        self.y_sums.pop()
        self.present.pop()
        self.scores -= term.weights.take(bins)
        self._update_probabilities()
        if self.valid is not None:
            self.valid_scores -= term.weights.take(self.valid.bins.pop())
            self.valid.zs.pop()
            self.valid_present.pop()

    def intercept_step(self):
        step = (self.y.sum() - self.p.sum()) / max(self.h.sum(), 1e-12)
        self.intercept += step
        self.scores += step
        self._update_probabilities()
        if self.valid is not None:
            self.valid_scores += step

    def _newton_step(self, index):
        """The Newton step of a term's block: (bin steps, slope step)."""
        term, bins, z = self.terms[index], self.data.bins[index], self.data.zs[index]
        weights, n_bins = term.weights, term.n_bins
        y_sums, yz = self.y_sums[index]
        gradient = np.bincount(bins, self.p, n_bins) - y_sums
        hessian = np.bincount(bins, self.h, n_bins)
        penalty = self.penalties[index]
        if self.tuning:
            penalty.tune(weights, gradient, hessian)
        l2, smoothing = penalty.l2, penalty.matrix
        if smoothing is None and z is None:
            return -(gradient + l2 * weights) / (hessian + l2), 0.0
        system = np.diag(hessian + l2)
        gradient = gradient + l2 * weights
        if smoothing is not None:
            system += smoothing
            gradient += smoothing @ weights
        if z is None:
            return -np.linalg.solve(system, gradient), 0.0
        hz = np.multiply(self.h, z, out=self.buffer)
        cross = np.bincount(bins, hz, n_bins)
        slope_hessian = _dot(hz, z)
        slope_gradient = _dot(self.p, z) - yz
        system = np.block(
            [
                [system, cross[:, None]],
                [cross[None, :], np.array([[slope_hessian + l2]])],
            ]
        )
        gradient = np.append(gradient, slope_gradient + l2 * term.slope[0])
        step = -np.linalg.solve(system, gradient)
        return step[:-1], float(step[-1])

    def _limit(self, step):
        return np.clip(step * self.learning_rate, -self.max_step, self.max_step)

    def _tag_step(self, index):
        """Newton step of a tag's "present" effect, on the leads with the tag."""
        rows = self.present[index]
        weights = self.terms[index].weights
        gradient = self.p[rows].sum() - self.y_sums[index][0][1]
        hessian = self.h[rows].sum()
        l2 = self.penalties[index].l2
        step = float(self._limit(-(gradient + l2 * weights[1]) / (hessian + l2)))
        weights[1] += step
        scores = self.scores[rows] + step
        self.scores[rows] = scores
        p = _sigmoid(scores)
        self.p[rows] = p
        self.h[rows] = p - p * p
        if self.valid is not None:
            self.valid_scores[self.valid_present[index]] += step
        return abs(step)

    def term_step(self, index):
        if self.present[index] is not None:
            return self._tag_step(index)
        step, slope_step = self._newton_step(index)
        step = self._limit(step)
        slope_step = float(self._limit(slope_step))
        term = self.terms[index]
        term.weights += step
        self.scores += np.take(step, self.data.bins[index], out=self.buffer)
        if slope_step:
            term.slope[0] += slope_step
            self.scores += np.multiply(self.data.zs[index], slope_step, out=self.buffer)
        self._update_probabilities()
        if self.valid is not None:
            buffer = self.valid_buffer
            self.valid_scores += np.take(step, self.valid.bins[index], out=buffer)
            if slope_step:
                self.valid_scores += np.multiply(
                    self.valid.zs[index], slope_step, out=buffer
                )
        return max(float(np.abs(step).max()) if len(step) else 0.0, abs(slope_step))

    def run_pass(self, indices=None):
        """One cycle over the terms; returns the largest step taken.

        A term whose last step was tiny sits out every other pass (it has
        converged while others still move), except while tuning.
        """
        self.intercept_step()
        largest = 0.0
        for i in range(len(self.terms)) if indices is None else indices:
            while len(self.last_steps) <= i:
                self.last_steps.append(math.inf)
            if not self.tuning and 0 <= self.last_steps[i] < SETTLED_STEP:
                self.last_steps[i] = -1.0  # skipped: taken again next pass
                continue
            self.last_steps[i] = self.term_step(i)
            largest = max(largest, self.last_steps[i])
        return largest

    def valid_loss(self):
        return _log_loss(self.valid_scores, self.valid.y)

    def train_loss(self):
        return _log_loss(self.scores, self.y)

    def snapshot(self):
        valid = self.valid_scores.copy() if self.valid is not None else None
        weights = [t.weights.copy() for t in self.terms]
        slopes = [None if t.slope is None else t.slope.copy() for t in self.terms]
        return weights, slopes, self.intercept, self.scores.copy(), valid

    def restore(self, snapshot):
        weights, slopes, self.intercept, scores, valid = snapshot
        for term, w, slope in zip(self.terms, weights, slopes, strict=True):
            term.weights[:] = w
            if slope is not None:
                term.slope[:] = slope
        self.scores = scores
        self._update_probabilities()
        if valid is not None:
            self.valid_scores = valid

    def run(self, options, max_passes, indices=None, tune_passes=0):
        """Passes until the validation loss (or the fit) stops improving.

        The penalties are tuned during passes 2 to ``tune_passes + 1``
        (the first pass gives every term a rough effect to tune on).
        """
        best, best_snapshot, stale, passes = math.inf, None, 0, 0
        while passes < max_passes:
            passes += 1
            self.tuning = 1 < passes <= tune_passes + 1
            largest_step = self.run_pass(indices)
            self.tuning = False
            if passes <= tune_passes + 1:
                continue  # no early stop while the penalties move
            if self.valid is not None:
                loss = self.valid_loss()
                if loss < best - options["tol"]:
                    stale = 0
                else:
                    stale += 1
                if loss < best:
                    best, best_snapshot = loss, self.snapshot()
                if stale >= options["patience"]:
                    break
            if largest_step < 1e-4:
                break
        if best_snapshot is not None:
            self.restore(best_snapshot)
        return passes


def _stratified_split(y, fraction, rng, limit):
    """Indices (train, validation) with the same win rate in both.

    The validation part is ``fraction`` of the rows, at most ``limit`` rows.
    """
    fraction = min(fraction, limit / len(y))
    valid = []
    for label in (False, True):
        members = np.flatnonzero(y == label)
        rng.shuffle(members)
        valid.append(members[: int(round(len(members) * fraction))])
    valid = np.sort(np.concatenate(valid))
    mask = np.ones(len(y), dtype=bool)
    mask[valid] = False
    return np.flatnonzero(mask), valid


def _penalty(term, features, options):
    adaptive = options["adaptive_penalties"]
    if term.type == "pair":
        return _Penalty(options["interaction_l2"], adaptive=adaptive)
    if term.type == "tag":
        return _Penalty(options["l2"])
    laplacian = _path_laplacian(features[term.feature], term.n_bins)
    return _Penalty(options["l2"], laplacian, options["smoothing"], adaptive)


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


def _importance(term):
    """Mean absolute deviation of the term's effect from its average."""
    total = term.counts.sum()
    if not total:
        return 0.0
    effects = term.bin_effects()
    mean = (term.counts * effects).sum() / total
    return float((term.counts * np.abs(effects - mean)).sum() / total)


def _count(terms, data):
    """Set each term's rows per bin (and mean z per bin) from ``data``."""
    for term, bins, z in zip(terms, data.bins, data.zs, strict=True):
        term.counts = np.bincount(bins, minlength=term.n_bins).astype(float)
        if term.slope is not None:
            sums = (
                np.bincount(bins, z, term.n_bins) if z is not None else term.counts * 0
            )
            term.z_means = np.divide(
                sums, term.counts, out=np.zeros(term.n_bins), where=term.counts > 0
            )


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


def _platt(scores, y):
    """(a, b) minimising the log-loss of sigmoid(a * scores + b)."""
    a, b = 1.0, 0.0
    for _ in range(25):
        p = _sigmoid(a * scores + b)
        h = np.maximum(p * (1 - p), 1e-12)
        r = p - y
        g = np.array([(r * scores).sum(), r.sum()])
        hs = (h * scores).sum()
        hess = np.array([[(h * scores * scores).sum(), hs], [hs, h.sum()]])
        step = np.linalg.solve(hess + np.eye(2) * 1e-6, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-9:
            break
    return float(a), float(b)


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


def _center(terms, intercept):
    """Make each term average zero over training rows; the mean goes to b."""
    for term in terms:
        total = term.counts.sum()
        if not total:
            continue
        mean = float((term.counts * term.bin_effects()).sum() / total)
        term.weights -= mean
        intercept += mean
        if term.type != "pair":
            term.weights[term.counts == 0] = 0.0  # unseen values: average
    return intercept


def _options(options):
    """The options merged with the defaults, each of its default's type."""
    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        raise TypeError(f"fit() got unexpected options: {', '.join(unknown)}")
    merged = dict(DEFAULT_OPTIONS)
    for name, value in options.items():
        default = DEFAULT_OPTIONS[name]
        if name == "features":
            merged[name] = None if value is None else [str(v) for v in value]
        elif name == "categories":
            merged[name] = [str(v) for v in value or ()]
        elif isinstance(default, bool):
            merged[name] = bool(value)
        elif isinstance(default, int | float):
            merged[name] = type(default)(value)
            if merged[name] < 0:
                raise ValueError(f"option {name} must not be negative")
        else:
            merged[name] = value
    if merged["calibration"] not in ("auto", "none"):
        raise ValueError("calibration must be 'auto' or 'none'")
    if not 0 <= merged["validation_fraction"] < 1:
        raise ValueError("validation_fraction must be in [0, 1)")
    return merged


def fit(rows, outcomes, **options):
    """Learn P(won) from ``rows`` (dicts) and ``outcomes`` (bools).

    Options are those of ``DEFAULT_OPTIONS``. One class only, no rows, or no
    feature with information give a *degenerate* model that predicts the
    base rate (``model.degenerate`` is True and ``model.reason`` says why).
    """
    options = _options(options)
    table = _Rows(rows)
    y = np.fromiter((bool(o) for o in outcomes), dtype=bool)
    if len(y) != len(table):
        raise ValueError(f"{len(table)} rows but {len(y)} outcomes")
    n, n_positive = len(table), int(y.sum())
    metadata = {
        "n_rows": n,
        "n_positive": n_positive,
        "base_rate": n_positive / n if n else 0.5,
        "features": [],
        "ignored": {},
        "kinds": {},
        "interactions": [],
        "options": {k: v for k, v in options.items() if k != "features"},
    }
    if n == 0 or n_positive in (0, n):
        reason = "no training rows" if not n else "every lead has the same outcome"
        return _degenerate(metadata, reason)

    features, encoded = [], []
    names = table.names() if options["features"] is None else list(options["features"])
    for name in names:
        column = table.column(name)
        feature, arrays = _analyse(name, column, options)
        if arrays is None:
            metadata["ignored"][name] = feature
            continue
        features.append(feature)
        bins, z = arrays
        encoded.append((bins, None if z is None else z.astype(np.float32)))
        metadata["features"].append(name)
        metadata["kinds"][name] = feature.kind
        del column
    if not features:
        return _degenerate(metadata, "no feature has information")

    terms = _main_terms(features)
    data = _Data(*_term_arrays(terms, encoded), y)
    del encoded
    _count(terms, data)
    # drop tag terms that never vary (e.g. "no tag" when every lead has tags)
    keep = [i for i, t in enumerate(terms) if t.type == "main" or 0 < t.counts[1] < n]
    terms = [terms[i] for i in keep]
    data = _Data([data.bins[i] for i in keep], [data.zs[i] for i in keep], y)
    return LeadScoringModel(_fit_terms(terms, data, features, options, metadata))


def _fit_terms(terms, data, features, options, metadata):
    y = data.y
    n = len(y)
    rng = np.random.default_rng([options["seed"], 1 << 20])
    base = float(np.log(y.mean() / (1 - y.mean())))
    use_validation = (
        n >= options["min_validation_rows"] and options["validation_fraction"] > 0
    )
    calibration = None
    passes = 0
    if use_validation:
        train, valid = _stratified_split(
            y > 0.5, options["validation_fraction"], rng, MAX_VALID_ROWS
        )
        if len(train) > options["max_fit_rows"]:
            train = np.sort(rng.choice(train, options["max_fit_rows"], replace=False))
        booster = _Booster(
            list(terms),
            _subset(data, train),
            base,
            [_penalty(t, features, options) for t in terms],
            options,
            valid=_subset(data, valid),
        )
        tune = options["tune_passes"]
        passes += booster.run(options, options["max_passes"], tune_passes=tune)
        _count(booster.terms, booster.data)
        if options["interactions"] > 0 and _add_pairs(booster, features, options):
            passes += booster.run(options, options["max_passes"], tune_passes=1)
        if options["calibration"] == "auto":
            a, b = _platt(booster.valid_scores, booster.valid.y)
            calibrated = _log_loss(a * booster.valid_scores + b, booster.valid.y)
            if calibrated < booster.valid_loss() - 1e-4:
                calibration = (a, b)
        metadata["validation"] = {
            "rows": int(len(valid)),
            "train_rows": int(len(train)),
            "log_loss": booster.valid_loss(),
        }
        for term in booster.terms[len(terms) :]:
            first, second = term.pair
            data.bins.append(_pair_bins(term, data.bins[first], data.bins[second]))
            data.zs.append(None)
        terms = booster.terms
        intercept, penalties = booster.intercept, booster.penalties
        del booster
        final = _Booster(terms, data.widen(), intercept, penalties, options)
        for _ in range(options["refit_passes"]):
            final.run_pass()
        passes += options["refit_passes"]
    else:
        penalties = [_penalty(t, features, options) for t in terms]
        final = _Booster(terms, data.widen(), base, penalties, options)
        passes += final.run(
            options, options["max_passes"], tune_passes=options["tune_passes"]
        )
    metadata["passes"] = passes
    metadata["train_log_loss"] = final.train_loss()
    _count(terms, data)
    _purify(terms)
    intercept = _center(terms, final.intercept)
    metadata["interactions"] = [
        " × ".join(_term_name(terms[i], features) for i in t.pair)
        for t in terms
        if t.type == "pair"
    ]
    metadata["calibrated"] = calibration is not None
    return {
        "version": FORMAT_VERSION,
        "degenerate": False,
        "reason": "",
        "intercept": intercept,
        "calibration": list(calibration) if calibration else None,
        "features": [f.state() for f in features],
        "terms": [t.state() for t in terms],
        "metadata": metadata,
    }


def _term_name(term, features):
    """The feature name of a term; "tags[Hot]" for a tag."""
    feature = features[term.feature]
    if term.type != "tag":
        return feature.name
    if term.slot == feature.no_tag:
        return f"{feature.name}[(none)]"
    if term.slot == feature.other_tag:
        return f"{feature.name}[(a rare tag)]"
    return f"{feature.name}[{feature.levels[term.slot]}]"


def _subset(data, rows):
    zs = [None if z is None else z[rows] for z in data.zs]
    return _Data([b[rows] for b in data.bins], zs, data.y[rows]).widen()


def _degenerate(metadata, reason):
    rate = metadata["base_rate"]
    return LeadScoringModel(
        {
            "version": FORMAT_VERSION,
            "degenerate": True,
            "reason": reason,
            "base_rate": rate,
            "intercept": 0.0,
            "calibration": None,
            "features": [],
            "terms": [],
            "metadata": dict(metadata, reason=reason),
        }
    )


# ---------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------


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
