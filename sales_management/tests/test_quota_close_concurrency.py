# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A target added to a plan while another manager closes it, in two real
transactions (two Odoo workers): the close never freezes the plan without
the new target. The one of the two that comes second fails with a
serialization failure, which Odoo retries; the retry then finds the other.
``setup/race`` plays the same with several Odoo workers."""

from datetime import timedelta

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


@tagged("post_install", "-at_install")
class TestQuotaCloseConcurrency(TransactionCase):
    """The plan is committed (both transactions must see it) and deleted at
    the end, with the team of its added targets; its first target is the
    administrator's (Odoo's base data)."""

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry
        self.start = fields.Date.today().replace(day=1)
        self.end = (self.start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.admin_id = env.ref("base.user_admin").id
            self.team_id = env["crm.team"].create({"name": "Concurrency (test)"}).id
            plan = env["sales.quota.plan"].create(
                {
                    "name": "Concurrency (test)",
                    "metric": "won_count",
                    "period_type": "month",
                    "date_from": self.start,
                    "date_to": self.end,
                    "quota_ids": [
                        Command.create(
                            {
                                "user_id": self.admin_id,
                                "date_from": self.start,
                                "target_amount": 3,
                            }
                        )
                    ],
                }
            )
            plan.action_activate()
            self.plan_id = plan.id
        self.addCleanup(self._drop)

    def _drop(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {MODULE_UNINSTALL_FLAG: True})
            plan = env["sales.quota.plan"].browse(self.plan_id)
            plan.quota_ids.unlink()
            plan.unlink()
            env["crm.team"].browse(self.team_id).unlink()

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _add_target(self, env):
        return env["sales.quota"].create(
            {
                "plan_id": self.plan_id,
                "target_type": "team",
                "team_id": self.team_id,
                "date_from": self.start,
                "target_amount": 5,
            }
        )

    def test_target_added_while_the_plan_closes(self):
        with self.registry.cursor() as closing:
            plan = self._env(closing)["sales.quota.plan"].browse(self.plan_id)
            self.assertEqual(plan.state, "active")  # its snapshot starts here
            with self.registry.cursor() as adding:
                self._add_target(self._env(adding))
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(errors.SerializationFailure),
            ):
                plan.action_close()
                plan.env.flush_all()
            closing.rollback()
        # Odoo runs the close again: the new target is frozen with the rest
        with self.registry.cursor() as cr:
            plan = self._env(cr)["sales.quota.plan"].browse(self.plan_id)
            plan.action_close()
            plan.env.flush_all()
            self.assertEqual(len(plan.quota_ids), 2)
            self.assertTrue(all(plan.quota_ids.mapped("snapshot_date")))
            self.assertEqual(set(plan.quota_ids.mapped("plan_state")), {"closed"})

    def test_plan_closed_while_a_target_is_added(self):
        with self.registry.cursor() as adding:
            env = self._env(adding)
            plan = env["sales.quota.plan"].browse(self.plan_id)
            self.assertEqual(plan.state, "active")  # its snapshot starts here
            with self.registry.cursor() as closing:
                self._env(closing)["sales.quota.plan"].browse(
                    self.plan_id
                ).action_close()
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(errors.SerializationFailure),
            ):
                self._add_target(env)
            adding.rollback()
        # Odoo runs the request again: the plan is closed, a clear refusal
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, "is closed"):
                self._add_target(self._env(cr))
            cr.rollback()
            plan = self._env(cr)["sales.quota.plan"].browse(self.plan_id)
            self.assertEqual(len(plan.quota_ids), 1)
            self.assertTrue(plan.quota_ids.snapshot_date)

    def test_target_moved_into_a_closed_plan(self):
        """Moving a target into a plan is adding it there: same guard."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            other = env["sales.quota.plan"].create(
                {
                    "name": "Other (test)",
                    "date_from": self.start,
                    "date_to": self.end,
                    "quota_ids": [
                        Command.create(
                            {
                                "target_type": "team",
                                "team_id": self.team_id,
                                "date_from": self.start,
                            }
                        )
                    ],
                }
            )
            env["sales.quota.plan"].browse(self.plan_id).action_close()
            with self.assertRaisesRegex(UserError, "is closed"):
                other.quota_ids.plan_id = self.plan_id
            cr.rollback()
