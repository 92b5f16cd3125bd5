# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SNAPSHOT_CRON = "sales_management_forecast.ir_cron_take_pipeline_snapshots"
FORECAST_SETTINGS = (
    "forecast_snapshot_interval_number",
    "forecast_snapshot_interval_type",
    "forecast_accuracy_weeks",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    forecast_snapshot_interval_number = fields.Integer(
        "Snapshot Every",
        default=1,
        help="How often the scheduled job snapshots the open pipeline.",
    )
    forecast_snapshot_interval_type = fields.Selection(
        [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        string="Snapshot Interval Unit",
        default="weeks",
        help="Unit of the snapshot interval.",
    )

    forecast_accuracy_weeks = fields.Integer(
        related="company_id.forecast_accuracy_weeks", readonly=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, FORECAST_SETTINGS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(
            self, vals, FORECAST_SETTINGS
        )
        return super().write(vals)

    @api.constrains("forecast_snapshot_interval_number")
    def _check_forecast_snapshot_interval(self):
        for settings in self:
            if not 1 <= settings.forecast_snapshot_interval_number <= 366:
                raise ValidationError(
                    self.env._("Take snapshots every 1 to 366 days, weeks or months.")
                )

    @api.model
    def get_values(self):
        result = super().get_values()
        cron = self.env.ref(SNAPSHOT_CRON, raise_if_not_found=False)
        if cron:
            result.update(
                forecast_snapshot_interval_number=cron.sudo().interval_number,
                forecast_snapshot_interval_type=cron.sudo().interval_type
                if cron.sudo().interval_type in ("days", "weeks", "months")
                else "weeks",
            )
        return result

    def set_values(self):
        result = super().set_values()
        cron = self.env.ref(SNAPSHOT_CRON, raise_if_not_found=False)
        if cron:
            # settings are for administrators; the job itself is technical data
            cron.sudo().write(
                {
                    "interval_number": max(self.forecast_snapshot_interval_number, 1),
                    "interval_type": self.forecast_snapshot_interval_type or "weeks",
                }
            )
        return result
