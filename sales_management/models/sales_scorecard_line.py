# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class SalesScorecardLine(models.Model):
    """The scorecards of a closed period, stored as they were at closing.

    Written only by the closing of a period (one ``INSERT ... SELECT``) and
    never changed afterwards: users read them through ``sales.scorecard``.
    """

    _name = "sales.scorecard.line"
    _inherit = ["sales.scorecard.figures"]
    _description = "Stored Scorecard"
    _order = "period_id desc, rank_company, id"

    _sql_constraints = [
        (
            "period_user_unique",
            "UNIQUE (period_id, user_id)",
            "A salesperson has one scorecard per period.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("sales_scorecard_closing"):
            raise UserError(
                self.env._(
                    "Scorecards are stored only by closing their period "
                    "(Performance > Scorecard Periods)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get("sales_scorecard_closing"):
            raise UserError(
                self.env._(
                    "The scorecards of a closed period are history: they cannot "
                    "be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "The scorecards of a closed period are history: they cannot be deleted."
            )
        )
