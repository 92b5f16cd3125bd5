# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The nightly job of the customers' cadence: killed after some chunks were
committed, the next run of the day writes only the rows left, and the rows
equal those of a run never interrupted."""

from datetime import datetime, time, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .followup_common import NOW, TODAY, FollowupCommon

FIGURES = [
    "basis",
    "order_count",
    "lifetime_revenue",
    "average_order",
    "first_date",
    "last_date",
    "day_count",
    "interval_days",
    "next_date",
    "p_active",
    "dormant",
    "user_id",
    "team_id",
]


class SimulatedKill(BaseException):
    """The worker dies (not an error the job could catch)."""


@tagged("post_install", "-at_install")
class TestCustomerCadenceJob(FollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for index in range(6):
            customer = cls.new_customer(f"Cadence customer {index}")
            cls.create_orders(customer, [120 - index, 80 - index, 40 - 2 * index])
        # the rows of last night, of every company (the job's)
        cls.Cadence = cls.env["sales.customer.cadence"].sudo()
        with freeze_time(NOW - timedelta(days=1)):
            cls.Cadence._refresh_all(today=TODAY - timedelta(days=1))

    def rows(self):
        return self.Cadence.search([], order="company_id, partner_id")

    def figures(self):
        return {
            (row.company_id.id, row.partner_id.id): tuple(row[name] for name in FIGURES)
            for row in self.rows()
        }

    def test_killed_refresh_resumes(self):
        Cadence = self.Cadence
        commits = []

        def commit():
            # what a commit keeps: a savepoint the "kill" rolls back to; the
            # third chunk dies before its commit
            self.env.flush_all()
            if len(commits) == 2:
                raise SimulatedKill
            commits.append(self.env.cr.savepoint(flush=False))

        # (not assertRaises: it would roll back to a savepoint of its own)
        killed = False
        with patch.object(self.env.cr, "commit", commit), freeze_time(NOW):
            try:
                Cadence._cron_refresh(chunk_size=2)
            except SimulatedKill:
                killed = True
        self.assertTrue(killed)
        commits[-1].rollback()
        self.env.invalidate_all()
        kept = self.rows().filtered(lambda row: row.refresh_date == NOW)
        self.assertEqual(len(kept), 4, "two chunks of two rows committed")
        self.assertGreater(len(self.rows()), len(kept))

        later = NOW + timedelta(hours=1)
        with (
            patch.object(self.env.cr, "commit", self.env.flush_all),
            freeze_time(later),
        ):
            Cadence._cron_refresh(chunk_size=2)
        self.env.invalidate_all()
        self.assertEqual(
            kept.mapped("refresh_date"), [NOW] * 4, "the rows committed are kept"
        )
        today = datetime.combine(TODAY, time.min)
        stale = self.rows().filtered(lambda row: row.refresh_date < today)
        self.assertFalse(stale, "every other row is refreshed")
        self.assertEqual(
            set(self.rows().mapped("refresh_date")), {NOW, later}, "each row once"
        )

        # the figures of a run never interrupted
        resumed = self.figures()
        with freeze_time(later):
            Cadence._refresh_all(today=TODAY)
        self.env.invalidate_all()
        self.assertEqual(self.figures(), resumed)
        self.assertEqual(set(self.rows().mapped("refresh_date")), {later})
