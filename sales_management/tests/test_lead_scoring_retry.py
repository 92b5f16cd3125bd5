# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The nightly scoring job and concurrent changes: a batch that meets one is
taken again from a fresh snapshot instead of failing the night's job."""

from datetime import datetime, timedelta
from unittest.mock import patch

from psycopg2 import errors

from odoo.tests import tagged

from .common import SalesManagementCommon

LOGGER = "odoo.addons.sales_management.models.crm_lead._logger"


@tagged("post_install", "-at_install")
class TestLeadScoringRetry(SalesManagementCommon):
    def _stale_leads(self, count):
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Stale {index}", "type": "opportunity"}
                for index in range(count)
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_lead_score SET scored_date = %s WHERE lead_id = ANY(%s)",
            [datetime.now() - timedelta(days=2), leads.ids],
        )
        self.env.invalidate_all()
        return leads

    def _run_with_conflicts(self, conflicts, tries=3):
        """Run one call of the job whose first ``conflicts`` batches fail
        with a serialization failure; a rollback returns to the state before
        the call (what PostgreSQL does to the transaction)."""
        Lead = self.env["crm.lead"]
        original = type(Lead)._sm_compute_scores
        calls = []

        def compute(records):
            calls.append(records.ids)
            if len(calls) <= conflicts:
                records.sudo()._sm_store_scores(
                    {lead.id: {"rule_score": 99} for lead in records}
                )
                raise errors.SerializationFailure("could not serialize access")
            return original(records)

        savepoint = self.env.cr.savepoint(flush=False)

        def rollback():
            savepoint.rollback()
            self.env.invalidate_all()

        with (
            patch.object(type(Lead), "_sm_compute_scores", compute),
            patch.object(self.env.cr, "rollback", rollback),
        ):
            done = Lead._cron_score_leads(batch_size=1000, tries=tries)
        savepoint.close(rollback=False)
        return done, calls

    def test_conflict_retried_from_fresh_snapshot(self):
        leads = self._stale_leads(3)
        with patch(LOGGER) as logger:
            done, calls = self._run_with_conflicts(conflicts=2)
        self.assertEqual(len(calls), 3, "two conflicts, then the batch goes through")
        self.assertEqual(logger.info.call_count, 2)
        self.assertIn("concurrent change", logger.info.call_args[0][0])
        self.assertGreaterEqual(done, 3)
        today = datetime.now().date()
        for lead in leads:
            self.assertGreaterEqual(lead.sm_scored_date.date(), today)
            # what the failed tries wrote is gone
            self.assertNotEqual(lead.sm_rule_score, 99)

    def test_conflict_after_every_try_gives_up(self):
        leads = self._stale_leads(2)
        with (
            patch(LOGGER) as logger,
            self.assertRaises(errors.SerializationFailure),
        ):
            self._run_with_conflicts(conflicts=5, tries=2)
        self.assertEqual(logger.info.call_count, 2)
        for lead in leads:
            self.assertLess(lead.sm_scored_date.date(), datetime.now().date())
            self.assertNotEqual(lead.sm_rule_score, 99)

    def test_batch_is_locked(self):
        leads = self._stale_leads(2)
        statements = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(query))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            batch = self.env["crm.lead"]._sm_lock_batch(
                [("id", "in", leads.ids)], batch_size=10
            )
        self.assertEqual(batch, leads)
        self.assertTrue(
            any("FOR NO KEY UPDATE SKIP LOCKED" in query for query in statements)
        )
