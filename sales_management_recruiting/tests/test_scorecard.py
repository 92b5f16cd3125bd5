# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RecruitingCommon


@tagged("post_install", "-at_install")
class TestScorecard(RecruitingCommon):
    """Interview scorecards: made from the job, rated 1-5, submitted once."""

    def test_created_with_the_jobs_competencies(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a)
        self.assertEqual(card.interviewer_id, self.interviewer_a)
        self.assertEqual(card.job_id, self.job)
        self.assertEqual(card.state, "draft")
        self.assertEqual(
            card.line_ids.mapped("competency_id"),
            self.discovery | self.closing | self.prospecting,
        )
        self.assertEqual(card.line_ids.mapped("weight"), [3, 1, 0])
        # the applicant's stage when it was made
        self.assertEqual(card.stage_id, self.applicant_1.stage_id)
        # a reminder to submit it, for the interviewer
        self.assertEqual(card.activity_ids.user_id, self.interviewer_a)

    def test_weighted_score(self):
        card = self.scorecard(
            self.applicant_1,
            self.interviewer_a,
            {self.discovery: 5, self.closing: 1, self.prospecting: 2},
        )
        # (3*5 + 1*1) / 4; prospecting weighs 0
        self.assertAlmostEqual(card.weighted_score, 4.0)
        card.line_ids.filtered(
            lambda line: line.competency_id == self.closing
        ).rating = 0
        self.assertAlmostEqual(card.weighted_score, 5.0)

    def test_weights_are_those_of_the_job_when_made(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a, {self.discovery: 4})
        self.job.sales_competency_ids.filtered(
            lambda line: line.competency_id == self.discovery
        ).weight = 7
        self.assertEqual(card.line_ids[0].weight, 3)
        with self.refused("come from the job", UserError):
            card.with_user(self.interviewer_a).line_ids[0].write({"weight": 9})

    def test_ratings_outside_one_to_five_refused(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a)
        line = card.line_ids[0].with_user(self.interviewer_a)
        for rating in (6, -1, 10):
            with self.refused("from 1 to 5"):
                line.write({"rating": rating})
        for value in (float("nan"), "abc", 2.5):
            with self.refused("Rating"):
                line.write({"rating": value})
        with self.refused("role-play score is from 1 to 5"):
            card.with_user(self.interviewer_a).role_play_score = 7
        line.write({"rating": "4"})
        self.assertEqual(line.rating, 4)

    def test_one_scorecard_per_interviewer_and_applicant(self):
        self.scorecard(self.applicant_1, self.interviewer_a)
        with self.refused("already has a scorecard"):
            self.scorecard(self.applicant_1, self.interviewer_a)
        with self.refused("already has a scorecard"):
            self.env["sales.interview.scorecard"].with_user(self.interviewer_b).create(
                [{"applicant_id": self.applicant_2.id}] * 2
            )
        self.assertEqual(
            self.env["sales.interview.scorecard"].search_count(
                [
                    (
                        "interviewer_id",
                        "in",
                        (self.interviewer_a | self.interviewer_b).ids,
                    )
                ]
            ),
            1,
        )

    def test_only_assigned_interviewers_rate(self):
        # interviewer_c interviews applicant_3 only
        with self.refused("You do not interview this applicant"):
            self.scorecard(self.applicant_1, self.interviewer_c)
        self.scorecard(self.applicant_3, self.interviewer_c)
        # the recruiter of the job (set on its applicants) rates the screening
        self.scorecard(self.applicant_1, self.recruiter)
        # nobody files a scorecard in another interviewer's name
        with self.refused("does not interview this applicant"):
            self.env["sales.interview.scorecard"].create(
                {
                    "applicant_id": self.applicant_1.id,
                    "interviewer_id": self.salesman.id,
                }
            )
        with self.refused(exception=AccessError):
            self.env["sales.interview.scorecard"].with_user(self.interviewer_a).create(
                {
                    "applicant_id": self.applicant_1.id,
                    "interviewer_id": self.interviewer_b.id,
                }
            )

    def test_only_sales_jobs(self):
        other = self.make_applicant("Gus Other", job=self.other_job)
        with self.refused("applicants of sales jobs"):
            self.env["sales.interview.scorecard"].create(
                {"applicant_id": other.id, "interviewer_id": self.recruiter.id}
            )

    def test_rating_a_competency_the_job_does_not_weigh_refused(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a)
        extra = self.env["sales.competency"].create({"name": "Juggling (test)"})
        with self.refused("is not rated for this job"):
            card.with_user(self.interviewer_a).write(
                {"line_ids": [Command.create({"competency_id": extra.id, "rating": 3})]}
            )

    def test_submit(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a, {self.discovery: 4})
        card_a = card.with_user(self.interviewer_a)
        with self.refused("overall recommendation", UserError):
            card_a.action_submit()
        card_a.recommendation = "strong_yes"
        with self.refused("Only Sr Interviewer A submits", UserError):
            card.with_user(self.recruiter).action_submit()
        card_a.action_submit()
        self.assertEqual(card.state, "submitted")
        self.assertTrue(card.date_submitted)
        self.assertFalse(card.activity_ids)
        self.assertIn("Strong Yes", card.message_ids[0].body)
        self.assertIn(self.recruiter.partner_id, card.message_partner_ids)
        with self.refused("already submitted", UserError):
            card_a.action_submit()

    def test_submit_needs_a_rating(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a, recommendation="no")
        with self.refused("Rate at least one competency", UserError):
            card.with_user(self.interviewer_a).action_submit()

    def test_submitted_scorecard_is_history(self):
        card = self.scorecard(
            self.applicant_1, self.interviewer_a, {self.discovery: 4}, submit=True
        )
        card_a = card.with_user(self.interviewer_a)
        for vals in ({"recommendation": "no"}, {"role_play_score": 1}, {"notes": "x"}):
            with self.refused("was submitted", UserError):
                card_a.write(vals)
        with self.refused("submitted scorecard cannot be changed", UserError):
            card_a.line_ids[0].write({"rating": 1})
        with self.refused("was submitted", UserError):
            card_a.write({"line_ids": [Command.delete(card.line_ids[0].id)]})
        with self.refused("submitted scorecard cannot be changed", UserError):
            card_a.line_ids[0].unlink()
        with self.refused("cannot be deleted", UserError):
            card_a.unlink()
        # the chatter stays open
        card_a.message_post(body="Checked with the team lead.")
        self.assertEqual(card.line_ids[0].rating, 4)

    def test_workflow_written_by_its_button_only(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a, {self.discovery: 4})
        for vals in (
            {"state": "submitted"},
            {"date_submitted": fields.Datetime.now()},
        ):
            with self.refused("Submit button", UserError):
                card.with_user(self.interviewer_a).write(vals)
            with self.refused("Submit button", UserError):
                self.env["sales.interview.scorecard"].with_user(
                    self.interviewer_b
                ).create({"applicant_id": self.applicant_1.id, **vals})
        self.assertEqual(card.state, "draft")
        with self.refused("computed from the competency ratings", UserError):
            card.with_user(self.interviewer_a).write({"weighted_score": 5})

    def test_scorecard_stays_with_its_applicant_and_interviewer(self):
        card = self.scorecard(self.applicant_1, self.interviewer_a)
        card_a = card.with_user(self.interviewer_a)
        with self.refused("stays with its applicant", UserError):
            card_a.write({"applicant_id": self.applicant_2.id})
        with self.refused("stays with its applicant", UserError):
            card.write({"interviewer_id": self.interviewer_b.id})
        card_a.write({"applicant_id": self.applicant_1.id})  # unchanged: fine
        other = self.scorecard(self.applicant_2, self.interviewer_a)
        with self.refused("stays on its scorecard", UserError):
            card_a.line_ids[0].write({"scorecard_id": other.id})

    def test_my_scorecard_button(self):
        applicant = self.applicant_1.with_user(self.interviewer_a)
        action = applicant.action_open_my_sales_scorecard()
        card = self.env["sales.interview.scorecard"].browse(action["res_id"])
        self.assertEqual(card.interviewer_id, self.interviewer_a)
        self.assertEqual(applicant.action_open_my_sales_scorecard()["res_id"], card.id)
        self.assertEqual(applicant.sales_scorecard_count, 1)
