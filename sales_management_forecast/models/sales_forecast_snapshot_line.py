# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_lead import FORECAST_CATEGORIES
from .sales_forecast_snapshot import SNAPSHOT_JOB


class SalesForecastSnapshotLine(models.Model):
    _name = "sales.forecast.snapshot.line"
    _description = "Pipeline Snapshot Opportunity"
    _order = "snapshot_id desc, lead_id"
    _rec_name = "lead_id"

    snapshot_id = fields.Many2one(
        "sales.forecast.snapshot",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="The snapshot this line belongs to.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        help="Company of the snapshot.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Datetime(readonly=True, help="When the snapshot was taken.")
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The opportunity (empty once deleted).",
    )
    # the snapshot is history: archive a user or a team instead of deleting it
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="Salesperson of the opportunity then.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="Sales team of the opportunity then.",
    )
    stage_id = fields.Many2one("crm.stage", readonly=True, help="Stage then.")
    forecast_category = fields.Selection(
        FORECAST_CATEGORIES, readonly=True, help="Forecast category then."
    )
    probability = fields.Float(
        readonly=True, aggregator="avg", help="Probability then (%)."
    )
    amount = fields.Monetary(
        "Expected Revenue", readonly=True, help="Expected revenue then."
    )
    prorated_amount = fields.Monetary(
        "Weighted Revenue",
        readonly=True,
        help="Expected revenue times probability then.",
    )
    date_deadline = fields.Date(
        "Expected Closing", readonly=True, help="Expected closing date then."
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(SNAPSHOT_JOB):
            raise UserError(
                self.env._(
                    "The lines of a pipeline snapshot are written by the "
                    "snapshot job only."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._("A pipeline snapshot is history: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A pipeline snapshot is history: it cannot be deleted.")
        )
