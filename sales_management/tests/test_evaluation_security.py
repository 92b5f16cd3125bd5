# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from .common import LEADER
from .test_evaluation import EvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationWorkflowSecurity(EvaluationCommon):
    """The workflow of a review moves with its buttons only, each checking
    who acts, as a JSON-RPC client would call them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the leader's own review, in the team the leader leads
        cls.review_leader = cls.env["sales.evaluation"].create(
            {
                "user_id": cls.leader.id,
                "period_id": cls.march.id,
                "team_id": cls.team_north.id,
            }
        )

    def _review_a(self):
        return self.review(as_user=self.leader)

    def test_nobody_writes_the_workflow(self):
        review = self._review_a()
        now = fields.Datetime.now()
        for user in (self.leader, self.manager):
            with self.assertRaises(UserError):
                review.with_user(user).write({"state": "shared"})
            with self.assertRaises(UserError):
                review.with_user(user).write({"date_shared": now})
        self.assertEqual(review.state, "draft")
        review.with_user(self.leader).action_share()
        # the leader fakes the salesperson's acknowledgement
        for vals in (
            {"state": "acknowledged"},
            {"date_acknowledged": now},
            {"state": "done", "date_done": now},
        ):
            with self.assertRaises(UserError):
                review.with_user(self.leader).write(vals)
        self.assertEqual(review.state, "shared")
        self.assertFalse(review.date_acknowledged)
        review.with_user(self.rep_a).action_acknowledge()
        review.with_user(self.leader).action_done()
        # a done review is not taken back to draft to be rewritten
        for user in (self.leader, self.manager):
            with self.assertRaises(UserError):
                review.with_user(user).write({"state": "draft"})
            with self.assertRaises(UserError):
                review.with_user(user).action_reset_draft()
        self.assertEqual(review.state, "done")

    def test_created_as_draft_only(self):
        Review = self.env["sales.evaluation"].with_user(self.manager)
        for vals in (
            {"state": "done"},
            {"state": "acknowledged"},
            {"date_done": fields.Datetime.now()},
        ):
            with self.assertRaises(UserError):
                Review.create(
                    {"user_id": self.rep_b.id, "period_id": self.feb.id, **vals}
                )
        self.assertFalse(
            self.env["sales.evaluation"].search(
                [("user_id", "=", self.rep_b.id), ("period_id", "=", self.feb.id)]
            )
        )
        review = Review.create(
            {"user_id": self.rep_b.id, "period_id": self.feb.id, "state": "draft"}
        )
        self.assertEqual(review.state, "draft")

    def test_only_the_salesperson_acknowledges(self):
        review = self._review_a()
        review.with_user(self.leader).action_share()
        for user in (self.leader, self.manager, self.rep_b):
            with self.assertRaises(UserError):
                review.with_user(user).action_acknowledge()
        self.assertEqual(review.state, "shared")

    def test_leader_does_not_handle_own_review(self):
        review = self.review_leader
        # draft: the leader neither reads nor changes it
        with self.assertRaises(AccessError):
            review.with_user(self.leader).read(["strengths"])
        with self.assertRaises(AccessError):
            review.with_user(self.leader).write({"strengths": "<p>Great</p>"})
        with self.assertRaises(UserError):
            review.with_user(self.leader).action_refresh_scorecard()
        with self.assertRaises(UserError):
            review.with_user(self.leader).action_share()
        self.assertEqual(review.state, "draft")
        with self.assertRaises(AccessError):
            review.rating_ids[0].with_user(self.leader).write({"rating": 5})
        # a sales manager handles it
        review.with_user(self.manager).action_share()
        with self.assertRaises(UserError):
            review.with_user(self.leader).action_reset_draft()
        review.with_user(self.leader).action_acknowledge()
        with self.assertRaises(UserError):
            review.with_user(self.leader).action_done()
        self.assertEqual(review.state, "acknowledged")
        review.with_user(self.manager).action_done()
        self.assertEqual(review.state, "done")

    def test_leader_does_not_make_a_review_their_own(self):
        review = self.review(period=self.feb, as_user=self.leader)
        with self.assertRaises(AccessError):
            review.with_user(self.leader).write({"user_id": self.leader.id})
        self.assertEqual(review.user_id, self.rep_a)
        with self.assertRaises(AccessError):
            self.env["sales.evaluation"].with_user(self.leader).create(
                {
                    "user_id": self.leader.id,
                    "period_id": self.feb.id,
                    "team_id": self.team_north.id,
                }
            )

    def test_salespeople_only_read(self):
        # the leader holds the salesperson's group: its rules grant reading
        # the leader's own shared review, nothing more
        review = self.review_leader
        review.write(
            {"action_ids": [Command.create({"name": "Coach", "kpi": "revenue"})]}
        )
        review.with_user(self.manager).action_share()
        action = review.action_ids
        self.assertTrue(action.activity_id)
        self.assertEqual(review.with_user(self.leader).state, "shared")
        with self.assertRaises(AccessError):
            action.with_user(self.leader).write({"activity_id": False})
        self.assertTrue(action.activity_id)

    def test_leader_of_another_team(self):
        other_leader = new_test_user(
            self.env,
            login="sm_leader_south",
            groups=f"base.group_user,{LEADER}",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.team_south.user_id = other_leader
        review = self._review_a()
        with self.assertRaises(UserError):
            review.with_user(other_leader).action_share()
        self.assertEqual(review.state, "draft")


@tagged("post_install", "-at_install")
class TestEvaluationScorecardSecurity(EvaluationCommon):
    """The scorecard in a review is the salesperson's, copied, never typed."""

    def test_nobody_writes_the_embedded_scorecard(self):
        review = self.review(as_user=self.leader)
        card = self.card(self.rep_a)
        line = review.kpi_ids.filtered(lambda line: line.kpi == "revenue")
        for user in (self.leader, self.manager):
            as_user = review.with_user(user)
            for vals in (
                {"score": 99.0},
                {"rank_team": 1, "rank_company": 1},
                {"kpi_ids": [Command.update(line.id, {"value": 99999.0})]},
                {"kpi_ids": [Command.create({"kpi": "revenue", "value": 1.0})]},
            ):
                with self.assertRaises(UserError):
                    as_user.write(vals)
            with self.assertRaises(AccessError):
                line.with_user(user).write({"value": 99999.0})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["sales.evaluation.kpi"].with_user(user).create(
                    {"evaluation_id": review.id, "kpi": "revenue", "value": 1.0}
                )
            with self.assertRaises(UserError):
                self.env["sales.evaluation"].with_user(user).create(
                    {"user_id": self.rep_b.id, "period_id": self.feb.id, "score": 99}
                )
        self.assertAlmostEqual(review.score, card.score)
        self.assertAlmostEqual(line.value, 1200)
        self.assertEqual(len(review.kpi_ids.filtered(lambda x: x.kpi == "revenue")), 1)
        # the buttons copy it
        review.with_user(self.leader).action_refresh_scorecard()
        review.with_user(self.leader).action_share()
        line = review.kpi_ids.filtered(lambda line: line.kpi == "revenue")
        self.assertAlmostEqual(line.value, 1200)
        self.assertAlmostEqual(review.score, card.score)


