# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SalesForecastPrepare(models.TransientModel):
    _name = "sales.forecast.prepare"
    _description = "Prepare a Forecast Sheet"
    _inherit = ["sales.input.guard"]

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Company whose forecast sheet to prepare.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Period",
        required=True,
        default="month",
        help="Length of the forecast period.",
    )
    date = fields.Date(
        "In the Period Of",
        required=True,
        default=fields.Date.context_today,
        help="Any day of the period to prepare.",
    )

    @api.constrains("company_id")
    def _check_company_allowed(self):
        self._sm_check_company_allowed(self.company_id)

    def action_prepare(self):
        self.ensure_one()
        self._check_company_allowed()
        forecasts = self.env["sales.forecast"]._prepare_sheets(
            self.company_id, self.period_type, self.date
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_action"
        )
        action["domain"] = [("id", "in", forecasts.ids)]
        action["context"] = {}
        return action
