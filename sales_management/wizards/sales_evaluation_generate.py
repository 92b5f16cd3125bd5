# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesEvaluationGenerate(models.TransientModel):
    """Open a review for every member of a team for a period, in one step."""

    _name = "sales.evaluation.generate"
    _description = "Open Reviews for a Team"
    _inherit = ["sales.input.guard"]

    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        required=True,
        help="Every active member of the team gets a review.",
    )
    period_id = fields.Many2one(
        "sales.scorecard.period",
        required=True,
        domain="[('date_from', '<=', context_today().strftime('%Y-%m-%d'))]",
        help="The period the reviews cover.",
    )
    reviewer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        required=True,
        help="The manager who writes the reviews.",
    )
    member_ids = fields.Many2many(
        "res.users",
        compute="_compute_member_ids",
        string="Salespeople",
        help="Members of the team who have no review for the period yet.",
    )
    existing_count = fields.Integer(
        compute="_compute_member_ids",
        help="Members who already have a review for the period (left alone).",
    )

    @api.depends("team_id", "period_id")
    def _compute_member_ids(self):
        for wizard in self:
            members = wizard.team_id.member_ids
            reviewed = (
                self.env["sales.evaluation"]
                .search(
                    [
                        ("period_id", "=", wizard.period_id.id),
                        ("user_id", "in", members.ids),
                    ]
                )
                .user_id
            )
            wizard.member_ids = members - reviewed
            wizard.existing_count = len(reviewed)

    def action_generate(self):
        self.ensure_one()
        if not self.member_ids:
            raise UserError(
                self.env._(
                    "Every member of %(team)s already has a review for %(period)s "
                    "(or the team has no member): nothing to open.",
                    team=self.team_id.name,
                    period=self.period_id.name,
                )
            )
        reviews = self.env["sales.evaluation"].create(
            [
                {
                    "user_id": user.id,
                    "period_id": self.period_id.id,
                    "team_id": self.team_id.id,
                    "reviewer_id": self.reviewer_id.id,
                }
                for user in self.member_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reviews"),
            "res_model": "sales.evaluation",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", reviews.ids)],
        }
