"""Tests of sales_management/tools/scoring_evaluation.py: the measures of a
scoring model and the replay of Odoo's naive Bayes lead scoring."""

import doctest
import itertools
import math
import random

import pytest
from sales_management_tools import scoring_evaluation  # tests/conftest.py

auc = scoring_evaluation.auc
brier_score = scoring_evaluation.brier_score
calibration_by_decile = scoring_evaluation.calibration_by_decile
pls_frequencies = scoring_evaluation.pls_frequencies
pls_probabilities = scoring_evaluation.pls_probabilities


def test_doctests():
    assert doctest.testmod(scoring_evaluation).failed == 0


# ---------------------------------------------------------------------------
# AUC
# ---------------------------------------------------------------------------


def pairwise_auc(scores, outcomes):
    """The AUC by definition: the share of (won, lost) pairs ranked right,
    a tie counting half."""
    won = [s for s, o in zip(scores, outcomes, strict=True) if o]
    lost = [s for s, o in zip(scores, outcomes, strict=True) if not o]
    right = sum(
        1.0 if w > v else 0.5 if w == v else 0.0
        for w, v in itertools.product(won, lost)
    )
    return right / (len(won) * len(lost))


def test_auc_perfect_reversed_and_chance():
    outcomes = [False, False, True, True]
    assert auc([0.1, 0.2, 0.8, 0.9], outcomes) == 1.0
    assert auc([0.9, 0.8, 0.2, 0.1], outcomes) == 0.0
    assert auc([0.5, 0.5, 0.5, 0.5], outcomes) == 0.5


def test_auc_without_both_outcomes_is_zero():
    assert auc([0.1, 0.9], [True, True]) == 0.0
    assert auc([0.1, 0.9], [0, 0]) == 0.0
    assert auc([], []) == 0.0


def test_auc_equals_pairwise_definition_with_ties():
    rng = random.Random(3)
    for _round in range(20):
        n = rng.randint(2, 40)
        scores = [rng.choice([0.1, 0.2, 0.3, 0.5, 0.8]) for _index in range(n)]
        outcomes = [rng.random() < 0.4 for _index in range(n)]
        if all(outcomes) or not any(outcomes):
            continue
        assert auc(scores, outcomes) == pytest.approx(pairwise_auc(scores, outcomes))


def test_auc_refuses_columns_of_different_lengths():
    with pytest.raises(ValueError):
        auc([0.1, 0.2], [True])


# ---------------------------------------------------------------------------
# Brier score
# ---------------------------------------------------------------------------


def test_brier_score():
    assert brier_score([], []) == 0.0
    assert brier_score([1.0, 0.0], [True, False]) == 0.0
    assert brier_score([0.0, 1.0], [True, False]) == 1.0
    assert brier_score([0.7, 0.2, 0.5], [1, 0, 1]) == pytest.approx(
        (0.09 + 0.04 + 0.25) / 3
    )


# ---------------------------------------------------------------------------
# Calibration
# ---------------------------------------------------------------------------


def test_calibration_by_decile():
    scores = [index / 20 for index in range(20)]
    outcomes = [index >= 10 for index in range(20)]
    table = calibration_by_decile(scores, outcomes)
    assert [row[0] for row in table] == list(range(1, 11))
    assert [row[3] for row in table] == [2] * 10
    assert table[0] == [1, 0.025, 0.0, 2]
    assert table[9] == [10, 0.925, 1.0, 2]
    assert [row[2] for row in table] == [0.0] * 5 + [1.0] * 5


def test_calibration_orders_by_score_and_leaves_out_empty_parts():
    table = calibration_by_decile([0.9, 0.1, 0.5], [True, False, True])
    assert table == [[4, 0.1, 0.0, 1], [7, 0.5, 1.0, 1], [10, 0.9, 1.0, 1]]
    assert calibration_by_decile([], []) == []
    assert sum(row[3] for row in calibration_by_decile([0.3] * 25, [1] * 25)) == 25


# ---------------------------------------------------------------------------
# Odoo's frequency table
# ---------------------------------------------------------------------------

STAGES = [(10, 1), (20, 2), (30, 3)]


def test_frequencies_of_stages_follow_odoo():
    """A won lead counts for every stage, a lost one for its stage and the
    earlier ones; 0.1 is added to every count."""
    table = pls_frequencies(
        teams=[1, 1, 1],
        values={"stage_id": [30, 20, None]},
        outcomes=[True, False, False],
        stages=STAGES,
    )
    stage = table[1]["stage_id"]
    assert stage["10"] == pytest.approx([1.1, 1.1])
    assert stage["20"] == pytest.approx([1.1, 1.1])
    assert stage["30"] == pytest.approx([1.1, 0.1])


