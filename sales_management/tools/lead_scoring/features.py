# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Features: how a column becomes bins, decided once at fit time.

_analyse reads a training column as numbers, categories or tags and
returns a _Feature (its levels, bin edges and scale, saved in the JSON of
the model) with the column's bins; _Feature.encode bins any later column
the same way.
"""

import math
from collections import Counter
from itertools import chain, repeat

import numpy as np

from .values import (
    FAST_NUMBER_TYPES,
    NONE_TYPE,
    SEQUENCE_TYPES,
    _category_codes,
    _category_key,
    _distinct,
    _number_or_key,
    _tag_list,
    format_number,
)

# Bins shared by every main term: 0 missing, 1 other (rare or unseen string),
# then the kept string levels, then (numbers) the quantile intervals.
MISSING = 0
OTHER = 1
FIRST_LEVEL = 2
MAX_BINS = 255  # bins are stored as uint8
EDGE_SAMPLE = 50_000  # values from which bin edges are computed
Z_LIMIT = 3.0  # standardised numbers are clipped to +-3 for the linear part


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
