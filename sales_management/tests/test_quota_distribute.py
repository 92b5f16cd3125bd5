# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaDistribute(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan("sale", period_type="quarter")

    def _wizard(self, **vals):
        form = Form(
            self.env["sales.quota.distribute"].with_context(
                default_plan_id=self.plan.id
            )
        )
        form.team_id = self.team_north
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def _targets(self, owner):
        field = "team_id" if owner._name == "crm.team" else "user_id"
        quotas = self.env["sales.quota"].search(
            [("plan_id", "=", self.plan.id), (field, "=", owner.id)]
            + ([("target_type", "=", "team")] if field == "team_id" else []),
            order="date_from",
        )
        return quotas.mapped("target_amount")

    def test_even_and_equal(self):
        wizard = self._wizard(amount=120000)
        self.assertEqual(wizard.line_ids.user_id, self.rep_a | self.rep_b)
        wizard.action_distribute()
        self.assertEqual(self._targets(self.team_north), [30000] * 4)
        self.assertEqual(self._targets(self.rep_a), [15000] * 4)
        self.assertEqual(self._targets(self.rep_b), [15000] * 4)

    def test_weights_and_ramp(self):
        wizard = self._wizard(amount=40000, member_split="weights")
        line_a = wizard.line_ids.filtered(lambda line: line.user_id == self.rep_a)
        line_b = wizard.line_ids - line_a
        line_a.weight = 3
        line_b.write({"weight": 1, "ramp_factor": 50})
        wizard.action_distribute()
        self.assertEqual(self._targets(self.rep_a), [7500] * 4)
        self.assertEqual(self._targets(self.rep_b), [2500] * 4)
        quota_b = self.env["sales.quota"].search(
            [("plan_id", "=", self.plan.id), ("user_id", "=", self.rep_b.id)], limit=1
        )
        self.assertEqual(quota_b.effective_target, 1250)

    def test_seasonality_and_history_share(self):
        # last year: rep_a sold 3000 in Q1 and 1000 in Q4; rep_b 0
        self.create_order(self.rep_a, date(2025, 2, 1), [(self.service, 30, 100)])
        self.create_order(self.rep_a, date(2025, 11, 1), [(self.service, 10, 100)])
        wizard = self._wizard(
            amount=8000, period_split="seasonal", member_split="history"
        )
        wizard.action_distribute()
        self.assertEqual(self._targets(self.team_north), [6000, 0, 0, 2000])
        self.assertEqual(self._targets(self.rep_a), [6000, 0, 0, 2000])
        self.assertEqual(self._targets(self.rep_b), [0, 0, 0, 0])

    def test_rerun_updates_instead_of_duplicating(self):
        self._wizard(amount=4000).action_distribute()
        self._wizard(amount=8000).action_distribute()
        self.assertEqual(self._targets(self.rep_a), [1000] * 4)
        self.assertEqual(
            self.env["sales.quota"].search_count([("plan_id", "=", self.plan.id)]), 12
        )

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "greater than zero"):
            self._wizard(amount=-5).action_distribute()
        wizard = self._wizard(amount=100)
        wizard.line_ids = [(5, 0, 0)]
        with self.assertRaisesRegex(UserError, "no member"):
            wizard.action_distribute()
        wizard = self._wizard(amount=100, member_split="weights")
        wizard.line_ids[0].weight = -1
        with self.assertRaisesRegex(UserError, "negative"):
            wizard.action_distribute()
        self.assertFalse(
            self.env["sales.quota"].search_count([("plan_id", "=", self.plan.id)])
        )
        self.plan.quota_ids = [
            (0, 0, {"user_id": self.rep_a.id, "date_from": "2026-01-01"})
        ]
        self.plan.action_activate()
        self.plan.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            self._wizard(amount=100).action_distribute()
