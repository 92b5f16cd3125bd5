# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadAssignmentByScore(SalesManagementCommon):
    """Odoo's lead assignment hands out the best-scored leads first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        # two leads a day for each member of North (60 a month)
        cls.team_north.crm_team_member_ids.write({"assignment_max": 60})
        cls.team_north.assignment_domain = False
        (cls.team_south | cls.env["crm.team"].search([])).filtered(
            lambda team: team != cls.team_north
        ).crm_team_member_ids.write({"assignment_max": 0})

    def _leads(self, scores, **vals):
        """Unassigned leads with these scores; Odoo's probability the other way."""
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Lead {score if score is not None else -1}",
                    "type": "lead",
                    "user_id": False,
                    "probability": 100 - (score or 0) if score is not None else 50,
                    **vals,
                }
                for score in scores
            ]
        )
        for lead, score in zip(leads, scores, strict=True):
            lead.sm_score_id.sudo().score = score if score is not None else False
        return leads

    def _assigned_scores(self, leads):
        """Scores the assigned leads had (assigning them rescores them)."""
        return sorted(
            (int(lead.name.split()[1]) for lead in leads if lead.user_id),
            reverse=True,
        )

    def test_members_receive_the_best_scores_first(self):
        leads = self._leads([12, 95, 40, None, 88, 67], team_id=self.team_north.id)
        result = self.team_north._assign_and_convert_leads(force_quota=True)
        # two members, two leads each: the four best scores, whatever Odoo's
        # probability says
        self.assertEqual(self._assigned_scores(leads), [95, 88, 67, 40])
        self.assertEqual(
            sorted(len(data["assigned"]) for data in result.values()), [2, 2]
        )
        for data in result.values():
            self.assertEqual(data["quota"], 2)
        self.assertFalse(leads.filtered(lambda lead: lead.name == "Lead 12").user_id)

    def test_without_the_option_odoo_order_stays(self):
        self.company.sm_assign_by_score = False
        leads = self._leads([12, 95, 40, 5, 88, 67], team_id=self.team_north.id)
        self.team_north._assign_and_convert_leads(force_quota=True)
        # Odoo's order: the highest probability (here, the lowest scores)
        self.assertEqual(self._assigned_scores(leads), [67, 40, 12, 5])

    def test_capacity_left_goes_to_unscored_leads(self):
        leads = self._leads([None, 30, None, None], team_id=self.team_north.id)
        self.team_north._assign_and_convert_leads(force_quota=True)
        self.assertEqual(len(leads.filtered("user_id")), 4)

    def test_teams_take_the_best_scored_lead_first(self):
        leads = self._leads([20, 75, None, 55], team_id=False)
        # the order Odoo's allocation reads the leads in, when assigning by score
        ordered = (
            self.env["crm.lead"]
            .with_context(sm_leads_by_score=True)
            .search([("id", "in", leads.ids)])
        )
        self.assertEqual(
            ordered.mapped("name"), ["Lead 75", "Lead 55", "Lead 20", "Lead -1"]
        )
        leads.flush_recordset()
        data = self.team_north._allocate_leads(creation_delta_days=0)
        self.assertLessEqual(set(leads.ids), set(data[self.team_north]["assigned"]))
        self.assertEqual(leads.team_id, self.team_north)
