# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

FORECAST_COMPANY_FIELDS = ("forecast_accuracy_weeks",)


class ResCompany(models.Model):
    _inherit = "res.company"

    forecast_accuracy_weeks = fields.Integer(
        default=2,
        help="Forecast accuracy compares the call that counted this many "
        "weeks before the end of each period with the actual.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, FORECAST_COMPANY_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(
            self, vals, FORECAST_COMPANY_FIELDS
        )
        return super().write(vals)

    @api.constrains("forecast_accuracy_weeks")
    def _check_forecast_accuracy_weeks(self):
        for company in self:
            if not 0 <= company.forecast_accuracy_weeks <= 52:
                raise ValidationError(
                    self.env._(
                        "Forecast accuracy compares the call of 0 to 52 weeks "
                        "before the end of the period."
                    )
                )
