# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_forecast_history(self):
        """Forecasts and pipeline snapshots keep their team (the database
        refuses too: ``ondelete='restrict'``); say so in a sentence."""
        # whether some history exists, whoever may read it
        for model in ("sales.forecast", "sales.forecast.snapshot.line"):
            held = (
                self.env[model]
                .sudo()
                ._read_group([("team_id", "in", self.ids)], ["team_id"], limit=1)
            )
            if held:
                raise UserError(
                    self.env._(
                        "The sales team %(team)s is kept in forecasts or pipeline "
                        "snapshots as history: archive it instead of deleting it.",
                        team=held[0][0].with_env(self.env).display_name,
                    )
                )
