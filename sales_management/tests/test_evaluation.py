# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_scorecard import ScorecardCommon


class EvaluationCommon(ScorecardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.competency = cls.env["sales.competency"].create(
            {"name": "Test Negotiation", "description": "Defends the price."}
        )

    def review(self, user=None, period=None, as_user=None, **vals):
        Review = self.env["sales.evaluation"]
        if as_user:
            Review = Review.with_user(as_user)
        return Review.create(
            {
                "user_id": (user or self.rep_a).id,
                "period_id": (period or self.march).id,
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestEvaluation(EvaluationCommon):
    def test_review_embeds_the_scorecard(self):
        review = self.review(as_user=self.leader)
        self.assertEqual(review.team_id, self.team_north)
        self.assertEqual(review.reviewer_id, self.leader)
        card = self.card(self.rep_a)
        self.assertAlmostEqual(review.score, card.score)
        self.assertEqual(review.rank_team, card.rank_team)
        revenue = review.kpi_ids.filtered(lambda line: line.kpi == "revenue")
        self.assertAlmostEqual(revenue.value, 1200)
        self.assertAlmostEqual(revenue.previous, 100)
        self.assertEqual(revenue.trend, "better")
        self.assertIn(self.competency, review.rating_ids.competency_id)

    def test_workflow(self):
        review = self.review(as_user=self.leader)
        lead = self.won_1
        review.write(
            {
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Call five prospects a day",
                            "kpi": "pipeline_created",
                        },
                    ),
                    (0, 0, {"name": "Send the renewal offer", "lead_id": lead.id}),
                ]
            }
        )
        rating = review.rating_ids.filtered(
            lambda r: r.competency_id == self.competency
        )
        rating.rating = 4
        self.assertEqual(review.average_rating, 4)
        # the salesperson neither sees nor acknowledges a draft
        with self.assertRaises(AccessError):
            review.with_user(self.rep_a).read(["state"])
        review.with_user(self.leader).action_share()
        self.assertEqual(review.state, "shared")
        # one activity per coaching action, for the salesperson
        activities = review.action_ids.activity_id
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.rep_a)
        self.assertIn(
            lead, [self.env[a.res_model].browse(a.res_id) for a in activities]
        )
        self.assertIn(self.rep_a.partner_id, review.message_partner_ids)
        # shared: frozen
        with self.assertRaises(UserError):
            review.with_user(self.leader).write({"strengths": "<p>Changed</p>"})
        with self.assertRaises(UserError):
            rating.with_user(self.leader).write({"rating": 2})
        with self.assertRaises(UserError):
            review.kpi_ids[0].write({"value": 1})
        # only the salesperson acknowledges
        with self.assertRaises(UserError):
            review.with_user(self.rep_b).action_acknowledge()
        with self.assertRaises(UserError):
            review.with_user(self.leader).action_done()
        review.with_user(self.rep_a).action_acknowledge()
        self.assertEqual(review.state, "acknowledged")
        with self.assertRaises(UserError):
            review.with_user(self.rep_a).action_done()
        review.with_user(self.leader).action_done()
        self.assertEqual(review.state, "done")
        with self.assertRaises(UserError):
            review.unlink()

    def test_closed_loop(self):
        first = self.review(period=self.feb)
        first.write(
            {
                "action_ids": [
                    (0, 0, {"name": "Sell more", "kpi": "revenue"}),
                    (0, 0, {"name": "Fewer overdue", "kpi": "activities_overdue"}),
                    (0, 0, {"name": "More margin", "kpi": "margin_percent"}),
                ]
            }
        )
        sell, overdue, margin = first.action_ids
        self.assertAlmostEqual(sell.baseline, 100)
        self.assertEqual(sell.outcome, "pending")
        first.action_share()
        second = self.review()
        self.assertEqual(second.previous_evaluation_id, first)
        self.assertEqual(second.previous_action_ids, first.action_ids)
        self.env.invalidate_all()
        # revenue 100 -> 1200: improved; no overdue before or after: unchanged
        self.assertEqual(sell.outcome, "better")
        self.assertAlmostEqual(sell.next_value, 1200)
        self.assertEqual(overdue.outcome, "same")
        # margin: 60 % of services in February, 520 / 1200 in March
        self.assertEqual(margin.outcome, "worse")

    def test_wizard_opens_reviews_for_the_team(self):
        self.review(user=self.rep_b)
        wizard = (
            self.env["sales.evaluation.generate"]
            .with_user(self.leader)
            .create({"team_id": self.team_north.id, "period_id": self.march.id})
        )
        self.assertEqual(wizard.member_ids, self.rep_a)
        self.assertEqual(wizard.existing_count, 1)
        action = wizard.action_generate()
        reviews = self.env["sales.evaluation"].search(action["domain"])
        self.assertEqual(reviews.user_id, self.rep_a)
        again = self.env["sales.evaluation.generate"].create(
            {"team_id": self.team_north.id, "period_id": self.march.id}
        )
        with self.assertRaises(UserError):
            again.action_generate()


