# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user

from .common import RECRUITER, SALES_MANAGER, SALESMAN, RecruitingCommon

ACCESS_RIGHTS = "base.group_erp_manager"
ONBOARDING_PLAN = "sales_management_recruiting.mail_activity_plan_sales_onboarding"


class OnboardingCommon(RecruitingCommon):
    """The job's team *Hunters* led by ``leader`` (an employee), an active
    monthly plan of confirmed sales for 2027 and ``onboarder``, who recruits,
    manages sales and may create users. ``hire()`` hires an applicant on
    10 December 2026 (start date: 1 January 2027)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.onboarder = new_test_user(
            cls.env,
            login="sr_onboarder",
            name="Olivia Onboarder",
            email="sr_onboarder@example.com",
            groups=f"base.group_user,{RECRUITER},{SALES_MANAGER},{ACCESS_RIGHTS}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            tz="UTC",
        )
        cls.leader = new_test_user(
            cls.env,
            login="sr_leader",
            name="Leo Leader",
            email="sr_leader@example.com",
            groups=f"base.group_user,{SALESMAN}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            tz="UTC",
        )
        cls.leader_employee = cls.env["hr.employee"].create(
            {
                "name": "Leo Leader",
                "user_id": cls.leader.id,
                "company_id": cls.company.id,
            }
        )
        cls.team.user_id = cls.leader
        cls.activity_plan = cls.env.ref(ONBOARDING_PLAN)
        cls.hired_stage = cls.env.ref("sales_management_recruiting.stage_sales_hired")
        cls.plan = cls.make_plan("Targets 2027 (test)")
        for applicant, email in (
            (cls.applicant_1, "ada@example.com"),
            (cls.applicant_2, "bob@example.com"),
            (cls.applicant_3, "cleo@example.com"),
        ):
            applicant.email_from = email

    @classmethod
    def make_plan(
        cls,
        name,
        date_from=date(2027, 1, 1),
        date_to=date(2027, 12, 31),
        period_type="month",
        metric="sale",
        activate=True,
        company=None,
        team=None,
    ):
        """A target plan (active unless told), with a team target."""
        plan = cls.env["sales.quota.plan"].create(
            {
                "name": name,
                "company_id": (company or cls.company).id,
                "metric": metric,
                "period_type": period_type,
                "date_from": date_from,
                "date_to": date_to,
                "quota_ids": [
                    Command.create(
                        {
                            "target_type": "team",
                            "team_id": (team or cls.team).id,
                            "date_from": date_from,
                            "target_amount": 1000,
                        }
                    )
                ],
            }
        )
        if activate:
            plan.action_activate()
        return plan

    @classmethod
    def hire(cls, applicant, when=datetime(2026, 12, 10, 9, 0)):
        applicant.write({"stage_id": cls.hired_stage.id})
        applicant.date_closed = when
        return applicant

    def wizard(self, applicant, user=None, **values):
        return (
            self.env["sales.applicant.onboard"]
            .with_user(user or self.onboarder)
            .create({"applicant_id": applicant.id, **values})
        )

    def onboard(self, applicant, user=None, **values):
        wizard = self.wizard(applicant, user, **values)
        wizard.action_onboard()
        return wizard

    def targets(self, user, plan=None):
        return self.env["sales.quota"].search(
            [
                ("plan_id", "=", (plan or self.plan).id),
                ("target_type", "=", "user"),
                ("user_id", "=", user.id),
            ],
            order="date_from",
        )

    def counts(self):
        """How many records onboarding creates there are, and the onboarding
        record of the applicants: the same before and after a refusal."""
        env = self.env(context=dict(self.env.context, active_test=False))
        return {
            "employees": env["hr.employee"].search_count([]),
            "users": env["res.users"].search_count([]),
            "memberships": env["crm.team.member"].search_count([]),
            "activities": env["mail.activity"].search_count(
                [("res_model", "=", "hr.employee")]
            ),
            "targets": env["sales.quota"].search_count([]),
            "onboarded": env["hr.applicant"].search_count(
                [("sales_onboarded_date", "!=", False)]
            ),
            "messages": env["mail.message"].search_count(
                [("model", "=", "hr.applicant")]
            ),
        }