@tagged("post_install", "-at_install")
class TestEvaluationDuplicateMessage(EvaluationCommon):
    def test_duplicate_outside_the_teams_is_not_named(self):
        self.review(user=self.rep_c)
        with self.assertRaises(ValidationError) as error:
            self.review(user=self.rep_c, as_user=self.leader)
        message = str(error.exception)
        self.assertNotIn("Sm Rep C", message)
        self.assertNotIn(self.march.name, message)
        # a review the leader reads is named
        self.review(user=self.rep_a, as_user=self.leader)
        with self.assertRaises(ValidationError) as error:
            self.review(user=self.rep_a, as_user=self.leader)
        self.assertIn("Sm Rep A already has a review", str(error.exception))


@tagged("post_install", "-at_install")
class TestEvaluationRulesMigration(EvaluationCommon):
    """Existing databases get the rules of a new one (the file is noupdate)."""

    def test_migration_updates_the_rules(self):
        path = file_path("sales_management/migrations/18.0.1.2.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("sm_post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        names = [*migration.READ_ONLY_RULES, *migration.LEADER_DOMAINS]
        rules = self.env["ir.rule"].browse(
            self.env.ref(f"sales_management.{name}").id for name in names
        )
        fields_ = ["domain_force", "perm_read", "perm_write", "perm_create"]
        fields_ += ["perm_unlink"]
        installed = rules.read(fields_)
        # the rules of version 18.0.1.1.0
        for rule in rules:
            domain = rule.domain_force.replace(
                ", ('evaluation_id.user_id', '!=', user.id)", ""
            ).replace(", ('user_id', '!=', user.id)", "")
            rule.write(
                {
                    "domain_force": domain,
                    "perm_write": True,
                    "perm_create": True,
                    "perm_unlink": True,
                }
            )
        self.assertNotEqual(rules.read(fields_), installed)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(rules.read(fields_), installed)
