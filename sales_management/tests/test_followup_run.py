# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled job of the follow-up rules: idempotent, safe to kill,
one failing rule does not stop the others; the preview does nothing; bad
input and rights."""

from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .followup_common import NOW, FollowupCommon


class SimulatedKill(BaseException):
    """The worker dies (not an error the job could catch)."""


@tagged("post_install", "-at_install")
class TestFollowupRun(FollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.create_rule("unanswered_quotation", delay_days=7)
        cls.orders = cls.env["sale.order"]
        for user in (cls.rep_a, cls.rep_b, cls.rep_c, cls.rep_a, cls.rep_b):
            cls.orders |= cls.create_quotation(user, 10)

    def follow_ups(self):
        return self.Log.search([("rule_id", "=", self.rule.id)])

    def assert_one_per_order(self):
        logs = self.follow_ups()
        self.assertEqual(sorted(logs.mapped("res_id")), sorted(self.orders.ids))
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "in", self.orders.ids)]
        )
        self.assertEqual(activities, logs.activity_id)
        self.assertEqual(len(activities), len(self.orders))

    def test_second_run_fires_nothing(self):
        self.assertEqual(self.run_rules(batch_size=2), 5)
        self.assertEqual(self.run_rules(batch_size=2), 0)
        self.assert_one_per_order()
        self.assertEqual(self.rule.last_run_count, 0)
        self.assertEqual((self.rule.log_count, self.rule.open_count), (5, 5))

    def test_killed_run_resumes_without_duplicates(self):
        commits = []

        def commit():
            # what a commit keeps: a savepoint the "crash" rolls back to
            self.env.flush_all()
            commits.append(self.env.cr.savepoint(flush=False))

        claim = type(self.Rule)._followup_claim
        calls = []

        def dying_claim(rule, batch, texts, now):
            # the second batch dies once its follow-ups are claimed and
            # their activities scheduled, before its commit
            claimed = claim(rule, batch, texts, now)
            calls.append(len(claimed))
            if len(calls) == 2:
                raise SimulatedKill
            return claimed

        # (not assertRaises: it would roll back to a savepoint of its own)
        killed = False
        with patch.object(type(self.Rule), "_followup_claim", dying_claim):
            try:
                self.run_rules(batch_size=2, commit=commit)
            except SimulatedKill:
                killed = True
        self.assertTrue(killed)
        # the worker died in its second batch: what was not committed is lost
        commits[-1].rollback()
        self.env.invalidate_all()
        self.assertEqual(len(self.follow_ups()), 2)
        self.assertEqual(self.run_rules(batch_size=2), 3)
        self.assert_one_per_order()

    def test_claiming_twice_fires_once(self):
        """Two runs at once: the second one's claims conflict with the
        first's rows and are dropped (the database refuses duplicates)."""
        with freeze_time(NOW):
            todo = self.rule._followup_candidates()
            self.assertEqual(self.rule._followup_fire(todo, NOW), 5)
            self.assertEqual(self.rule._followup_fire(todo, NOW), 0)
        self.assert_one_per_order()

    def test_never_two_open_activities(self):
        self.run_rules()
        log = self.follow_ups()[:1]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Log.sudo().create(
                    {
                        "rule_id": self.rule.id,
                        "company_id": self.company.id,
                        "res_model": "sale.order",
                        "res_id": log.res_id,
                        "episode": "another episode",
                    }
                )
                self.env.flush_all()

    def test_activity_done_then_new_episode(self):
        self.run_rules()
        order = self.orders[0]
        log = self.follow_ups().filtered(lambda log: log.res_id == order.id)
        log.activity_id.with_user(self.rep_a).action_feedback(feedback="Called")
        self.assertEqual(log.state, "done")
        self.assertEqual((self.rule.done_count, self.rule.open_count), (1, 4))
        # same episode: not again
        self.assertEqual(self.run_rules(), 0)
        # the quotation is sent again: a new episode, chased after the delay
        with freeze_time(NOW):
            order.with_user(self.rep_a).message_post(
                body="Our new offer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with freeze_time(NOW.replace(day=NOW.day + 8)):
            self.assertEqual(self.rule.sudo()._run_rules()[0], 1)

    def test_activity_cancelled_is_stopped(self):
        self.run_rules()
        log = self.follow_ups()[:1]
        log.activity_id.unlink()
        self.assertEqual(log.state, "stopped")
        self.assertEqual(self.run_rules(), 0, "the episode was chased already")

    def test_open_follow_up_repaired_when_its_activity_vanished(self):
        self.run_rules()
        log = self.follow_ups()[:1]
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE id = %s", [log.activity_id.id]
        )
        self.env.invalidate_all()
        self.Log._repair_open()
        self.assertEqual(log.state, "stopped")

    def test_preview_writes_nothing(self):
        self.env.flush_all()
        counts = self.counts()
        with freeze_time(NOW):
            preview = (
                self.env["sales.followup.preview"]
                .with_user(self.manager)
                .create({"rule_id": self.rule.id})
            )
        self.assertEqual(preview.count, 5)
        self.assertEqual(len(preview.line_ids), 5)
        self.assertIn("sent 10 days ago", preview.line_ids[0].reason)
        self.assertEqual(
            set(preview.line_ids.mapped("user_id")),
            {self.rep_a, self.rep_b, self.rep_c},
        )
        self.env.flush_all()
        self.assertEqual(self.counts(), counts)

    def counts(self):
        return {
            model: self.env[model].sudo().search_count([])
            for model in ("sales.followup.log", "mail.activity", "mail.message")
        }

    def test_failing_rule_does_not_stop_the_others(self):
        broken = self.create_rule("first_contact", delay_days=3, sequence=1)
        with patch.object(
            type(self.Rule),
            "_candidates_first_contact",
            side_effect=RuntimeError("broken query"),
        ):
            self.assertEqual(self.run_rules(broken | self.rule), 5)
        self.assertIn("broken query", broken.message_ids[:1].body)

    def test_rights(self):
        RuleAsRep = self.Rule.with_user(self.rep_a)
        self.assertEqual(RuleAsRep.search([("id", "=", self.rule.id)]), self.rule)
        with self.assertRaises(AccessError):
            RuleAsRep.create({"name": "Mine", "kind": "dormant_customer"})
        with self.assertRaises(AccessError):
            self.rule.with_user(self.rep_a).write({"delay_days": 1})
        for action in ("action_run_now", "action_preview"):
            with self.assertRaises(AccessError):
                getattr(self.rule.with_user(self.rep_a), action)()
        with self.assertRaises(AccessError):
            self.env["sales.followup.preview"].with_user(self.leader).create(
                {"rule_id": self.rule.id}
            )
        with freeze_time(NOW):
            self.rule.with_user(self.manager).action_run_now()
        mine = self.Log.with_user(self.rep_a).search([])
        self.assertEqual(set(mine.mapped("user_id")), {self.rep_a})
        self.assertEqual(len(mine), 2)
        team = self.Log.with_user(self.leader).search([])
        self.assertEqual(set(team.mapped("user_id")), {self.rep_a, self.rep_b})
        self.assertEqual(len(self.Log.with_user(self.manager).search([])), 5)
        with self.assertRaises(AccessError):
            mine[0].write({"state": "done"})

    def test_bad_input(self):
        cases = [
            ({"delay_days": 0}, "between 1 and 3650"),
            ({"delay_days": -3}, "between 1 and 3650"),
            ({"escalation_days": -1}, "escalation"),
            ({"kind": "dormant_customer", "threshold": 1.5}, "between 0 and 1"),
            ({"assign_to": "user"}, "choose the user"),
            ({"activity_type_id": False}, "Activity Type"),
            (
                {
                    "template_id": self.env.ref("sale.email_template_edi_sale").id,
                    "kind": "dormant_customer",
                },
                "needs a template for",
            ),
            ({"delay_days": float("nan")}, "Delay"),
            ({"kind": "no such kind"}, "not one of the possible values"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                with self.env.cr.savepoint():
                    self.rule.with_user(self.manager).write(vals)
                    self.rule.flush_recordset()
        with self.assertRaisesRegex(ValidationError, "between 1 and 3650"):
            self.create_rule(
                "stalled_stage",
                stage_delay_ids=[(0, 0, {"stage_id": self.open_stage.id, "days": 0})],
            )
        meeting_type = self.env["mail.activity.type"].create(
            {"name": "Lead only", "res_model": "crm.lead"}
        )
        with self.assertRaisesRegex(ValidationError, "another kind of record"):
            self.rule.activity_type_id = meeting_type
        self.rule.invalidate_recordset()
        self.assertEqual(self.rule.delay_days, 7)

    def test_archived_or_unassignable(self):
        """An archived rule does not run; records of archived salespeople go
        to the team leader."""
        self.rule.active = False
        self.assertEqual(self.run_rules(), 0)
        self.rule.active = True
        self.rep_b.active = False
        self.run_rules()
        users = self.follow_ups().mapped("user_id")
        self.assertNotIn(self.rep_b, users)
        self.assertIn(self.leader, users)

    def test_scheduled_jobs(self):
        """The jobs commit after each batch and report their progress; out
        of time, the rules job says what is left (the scheduler calls it
        again)."""
        commits, progress = [], []
        cron = type(self.env["ir.cron"])

        def notify(cron_self, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with (
            patch.object(self.env.cr, "commit", lambda: commits.append(1)),
            patch.object(cron, "_notify_progress", notify),
            freeze_time(NOW),
        ):
            self.env["sales.customer.cadence"]._cron_refresh()
            self.assertTrue(commits)
            self.assertEqual(self.Rule._cron_run_rules(time_budget=0), 0)
            self.assertEqual(progress[-1], (0, 1))
            commits.clear()
            self.assertEqual(self.Rule._cron_run_rules(batch_size=2), 5)
        self.assertGreaterEqual(len(commits), 3, "a commit after each batch")
        self.assertEqual(progress[-1], (5, 0))
        self.assert_one_per_order()
