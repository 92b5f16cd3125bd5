# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user

RECRUITER = "hr_recruitment.group_hr_recruitment_user"
INTERVIEWER = "hr_recruitment.group_hr_recruitment_interviewer"
SALES_MANAGER = "sales_team.group_sale_manager"
SALESMAN = "sales_team.group_sale_salesman"


class RecruitingCommon(TransactionCase):
    """Users, competencies, a sales job with its profile and three applicants
    of their own: no demo data.

    ``job`` (Account Executive, team *Hunters*) weighs ``discovery`` 3,
    ``closing`` 1 and ``prospecting`` 0; its interviewers are ``interviewer_a``
    and ``interviewer_b`` (job-level); ``recruiter`` recruits for it.
    ``applicant_1``, ``applicant_2`` and ``applicant_3`` apply to it;
    ``interviewer_c`` interviews ``applicant_3`` only. ``other_job`` has no
    sales role.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                name=login.replace("_", " ").title(),
                email=f"{login}@example.com",
                groups=f"base.group_user,{groups}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                tz="UTC",
            )

        cls.recruiter = user("sr_recruiter", RECRUITER)
        cls.interviewer_a = user("sr_interviewer_a", INTERVIEWER)
        cls.interviewer_b = user("sr_interviewer_b", INTERVIEWER)
        cls.interviewer_c = user("sr_interviewer_c", INTERVIEWER)
        cls.sales_manager = user("sr_sales_manager", SALES_MANAGER)
        cls.salesman = user("sr_salesman", SALESMAN)
        cls.team = cls.env["crm.team"].create(
            {"name": "Hunters", "company_id": cls.company.id}
        )
        Competency = cls.env["sales.competency"]
        cls.discovery = Competency.create({"name": "Discovery (test)", "sequence": 1})
        cls.closing = Competency.create({"name": "Closing (test)", "sequence": 2})
        cls.prospecting = Competency.create(
            {"name": "Prospecting (test)", "sequence": 3}
        )
        cls.job = cls.env["hr.job"].create(
            {
                "name": "Account Executive (test)",
                "company_id": cls.company.id,
                "user_id": cls.recruiter.id,
                "interviewer_ids": [
                    Command.set((cls.interviewer_a | cls.interviewer_b).ids)
                ],
                "sales_role": "account_executive",
                "sales_team_id": cls.team.id,
                "sales_territory": "Benelux",
                "sales_annual_target": 600000,
                "sales_base_salary_min": 45000,
                "sales_base_salary_max": 60000,
                "sales_variable_pay": 40000,
                "sales_ramp_ids": [
                    Command.create({"month": month, "percent": percent})
                    for month, percent in ((1, 25), (2, 50), (3, 75), (4, 100))
                ],
                "sales_competency_ids": [
                    Command.create(
                        {"competency_id": cls.discovery.id, "weight": 3, "sequence": 1}
                    ),
                    Command.create(
                        {"competency_id": cls.closing.id, "weight": 1, "sequence": 2}
                    ),
                    Command.create(
                        {
                            "competency_id": cls.prospecting.id,
                            "weight": 0,
                            "sequence": 3,
                        }
                    ),
                ],
            }
        )
        cls.other_job = cls.env["hr.job"].create(
            {"name": "Accountant (test)", "company_id": cls.company.id}
        )
        cls.applicant_1 = cls.make_applicant("Ada Applicant", salary=90000)
        cls.applicant_2 = cls.make_applicant("Bob Applicant", salary=120000)
        cls.applicant_3 = cls.make_applicant(
            "Cleo Applicant", interviewers=cls.interviewer_c
        )

    @classmethod
    def make_applicant(cls, name, job=None, salary=0.0, interviewers=None):
        candidate = cls.env["hr.candidate"].create(
            {"partner_name": name, "company_id": (job or cls.job).company_id.id}
        )
        return cls.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": (job or cls.job).id,
                "salary_expected": salary,
                "interviewer_ids": [Command.set(interviewers.ids)]
                if interviewers
                else [],
            }
        )

    @classmethod
    def scorecard(cls, applicant, interviewer, ratings=None, submit=False, **vals):
        """A scorecard of ``interviewer`` (created as them), rated
        ``{competency: rating}``; submitted when asked."""
        card = (
            cls.env["sales.interview.scorecard"]
            .with_user(interviewer)
            .create({"applicant_id": applicant.id, **vals})
        )
        for line in card.line_ids:
            rating = (ratings or {}).get(line.competency_id)
            if rating is not None:
                line.rating = rating
        if submit:
            if not card.recommendation:
                card.recommendation = "yes"
            card.action_submit()
        return card.with_env(cls.env)

    @contextmanager
    def refused(self, regex="", exception=ValidationError):
        """The block raises ``exception`` matching ``regex`` and is rolled back
        (the writes it made and its pending checks are undone)."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield
