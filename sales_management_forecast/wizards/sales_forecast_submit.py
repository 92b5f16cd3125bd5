# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.sales_forecast_entry import ENTRY_KINDS


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
    company_id = fields.Many2one(related="forecast_id.company_id")
    currency_id = fields.Many2one(related="forecast_id.currency_id")
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
    closed_won = fields.Monetary(related="forecast_id.closed_won")
    commit_amount = fields.Monetary(related="forecast_id.commit_amount")
    best_case_amount = fields.Monetary(related="forecast_id.best_case_amount")
    target = fields.Monetary(related="forecast_id.target")

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
