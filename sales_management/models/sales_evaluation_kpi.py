# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .sales_scorecard_kpi import KPI_BY_NAME, KPI_SELECTION, kpi_trend


class SalesEvaluationKpi(models.Model):
    """One KPI of the scorecard embedded in a review."""

    _name = "sales.evaluation.kpi"
    _description = "Review Scorecard KPI"
    _inherit = ["sales.input.guard"]
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "sales.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )
    kpi = fields.Selection(
        KPI_SELECTION, "KPI", required=True, help="The indicator measured."
    )
    sequence = fields.Integer(
        compute="_compute_sequence", store=True, help="Order of the KPIs."
    )
    value = fields.Float(digits=(16, 2), help="The KPI in the period reviewed.")
    previous = fields.Float(
        digits=(16, 2), help="The KPI in the period before the one reviewed."
    )
    delta = fields.Float(
        "Change",
        compute="_compute_delta",
        store=True,
        digits=(16, 2),
        help="Value minus previous value.",
    )
    percentile = fields.Float(
        "Team Percentile",
        digits=(16, 0),
        help="Share of the team doing worse on this KPI, in percent.",
    )
    trend = fields.Selection(
        [("better", "Better"), ("worse", "Worse"), ("same", "Same")],
        compute="_compute_delta",
        store=True,
        help="Whether the KPI got better or worse than in the previous period "
        "(fewer is better for overdue activities and the sales cycle).",
    )

    @api.depends("kpi")
    def _compute_sequence(self):
        order = {name: index for index, name in enumerate(KPI_BY_NAME)}
        for line in self:
            line.sequence = order.get(line.kpi, 0)

    @api.depends("value", "previous", "kpi")
    def _compute_delta(self):
        for line in self:
            line.delta = line.value - line.previous
            line.trend = kpi_trend(line.kpi, line.previous, line.value)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if any(line.evaluation_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The scorecard of a shared review cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.evaluation_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The scorecard of a shared review cannot be changed.")
            )
