# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaSecurity(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan("sale")
        month = date(2026, 3, 1)
        cls.q_a = cls.create_quota(cls.plan, cls.rep_a, month, 1000)
        cls.q_b = cls.create_quota(cls.plan, cls.rep_b, month, 1000)
        cls.q_c = cls.create_quota(cls.plan, cls.rep_c, month, 1000)
        cls.q_north = cls.create_quota(cls.plan, cls.team_north, month, 3000)
        cls.q_south = cls.create_quota(cls.plan, cls.team_south, month, 3000)
        cls.q_leader = cls.create_quota(
            cls.plan, cls.leader, month, 500, team_id=cls.team_south.id
        )
        cls.plan.action_activate()
        cls.create_order(cls.rep_a, date(2026, 3, 3), [(cls.service, 2, 100)])
        cls.create_order(cls.rep_b, date(2026, 3, 3), [(cls.service, 3, 100)])
        cls.create_order(cls.rep_c, date(2026, 3, 3), [(cls.service, 4, 100)])

    def _visible(self, user):
        return (
            self.env["sales.quota"]
            .with_user(user)
            .search([("plan_id", "=", self.plan.id)])
        )

    def test_salesperson_sees_own_targets(self):
        visible = self._visible(self.rep_a)
        self.assertEqual(visible, self.q_a)
        # the set-based figures are computed for exactly what the user sees
        self.assertEqual(visible.achieved, 200)
        figures = visible._get_attainment_figures()
        self.assertEqual(set(figures), {self.q_a.id})
        with self.assertRaises(AccessError):
            self.q_b.with_user(self.rep_a).read(["achieved"])
        with self.assertRaises(AccessError):
            self.q_north.with_user(self.rep_a).achieved  # noqa: B018

    def test_team_leader_sees_team_targets(self):
        visible = self._visible(self.leader)
        self.assertEqual(visible, self.q_a | self.q_b | self.q_north | self.q_leader)
        self.assertEqual(sorted(visible.mapped("achieved")), [0.0, 200.0, 300.0, 500.0])
        with self.assertRaises(AccessError):
            self.q_c.with_user(self.leader).read(["achieved"])

    def test_manager_sees_everything(self):
        visible = self._visible(self.manager)
        self.assertEqual(len(visible), 6)
        self.assertEqual(self.q_south.with_user(self.manager).achieved, 400)

    def test_plan_totals_follow_rules(self):
        self.assertEqual(self.plan.with_user(self.rep_a).target_total, 1000)
        self.assertEqual(self.plan.with_user(self.leader).target_total, 2500)
        self.assertEqual(self.plan.with_user(self.manager).target_total, 3500)
        self.assertEqual(self.plan.with_user(self.manager).achieved_total, 900)

    def test_only_managers_write(self):
        for user in (self.rep_a, self.leader):
            with self.assertRaises(AccessError):
                self.q_a.with_user(user).write({"target_amount": 5})
            with self.assertRaises(AccessError):
                self.env["sales.quota.plan"].with_user(user).create(
                    {"name": "Mine", "date_from": "2027-01-01", "date_to": "2027-12-31"}
                )
            with self.assertRaises(AccessError):
                self.plan.with_user(user).action_close()
        self.q_a.with_user(self.manager).write({"target_amount": 5})
        self.assertEqual(self.q_a.target_amount, 5)

    def test_team_card_as_salesperson(self):
        team = self.team_north.with_user(self.rep_a)
        team.invalidate_recordset()
        # a salesperson may not read the team target: the card stays empty
        self.assertFalse(team.quota_current_id)

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        other_plan = self.env["sales.quota.plan"].create(
            {
                "name": "Other plan",
                "company_id": other.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        self.env["sales.quota"].create(
            {
                "plan_id": other_plan.id,
                "user_id": self.rep_a.id,
                "date_from": "2026-03-01",
                "target_amount": 10,
            }
        )
        # the manager belongs to the first company only
        plans = self.env["sales.quota.plan"].with_user(self.manager).search([])
        self.assertNotIn(other_plan, plans)
        quotas = self.env["sales.quota"].with_user(self.manager).search([])
        self.assertFalse(quotas.filtered(lambda q: q.company_id == other))
        self.manager.company_ids = [Command.link(other.id)]
        quotas = (
            self.env["sales.quota"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .search([("company_id", "=", other.id)])
        )
        self.assertEqual(len(quotas), 1)
        # orders of the first company never count toward the other company's plan
        self.assertEqual(quotas.achieved, 0)
