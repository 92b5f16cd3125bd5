# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import sales_quota_snapshot as snapshot_module
from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaClose(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan("sale")
        cls.quota = cls.create_quota(cls.plan, cls.rep_a, date(2026, 3, 1), 1000)
        cls.plan.action_activate()

    def test_close_freezes_attainment(self):
        order = self.create_order(
            self.rep_a, date(2026, 3, 5), [(self.service, 4, 100)]
        )
        self.plan.action_close()
        self.assertEqual(self.plan.state, "closed")
        self.assertEqual(self.quota.snapshot_achieved, 400)
        self.assertEqual(self.quota.achieved, 400)
        # later edits of documents do not rewrite a closed plan
        order.order_line.price_unit = 1000
        self.create_order(self.rep_a, date(2026, 3, 6), [(self.service, 10, 100)])
        self.quota.invalidate_recordset()
        self.assertEqual(self.quota.achieved, 400)
        self.assertAlmostEqual(self.quota.attainment, 40.0)
        self.assertEqual(self.quota.snapshot_achieved, 400)
        self.assertTrue(self.plan.closed_date)
        self.assertEqual(self.plan.closed_uid, self.env.user)

    def test_refresh_job_batches_and_resumes(self):
        plan = self.create_plan("sale", year=2027)
        quotas = self.env["sales.quota"]
        for month in range(1, 13):
            quotas |= self.create_quota(plan, self.rep_b, date(2027, month, 1), 100)
        plan.action_activate()
        self.create_order(self.rep_b, date(2027, 2, 2), [(self.service, 3, 100)])
        todo = quotas | self.quota
        Quota = self.env["sales.quota"]
        self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 13)
        self.assertEqual(Quota._cron_refresh_attainment(batch_size=5), 5)
        self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 8)
        # an interrupted run resumes with what is left, never twice the same
        self.assertEqual(Quota._cron_refresh_attainment(batch_size=5), 5)
        self.assertEqual(Quota._cron_refresh_attainment(batch_size=5), 3)
        self.assertEqual(Quota._cron_refresh_attainment(batch_size=5), 0)
        self.assertTrue(all(todo.mapped("snapshot_date")))
        february = quotas.filtered(lambda q: q.date_from == date(2027, 2, 1))
        self.assertEqual(february.snapshot_achieved, 300)
        self.assertAlmostEqual(february.snapshot_attainment, 300.0)
        # the next day, everything is due again
        with freeze_time("2099-01-01"):
            self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 13)

    def test_refresh_job_call_stops_when_its_time_is_spent(self):
        plan = self.create_plan("sale", year=2027)
        for month in range(1, 8):
            self.create_quota(plan, self.rep_b, date(2027, month, 1), 100)
        plan.action_activate()
        Quota = self.env["sales.quota"]
        self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 8)
        with patch.object(snapshot_module, "REFRESH_CHUNK", 2):
            # no time left after the first chunk: the call reports the rest
            self.assertEqual(Quota._cron_refresh_attainment(time_budget=0), 2)
            self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 6)
            # with time, chunk after chunk up to the batch size
            self.assertEqual(Quota._cron_refresh_attainment(batch_size=5), 5)
            self.assertEqual(Quota._cron_refresh_attainment(), 1)
        self.assertEqual(Quota.search_count(Quota._get_refresh_domain()), 0)

    def test_target_reached_message_posted_once(self):
        Message = self.env["mail.message"]

        def reached_messages():
            return Message.search(
                [
                    ("model", "=", "sales.quota"),
                    ("res_id", "=", self.quota.id),
                    ("body", "ilike", "Target reached"),
                ]
            )

        self.create_order(self.rep_a, date(2026, 3, 5), [(self.service, 5, 100)])
        self.plan.action_refresh()
        self.assertFalse(reached_messages())
        self.create_order(self.rep_a, date(2026, 3, 6), [(self.service, 6, 100)])
        self.plan.action_refresh()
        messages = reached_messages()
        self.assertEqual(len(messages), 1)
        self.assertIn(self.rep_a.partner_id, messages.partner_ids)
        self.create_order(self.rep_a, date(2026, 3, 7), [(self.service, 6, 100)])
        self.plan.action_refresh()
        self.env["sales.quota"]._cron_refresh_attainment()
        self.assertEqual(len(reached_messages()), 1)

    def test_confirming_an_order_marks_targets_for_refresh(self):
        self.plan.action_refresh()
        self.assertTrue(self.quota.snapshot_date)
        self.create_order(self.rep_a, date(2026, 3, 5), [(self.service, 5, 100)])
        self.assertFalse(self.quota.snapshot_date)
        self.env["sales.quota"]._cron_refresh_attainment()
        self.assertEqual(self.quota.snapshot_achieved, 500)

    def test_copy_plan(self):
        self.plan.action_close()
        copy = self.plan.copy()
        self.assertEqual(copy.state, "draft")
        self.assertEqual(len(copy.quota_ids), 1)
        self.assertFalse(copy.quota_ids.snapshot_date)
        self.assertIn("(copy)", copy.name)


