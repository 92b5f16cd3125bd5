# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LEADER, SALESMAN
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


@tagged("post_install", "-at_install")
class TestScorecardDigestCompanies(ScorecardCommon):
    """The digest holds what its reader may read, as the scheduler sends it."""

    @freeze_time("2026-04-02")
    def test_digest_of_a_team_without_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})

        def user(login, group, company):
            return new_test_user(
                self.env,
                login=login,
                name=login.replace("_", " ").title(),
                email=f"{login}@example.com",
                groups=f"base.group_user,{group}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        leader = user("sm_roaming_leader", LEADER, self.company)
        rep_here = user("sm_rep_here", SALESMAN, self.company)
        rep_there = user("sm_rep_there", SALESMAN, other)
        self.env["crm.team"].create(
            {
                "name": "Roaming",
                "company_id": False,
                "user_id": leader.id,
                "member_ids": [Command.set((rep_here | rep_there).ids)],
            }
        )
        self.env["sales.scorecard.period"].sudo()._cron_send_digest()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", leader.partner_id.ids)]
        )
        self.assertTrue(mails)
        body = "".join(mails.mapped("body_html"))
        self.assertIn("Sm Rep Here", body)
        # the member of the other company, whose scorecards the leader
        # cannot read, is in no digest
        self.assertNotIn("Sm Rep There", body)
        self.assertEqual(len(mails), 1)

    @freeze_time("2026-04-02")
    def test_digest_of_a_leader_without_leader_rights(self):
        # rep B leads South in the CRM without the Team Leader group: rep B
        # reads no scorecard of South's members, nor does the digest
        self.team_south.user_id = self.rep_b
        self.env["sales.scorecard.period"].sudo()._cron_send_digest()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.rep_b.partner_id.ids)]
        )
        self.assertEqual(len(mails), 1)
        self.assertIn("South", mails.subject)
        self.assertNotIn("Sm Rep C", mails.body_html)


@tagged("post_install", "-at_install")
class TestScorecardPeriodSecurity(ScorecardCommon):
    """Only the Close button changes the state of a period, and only once."""

    def test_closed_period_stays_closed(self):
        self.march.with_user(self.manager).action_close()
        stored = self.env["sales.scorecard.line"].search_count(
            [("period_id", "=", self.march.id)]
        )
        self.assertTrue(stored)
        # the context key of the closing grants nothing
        period = self.march.with_user(self.manager).with_context(
            sales_scorecard_closing=True
        )
        with self.assertRaises(UserError):
            period.write({"state": "open"})
        with self.assertRaises(UserError):
            period.write({"closed_on": False, "closed_by_id": False})
        with self.assertRaises(UserError):
            period.unlink()
        self.assertEqual(self.march.state, "closed")
        self.assertEqual(self.march.closed_by_id, self.manager)
        self.assertEqual(
            self.env["sales.scorecard.line"].search_count(
                [("period_id", "=", self.march.id)]
            ),
            stored,
        )

    def test_state_only_through_the_close_button(self):
        Period = (
            self.env["sales.scorecard.period"]
            .with_user(self.manager)
            .with_context(sales_scorecard_closing=True)
        )
        # an open period closed without its scorecards stored
        with self.assertRaises(UserError):
            Period.browse(self.march.id).write({"state": "closed"})
        self.assertEqual(self.march.state, "open")
        with self.assertRaises(UserError):
            Period.create({"date_from": date(2026, 5, 1), "state": "closed"})
        with self.assertRaises(UserError):
            Period.create(
                {"date_from": date(2026, 5, 1), "closed_by_id": self.manager.id}
            )
        self.assertFalse(
            self.env["sales.scorecard.period"].search(
                [("date_from", "=", date(2026, 5, 1))]
            )
        )
        # stored scorecards, whatever the context
        with self.assertRaises(UserError):
            self.env["sales.scorecard.line"].with_user(self.manager).with_context(
                sales_scorecard_closing=True
            ).create({"period_id": self.march.id, "user_id": self.rep_a.id})

    def test_what_stored_scorecards_measure_is_not_deleted(self):
        rep_d = new_test_user(
            self.env,
            login="sm_rep_d",
            groups=f"base.group_user,{SALESMAN}",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.team_south.member_ids |= rep_d
        self.march.with_user(self.manager).action_close()
        lines = self.env["sales.scorecard.line"].search(
            [("period_id", "=", self.march.id)]
        )
        self.assertIn(rep_d, lines.user_id)
        self.assertIn(self.team_north, lines.team_id)
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.team_north.with_user(self.manager).unlink()
        admin = new_test_user(
            self.env, login="sm_admin", groups="base.group_user,base.group_system"
        )
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            rep_d.with_user(admin).unlink()
        self.assertTrue(self.team_north.exists())
        self.assertTrue(rep_d.exists())
        self.assertEqual(
            self.env["sales.scorecard.line"].search(
                [("period_id", "=", self.march.id)]
            ),
            lines,
        )
