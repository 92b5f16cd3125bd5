# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RECRUITER, SALES_MANAGER, RecruitingCommon


@tagged("post_install", "-at_install")
class TestScorecardSecurity(RecruitingCommon):
    """Blind rating and who sees what, enforced by the record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ratings = {cls.discovery: 4, cls.closing: 3}
        cls.card_a = cls.scorecard(cls.applicant_1, cls.interviewer_a, ratings)
        cls.card_b = cls.scorecard(
            cls.applicant_1, cls.interviewer_b, ratings, submit=True
        )
        cls.card_recruiter = cls.scorecard(cls.applicant_1, cls.recruiter, ratings)
        cls.card_c = cls.scorecard(
            cls.applicant_3, cls.interviewer_c, ratings, submit=True
        )
        cls.cards = cls.card_a | cls.card_b | cls.card_recruiter | cls.card_c

    def visible(self, user, model="sales.interview.scorecard"):
        """What ``user`` finds of the scorecards (or their ratings) by search,
        read_group and read."""
        Model = self.env[model].with_user(user)
        field = "id" if model == "sales.interview.scorecard" else "scorecard_id"
        domain = [(field, "in", self.cards.ids)]
        found = Model.search(domain)
        counted = Model.search_count(domain)
        grouped = sum(
            count for _state, count in Model._read_group(domain, ["state"], ["__count"])
        )
        self.assertEqual(len(found), counted)
        self.assertEqual(len(found), grouped)
        cards = found if field == "id" else found.scorecard_id
        return cards.with_env(self.env)

    def assert_unreadable(self, user, records):
        for record in records:
            with self.assertRaises(AccessError):
                record.with_user(user).read(["state"])

    def test_interviewer_sees_only_their_own_before_submitting(self):
        self.assertEqual(self.visible(self.interviewer_a), self.card_a)
        self.assertEqual(
            self.visible(self.interviewer_a, "sales.interview.scorecard.line"),
            self.card_a,
        )
        self.assert_unreadable(self.interviewer_a, self.card_b | self.card_recruiter)
        self.assert_unreadable(self.interviewer_a, self.card_b.line_ids)
        # through the applicant too
        applicant = self.applicant_1.with_user(self.interviewer_a)
        self.assertEqual(applicant.sales_scorecard_ids, self.card_a)
        self.assertEqual(applicant.sales_scorecard_count, 1)
        # nor the comparison, which sums up every scorecard
        for model in ("sales.applicant.comparison", "sales.applicant.competency"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.interviewer_a).search([])

    def test_interviewer_sees_the_submitted_ones_once_theirs_is_submitted(self):
        self.card_a.recommendation = "yes"
        self.card_a.with_user(self.interviewer_a).action_submit()
        # card_b is submitted; the recruiter's draft stays hidden; applicant_3
        # is not theirs
        self.assertEqual(self.visible(self.interviewer_a), self.card_a | self.card_b)
        self.assertEqual(
            self.visible(self.interviewer_a, "sales.interview.scorecard.line"),
            self.card_a | self.card_b,
        )
        self.assert_unreadable(self.interviewer_a, self.card_recruiter | self.card_c)
        # read only
        with self.assertRaises(AccessError):
            self.card_b.with_user(self.interviewer_a).message_post(body="Mine now")
        with self.assertRaises(AccessError):
            self.card_b.line_ids[:1].with_user(self.interviewer_a).write(
                {"evidence": "Mine now"}
            )

    def test_interviewer_b_sees_no_draft_of_others(self):
        # b has submitted: a's and the recruiter's drafts stay hidden
        self.assertEqual(self.visible(self.interviewer_b), self.card_b)

    def test_interviewer_writes_only_their_own_drafts(self):
        self.card_a.with_user(self.interviewer_a).write({"notes": "<p>Mine</p>"})
        with self.assertRaises(AccessError):
            self.card_recruiter.with_user(self.interviewer_a).write({"notes": "x"})
        with self.assertRaises(AccessError):
            self.card_recruiter.with_user(self.interviewer_a).unlink()
        with self.assertRaises(AccessError):
            self.card_recruiter.line_ids[:1].with_user(self.interviewer_a).write(
                {"rating": 1}
            )

    def test_interviewers_see_only_the_applicants_they_interview(self):
        Applicant = self.env["hr.applicant"].with_user(self.interviewer_c)
        self.assertEqual(
            Applicant.search([("job_id", "=", self.job.id)]), self.applicant_3
        )
        self.assertEqual(self.visible(self.interviewer_c), self.card_c)

    def test_recruiters_and_sales_managers_see_all(self):
        for user in (self.recruiter, self.sales_manager):
            self.assertEqual(self.visible(user), self.cards)
            self.assertEqual(
                self.visible(user, "sales.interview.scorecard.line"), self.cards
            )
            applicants = (
                self.env["hr.applicant"]
                .with_user(user)
                .search([("job_id", "=", self.job.id)])
            )
            self.assertEqual(
                applicants, self.applicant_1 | self.applicant_2 | self.applicant_3
            )
            comparison = self.env["sales.applicant.comparison"].with_user(user)
            self.assertEqual(
                comparison.search([("job_id", "=", self.job.id)]).applicant_id,
                applicants,
            )
        # the recruiter does not write another interviewer's scorecard
        with self.assertRaises(AccessError):
            self.card_a.with_user(self.recruiter).write({"notes": "x"})
        # a sales manager reads them only
        with self.assertRaises(AccessError):
            self.card_a.with_user(self.sales_manager).write({"notes": "x"})

    def test_sales_managers_see_the_applicants_of_sales_jobs_only(self):
        other = self.make_applicant("Hal Other", job=self.other_job)
        Applicant = self.env["hr.applicant"].with_user(self.sales_manager)
        self.assertNotIn(other, Applicant.search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.sales_manager).read(["partner_name"])
        with self.assertRaises(AccessError):
            self.applicant_1.with_user(self.sales_manager).write({"priority": "1"})
        # the candidate behind an application is readable too
        self.assertTrue(
            self.applicant_1.candidate_id.with_user(self.sales_manager).partner_name
        )

    def test_sales_manager_opens_the_applications(self):
        """The list and form of the applications read their related records
        as the sales manager: none of them is refused (with the interview
        forms of hr_recruitment_survey installed too: sales managers get
        views of their own)."""
        applicant = self.applicant_1.with_user(self.sales_manager)
        views = applicant.get_views([(False, "list"), (False, "form")])
        for view_type in ("list", "form"):
            own = self.env.ref(
                f"sales_management_recruiting.hr_applicant_view_{view_type}_sales_manager"
            )
            self.assertEqual(views["views"][view_type]["id"], own.id)
        spec = {}
        for name in views["models"]["hr.applicant"]["fields"]:
            field = applicant._fields.get(name)
            if field is None:
                continue
            relational = field.type in ("many2one", "one2many", "many2many")
            spec[name] = {"fields": {"display_name": {}}} if relational else {}
        self.assertTrue(applicant.web_read(spec))
        self.assertTrue(applicant.web_search_read([], spec)["records"])
        # recruiters and interviewers keep Odoo's views
        for user in (self.recruiter, self.interviewer_a):
            views = self.applicant_1.with_user(user).get_views([(False, "form")])
            self.assertNotEqual(views["views"]["form"]["id"], own.id)

    def test_salespeople_see_no_applicant_nor_scorecard(self):
        for model in (
            "hr.applicant",
            "hr.candidate",
            "sales.interview.scorecard",
            "sales.interview.scorecard.line",
            "sales.applicant.comparison",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.salesman).search([])

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Other (scorecards)"})
        recruiter = new_test_user(
            self.env,
            login="sr_recruiter_other",
            groups=f"base.group_user,{RECRUITER},{SALES_MANAGER}",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(self.visible(recruiter))
        self.assertFalse(
            self.env["sales.applicant.comparison"].with_user(recruiter).search([])
        )
        self.assertFalse(
            self.env["sales.applicant.competency"].with_user(recruiter).search([])
        )
        with self.assertRaises(AccessError):
            self.card_b.with_user(recruiter).read(["state"])