@tagged("post_install", "-at_install")
class TestEvaluationBadInput(EvaluationCommon):
    def _count(self):
        return self.env["sales.evaluation"].search_count([])

    def test_period_not_started(self):
        future = self.env["sales.scorecard.period"].create(
            {"date_from": date(2099, 1, 1)}
        )
        before = self._count()
        with self.assertRaises(ValidationError) as error:
            self.review(period=future)
        self.assertIn("has started", str(error.exception))
        self.assertEqual(self._count(), before)
        wizard = self.env["sales.evaluation.generate"].create(
            {"team_id": self.team_north.id, "period_id": future.id}
        )
        with self.assertRaises(ValidationError):
            wizard.action_generate()
        self.assertEqual(self._count(), before)

    def test_duplicate(self):
        self.review()
        before = self._count()
        with self.assertRaises(ValidationError) as error:
            self.review()
        self.assertIn("already has a review", str(error.exception))
        self.assertEqual(self._count(), before)

    def test_rating_out_of_range(self):
        review = self.review()
        rating = review.rating_ids[0]
        for value in (6, -1):
            with self.assertRaises(ValidationError) as error:
                rating.rating = value
                rating.flush_recordset()
            self.assertIn("between 1 and 5", str(error.exception))
        self.assertEqual(rating.rating, 0)
        rating.rating = 5
        self.assertEqual(rating.rating, 5)

    def test_action_needs_a_target(self):
        review = self.review()
        with self.assertRaises(ValidationError):
            review.write({"action_ids": [(0, 0, {"name": "Be better"})]})
        self.assertFalse(review.action_ids)
        other_lead = self.create_opportunity(self.rep_b, 10, 100, date(2026, 3, 30))
        with self.assertRaises(ValidationError):
            review.write(
                {"action_ids": [(0, 0, {"name": "Call", "lead_id": other_lead.id})]}
            )
        self.assertFalse(review.action_ids)


@tagged("post_install", "-at_install")
class TestEvaluationSecurity(EvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_a = cls.env["sales.evaluation"].create(
            {"user_id": cls.rep_a.id, "period_id": cls.march.id}
        )
        cls.review_b = cls.env["sales.evaluation"].create(
            {"user_id": cls.rep_b.id, "period_id": cls.march.id}
        )
        cls.review_c = cls.env["sales.evaluation"].create(
            {"user_id": cls.rep_c.id, "period_id": cls.march.id}
        )
        cls.all_reviews = cls.review_a | cls.review_b | cls.review_c

    def _visible(self, user):
        return self.env["sales.evaluation"].with_user(user).search([])

    def test_salesperson_sees_own_once_shared(self):
        self.assertFalse(self._visible(self.rep_a) & self.all_reviews)
        self.all_reviews.action_share()
        self.assertEqual(self._visible(self.rep_a) & self.all_reviews, self.review_a)
        kpis = self.env["sales.evaluation.kpi"].with_user(self.rep_a).search([])
        self.assertEqual(kpis.evaluation_id & self.all_reviews, self.review_a)
        with self.assertRaises(AccessError):
            self.review_b.with_user(self.rep_a).read(["score"])
        with self.assertRaises(AccessError):
            self.review_a.with_user(self.rep_a).write({"strengths": "<p>Me</p>"})
        with self.assertRaises(AccessError):
            self.env["sales.evaluation"].with_user(self.rep_a).create(
                {"user_id": self.rep_a.id, "period_id": self.feb.id}
            )

    def test_team_leader_sees_team(self):
        self.assertEqual(
            self._visible(self.leader) & self.all_reviews, self.review_a | self.review_b
        )
        with self.assertRaises(AccessError):
            self.review_c.with_user(self.leader).read(["score"])
        with self.assertRaises(AccessError):
            self.review(user=self.rep_c, period=self.feb, as_user=self.leader)

    def test_manager_sees_all(self):
        self.assertEqual(
            self._visible(self.manager) & self.all_reviews, self.all_reviews
        )

    def test_leader_reviews_only_the_team(self):
        # a leader naming their team on a review of another team's salesperson
        self.review_c.unlink()
        with self.assertRaises(ValidationError) as error:
            self.review(
                user=self.rep_c, as_user=self.leader, team_id=self.team_north.id
            )
        self.assertIn("not a member", str(error.exception))
        self.assertFalse(
            self.env["sales.evaluation"].search([("user_id", "=", self.rep_c.id)])
        )
        # the scorecard is copied with the reviewer's rights: even a review
        # written without a team holds only what the reviewer may read
        review = self.review(user=self.rep_c, as_user=self.manager)
        self.assertAlmostEqual(
            review.kpi_ids.filtered(lambda line: line.kpi == "revenue").value, 300
        )

    def test_nobody_else(self):
        employee = new_test_user(
            self.env, login="sm_employee2", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["sales.evaluation"].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["sales.competency"].with_user(employee).search([])
