# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaConstraints(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.create_plan("sale")

    @contextmanager
    def assertError(self, exception, pattern):
        """Like assertRaisesRegex, in a savepoint so that nothing stays written."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)

    def _count(self):
        return self.env["sales.quota"].search_count([("plan_id", "=", self.plan.id)])

    def test_negative_target(self):
        quota = self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        with self.assertError(ValidationError, "cannot be negative"):
            quota.target_amount = -5
        self.assertEqual(quota.target_amount, 5)
        # the database refuses it too (the import test shows the message)
        with mute_logger("odoo.sql_db"), self.assertError(IntegrityError, "positive"):
            self.create_quota(self.plan, self.rep_b, date(2026, 1, 1), -5)
        self.assertEqual(self._count(), 1)

    def test_ramp_out_of_range(self):
        quota = self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        with self.assertError(ValidationError, "between 0 % and 100 %"):
            quota.ramp_factor = 120
        with mute_logger("odoo.sql_db"), self.assertError(IntegrityError, "ramp"):
            self.create_quota(
                self.plan, self.rep_b, date(2026, 1, 1), 5, ramp_factor=-1
            )

    def test_period_outside_plan(self):
        with self.assertError(ValidationError, "outside the plan"):
            self.create_quota(self.plan, self.rep_a, date(2027, 1, 1), 5)
        self.assertEqual(self._count(), 0)

    def test_period_not_aligned(self):
        with self.assertError(ValidationError, "first day of a month"):
            self.create_quota(self.plan, self.rep_a, date(2026, 1, 15), 5)
        quarterly = self.create_plan("sale", period_type="quarter", year=2027)
        with self.assertError(ValidationError, "first day of a quarter"):
            self.create_quota(quarterly, self.rep_a, date(2027, 2, 1), 5)

    def test_duplicate_target(self):
        self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        with self.assertError(ValidationError, "already has a target"):
            self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 7)
        self.create_quota(self.plan, self.team_north, date(2026, 1, 1), 5)
        with self.assertError(ValidationError, "already has a target"):
            self.create_quota(self.plan, self.team_north, date(2026, 1, 1), 9)
        self.assertEqual(self._count(), 2)

    def test_owner_required(self):
        with self.assertError(ValidationError, "needs a salesperson"):
            self.env["sales.quota"].create(
                {"plan_id": self.plan.id, "date_from": "2026-01-01", "target_amount": 1}
            )

    def test_inverted_dates(self):
        with mute_logger("odoo.sql_db"), self.assertError(IntegrityError, "date_check"):
            self.env["sales.quota.plan"].create(
                {"name": "Bad", "date_from": "2026-12-31", "date_to": "2026-01-01"}
            )
        with self.assertError(ValidationError, "must come after"):
            self.plan.date_to = date(2025, 1, 1)

    def test_shrinking_plan_leaves_target_outside(self):
        self.create_quota(self.plan, self.rep_a, date(2026, 12, 1), 5)
        with self.assertError(ValidationError, "outside the plan"):
            self.plan.date_to = date(2026, 6, 30)

    def test_category_only_for_amounts(self):
        with self.assertError(ValidationError, "product category"):
            self.create_plan("won_count", product_categ_id=self.categ_hw.id, year=2027)

    def test_closed_plan_is_frozen(self):
        quota = self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        with self.assertError(UserError, "before activating"):
            self.create_plan("sale", year=2028).action_activate()
        with self.assertError(UserError, "activate"):
            self.plan.action_close()
        self.plan.action_activate()
        self.plan.action_close()
        with self.assertError(UserError, "already closed"):
            self.plan.action_close()
        with self.assertError(UserError, "is closed"):
            quota.target_amount = 10
        with self.assertError(UserError, "is closed"):
            self.plan.name = "Renamed"
        with self.assertError(UserError, "is closed"):
            self.create_quota(self.plan, self.rep_b, date(2026, 1, 1), 5)
        with self.assertError(UserError, "is closed"):
            quota.unlink()
        with self.assertError(UserError, "Only draft"):
            self.plan.unlink()
        self.assertEqual(quota.target_amount, 5)
        # chatter stays available
        self.plan.message_post(body="Reviewed")

    def test_import_with_bad_row_writes_nothing(self):
        fields = ["plan_id/.id", "user_id/.id", "date_from", "target_amount"]
        rows = [
            [str(self.plan.id), str(self.rep_a.id), "2026-01-01", "1000"],
            [str(self.plan.id), str(self.rep_b.id), "2026-01-01", "-50"],
            [str(self.plan.id), str(self.rep_c.id), "2026-01-01", "1000"],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.env["sales.quota"].load(fields, rows)
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertIn("negative", result["messages"][0]["message"])
        self.assertEqual(self._count(), 0)
        # the same file without the bad row imports
        result = self.env["sales.quota"].load(fields, [rows[0], rows[2]])
        self.assertEqual(len(result["ids"]), 2, result["messages"])

    def test_import_duplicate_row(self):
        fields = ["plan_id/.id", "user_id/.id", "date_from", "target_amount"]
        row = [str(self.plan.id), str(self.rep_a.id), "2026-02-01", "1000"]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.env["sales.quota"].load(fields, [row, row])
        self.assertFalse(result["ids"])
        self.assertIn("already has a target", result["messages"][0]["message"])
        self.assertEqual(self._count(), 0)

    def test_french_messages(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["sales_management"], ["fr_FR"])
        quota = self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        with self.assertError(ValidationError, "négati"):
            quota.with_context(lang="fr_FR").target_amount = -5

    def test_targets_only_for_active_internal_users(self):
        archived = self.rep_c.copy({"login": "sm_archived_rep"})
        archived.active = False
        portal = self.env["res.users"].create(
            {
                "name": "Portal Customer",
                "login": "sm_portal_target",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        for user in (archived, portal, self.env.ref("base.public_user")):
            with self.assertError(ValidationError, "cannot have a target"):
                self.create_quota(self.plan, user, date(2026, 1, 1), 5)
        self.assertEqual(self._count(), 0)

    def test_users_and_teams_with_targets_are_archived_not_deleted(self):
        self.create_quota(self.plan, self.rep_a, date(2026, 1, 1), 5)
        self.create_quota(self.plan, self.team_south, date(2026, 1, 1), 50)
        with self.assertError(UserError, "Archive it instead"):
            self.rep_a.with_user(self.env.ref("base.user_admin")).unlink()
        with self.assertError(UserError, "Archive it instead"):
            self.team_south.with_user(self.manager).unlink()
        self.assertTrue(self.rep_a.exists())
        self.assertTrue(self.team_south.exists())
        self.assertEqual(self._count(), 2)
