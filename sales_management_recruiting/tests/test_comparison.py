# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import RecruitingCommon

FIELDS = [
    "partner_name",
    "rank",
    "weighted_score",
    "scorecard_count",
    "strong_yes_count",
    "yes_count",
    "no_count",
    "strong_no_count",
    "recommendation",
    "recommendation_value",
    "role_play_score",
    "salary_position",
    "competency_summary",
    "stage_id",
    "availability",
]


@tagged("post_install", "-at_install")
class TestComparison(RecruitingCommon):
    """The candidates of a job side by side, from the submitted scorecards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # applicant_1: two submitted scorecards
        cls.scorecard(
            cls.applicant_1,
            cls.interviewer_a,
            {cls.discovery: 4, cls.closing: 2, cls.prospecting: 5},
            submit=True,
            recommendation="strong_yes",
            role_play_score=4,
        )
        cls.scorecard(
            cls.applicant_1,
            cls.interviewer_b,
            {cls.discovery: 5, cls.closing: 3},
            submit=True,
            recommendation="yes",
            role_play_score=5,
        )
        # applicant_2: one submitted, one draft (counts for nothing)
        cls.scorecard(
            cls.applicant_2,
            cls.interviewer_a,
            {cls.discovery: 2, cls.closing: 5},
            submit=True,
            recommendation="no",
        )
        cls.scorecard(
            cls.applicant_2,
            cls.interviewer_b,
            {cls.discovery: 5, cls.closing: 5},
            recommendation="strong_yes",
        )
        cls.applicant_1.write(
            {
                "sales_claimed_attainment": 120,
                "sales_verified_attainment": 110,
                "sales_attainment_verified": True,
            }
        )

    def rows(self, user=None):
        # a new request reads the rows again
        self.env["sales.applicant.comparison"].invalidate_model()
        Comparison = self.env["sales.applicant.comparison"].with_user(
            user or self.recruiter
        )
        rows = Comparison.search_read([("job_id", "=", self.job.id)], FIELDS)
        return {row["partner_name"]: row for row in rows}

    def test_scores_ranks_and_recommendations(self):
        rows = self.rows()
        ada, bob, cleo = (
            rows["Ada Applicant"],
            rows["Bob Applicant"],
            rows["Cleo Applicant"],
        )
        # (3*4 + 1*2 + 3*5 + 1*3) / 8; prospecting weighs 0
        self.assertAlmostEqual(ada["weighted_score"], 4.0)
        # (3*2 + 1*5) / 4; the draft is left out
        self.assertAlmostEqual(bob["weighted_score"], 2.75)
        self.assertEqual(cleo["weighted_score"], 0)
        self.assertEqual((ada["rank"], bob["rank"], cleo["rank"]), (1, 2, 3))
        self.assertEqual(
            (ada["scorecard_count"], ada["strong_yes_count"], ada["yes_count"]),
            (2, 1, 1),
        )
        self.assertEqual((bob["scorecard_count"], bob["no_count"]), (1, 1))
        self.assertAlmostEqual(ada["recommendation_value"], 3.5)
        self.assertEqual(ada["recommendation"], "strong_yes")
        self.assertEqual(bob["recommendation"], "no")
        self.assertFalse(cleo["recommendation"])
        self.assertAlmostEqual(ada["role_play_score"], 4.5)
        # the matrix, heaviest competency first
        self.assertEqual(
            ada["competency_summary"],
            "Discovery (test) 4.5 · Closing (test) 2.5 · Prospecting (test) 5.0",
        )
        self.assertEqual(ada["stage_id"][0], self.applicant_1.stage_id.id)

    def test_ties_share_a_rank(self):
        self.scorecard(
            self.applicant_3,
            self.interviewer_c,
            {self.discovery: 2, self.closing: 5},
            submit=True,
            recommendation="no",
        )
        rows = self.rows()
        self.assertEqual(rows["Bob Applicant"]["rank"], 2)
        self.assertEqual(rows["Cleo Applicant"]["rank"], 2)

    def test_expected_salary_against_the_range(self):
        # on-target earnings 85,000 - 100,000
        rows = self.rows()
        self.assertEqual(rows["Ada Applicant"]["salary_position"], "within")
        self.assertEqual(rows["Bob Applicant"]["salary_position"], "above")
        self.assertFalse(rows["Cleo Applicant"]["salary_position"])
        self.applicant_1.salary_expected = 50000
        self.assertEqual(self.rows()["Ada Applicant"]["salary_position"], "below")

    def test_attainment_and_availability(self):
        row = (
            self.env["sales.applicant.comparison"]
            .with_user(self.sales_manager)
            .browse(self.applicant_1.id)
        )
        self.assertEqual((row.claimed_attainment, row.verified_attainment), (120, 110))
        self.assertTrue(row.attainment_verified)

    def test_refused_applicants_leave_the_comparison(self):
        self.applicant_2.action_archive()
        self.assertNotIn("Bob Applicant", self.rows())

    def test_competency_matrix(self):
        Matrix = self.env["sales.applicant.competency"].with_user(self.sales_manager)
        cells = {
            (row.partner_name, row.competency_id): row
            for row in Matrix.search([("job_id", "=", self.job.id)])
        }
        cell = cells[("Ada Applicant", self.discovery)]
        self.assertEqual((cell.rating, cell.rating_min, cell.rating_max), (4.5, 4, 5))
        self.assertEqual(cell.rating_count, 2)
        self.assertEqual(cells[("Bob Applicant", self.closing)].rating, 5)
        # not rated and drafts are left out
        self.assertEqual(len(cells), 5)

    def test_actions(self):
        action = self.job.with_user(self.recruiter).action_open_sales_comparison()
        self.assertEqual(action["res_model"], "sales.applicant.comparison")
        self.assertEqual(action["domain"], [("job_id", "=", self.job.id)])
        comparison = self.env["sales.applicant.comparison"].with_user(self.recruiter)
        matrix = comparison.with_context(
            **action["context"]
        ).action_open_competency_matrix()
        self.assertEqual(matrix["domain"], [("job_id", "=", self.job.id)])
        opened = comparison.browse(self.applicant_2.id).action_open_applicant()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]),
            ("hr.applicant", self.applicant_2.id),
        )

    def test_one_query_whatever_the_number_of_applicants(self):
        """The screen reads every row in a constant number of queries."""
        Comparison = self.env["sales.applicant.comparison"].with_user(self.recruiter)

        def read():
            self.env.invalidate_all()
            return Comparison.search_read([("job_id", "=", self.job.id)], FIELDS)

        read()
        with self.assertQueryCount(8):
            first = len(read())
        for index in range(6):
            applicant = self.make_applicant(f"More {index}", salary=90000)
            self.scorecard(
                applicant,
                self.interviewer_a,
                {self.discovery: 3, self.closing: 4},
                submit=True,
                recommendation="yes",
            )
        self.env.flush_all()
        read()
        with self.assertQueryCount(8):
            self.assertEqual(len(read()), first + 6)


@tagged("post_install", "-at_install")
class TestHiringViews(RecruitingCommon):
    """The screens of each role load with the fields they may read."""

    def views(self, user, model, types):
        return (
            self.env[model]
            .with_user(user)
            .get_views([(False, view_type) for view_type in types])
        )

    def test_comparison_screens(self):
        action = self.env.ref(
            "sales_management_recruiting.sales_applicant_comparison_action"
        )
        # cards on a phone
        self.assertEqual(action.mobile_view_mode, "kanban")
        self.assertIn("kanban", action.view_mode)
        for user in (self.recruiter, self.sales_manager):
            self.views(user, "sales.applicant.comparison", ("list", "kanban", "search"))
            self.views(user, "sales.applicant.competency", ("pivot", "list"))
            self.views(
                user,
                "sales.interview.scorecard",
                ("list", "form", "kanban", "pivot", "search"),
            )

    def test_job_form_per_role(self):
        def arch(user):
            return self.views(user, "hr.job", ("form",))["views"]["form"]["arch"]

        for user in (self.recruiter, self.sales_manager):
            self.assertIn('name="sales_base_salary_min"', arch(user))
            self.assertIn('name="action_open_sales_comparison"', arch(user))
        interviewer = arch(self.interviewer_a)
        self.assertIn('name="sales_ramp_ids"', interviewer)
        self.assertNotIn("sales_base_salary_min", interviewer)
        self.assertNotIn("action_open_sales_comparison", interviewer)

    def test_application_form_per_role(self):
        def arch(user):
            views = self.views(user, "hr.applicant", ("form",))
            return views["views"]["form"]["arch"]

        # Odoo gives interviewers a form of their own: the button is there too
        self.assertIn("action_open_my_sales_scorecard", arch(self.interviewer_a))
        self.assertIn("action_open_my_sales_scorecard", arch(self.recruiter))
        self.assertNotIn("action_open_my_sales_scorecard", arch(self.sales_manager))
        self.assertIn("action_open_sales_scorecards", arch(self.sales_manager))
        self.assertIn("sales_claimed_attainment", arch(self.sales_manager))
