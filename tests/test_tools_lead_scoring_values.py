"""Tests of how the lead scoring engine reads values and columns.

sales_management/tools/lead_scoring/values.py and features.py: bools, tag
sets, NaN and infinite numbers, numbers mixed with strings, record ids as
categories, unseen categories and features, rows given as columns or
generators, and random messy data that must never break the engine.
"""

import json
import math
import random

import pytest

np = pytest.importorskip("numpy", reason="the scoring engine needs numpy")

from lead_scoring_common import factor, lead_origin_data, lead_origin_model  # noqa: E402
from sales_management_tools import lead_scoring  # noqa: E402 (tests/conftest.py)

fit = lead_scoring.fit
from_json = lead_scoring.from_json


@pytest.fixture(scope="module")
def lead_data():
    return lead_origin_data()


@pytest.fixture(scope="module")
def model():
    return lead_origin_model()


@pytest.fixture
def lead(lead_data):
    """A typical lead to vary one field at a time."""
    return dict(lead_data[0][0])


def test_bool_features():
    rng = random.Random(3)
    rows = [{"do_not_email": i % 4 == 0, "src": f"s{i % 7}"} for i in range(800)]
    won = [rng.random() < (0.1 if row["do_not_email"] else 0.5) for row in rows]
    model = fit(rows, won)
    yes, no = model.predict([{"do_not_email": True}, {"do_not_email": False}])
    assert yes < no
    detail = factor(model, {"do_not_email": True}, "do_not_email")
    assert detail["label"] == "do_not_email = True"
    assert detail["effect"] < 0


def test_tag_sets_including_empty_ones():
    rng = random.Random(4)
    rows, won = [], []
    for i in range(900):
        tags = [t for t in ("hot", "vip", "cold") if rng.random() < 0.25]
        rows.append({"tags": tags if i % 10 else None, "n": i % 5})
        won.append(rng.random() < 0.2 + 0.5 * ("hot" in tags) - 0.15 * ("cold" in tags))
    model = fit(rows, won)
    hot, cold, empty, none, unseen, one = model.predict(
        [
            {"tags": ["hot"]},
            {"tags": ["cold"]},
            {"tags": []},
            {"tags": None},
            {"tags": ["never seen"]},
            {"tags": "hot"},
        ]
    )
    assert hot > empty > cold
    assert empty == none
    assert one == hot  # a single string is a set of one tag
    assert 0 < unseen < 1


def test_nan_and_inf_numbers():
    values = [math.nan, math.inf, -math.inf, None, 1.0, 2.0]
    rows = [{"amount": values[i % 6] if i % 2 else float(i)} for i in range(600)]
    won = [i % 2 == 0 and i > 300 for i in range(600)]
    model = fit(rows, won)
    p = model.predict([{"amount": v} for v in values + [1e300, -1e300, 450.0]])
    assert all(0.0 <= v <= 1.0 and math.isfinite(v) for v in p)
    assert model.explain({"amount": math.nan})[0][0] == "amount = (missing)"
    assert from_json(model.to_json()).predict([{"amount": math.inf}]) == model.predict(
        [{"amount": math.inf}]
    )
    json.loads(model.to_json(), parse_constant=lambda name: pytest.fail(name))


def test_mixed_numbers_and_strings():
    """Mostly numbers with a few words: numbers are binned, words are levels."""
    rows = []
    for i in range(1000):
        value = i % 50 if i % 10 else ("unknown" if i % 20 else str(i % 50))
        rows.append({"score": value, "odd": [1.5, "x", None, True, ["a"]][i % 5]})
    won = [(i % 50 > 25) or (i % 20 == 10) for i in range(1000)]
    model = fit(rows, won)
    assert model.metadata["kinds"]["score"] == "numeric"
    unknown, high, low, text_number = model.predict(
        [{"score": "unknown"}, {"score": 40}, {"score": 3}, {"score": "40"}]
    )
    assert unknown > low and high > low
    assert text_number == high
    odd = model.predict(
        [{"odd": {"a": 1}}, {"odd": object()}, {"odd": [[1]]}, {"odd": 2**80}]
    )
    assert all(0.0 <= v <= 1.0 for v in odd)


def test_numbers_as_categories_and_categories_as_numbers():
    rows = [{"code": str(i % 10), "level": i % 10} for i in range(500)]
    won = [i % 10 > 5 for i in range(500)]
    model = fit(rows, won)
    assert model.metadata["kinds"] == {"code": "category", "level": "numeric"}
    assert model.predict([{"code": 7}]) == model.predict([{"code": "7"}])
    assert model.predict([{"level": "7"}]) == model.predict([{"level": 7}])


