# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sales_management.tools.periods import add_months

INTERVIEWER = "hr_recruitment.group_hr_recruitment_interviewer"
APPLICATIONS = "/odoo/action-hr_recruitment.crm_case_categ0_act_job"
JOBS = "/odoo/action-sales_management_recruiting.hr_job_sales_action"


@tagged("post_install", "-at_install")
class TestOnboardingTour(HttpCase):
    """A job's sales profile, two interviewers' scorecards, the comparison,
    the hire and the onboarding, in the browser, each step as its user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.company = cls.admin.company_id
        cls.interviewers = [
            new_test_user(
                cls.env,
                login=f"tour_interviewer_{index}",
                name=f"Tour Interviewer {index}",
                groups=f"base.group_user,{INTERVIEWER}",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
                tz="UTC",
            )
            for index in (1, 2)
        ]
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Tour Hunters",
                "user_id": cls.admin.id,
                "company_id": cls.company.id,
            }
        )
        Competency = cls.env["sales.competency"]
        competencies = Competency.create(
            [{"name": "Tour Discovery"}, {"name": "Tour Closing"}]
        )
        cls.job = cls.env["hr.job"].create(
            {
                "name": "Tour Account Executive",
                "company_id": cls.company.id,
                "user_id": cls.admin.id,
                "interviewer_ids": [
                    Command.set([user.id for user in cls.interviewers])
                ],
                "sales_competency_ids": [
                    Command.create({"competency_id": competency.id, "weight": weight})
                    for competency, weight in zip(competencies, (2, 1), strict=True)
                ],
            }
        )
        # an active plan of the year from the first day of next month, the
        # start date of a salesperson hired today
        start = add_months(fields.Date.context_today(cls.admin).replace(day=1), 1)
        cls.plan = cls.env["sales.quota.plan"].create(
            {
                "name": "Tour targets",
                "company_id": cls.company.id,
                "date_from": start,
                "date_to": add_months(start, 12) - timedelta(days=1),
                "quota_ids": [
                    Command.create(
                        {
                            "target_type": "team",
                            "team_id": cls.team.id,
                            "date_from": start,
                            "target_amount": 30000,
                        }
                    )
                ],
            }
        )
        cls.plan.action_activate()

    def applicant(self, name):
        candidate = self.env["hr.candidate"].create(
            {
                "partner_name": name,
                "email_from": f"{name.lower().replace(' ', '.')}@example.com",
                "company_id": self.company.id,
            }
        )
        return self.env["hr.applicant"].create(
            {"candidate_id": candidate.id, "job_id": self.job.id}
        )

    def test_hire_and_onboard(self):
        # (a) the recruiter sets the job's sales profile
        self.start_tour(
            f"{JOBS}/{self.job.id}", "sales_recruiting_job_profile_tour", login="admin"
        )
        self.assertEqual(self.job.sales_role, "account_executive")
        self.assertEqual(self.job.sales_team_id, self.team)
        self.assertEqual(
            [(line.month, line.percent) for line in self.job.sales_ramp_ids],
            [(1, 50), (2, 75)],
        )
        alice, bruno = self.applicant("Tour Alice"), self.applicant("Tour Bruno")
        # (b), (c) each interviewer scores an applicant
        for applicant, login, tour in (
            (alice, "tour_interviewer_1", "sales_recruiting_scorecard_strong_tour"),
            (bruno, "tour_interviewer_2", "sales_recruiting_scorecard_weak_tour"),
        ):
            self.start_tour(f"{APPLICATIONS}/{applicant.id}", tour, login=login)
            self.assertEqual(applicant.sales_scorecard_ids.state, "submitted")
        # (d) the recruiter compares, hires the best and onboards them
        self.start_tour(
            f"{JOBS}/{self.job.id}", "sales_recruiting_onboard_tour", login="admin"
        )
        self.assertTrue(alice.date_closed)
        self.assertFalse(bruno.date_closed)
        user = alice.sales_user_id
        self.assertEqual(user.login, "tour.alice@example.com")
        self.assertIn(user, self.team.member_ids)
        self.assertEqual(len(alice.employee_id.activity_ids), 4)
        targets = self.env["sales.quota"].search(
            [("user_id", "=", user.id)], order="date_from"
        )
        self.assertEqual(len(targets), 12)
        self.assertEqual(targets[:3].mapped("ramp_factor"), [50, 75, 100])
        self.assertEqual(set(targets.mapped("target_amount")), {10000})
