"""Tests of sales_management/tools/column_store.py: rows kept as coded columns."""

import json

import pytest

pytest.importorskip("numpy", reason="the column store needs numpy")

from sales_management_tools.column_store import ColumnStore  # noqa: E402

ROWS = [
    [1, True, ["Urgent", "VIP"], None, 2.5],
    [2, 1, [], "Trade show", 2.5],
    [3, False, ["Urgent", "VIP"], "Trade show", 0],
    [4, 1.0, None, "Référence", None],
]


def _types(columns):
    return [[type(value) for value in column] for column in columns]


def test_rows_come_back_as_columns_with_their_types():
    store = ColumnStore(5)
    store.extend(ROWS)
    columns = store.columns()
    assert columns == [list(column) for column in zip(*ROWS, strict=True)]
    # True, 1 and 1.0 are equal in Python: each keeps its own type
    assert _types(columns)[1] == [bool, int, bool, float]
    assert _types(columns)[4] == [float, float, int, type(None)]
    assert len(store) == 4


def test_json_round_trip_keeps_values_and_header():
    store = ColumnStore(5, {"built": "2026-11-27T10:00:00", "key": [1, "fr_FR"]})
    store.extend(ROWS)
    again = ColumnStore.from_json(store.to_json())
    assert again.columns() == store.columns()
    assert _types(again.columns()) == _types(store.columns())
    assert again.header == {"built": "2026-11-27T10:00:00", "key": [1, "fr_FR"]}
    assert again.width == 5


def test_repeated_values_are_stored_once_distinct_ones_plain():
    store = ColumnStore(2)
    store.extend([["Trade show", n] for n in range(1000)])
    store.extend([["Referral", n + 1000] for n in range(1000)])
    data = json.loads(store.to_json())
    assert data["columns"][0]["values"] == ["Trade show", "Referral"]
    assert data["columns"][0]["dtype"] == "<u1"
    assert data["columns"][1]["plain"] == list(range(2000))
    # values no row holds any more are not stored
    store.take(range(1000, 2000))
    data = json.loads(store.to_json())
    assert data["columns"][0]["values"] == ["Referral"]
    again = ColumnStore.from_json(store.to_json())
    assert again.columns() == store.columns()


def test_many_values_after_reading():
    """New rows of a column of many values are added without a search."""
    store = ColumnStore(1)
    store.extend([[n] for n in range(10000)])
    store = ColumnStore.from_json(store.to_json())
    store.extend([[5], [10001], [True]])
    assert store.column(0)[-3:] == [5, 10001, True]
    assert type(store.column(0)[-1]) is bool
    again = ColumnStore.from_json(store.to_json())
    assert again.columns() == store.columns()


def test_take_and_extend_after_reading():
    store = ColumnStore(5)
    store.extend(ROWS)
    store = ColumnStore.from_json(store.to_json())
    store.take([3, 0])
    store.extend([[5, None, ["New"], "Trade show", 1.5]])
    assert store.column(0) == [4, 1, 5]
    assert store.column(2) == [None, ["Urgent", "VIP"], ["New"]]
    assert store.column(3) == ["Référence", None, "Trade show"]


def test_distinct_values_of_a_column():
    """Each value a row holds, once, whatever the column's storage."""
    store = ColumnStore(5)
    store.extend(ROWS)
    assert store.distinct(0) == [1, 2, 3, 4]
    assert store.distinct(2) == [["Urgent", "VIP"], [], None]
    assert [type(value) for value in store.distinct(1)] == [bool, int, bool, float]
    many = ColumnStore(1)
    many.extend([[n % 5000] for n in range(10000)])
    many = ColumnStore.from_json(many.to_json())
    many.extend([[7], [12345]])
    many.take(range(9990, 10002))
    assert sorted(many.distinct(0)) == sorted({*range(4990, 5000), 7, 12345})
    assert ColumnStore(1).distinct(0) == []


def test_extend_columns_and_empty_store():
    store = ColumnStore(2)
    assert store.columns() == [[], []]
    assert len(store) == 0
    store.extend_columns([[1, 2], ["a", "b"]])
    assert store.columns() == [[1, 2], ["a", "b"]]
    with pytest.raises(ValueError):
        store.extend_columns([[1], ["a", "b"]])
    with pytest.raises(ValueError):
        store.extend([[1, "a", "extra"]])


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"format": 99, "header": {}, "columns": []}',
        '{"format": 2, "header": {}, "columns": [{"values": [1]}]}',
        # a code pointing past the values
        '{"format": 2, "header": {}, "columns": '
        '[{"values": [], "dtype": "<u1", "codes": "AQ=="}]}',
        '{"format": 2, "header": {}, "columns": '
        '[{"values": [1], "dtype": "object", "codes": "AA=="}]}',
        # columns of different lengths
        '{"format": 2, "header": {}, "columns": [{"plain": [1, 2]}, {"plain": [1]}]}',
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        ColumnStore.from_json(text)
