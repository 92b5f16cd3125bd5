# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a lead scoring model is judged, and the baseline it is judged against.

Measures of predicted probabilities against what happened (1 or True: won):

* ``auc``: the area under the ROC curve, how well the scores rank won leads
  above lost ones (0.5: no better than chance);
* ``brier_score``: the mean squared error of the probabilities;
* ``calibration_by_decile``: the mean predicted probability and the actual
  rate of each tenth of the leads, by predicted probability.

The baseline is Odoo's own predictive lead scoring (``crm.lead._pls_*``)
replayed on plain values, so that a model is compared with it on the very
leads it is validated on: ``pls_frequencies`` builds Odoo's frequency table,
``pls_probabilities`` applies its naive Bayes.

>>> auc([0.9, 0.8, 0.3, 0.1], [True, False, True, False])
0.75
>>> brier_score([1.0, 0.5], [1, 0])
0.125
>>> calibration_by_decile([0.2, 0.8], [False, True], bins=2)
[[1, 0.2, 0.0, 1], [2, 0.8, 1.0, 1]]
"""

from collections import Counter


def auc(scores, outcomes):
    """Area under the ROC curve by ranks (ties averaged); 0 without both
    won and lost outcomes."""
    pairs = sorted(zip(scores, outcomes, strict=True))
    n_pos = sum(1 for _score, won in pairs if won)
    n_neg = len(pairs) - n_pos
    if not n_pos or not n_neg:
        return 0.0
    rank_sum, index = 0.0, 0
    while index < len(pairs):
        end = index
        while end + 1 < len(pairs) and pairs[end + 1][0] == pairs[index][0]:
            end += 1
        average_rank = (index + end) / 2.0 + 1
        rank_sum += average_rank * sum(1 for k in range(index, end + 1) if pairs[k][1])
        index = end + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def brier_score(scores, outcomes):
    """Mean squared difference between the probabilities and the outcomes
    (0: perfect); 0 without scores."""
    if not scores:
        return 0.0
    return sum(
        (s - float(o)) ** 2 for s, o in zip(scores, outcomes, strict=True)
    ) / len(scores)


def calibration_by_decile(scores, outcomes, bins=10):
    """[[decile, mean predicted, actual rate, count], ...] by predicted score.

    The leads are sorted by score and cut into ``bins`` parts of (nearly)
    equal size; empty parts are left out.
    """
    ordered = sorted(zip(scores, outcomes, strict=True))
    table = []
    for decile in range(bins):
        part = ordered[
            decile * len(ordered) // bins : (decile + 1) * len(ordered) // bins
        ]
        if not part:
            continue
        table.append(
            [
                decile + 1,
                round(sum(s for s, _o in part) / len(part), 4),
                round(sum(1 for _s, o in part if o) / len(part), 4),
                len(part),
            ]
        )
    return table


# Odoo's predictive lead scoring (crm.lead._pls_*), on plain values: Odoo
# stores 100 and 0 as the automated probability of won and lost leads, and
# its frequency table counts every closed lead, the held-out ones too.


def pls_frequencies(teams, values, outcomes, stages):
    """Odoo's frequency table, as ``_rebuild_pls_frequency_table`` builds it.

    ``teams``: the team id (0: none) of each closed lead; ``values``:
    ``{field: [value per lead]}`` as ``crm.lead._pls_get_lead_pls_values``
    reads them (None: not counted), ``stage_id`` the current stage (a won
    lead counts for every stage, a lost one for its stage and the earlier
    ones) and ``tag_id`` a list of tag ids per lead; ``stages``: ``[(id,
    sequence)]`` of every stage. Returns ``{team: {field: {str(value): [won,
    lost]}}}``, each count plus the 0.1 that Odoo adds.
    """
    sequences = dict(stages)
    counts = Counter()
    for field, column in values.items():
        if field == "tag_id":
            pairs = Counter(
                (team, tag, won)
                for team, tags, won in zip(teams, column, outcomes, strict=True)
                for tag in tags
            )
        else:
            pairs = Counter(zip(teams, column, outcomes, strict=True))
        for (team, value, won), count in pairs.items():
            if value is None:
                continue
            if field != "stage_id":
                counts[team, field, str(value), won] += count
                continue
            limit = sequences.get(value)
            for stage, sequence in stages:
                if won or (limit is not None and sequence <= limit):
                    counts[team, field, str(stage), won] += count
    table = {}
    for (team, field, value, won), count in counts.items():
        entry = table.setdefault(team, {}).setdefault(field, {})
        entry.setdefault(value, [0, 0])[0 if won else 1] += count
    for by_field in table.values():
        for by_value in by_field.values():
            for entry in by_value.values():
                entry[0] += 0.1
                entry[1] += 0.1
    return table


def pls_probabilities(table, teams, values, first_stage, won_stages):
    """Odoo's naive Bayes (``_pls_get_naive_bayes_probabilities``), 0 to 1.

    ``table`` as ``pls_frequencies`` returns it, the leads as it takes them.
    A lead of a team without frequencies is scored on every team's; a tag
    seen on fewer than 50 closed leads is ignored. Unlike Odoo, a lead whose
    stage is unknown is scored without it (Odoo gives it 0). None where Odoo
    computes nothing (a team with no won or no lost lead).
    """
    counts_by_key = {-1: {}}  # team (-1: every team) -> field -> value -> counts
    totals_by_key = {-1: {}}  # team -> field -> [won, lost]
    for team, by_field in table.items():
        keys = (team, -1) if team else (-1,)
        for key in keys:
            counts_by_key.setdefault(key, {})
            totals_by_key.setdefault(key, {})
        for field, by_value in by_field.items():
            for value, (won, lost) in by_value.items():
                if field == "tag_id" and won + lost < 50:
                    continue
                for key in keys:
                    counts = counts_by_key[key].setdefault(field, {})
                    counts = counts.setdefault(value, [0.0, 0.0])
                    total = totals_by_key[key].setdefault(field, [0.0, 0.0])
                    counts[0] += won
                    counts[1] += lost
                    total[0] += won
                    total[1] += lost
    priors = {
        key: by_field.get("stage_id", {}).get(str(first_stage), (0.0, 0.0))
        for key, by_field in counts_by_key.items()
    }
    columns = list(values.items())
    probabilities = []
    for index, team in enumerate(teams):
        key = team if team in counts_by_key else -1
        team_won, team_lost = priors[key]
        stage = values["stage_id"][index] if "stage_id" in values else None
        if stage in won_stages:
            probabilities.append(1.0)
            continue
        if not team_won or not team_lost:
            probabilities.append(None)
            continue
        counts_by_field = counts_by_key[key]
        score_won = team_won / (team_won + team_lost)
        score_lost = team_lost / (team_won + team_lost)
        for field, column in columns:
            value = column[index]
            for item in value if field == "tag_id" else (value,):
                counts = counts_by_field.get(field, {}).get(str(item))
                if item is None or not counts:
                    continue
                total_won, total_lost = (
                    (team_won, team_lost)
                    if field == "stage_id"
                    else totals_by_key[key][field]
                )
                if not total_won or not total_lost:
                    continue
                score_won *= counts[0] / total_won
                score_lost *= counts[1] / total_lost
        probability = round(100 * score_won / (score_won + score_lost), 2)
        probabilities.append(min(max(probability, 0.01), 99.99) / 100.0)
    return probabilities
