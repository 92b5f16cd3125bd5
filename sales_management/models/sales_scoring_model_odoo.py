# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What Odoo's own predictive lead scoring reads of the leads, and its
probabilities on the held-out leads, to compare a scoring model with it.
"""

from odoo import api, models
from odoo.tools import SQL

from ..tools import scoring_evaluation


class SalesScoringModel(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scoring.model"

    @api.model
    def _pls_width(self):
        """How many columns ``_pls_columns_sql`` has."""
        return len(self._pls_fields()[0]) + 3

    @api.model
    def _pls_fields(self):
        """The stored fields of Odoo's ``crm.pls_fields`` setting, and tags.

        ``(names, tags)``: the fields read as columns (besides the stage and
        the team) and whether the tags are read.
        """
        Lead = self.env["crm.lead"]
        names = []
        for name in Lead._pls_get_safe_fields():
            field = Lead._fields[name]
            if name in ("stage_id", "team_id", "tag_ids", *names):
                continue
            if field.store and field.column_type:
                names.append(name)
        return names, "tag_ids" in Lead._pls_get_safe_fields()

    @api.model
    def _pls_columns_sql(self, alias, tag_ids):
        """Columns of what Odoo's scoring reads of lead ``alias``, in SQL."""
        names, _tags = self._pls_fields()
        return SQL(
            "COALESCE(%s, 0), %s, COALESCE(%s, '{}')%s",
            SQL.identifier(alias, "team_id"),
            SQL.identifier(alias, "stage_id"),
            tag_ids,
            SQL("").join(SQL(", %s", SQL.identifier(alias, name)) for name in names),
        )

    @api.model
    def _pls_values_from_columns(self, columns):
        """``(teams, values)`` from the columns of ``_pls_columns_sql``.

        As ``crm.lead._pls_get_lead_pls_values`` reads them: an empty value
        is not counted, but an empty email or phone quality is, as False.
        """
        names, tags = self._pls_fields()
        teams, stages, tag_ids, *plain = columns
        values = {"stage_id": [stage or None for stage in stages]}
        for name, column in zip(names, plain, strict=True):
            if name in ("email_state", "phone_state"):
                values[name] = [value or False for value in column]
            else:
                values[name] = [value or None for value in column]
        if tags:
            values["tag_id"] = tag_ids
        return list(teams), values

    @api.model
    def _pls_lead_values(self, lead_ids):
        """What Odoo's predictive scoring reads of each lead, in that order.

        ``(teams, values)`` as ``scoring_evaluation.pls_frequencies`` takes
        them, from the fields of the ``crm.pls_fields`` setting.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT %s
                     FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ord)
                     JOIN crm_lead l ON l.id = t.id
                LEFT JOIN (SELECT lead_id, array_agg(tag_id) AS ids
                             FROM crm_tag_rel WHERE lead_id = ANY(%s)
                         GROUP BY lead_id) AS tags ON tags.lead_id = l.id
                 ORDER BY t.ord""",
                self._pls_columns_sql("l", SQL("tags.ids")),
                list(lead_ids),
                list(lead_ids),
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return [], {}
        return self._pls_values_from_columns(list(zip(*rows, strict=True)))

    @api.model
    def _pls_stages(self):
        """(every stage as (id, sequence), the first stage, the won stages)."""
        Stage = self.env["crm.stage"]
        stages = Stage.search_read([], ["sequence"], order="sequence, id")
        first = Stage.search([("team_id", "=", False)], order="sequence, id", limit=1)
        won = Stage.search([("is_won", "=", True)])
        return [(s["id"], s["sequence"]) for s in stages], first.id, set(won.ids)

    def _odoo_probabilities(self, pls, outcomes, stages_before, cut):
        """Odoo's probability of the closed leads after ``cut``, from those before.

        Odoo's naive Bayes on its ``crm.pls_fields`` (``pls``: the columns
        of ``_pls_columns_sql`` of the closed leads), its frequency table
        built from the training leads only, each held-out lead scored as it
        stood before it closed (a won one in the stage it was won from).
        """
        teams, values = self._pls_values_from_columns(pls)
        stages, first, won_stages = self._pls_stages()
        table = scoring_evaluation.pls_frequencies(
            teams[:cut],
            {field: column[:cut] for field, column in values.items()},
            outcomes[:cut],
            stages,
        )
        held_out = {field: column[cut:] for field, column in values.items()}
        held_out["stage_id"] = [
            before if won else stage
            for stage, won, before in zip(
                held_out["stage_id"], outcomes[cut:], stages_before[cut:], strict=True
            )
        ]
        probabilities = scoring_evaluation.pls_probabilities(
            table, teams[cut:], held_out, first, won_stages
        )
        base_rate = sum(outcomes[:cut]) / max(cut, 1)
        return [base_rate if p is None else p for p in probabilities]
