# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rows of plain values kept as columns, stored as compact JSON.

A column of few distinct values (names, flags, small counts) holds them once
and, per row, the code of its value, stored as bytes; a column of mostly
distinct values (ids, dates, amounts) is stored as its plain list. Tens of
thousands of rows of a few dozen columns take a few megabytes and are read
back in a fraction of a second. Values are what JSON holds: None, bool,
int, float, str and lists of them. Only numpy is needed.
"""

import base64
import json

import numpy as np

FORMAT_VERSION = 2
# Above this many values, a column is not searched for the values of new
# rows: they are added as they come (a value may then be held twice).
SEARCH_LIMIT = 4096
# A column with more distinct values than this share of its rows is stored
# as its plain list of values.
PLAIN_SHARE = 0.25
DTYPES = ((256, "<u1"), (65536, "<u2"), (2**31, "<i4"))


def _key(value):
    """A dictionary key telling apart values Python finds equal (1, 1.0, True)."""
    if isinstance(value, list | tuple):
        return (list, tuple(_key(item) for item in value))
    return (value.__class__, value)


def _plain(value):
    """The JSON value of a key's value: tuples (of keys) back to lists."""
    if isinstance(value, tuple):
        return [_plain(item[1]) if _is_key(item) else _plain(item) for item in value]
    return value


def _is_key(item):
    return isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], type)


def _pack(codes, size):
    dtype = next(dtype for limit, dtype in DTYPES if size <= limit)
    return dtype, base64.b64encode(codes.astype(dtype).tobytes()).decode()


def _unpack(dtype, text):
    if dtype not in {dtype for _limit, dtype in DTYPES}:
        raise ValueError(f"unknown codes type {dtype!r}")
    return np.frombuffer(base64.b64decode(text), dtype=dtype).astype(np.intp)


class _Column:
    __slots__ = ("_index", "codes", "values")

    def __init__(self, values=None, codes=None):
        self.values = list(values or [])
        self._index = None
        self.codes = np.zeros(0, dtype=np.intp) if codes is None else codes

    def _search_index(self):
        """{key of a value: its code}, or None for a column of many values."""
        if self._index is None and len(self.values) <= SEARCH_LIMIT:
            self._index = {_key(value): code for code, value in enumerate(self.values)}
        return self._index

    def encode(self, column):
        """Codes of the values of ``column``, new values learnt."""
        column = list(column)
        kinds = set(map(type, column))
        if kinds <= {list, tuple, type(None)}:
            column = [value if value is None else tuple(value) for value in column]
            kinds = {type(None), tuple}
        kinds.discard(type(None))
        if len(kinds) > 1:  # mixed kinds: each value keyed by its kind
            column = [_key(value) for value in column]
        distinct = dict.fromkeys(column)
        if (
            len(kinds) <= 1
            and len(self.values) + len(column) > SEARCH_LIMIT
            and len(distinct) > PLAIN_SHARE * len(column)
        ):
            # mostly distinct values (ids, dates, amounts): added as they come
            start = len(self.values)
            if tuple in kinds:
                column = [value if value is None else list(value) for value in column]
            self.values.extend(column)
            self._index = None
            return np.arange(start, len(self.values), dtype=np.intp)
        index = self._search_index()
        if index is None:
            index = {}  # new values are only searched among themselves
        codes_of = {}
        for value in distinct:
            key = value if len(kinds) > 1 else _key(value)
            code = index.get(key)
            if code is None:
                code = index[key] = len(self.values)
                self.values.append(_plain(key[1] if len(kinds) > 1 else value))
            codes_of[value] = code
        if len(self.values) > SEARCH_LIMIT:
            self._index = None
        return np.fromiter(
            map(codes_of.__getitem__, column), dtype=np.intp, count=len(column)
        )

    def decode(self):
        if not len(self.codes):
            return []
        if len(self.codes) == len(self.values) and np.array_equal(
            self.codes, np.arange(len(self.codes))
        ):
            return list(self.values)
        table = np.empty(len(self.values), dtype=object)
        if list in set(map(type, self.values)):
            for code, value in enumerate(self.values):  # lists stay single values
                table[code] = value
        else:
            table[:] = self.values
        return table[self.codes].tolist()

    def state(self):
        """The column as JSON data: plain values, or distinct values and codes."""
        held = np.bincount(self.codes, minlength=len(self.values)) > 0
        used = np.flatnonzero(held)
        if len(used) > PLAIN_SHARE * len(self.codes):
            return {"plain": self.decode()}
        values = [self.values[code] for code in used.tolist()]
        codes = (np.cumsum(held) - 1)[self.codes]
        dtype, packed = _pack(codes, len(values))
        return {"values": values, "dtype": dtype, "codes": packed}

    @classmethod
    def from_state(cls, state):
        if "plain" in state:
            values = state["plain"]
            return cls(values, np.arange(len(values), dtype=np.intp))
        codes = _unpack(state["dtype"], state["codes"])
        if len(codes) and (codes.min() < 0 or codes.max() >= len(state["values"])):
            raise ValueError("a code without its value")
        return cls(state["values"], codes)


class ColumnStore:
    """Rows of ``width`` values, kept as columns.

    ``extend(rows)`` and ``extend_columns(columns)`` add rows, ``take
    (positions)`` keeps some rows in the given order, ``columns()`` gives the
    values as ``width`` lists, ``column(i)`` one of them and ``distinct(i)``
    the distinct values it holds; ``to_json()`` and
    ``from_json(text)`` store it with its ``header`` (a dict of JSON values).
    """

    def __init__(self, width, header=None):
        self.width = width
        self.header = dict(header or {})
        self._columns = [_Column() for _index in range(width)]

    def __len__(self):
        return len(self._columns[0].codes) if self._columns else 0

    def extend(self, rows):
        """Add ``rows`` (sequences of ``width`` values)."""
        rows = list(rows)
        if any(len(row) != self.width for row in rows):
            raise ValueError(f"every row must have {self.width} values")
        if rows:
            self.extend_columns(list(zip(*rows, strict=True)))

    def extend_columns(self, columns):
        """Add rows given as ``width`` columns of the same length."""
        if len(columns) != self.width or len({len(c) for c in columns}) > 1:
            raise ValueError(f"{self.width} columns of the same length are needed")
        for column, values in zip(self._columns, columns, strict=True):
            column.codes = np.concatenate([column.codes, column.encode(values)])

    def take(self, positions):
        """Keep the rows at ``positions``, in that order."""
        positions = np.asarray(positions, dtype=np.intp)
        for column in self._columns:
            column.codes = column.codes[positions]

    def column(self, index):
        return self._columns[index].decode()

    def columns(self):
        return [column.decode() for column in self._columns]

    def distinct(self, index):
        """The distinct values the rows hold in column ``index``, each once."""
        column = self._columns[index]
        held = np.bincount(column.codes, minlength=len(column.values)) > 0
        values = (column.values[code] for code in np.flatnonzero(held).tolist())
        return list({_key(value): value for value in values}.values())

    def to_json(self):
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "header": self.header,
                "columns": [column.state() for column in self._columns],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text):
        """The store written by ``to_json``; ValueError when it is not one."""
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT_VERSION:
                raise ValueError("unknown format")
            store = cls(len(data["columns"]), data["header"])
            store._columns = [_Column.from_state(state) for state in data["columns"]]
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ValueError(f"not a column store: {error}") from error
        if len({len(column.codes) for column in store._columns}) > 1:
            raise ValueError("not a column store: columns of different lengths")
        return store