def test_record_ids_as_categories_named_when_explained():
    """Ids of the ``categories`` option are levels, not numbers; their names
    are given when a lead is explained, and a renamed level reads anew."""
    rows = [
        {"stage": 10 + i % 4, "tags": [7] if i % 3 == 0 else [], "revenue": i % 7}
        for i in range(600)
    ]
    won = [
        (i % 4 == 3) != (i % 9 == 0) or i % 3 == 0 and i % 2 == 0 for i in range(600)
    ]
    model = fit(rows, won, categories=["stage", "tags"], interactions=0)
    assert model.metadata["kinds"] == {
        "revenue": "numeric",
        "stage": "category",
        "tags": "tags",
    }
    assert sorted(model.category_levels()["stage"]) == ["10", "11", "12", "13"]
    assert model.category_levels()["tags"] == ["7"]
    assert model.predict([{"stage": 13}]) == model.predict([{"stage": "13"}])
    names = {"stage": {"13": "Proposal"}, "tags": {"7": "Hot"}}
    lead = {"stage": 13, "tags": [7], "revenue": 3}
    labels = [d["label"] for d in model.explain_details(lead, names=names)]
    assert "stage = Proposal" in labels and "tags includes Hot" in labels
    renamed = {"stage": {"13": "Offer"}, "tags": {"7": "Urgent"}}
    labels = [label for label, _effect in model.explain(lead, top=None, names=renamed)]
    assert "stage = Offer" in labels and "tags includes Urgent" in labels
    unseen = model.explain_details({"stage": 99}, names={"stage": {"99": "New"}})
    assert "stage = New (other)" in [d["label"] for d in unseen]
    # without the option, ids are numbers
    assert fit(rows, won).metadata["kinds"]["stage"] == "numeric"


def test_unseen_categories_and_unknown_features(model, lead):
    lead.update(lead_source="Brand new source", country="Atlantis", extra_field=3)
    p = model.predict([lead])[0]
    assert 0.0 < p < 1.0
    assert model.predict([{}])[0] == pytest.approx(model.predict([{"unknown": 1}])[0])
    partial = {k: lead[k] for k in ("lead_origin", "time_on_site")}
    assert 0.0 < model.predict([partial])[0] < 1.0


def test_a_category_never_seen_without_other_level_is_average():
    rows = [{"src": f"s{i % 3}"} for i in range(300)]
    model = fit(rows, [i % 3 == 0 for i in range(300)])
    detail = factor(model, {"src": "s9"}, "src")
    assert detail["value_label"] == "s9 (other)"
    assert detail["effect"] == 0.0


def test_columns_and_generators_as_input(lead_data):
    rows, outcomes = lead_data[0][:2000], lead_data[1][:2000]
    names = sorted({name for row in rows for name in row})
    columns = {name: [row.get(name) for row in rows] for name in names}
    by_rows = fit(rows, outcomes)
    assert fit(columns, outcomes).to_json() == by_rows.to_json()
    assert fit(iter(rows), iter(outcomes)).to_json() == by_rows.to_json()
    assert by_rows.predict(columns) == by_rows.predict(rows)
    arrays = {name: np.array(values, dtype=object) for name, values in columns.items()}
    assert by_rows.predict(arrays) == by_rows.predict(rows)
    with pytest.raises(TypeError):
        by_rows.predict(rows[0])  # one row is not a dict of columns


ODD_VALUES = [None, True, False, 0, 1, 2.5, -3, 1e9, math.nan, math.inf, "", " ", "a"]
ODD_VALUES += ["12", [], ["t1"], ["t1", "t2"], ("t3",), [None, ""], 10**30, [[1]], {}]


@pytest.mark.parametrize("seed", range(40))
def test_random_messy_data_never_breaks(seed):
    """Random sizes and columns of every kind, some of them messy."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 5, 20, 50, 399, 400, 900])
    kinds = {
        f"f{i}": rng.choice(["number", "category", "tags", "bool", "messy"])
        for i in range(rng.randint(0, 6))
    }

    def value(kind):
        if rng.random() < 0.1:
            return None
        if kind == "number":
            return rng.choice([rng.random() * 100, rng.randint(0, 5), math.nan])
        if kind == "category":
            return rng.choice("abcdefg")
        if kind == "tags":
            return rng.sample(["h", "v", "c", "d"], rng.randint(0, 3))
        if kind == "bool":
            return rng.random() < 0.5
        return rng.choice(ODD_VALUES)

    rows = [
        {k: value(v) for k, v in kinds.items() if rng.random() < 0.9} for _ in range(n)
    ]
    won = [rng.random() < 0.4 for _ in range(n)]
    model = fit(rows, won, seed=seed)
    others = [{}, {name: rng.choice(ODD_VALUES) for name in kinds}]
    p = model.predict(rows + others)
    assert all(0.0 <= v <= 1.0 for v in p)
    text = model.to_json()
    json.loads(text, parse_constant=lambda name: pytest.fail(name))
    assert from_json(text).predict(rows + others) == p
    for row in rows[:5] + others:
        effects = [effect for _label, effect in model.explain(row, top=None)]
        expected = model.predict([row])[0] - model.base_probability
        assert sum(effects) == pytest.approx(expected, abs=1e-9)
    assert sum(model.feature_importance().values()) == pytest.approx(1.0) or (
        model.feature_importance() == {}
    )
