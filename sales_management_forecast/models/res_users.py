# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_forecast_history(self):
        """Forecasts, their submissions and adjustments and pipeline
        snapshots keep their salesperson or author (the database refuses
        too: ``ondelete='restrict'``); say so in a sentence."""
        # whether some history exists, whoever may read it
        for model in (
            "sales.forecast",
            "sales.forecast.entry",
            "sales.forecast.snapshot.line",
        ):
            held = (
                self.env[model]
                .sudo()
                ._read_group([("user_id", "in", self.ids)], ["user_id"], limit=1)
            )
            if held:
                raise UserError(
                    self.env._(
                        "The user %(user)s is kept in forecasts, forecast calls or "
                        "pipeline snapshots as history: archive the user instead "
                        "of deleting them.",
                        user=held[0][0].with_env(self.env).display_name,
                    )
                )
