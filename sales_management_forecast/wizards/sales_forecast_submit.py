# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.sales_forecast_entry import ENTRY_KINDS

# Figures of the forecast shown beside the call.
WIZARD_FIGURES = ("target", "closed_won", "commit_amount", "best_case_amount")


class SalesForecastSubmit(models.TransientModel):
    _name = "sales.forecast.submit"
    _description = "Submit or Adjust a Forecast"
    _inherit = ["sales.input.guard"]

    forecast_id = fields.Many2one(
        "sales.forecast",
        required=True,
        ondelete="cascade",
        help="The forecast to submit or adjust.",
    )
    # Never related fields computed as superuser (Odoo's default): a wizard
    # takes any forecast id from the client.
    company_id = fields.Many2one(related="forecast_id.company_id", related_sudo=False)
    currency_id = fields.Many2one(related="forecast_id.currency_id", related_sudo=False)
    kind = fields.Selection(
        ENTRY_KINDS,
        required=True,
        default="submission",
        help="Submit your own call, or adjust the call as team leader or "
        "sales manager.",
    )
    amount = fields.Monetary(
        "Call",
        required=True,
        help="The amount you expect to win in the period.",
    )
    note = fields.Text(help="Why: required for an adjustment.")
    closed_won = fields.Monetary(
        compute="_compute_figures",
        help="Expected revenue of the opportunities won in the period.",
    )
    commit_amount = fields.Monetary(
        "Commit",
        compute="_compute_figures",
        help="Expected revenue of the open opportunities in the Commit "
        "category expected to close in the period.",
    )
    best_case_amount = fields.Monetary(
        "Best Case",
        compute="_compute_figures",
        help="Expected revenue of the open opportunities in the Best Case "
        "category expected to close in the period.",
    )
    target = fields.Monetary(
        compute="_compute_figures",
        help="Target of the period from the active and closed target plans on "
        "confirmed sales of every product (a team's or the company's: the sum "
        "of the team targets).",
    )

    @api.depends("forecast_id")
    @api.depends_context("uid")
    def _compute_figures(self):
        # The figures of a forecast are computed in SQL, without the access
        # check of a read: show them only for a forecast the user may read
        # (an onchange computes them on an id the client chose).
        readable = self.forecast_id._filtered_access("read")
        for wizard in self:
            forecast = wizard.forecast_id
            for name in WIZARD_FIGURES:
                wizard[name] = forecast[name] if forecast in readable else 0.0

    @api.model
    def _check_forecast(self, forecast, kind):
        """Raise unless the current user may read ``forecast`` and add an
        entry of ``kind`` to it (AccessError, or UserError when closed)."""
        forecast.check_access("read")
        if kind in dict(ENTRY_KINDS):
            # an unknown kind is refused by the selection field itself
            forecast._check_entry_allowed(kind)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("forecast_id"):
            self._check_forecast(
                self.env["sales.forecast"].browse(values["forecast_id"]),
                values.get("kind")
                or self.env.context.get("default_kind")
                or "submission",
            )
        return values

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        wizards = super().create(vals_list)
        for wizard in wizards:
            self._check_forecast(wizard.forecast_id, wizard.kind)
        return wizards

    def write(self, vals):
        self._sm_check_input_values(vals)
        result = super().write(vals)
        if "forecast_id" in vals or "kind" in vals:
            for wizard in self:
                self._check_forecast(wizard.forecast_id, wizard.kind)
        return result

    def action_confirm(self):
        self.ensure_one()
        self.env["sales.forecast.entry"].create(
            {
                "forecast_id": self.forecast_id.id,
                "kind": self.kind,
                "amount": self.amount,
                "note": self.note,
            }
        )
        return {"type": "ir.actions.act_window_close"}