@tagged("post_install", "-at_install")
class TestQuotaFreezeIntegrity(SalesManagementCommon):
    """What a closed plan freezes stays frozen for every caller, managers too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan("sale")
        cls.quota = cls.create_quota(cls.plan, cls.rep_a, date(2026, 3, 1), 1000)
        cls.plan.action_activate()
        cls.create_order(cls.rep_a, date(2026, 3, 5), [(cls.service, 4, 100)])

    def test_frozen_figures_cannot_be_rewritten(self):
        self.plan.with_user(self.manager).action_close()
        quota = self.quota.with_user(self.manager)
        for vals in (
            {"snapshot_achieved": 1000000},
            {"snapshot_pipeline": 5},
            {"snapshot_date": False},
            {"reached_notified": True},
            {"target_amount": 1},
        ):
            with self.assertRaises(UserError, msg=str(vals)):
                quota.write(vals)
        self.quota.invalidate_recordset()
        self.assertEqual(self.quota.snapshot_achieved, 400)
        self.assertAlmostEqual(self.quota.snapshot_attainment, 40.0)

    def test_stored_figures_are_not_entered_by_hand(self):
        quota = self.quota.with_user(self.manager)
        with self.assertRaises(UserError):
            quota.write({"snapshot_achieved": 999999})
        with self.assertRaises(UserError):
            self.env["sales.quota"].with_user(self.manager).create(
                {
                    "plan_id": self.plan.id,
                    "user_id": self.rep_b.id,
                    "target_type": "user",
                    "date_from": date(2026, 4, 1),
                    "target_amount": 10,
                    "snapshot_achieved": 10,
                }
            )

    def test_plan_status_changes_only_through_buttons(self):
        plan = self.plan.with_user(self.manager)
        for vals in (
            {"state": "closed"},
            {"state": "draft"},
            {"closed_date": "2026-01-01 00:00:00"},
        ):
            with self.assertRaises(UserError, msg=str(vals)):
                plan.write(vals)
        with self.assertRaises(UserError):
            self.env["sales.quota.plan"].with_user(self.manager).create(
                {
                    "name": "Forged",
                    "metric": "sale",
                    "period_type": "month",
                    "date_from": date(2027, 1, 1),
                    "date_to": date(2027, 12, 31),
                    "state": "closed",
                }
            )
        self.assertEqual(self.plan.state, "active")
        plan.action_close()
        self.assertEqual(self.plan.state, "closed")
        # a closed plan never reopens, whatever the caller sends
        with self.assertRaises(UserError):
            plan.with_context(force=True).write({"state": "active"})
        with self.assertRaises(UserError):
            plan.action_reset_to_draft()

    def test_salespeople_and_leaders_cannot_press_manager_buttons(self):
        for user in (self.rep_a, self.leader):
            plan = self.plan.with_user(user)
            for action in ("action_refresh", "action_close", "action_reset_to_draft"):
                with self.assertRaises(UserError, msg=action):
                    getattr(plan, action)()
        self.assertEqual(self.plan.state, "active")