def test_frequencies_of_fields_tags_and_teams():
    table = pls_frequencies(
        teams=[0, 0, 2],
        values={
            "country_id": [5, None, 5],
            "email_state": ["correct", False, "correct"],
            "tag_id": [[7, 8], [], [7]],
        },
        outcomes=[True, False, False],
        stages=STAGES,
    )
    assert set(table) == {0, 2}
    assert table[0]["country_id"] == {"5": pytest.approx([1.1, 0.1])}
    # False is counted (an empty quality), None is not
    assert table[0]["email_state"] == {
        "correct": pytest.approx([1.1, 0.1]),
        "False": pytest.approx([0.1, 1.1]),
    }
    assert table[0]["tag_id"] == {
        "7": pytest.approx([1.1, 0.1]),
        "8": pytest.approx([1.1, 0.1]),
    }
    assert table[2]["tag_id"] == {"7": pytest.approx([0.1, 1.1])}
    assert table[2]["country_id"] == {"5": pytest.approx([0.1, 1.1])}


def test_frequencies_of_a_lost_lead_in_an_unknown_stage_count_nothing():
    table = pls_frequencies([1], {"stage_id": [99]}, [False], STAGES)
    assert table == {}


# ---------------------------------------------------------------------------
# Odoo's naive Bayes
# ---------------------------------------------------------------------------


def test_probability_is_odoos_naive_bayes():
    table = {
        1: {
            "stage_id": {"10": [3.1, 1.1], "20": [3.1, 0.1]},
            "country_id": {"5": [2.1, 0.1], "6": [1.1, 1.1]},
        }
    }
    values = {"stage_id": [20], "country_id": [5]}
    [probability] = pls_probabilities(table, [1], values, 10, set())
    # the prior is the first stage's counts; the stage is divided by the
    # prior's totals, any other field by the totals of its own counts
    won = 3.1 / 4.2 * (3.1 / 3.1) * (2.1 / 3.2)
    lost = 1.1 / 4.2 * (0.1 / 1.1) * (0.1 / 1.2)
    assert probability == pytest.approx(round(100 * won / (won + lost), 2) / 100)


def test_probability_in_a_won_stage_is_one_and_without_history_none():
    # no closed lead ever counted for the first stage: no prior
    table = {1: {"stage_id": {"20": [1.1, 2.1]}}}
    probabilities = pls_probabilities(table, [1, 1], {"stage_id": [30, 20]}, 10, {30})
    # a won stage is certain; without a prior Odoo computes nothing
    assert probabilities == [1.0, None]


def test_probability_of_an_unknown_team_uses_every_team():
    table = {
        1: {"stage_id": {"10": [2.1, 1.1]}},
        2: {"stage_id": {"10": [1.1, 2.1]}},
    }
    [unknown] = pls_probabilities(table, [9], {"stage_id": [10]}, 10, set())
    # every team's counts summed: won 3.2, lost 3.2; the stage is the prior
    won, lost = 3.2 / 6.4 * 3.2 / 3.2, 3.2 / 6.4 * 3.2 / 3.2
    assert unknown == pytest.approx(round(100 * won / (won + lost), 2) / 100)
    [team_one] = pls_probabilities(table, [1], {"stage_id": [10]}, 10, set())
    assert team_one == pytest.approx(round(100 * 2.1 / 3.2, 2) / 100)


def test_rare_tags_are_ignored_and_probabilities_clamped():
    table = {
        1: {
            "stage_id": {"10": [50.1, 50.1]},
            "tag_id": {
                "7": [49.0, 0.9],
                "8": [60.0, 0.0001],
                "9": [0.0001, 60.0],
            },
        }
    }
    values = {"stage_id": [10, 10, 10], "tag_id": [[7], [8], [9]]}
    rare, strong, weak = pls_probabilities(table, [1, 1, 1], values, 10, set())
    assert rare == pytest.approx(0.5)  # tag 7 is on fewer than 50 leads
    assert strong == pytest.approx(0.9999)  # clamped below 100 %
    assert weak == pytest.approx(0.0001)  # and above 0 %


def test_frequencies_then_probabilities_rank_a_telling_field():
    rng = random.Random(11)
    n = 400
    countries = [rng.choice([1, 2, 3]) for _index in range(n)]
    outcomes = [rng.random() < {1: 0.8, 2: 0.5, 3: 0.2}[c] for c in countries]
    stages = [30 if won else rng.choice([10, 20]) for won in outcomes]
    values = {"stage_id": stages, "country_id": countries}
    table = pls_frequencies([0] * n, values, outcomes, STAGES)
    scored = {"stage_id": [10] * n, "country_id": countries}
    probabilities = pls_probabilities(table, [0] * n, scored, 10, {30})
    assert all(0.0 < p < 1.0 and not math.isnan(p) for p in probabilities)
    assert auc(probabilities, outcomes) > 0.65
