# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .test_scorecard import ScorecardCommon


@tagged("post_install", "-at_install")
class TestScorecardClose(ScorecardCommon):
    def test_closed_scorecards_do_not_change(self):
        before = self.card(self.rep_a)
        revenue, score, rank = before.revenue, before.score, before.rank_team
        self.march.with_user(self.manager).action_close()
        self.assertEqual(self.march.state, "closed")
        closed = self.card(self.rep_a)
        self.assertTrue(closed.is_closed)
        self.assertEqual(closed.id, before.id)
        self.assertAlmostEqual(closed.revenue, revenue)
        self.assertAlmostEqual(closed.score, score)
        self.assertEqual(closed.rank_team, rank)
        self.assertEqual(
            self.env["sales.scorecard.line"].search_count(
                [("period_id", "=", self.march.id)]
            ),
            self.env["sales.scorecard"].search_count(
                [("period_id", "=", self.march.id)]
            ),
        )
        # a later change of an order does not rewrite the closed scorecard
        self.order_a.order_line[0].price_unit = 5000
        self.env.invalidate_all()
        self.assertAlmostEqual(self.card(self.rep_a).revenue, revenue)
        # April (open) compares with the stored March
        april = self.env["sales.scorecard.period"].create(
            {"date_from": date(2026, 4, 1)}
        )
        self.assertAlmostEqual(self.card(self.rep_a, april).revenue_prev, revenue)
        self.assertEqual(self.card(self.rep_a, april).rank_team_prev, rank)

    def test_stored_scorecards_are_immutable(self):
        self.march.action_close()
        line = self.env["sales.scorecard.line"].search(
            [("period_id", "=", self.march.id)], limit=1
        )
        with self.assertRaisesRegex(UserError, "history"):
            line.sudo().write({"revenue": 1})
        with self.assertRaisesRegex(UserError, "history"):
            line.sudo().unlink()
        with self.assertRaisesRegex(UserError, "closing"):
            self.env["sales.scorecard.line"].create({"period_id": self.march.id})
        with self.assertRaisesRegex(UserError, "closed"):
            self.march.write({"date_from": date(2026, 5, 1)})
        with self.assertRaisesRegex(UserError, "closed"):
            self.march.unlink()
        with self.assertRaisesRegex(UserError, "already closed"):
            self.march.action_close()

    def test_uninstall_deletes_closed_periods_with_their_scorecards(self):
        """Uninstalling the addon deletes the periods of its data files; their
        stored scorecards, which otherwise keep a period from being deleted,
        go first, without an error in the log."""
        self.march.action_close()
        lines = self.env["sales.scorecard.line"].search(
            [("period_id", "=", self.march.id)]
        )
        self.assertTrue(lines)
        self.march.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(self.march.exists())
        self.assertFalse(lines.exists())

    def test_bad_close(self):
        future = self.env["sales.scorecard.period"].create(
            {"date_from": date(2099, 1, 1), "period_type": "year"}
        )
        with self.assertRaisesRegex(UserError, "not started"):
            future.action_close()
        self.assertEqual(future.state, "open")
        self.assertFalse(
            self.env["sales.scorecard.line"].search([("period_id", "=", future.id)])
        )
        for user in (self.rep_a, self.leader):
            with self.assertRaises(UserError):
                self.march.with_user(user).action_close()
            with self.assertRaises(AccessError):
                self.march.with_user(user).write({"date_from": date(2026, 5, 1)})
        self.assertEqual(self.march.state, "open")
