# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    quota_current_id = fields.Many2one(
        "sales.quota",
        string="Current Target",
        compute="_compute_quota_current",
        help="The team's target of the current period in an active plan.",
    )
    quota_current_target = fields.Float(
        "Current Target Amount", compute="_compute_quota_current"
    )
    quota_current_achieved = fields.Float(
        "Current Achieved", compute="_compute_quota_current"
    )
    quota_current_attainment = fields.Float(
        "Current Attainment (%)", compute="_compute_quota_current"
    )
    quota_current_pace = fields.Selection(
        [("behind", "Behind pace"), ("on", "On pace"), ("ahead", "Ahead of pace")],
        string="Current Pace",
        compute="_compute_quota_current",
    )
    quota_current_unit = fields.Char(
        "Current Target Unit", compute="_compute_quota_current"
    )

    @api.depends_context("uid", "tz")
    def _compute_quota_current(self):
        quotas = self.env["sales.quota"].search(
            [
                ("team_id", "in", self.ids),
                ("target_type", "=", "team"),
                ("plan_state", "=", "active"),
                ("is_current_period", "=", True),
            ]
        )
        by_team = {}
        for quota in quotas:
            by_team.setdefault(quota.team_id.id, quota)
        current = self.env["sales.quota"].browse(q.id for q in by_team.values())
        # one set-based computation for every card of the kanban
        current.mapped("attainment")
        for team in self:
            quota = by_team.get(team.id, self.env["sales.quota"])
            team.quota_current_id = quota
            team.quota_current_target = quota.effective_target
            team.quota_current_achieved = quota.achieved
            team.quota_current_attainment = quota.attainment
            team.quota_current_pace = quota.pace_status
            team.quota_current_unit = quota.unit_label

    def action_view_current_quota(self):
        self.ensure_one()
        return self.quota_current_id.action_view_achieved()
