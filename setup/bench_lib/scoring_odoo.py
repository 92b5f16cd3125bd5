"""Our model against Odoo's naive Bayes on the held-out closed leads.

The AUC and Brier score of Odoo's predictive scoring on the most recent fifth
of the closed leads, from Odoo's own frequency table, and the checks that the
re-implementation of Odoo's naive Bayes (``tools/scoring_evaluation.py``)
gives Odoo's frequency table and Odoo's probabilities.
"""

from odoo.tools import SQL

PROBABILITY_TOLERANCE = 0.01  # percentage points: Odoo rounds to 0.01
FREQUENCY_TOLERANCE = 1e-6


def _held_out(env, model):
    """(ids, outcomes, stages before closing) of the held-out closed leads."""
    ids, _columns, details = model.sudo()._lead_features()
    n_closed = sum(details["closed"])
    cut = int(n_closed * 0.8)
    return (
        ids[cut:n_closed],
        details["won"][cut:n_closed],
        details["stage_before"][cut:n_closed],
        ids[:n_closed],
        details["won"][:n_closed],
    )


def _odoo_table(cr):
    """Odoo's frequency table, as ``pls_frequencies`` returns one."""
    cr.execute(
        """SELECT COALESCE(team_id, 0), variable, value, won_count, lost_count
             FROM crm_lead_scoring_frequency"""
    )
    table = {}
    for team, field, value, won, lost in cr.fetchall():
        table.setdefault(team, {}).setdefault(field, {})[value] = [won, lost]
    return table


def _table_difference(mine, odoo):
    """How many (team, field, value) counts differ between two tables."""
    keys = set()
    for table in (mine, odoo):
        for team, by_field in table.items():
            for field, by_value in by_field.items():
                keys.update((team, field, value) for value in by_value)
    differ = 0
    for team, field, value in keys:
        a = mine.get(team, {}).get(field, {}).get(value)
        b = odoo.get(team, {}).get(field, {}).get(value)
        if (
            a is None
            or b is None
            or any(abs(x - y) > FREQUENCY_TOLERANCE for x, y in zip(a, b, strict=True))
        ):
            differ += 1
    return len(keys), differ


def _compare_with_odoo(env, model, results):
    """AUC figures and checks of the re-implementation of Odoo's scoring."""
    from odoo.addons.sales_management.tools import scoring_evaluation as evaluation

    Model = env["sales.scoring.model"]
    cr = env.cr
    held_ids, held_won, held_before, closed_ids, closed_won = _held_out(env, model)
    stages, first, won_stages = Model._pls_stages()
    odoo_table = _odoo_table(cr)

    teams, values = Model._pls_lead_values(closed_ids)
    rebuilt = evaluation.pls_frequencies(teams, values, closed_won, stages)
    count, differ = _table_difference(rebuilt, odoo_table)
    results.checks.append(
        (
            "Odoo's frequency table rebuilt from the closed leads equals Odoo's",
            count > 0 and differ == 0,
            f"{count} (team, field, value) counts, {differ} differ",
        )
    )

    cr.execute(
        """SELECT id, automated_probability FROM crm_lead
            WHERE type = 'opportunity' AND active AND probability < 100
              AND probability > 0 AND stage_id IS NOT NULL ORDER BY id"""
    )
    open_rows = cr.fetchall()
    teams, values = Model._pls_lead_values([row[0] for row in open_rows])
    mine = evaluation.pls_probabilities(odoo_table, teams, values, first, won_stages)
    compared = [
        (100 * p, row[1])
        for p, row in zip(mine, open_rows, strict=True)
        if p is not None
    ]
    wrong = sum(
        1 for a, b in compared if abs(a - (b or 0.0)) > PROBABILITY_TOLERANCE + 1e-9
    )
    results.checks.append(
        (
            "Odoo's naive Bayes re-implemented gives Odoo's automated_probability",
            bool(compared) and wrong == 0,
            f"{len(compared)} open leads, {wrong} differ by more than "
            f"{PROBABILITY_TOLERANCE} point",
        )
    )

    teams, values = Model._pls_lead_values(held_ids)
    values["stage_id"] = [
        before if won else stage
        for stage, won, before in zip(
            values["stage_id"], held_won, held_before, strict=True
        )
    ]
    in_sample = [
        0.5 if p is None else p
        for p in evaluation.pls_probabilities(
            odoo_table, teams, values, first, won_stages
        )
    ]
    cr.execute(
        SQL(
            "SELECT id, automated_probability FROM crm_lead WHERE id = ANY(%s)",
            held_ids,
        )
    )
    stored = dict(cr.fetchall())
    stored = [(stored.get(lead_id) or 0.0) / 100.0 for lead_id in held_ids]
    return {
        "held_out": len(held_ids),
        "held_out_won": sum(held_won),
        "in_sample_auc": evaluation.auc(in_sample, held_won),
        "in_sample_brier": evaluation.brier_score(in_sample, held_won),
        "stored_auc": evaluation.auc(stored, held_won),
    }
