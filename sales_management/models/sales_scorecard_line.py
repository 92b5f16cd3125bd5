# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
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

    # the stored scorecards are history: the period, salesperson and team
    # they measure cannot be deleted under them
    period_id = fields.Many2one(ondelete="restrict")
    user_id = fields.Many2one(ondelete="restrict")
    team_id = fields.Many2one(ondelete="restrict")

    _sql_constraints = [
        (
            "period_user_unique",
            "UNIQUE (period_id, user_id)",
            "A salesperson has one scorecard per period.",
        ),
    ]

    # Stored by the closing of a period only, with one INSERT ... SELECT that
    # passes neither create nor write: both refuse everyone.

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise UserError(
                self.env._(
                    "Scorecards are stored only by closing their period "
                    "(Performance > Scorecard Periods)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
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
