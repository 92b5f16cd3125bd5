# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_scorecard import ScorecardCommon


@tagged("post_install", "-at_install")
class TestScorecardSecurity(ScorecardCommon):
    def _visible(self, user):
        return (
            self.env["sales.scorecard"]
            .with_user(user)
            .search([("period_id", "=", self.march.id)])
        )

    def _check_role(self, user, expected_users):
        """Every read path (search, read by id, read_group, closed rows)."""
        for closed in (False, True):
            if closed:
                self.march.action_close()
            visible = self._visible(user)
            self.assertEqual(visible.user_id, expected_users)
            groups = (
                self.env["sales.scorecard"]
                .with_user(user)
                .read_group([("period_id", "=", self.march.id)], ["revenue:sum"], [])
            )
            expected = sum(self.card(other).revenue for other in expected_users)
            self.assertAlmostEqual(groups[0]["revenue"], expected)
            hidden = self.env["sales.scorecard"].search(
                [
                    ("period_id", "=", self.march.id),
                    ("user_id", "not in", expected_users.ids),
                ]
            )
            self.assertTrue(hidden)
            with self.assertRaises(AccessError):
                hidden.with_user(user).read(["revenue"])

    def test_salesperson_sees_own(self):
        self._check_role(self.rep_a, self.rep_a)

    def test_team_leader_sees_team(self):
        # the leader leads North without being a member: the members' cards
        self._check_role(self.leader, self.rep_a | self.rep_b)

    def test_manager_sees_all(self):
        visible = self._visible(self.manager)
        self.assertTrue(self.rep_c in visible.user_id)
        self.assertEqual(
            len(visible),
            len(
                self.env["sales.scorecard"].search([("period_id", "=", self.march.id)])
            ),
        )

    def test_nobody_else(self):
        employee = new_test_user(
            self.env, login="sm_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["sales.scorecard"].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["sales.scorecard.line"].with_user(self.rep_a).search([])

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.manager.company_ids |= other
        self.env["sales.scorecard.period"].create(
            {"company_id": other.id, "date_from": "2026-03-01"}
        )
        cards = (
            self.env["sales.scorecard"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=self.company.ids)
            .search([("date_from", "=", "2026-03-01")])
        )
        self.assertEqual(cards.company_id, self.company)

    def test_only_managers_configure(self):
        for user in (self.rep_a, self.leader):
            with self.assertRaises(AccessError):
                self.env["sales.scorecard.weight"].with_user(user).create({})
            with self.assertRaises(AccessError):
                self.env["sales.scorecard.period"].with_user(user).create(
                    {"date_from": "2026-05-01"}
                )
