"""Tests of the lead scoring model (sales_management/tools/lead_scoring/model.py).

On a model fitted once on the lead-origin data (lead_scoring_common.py):
explanations (signs, labels, that a lead's effects add up to its difference
with the average lead), feature importance, metadata and the JSON of the
model.
"""

import json

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


@pytest.mark.parametrize(
    "feature, value, sign",
    [
        ("lead_origin", "Lead Add Form", +1),
        ("lead_origin", "Lead Import", -1),
        ("do_not_email", True, -1),
        ("time_on_site", 2500.0, +1),
        ("time_on_site", 0.0, -1),
        ("occupation", "Working Professional", +1),
        ("occupation", None, -1),
    ],
)
def test_explain_sign_follows_the_effect(model, lead, feature, value, sign):
    lead[feature] = value
    detail = factor(model, lead, feature)
    assert detail["effect"] * sign > 0
    assert detail["log_odds"] * sign > 0


@pytest.mark.parametrize(
    "tag, sign", [("Will revert", +1), ("Closed", +1), ("Ringing", -1)]
)
def test_explain_sign_of_tags(model, lead, tag, sign):
    lead["tags"] = [tag]
    details = [
        d
        for d in model.explain_details(lead)
        if d["kind"] == "tag" and d["value_label"] == tag
    ]
    assert len(details) == 1
    assert details[0]["relation"] == "includes"
    assert details[0]["label"] == f"tags includes {tag}"
    assert details[0]["effect"] * sign > 0


def test_explain_effects_add_up_to_the_difference_with_the_average_lead(
    model, lead_data
):
    for row in lead_data[2][:20]:
        effects = [effect for _label, effect in model.explain(row, top=None)]
        probability = model.predict([row])[0]
        assert sum(effects) == pytest.approx(
            probability - model.base_probability, abs=1e-9
        )
        top = model.explain(row)
        assert len(top) == 3
        assert [abs(e) for _l, e in top] == sorted(
            (abs(e) for e in effects), reverse=True
        )[:3]


def test_a_score_does_not_depend_on_the_batch(model, lead_data):
    rows = lead_data[2][:100]
    assert model.predict(rows) == [model.predict([row])[0] for row in rows]


def test_explain_many_matches_explain_details(model, lead_data):
    rows = lead_data[2][:30]
    many = model.explain_many(rows)
    assert many == [model.explain_details(row, top=3) for row in rows]
    assert [[(d["label"], d["effect"]) for d in details] for details in many] == [
        model.explain(row) for row in rows
    ]


def test_explain_labels(model, lead):
    lead.update(time_on_site=2500.0, lead_source="Never seen before", occupation=None)
    labels = {d["feature"]: d for d in model.explain_details(lead)}
    time_label = labels["time_on_site"]["label"]
    assert time_label.startswith("time_on_site = 2500 (") and time_label.endswith(")")
    assert labels["lead_source"]["value_label"] == "Never seen before (other)"
    assert labels["occupation"]["label"] == "occupation = (missing)"
    assert labels["occupation"]["kind"] == "missing"
    assert labels["lead_origin"]["label"] == f"lead_origin = {lead['lead_origin']}"
    for detail in labels.values():
        assert set(detail) >= {"feature", "features", "value_label", "label", "effect"}


def test_interaction_is_found_and_explained(model, lead):
    assert "country × lead_source" in model.metadata["interactions"]
    lead.update(lead_source="Source 0", country="Country 0")
    pair = [d for d in model.explain_details(lead) if d["kind"] == "interaction"]
    assert pair[0]["features"] == ["country", "lead_source"]
    assert pair[0]["label"] == "country × lead_source = Country 0 × Source 0"
    assert pair[0]["effect"] > 0


def test_feature_importance(model):
    importance = model.feature_importance()
    assert sum(importance.values()) == pytest.approx(1.0)
    assert set(importance) <= set(model.metadata["features"])
    assert importance["tags"] > importance["noise_number"]
    assert importance["time_on_site"] > importance["noise_category"]
    assert list(importance.values()) == sorted(importance.values(), reverse=True)


def test_metadata(model, lead_data):
    train_y = lead_data[1]
    meta = model.metadata
    assert meta["n_rows"] == len(train_y)
    assert meta["n_positive"] == sum(train_y)
    assert "time_on_site" in meta["features"]
    assert meta["kinds"]["tags"] == "tags"
    assert meta["kinds"]["time_on_site"] == "numeric"
    assert meta["kinds"]["do_not_email"] == "category"
    assert meta["options"]["seed"] == 0
    assert not model.degenerate


def test_json_round_trip(model, lead_data):
    rows = lead_data[2][:500]
    text = model.to_json()
    data = json.loads(text)
    assert data["version"] == lead_scoring.FORMAT_VERSION
    loaded = from_json(text)
    assert loaded.predict(rows) == model.predict(rows)
    assert loaded.explain_many(rows[:50]) == model.explain_many(rows[:50])
    assert loaded.feature_importance() == model.feature_importance()
    assert loaded.base_probability == model.base_probability
    assert loaded.to_json() == text
    assert len(text) < 60_000


def test_json_is_compact(lead_data):
    """Effects, bin edges and counts only: the size does not grow with the rows."""
    rows, outcomes = lead_data[0], lead_data[1]
    small = len(fit(rows[:2000], outcomes[:2000]).to_json())
    large = len(fit(rows, outcomes).to_json())
    assert large < 1.5 * small


def test_json_of_another_version_is_refused(model):
    data = json.loads(model.to_json())
    data["version"] = 999
    with pytest.raises(ValueError, match="version"):
        from_json(json.dumps(data))


def test_feature_effects_have_the_shape_of_the_explanations(model):
    effects = model.feature_effects()
    origin = dict((label, effect) for label, effect, _count in effects["lead_origin"])
    assert origin["Lead Add Form"] > 0 > origin["Lead Import"]
    # the time on site by range, from short (less likely) to long (more)
    times = effects["time_on_site"]
    numbers = [effect for label, effect, _count in times if label[:1] in "<≥0123456789"]
    assert numbers[0] < 0 < numbers[-1]
    tags = dict((label, effect) for label, effect, _count in effects["tags"])
    assert tags["Will revert"] > 0 > tags["Ringing"]
    # every value range counts the training leads that had it
    assert all(count > 0 for rows in effects.values() for *_rest, count in rows)


def test_feature_effects_name_the_categories(model):
    effects = model.feature_effects(names={"lead_origin": {"Lead Import": "Import"}})
    labels = [label for label, _effect, _count in effects["lead_origin"]]
    assert "Import" in labels and "Lead Import" not in labels
