# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression

# Member assignment hands out leads by bands of score, the best first.
SCORE_BANDS = tuple(range(90, -10, -10))


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sales_history(self):
        self.env["sales.input.guard"]._sm_check_unreferenced(self)

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

    @api.readonly
    def action_view_current_quota(self):
        self.ensure_one()
        return self.quota_current_id.action_view_achieved()

    # ------------------------------------------------------------------
    # Lead assignment: the best-scored leads first
    # ------------------------------------------------------------------

    def _sm_split_by_score_option(self):
        """(teams assigning by score, the other teams)."""
        by_score = self.filtered(
            lambda team: (team.company_id or self.env.company).sm_assign_by_score
        )
        return by_score, self - by_score

    def _allocate_leads(self, creation_delta_days=7):
        """Teams take the unassigned leads by score, the highest first.

        Odoo's allocation takes each team's leads in their default order; the
        context makes that order the score (see ``crm.lead.search_fetch``).
        """
        by_score, others = self._sm_split_by_score_option()
        if not by_score:
            return super()._allocate_leads(creation_delta_days=creation_delta_days)
        result = super(
            CrmTeam, by_score.with_context(sm_leads_by_score=True)
        )._allocate_leads(creation_delta_days=creation_delta_days)
        if others:
            result.update(
                super(CrmTeam, others)._allocate_leads(
                    creation_delta_days=creation_delta_days
                )
            )
        return result

    def _get_lead_to_assign_domain(self):
        domain = super()._get_lead_to_assign_domain()
        band = self.env.context.get("sm_assign_score_band")
        if band is None:
            return domain
        if band == "unscored":
            return expression.AND([domain, [("sm_score", "=", False)]])
        low, high = band
        return expression.AND(
            [domain, [("sm_score", ">=", low), ("sm_score", "<", high)]]
        )

    def _assign_and_convert_leads(self, force_quota=False):
        """Members receive the best-scored leads first.

        Odoo's round robin runs once per band of ten score points, from the
        best band down, then for the unscored leads: within a band, Odoo's own
        order and rules (capacity, member domains) apply unchanged. Each
        member's capacity is shared by all bands.
        """
        by_score, others = self._sm_split_by_score_option()
        if not by_score:
            return super()._assign_and_convert_leads(force_quota=force_quota)
        result = {}
        assigned_before = {}
        bands = [
            (low, 1000 if low == SCORE_BANDS[0] else low + 10) for low in SCORE_BANDS
        ]
        for band in [*bands, "unscored"]:
            teams = by_score.with_context(
                sm_assign_score_band=band, sm_assigned_before=dict(assigned_before)
            )
            band_result = super(CrmTeam, teams)._assign_and_convert_leads(
                force_quota=force_quota
            )
            for member, data in band_result.items():
                member = member.with_env(self.env)
                if member in result:
                    result[member]["assigned"] |= data["assigned"]
                else:
                    result[member] = dict(data)
                assigned_before[member.id] = assigned_before.get(member.id, 0) + len(
                    data["assigned"]
                )
        if others:
            result.update(
                super(CrmTeam, others)._assign_and_convert_leads(
                    force_quota=force_quota
                )
            )
        return result
