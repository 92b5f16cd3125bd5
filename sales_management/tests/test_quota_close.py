# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

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
