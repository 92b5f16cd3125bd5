# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The values of the rows: their type, the category they stand for, columns.

Rows come as a list of dicts or as columns (a dict feature -> list of
values); _Rows reads both. A value is missing (None), a bool, a number, a
string or a set of strings (a list or tuple, e.g. tags); _category_key
turns any of them into the string of the category it stands for.
"""

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from itertools import chain, count, repeat

import numpy as np

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
