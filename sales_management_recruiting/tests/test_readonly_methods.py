# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hiring addon's methods marked ``@api.readonly`` (the drill-downs of
the job, the application, the hiring plan and the hiring reports), each
called as the web client calls it, in a read-only transaction, as a
recruiter and as a sales manager; a method marked without its call here
fails the test (see ``sales_management/tests/test_readonly_methods.py``)."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.sales_management.tests.read_only import (
    ReadonlyCall,
    check_readonly_calls,
    check_readonly_calls_complete,
)

from .common_hires import HiresCommon

ADDON = "sales_management_recruiting"
JAN, FEB, APR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 4, 1)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestReadonlyMethods(HiresCommon):
    """On 15 March 2026: Ada (``applicant_1``) rated by an interviewer and
    hired on 5 January, her first two months measured (quality of hire);
    Bob (``applicant_2``) hired and onboarded; a hiring plan of *Hunters*
    from the team's targets of April to June."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sales_hire_quality_months = 2
        ada_user = cls.salesperson("ro_ada", cls.company, cls.team)
        bob_user = cls.salesperson("ro_bob", cls.company, cls.team)
        cls.scorecard(
            cls.applicant_1,
            cls.interviewer_a,
            {cls.discovery: 4, cls.closing: 3},
            submit=True,
            role_play_score=4,
        )
        cls.hire(cls.applicant_1, ada_user, date(2026, 1, 5))
        cls.hire(cls.applicant_2, bob_user, date(2026, 2, 2))
        cls.order(ada_user, date(2026, 1, 20), 800)
        plan = cls.target_plan(cls.company, name="Hunters 2026 (read only)")
        cls.targets(plan, ada_user, {JAN: 1000, FEB: 1000})
        cls.targets(plan, bob_user, {FEB: 500, APR: 1000})
        cls.targets(plan, cls.team, {APR: 6000, date(2026, 5, 1): 6000})
        plan.action_activate()
        # as the Onboard Salesperson wizard records it
        cls.applicant_2._sales_write_onboarding(
            {
                "sales_onboarded_date": datetime(2026, 2, 2, 9, 0),
                "sales_onboarded_uid": cls.env.uid,
                "sales_user_id": bob_user.id,
                "sales_target_plan_id": plan.id,
            }
        )
        cls.hiring_plan = cls.env["sales.hiring.plan"].create(
            {
                "quota_plan_id": plan.id,
                "lead_time": 1,
                "ramp_months": 2,
                "period_count": 2,
            }
        )
        cls.hiring_plan.action_compute()

    def report_row(self, model, **domain):
        """The first row of the report ``model`` of the application."""
        row = self.env[model].search(
            [(name, "=", value) for name, value in domain.items()], limit=1
        )
        self.assertTrue(row, model)
        return row

    def readonly_calls(self):
        users = (self.recruiter, self.sales_manager)
        ada = self.applicant_1
        Comparison = self.env["sales.applicant.comparison"]
        return [
            ReadonlyCall(
                self.job,
                "action_open_sales_comparison",
                users,
                "sales.applicant.comparison",
            ),
            ReadonlyCall(
                Comparison.browse(ada.id), "action_open_applicant", users, ada._name
            ),
            ReadonlyCall(
                Comparison,
                "action_open_competency_matrix",
                users,
                "sales.applicant.competency",
                context={"default_job_id": self.job.id},
            ),
            ReadonlyCall(
                ada, "action_open_sales_scorecards", users, "sales.interview.scorecard"
            ),
            ReadonlyCall(
                ada, "action_open_sales_onboarding", users, "sales.applicant.onboard"
            ),
            ReadonlyCall(
                self.applicant_2,
                "action_open_sales_targets",
                (self.sales_manager,),
                "sales.quota",
            ),
            ReadonlyCall(
                self.report_row("sales.hiring.report", applicant_id=ada.id),
                "action_open_applicant",
                users,
                ada._name,
            ),
            ReadonlyCall(
                self.report_row("sales.hiring.stage.report", applicant_id=ada.id),
                "action_open_applicant",
                users,
                ada._name,
            ),
            ReadonlyCall(
                self.report_row("sales.quality.hire", applicant_id=ada.id),
                "action_open_applicant",
                users,
                ada._name,
            ),
            ReadonlyCall(
                self.report_row(
                    "sales.quality.hire.summary", company_id=self.company.id
                ),
                "action_open_hires",
                users,
                "sales.quality.hire",
            ),
            ReadonlyCall(
                self.hiring_plan,
                "action_open_lines",
                users,
                "sales.hiring.plan.line",
            ),
            ReadonlyCall(
                self.hiring_plan.team_ids[:1],
                "action_open_lines",
                users,
                "sales.hiring.plan.line",
            ),
        ]

    def test_readonly_methods_write_nothing(self):
        self.assertTrue(self.hiring_plan.team_ids)
        check_readonly_calls(self, self.readonly_calls())

    def test_every_readonly_method_is_called(self):
        check_readonly_calls_complete(self, ADDON, self.readonly_calls())
