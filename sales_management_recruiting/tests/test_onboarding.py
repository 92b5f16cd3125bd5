# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import SALESMAN
from .onboarding_common import OnboardingCommon


@tagged("post_install", "-at_install")
class TestOnboarding(OnboardingCommon):
    """A hired salesperson onboarded: employee, user, team, activities and
    ramped targets, once."""

    def test_defaults(self):
        self.hire(self.applicant_1)
        wizard = self.wizard(self.applicant_1)
        self.assertEqual(wizard.start_date, date(2027, 1, 1))
        self.assertEqual(wizard.target_plan_id, self.plan)
        self.assertEqual(wizard.period_target, 50000)
        self.assertEqual(wizard.team_id, self.team)
        self.assertEqual(wizard.manager_id, self.leader)
        self.assertEqual(wizard.activity_plan_id, self.activity_plan)
        self.assertTrue(wizard.create_user)
        self.assertEqual(wizard.login, "ada@example.com")
        self.assertFalse(wizard.employee_name)
        # the preview: no problem, the activities and the ramped targets
        self.assertNotIn("alert", wizard.preview)
        self.assertIn("Shadowing", wizard.preview)
        self.assertIn("2027-01", wizard.preview)
        self.assertIn("25.0 %", wizard.preview)

    def test_onboard(self):
        applicant = self.hire(self.applicant_1)
        self.onboard(applicant)
        employee = applicant.employee_id
        self.assertEqual(employee.name, "Ada Applicant")
        self.assertEqual(employee.company_id, self.company)
        self.assertEqual(employee.job_id, self.job)
        self.assertEqual(employee.parent_id, self.leader_employee)
        # the user: internal, salesperson, of the job's company
        user = employee.user_id
        self.assertEqual(user.login, "ada@example.com")
        self.assertEqual(user.company_ids, self.company)
        self.assertTrue(user.has_group(SALESMAN))
        self.assertFalse(user.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(user.share)
        self.assertEqual(user.partner_id, employee.work_contact_id)
        # the team
        self.assertIn(user, self.team.member_ids)
        # the activity plan, from the start date, each for its responsible
        activities = employee.activity_ids.sorted("date_deadline")
        self.assertEqual(
            [(a.summary, a.user_id, a.date_deadline) for a in activities],
            [
                ("Product training", self.leader, date(2027, 1, 1)),
                ("CRM training", self.leader, date(2027, 1, 3)),
                ("Shadowing", self.leader, date(2027, 1, 8)),
                ("First calls", user, date(2027, 1, 15)),
            ],
        )
        # the targets: every month of the plan, ramped 25/50/75 then full
        targets = self.targets(user)
        self.assertEqual(len(targets), 12)
        self.assertEqual(
            targets.mapped("ramp_factor"), [25.0, 50.0, 75.0] + [100.0] * 9
        )
        self.assertEqual(set(targets.mapped("target_amount")), {50000})
        self.assertEqual(targets[0].effective_target, 12500)
        self.assertEqual(targets.team_id, self.team)
        self.assertEqual(targets[0].date_from, date(2027, 1, 1))
        # what the application records and says
        self.assertTrue(applicant.sales_onboarded_date)
        self.assertEqual(applicant.sales_onboarded_uid, self.onboarder)
        self.assertEqual(applicant.sales_user_id, user)
        self.assertEqual(applicant.sales_target_plan_id, self.plan)
        self.assertEqual(applicant.sales_target_count, 12)
        body = applicant.message_ids[0].body
        for text in (
            "Employee created: Ada Applicant",
            "User created: ada@example.com",
            "joined Hunters",
            "Salesperson Onboarding, 4 activities",
            "Targets: 12 in the plan",
            "2027-01 25 %, 2027-02 50 %, 2027-03 75 %",
        ):
            self.assertIn(text, body)
        self.assertEqual(applicant.message_ids[0].author_id, self.onboarder.partner_id)
        action = applicant.action_open_sales_targets()
        self.assertEqual(
            self.env["sales.quota"].search(action["domain"]).sorted("date_from"),
            targets,
        )

    def test_quarter_plan(self):
        plan = self.make_plan("Quarters 2027 (test)", period_type="quarter")
        applicant = self.hire(self.applicant_1)
        wizard = self.wizard(
            applicant, target_plan_id=plan.id, start_date=date(2027, 2, 1)
        )
        self.assertEqual(wizard.period_target, 150000)
        wizard.action_onboard()
        targets = self.targets(applicant.employee_id.user_id, plan)
        # Q1: January before the start (0), February 25, March 50; Q2: 75,
        # 100, 100
        self.assertEqual(
            targets.mapped("period_name"),
            ["Q1 2027", "Q2 2027"]
            + [
                "Q3 2027",
                "Q4 2027",
            ],
        )
        self.assertEqual(targets.mapped("ramp_factor"), [25.0, 91.7, 100.0, 100.0])
        self.assertEqual(set(targets.mapped("target_amount")), {150000})

    def test_second_onboarding_creates_nothing(self):
        applicant = self.hire(self.applicant_1)
        self.onboard(applicant)
        before = self.counts()
        wizard = self.wizard(applicant)
        self.assertIn("already onboarded", wizard.preview)
        with self.refused(r"already onboarded on .* Targets 2027 \(test\)", UserError):
            wizard.action_onboard()
        with self.refused("already onboarded", UserError):
            applicant.action_open_sales_onboarding()
        self.assertEqual(self.counts(), before)

    def test_nothing_twice_for_the_same_person(self):
        """An employee hired again (another application of the same
        candidate): their user, membership, open activities and targets are
        kept, and only what is missing is created."""
        applicant = self.hire(self.applicant_1)
        self.onboard(applicant, create_targets=False)
        user = applicant.employee_id.user_id
        january = self.env["sales.quota"].create(
            {
                "plan_id": self.plan.id,
                "user_id": user.id,
                "date_from": date(2027, 1, 1),
                "target_amount": 1234,
            }
        )
        again = self.env["hr.applicant"].create(
            {"candidate_id": applicant.candidate_id.id, "job_id": self.job.id}
        )
        self.hire(again)
        before = self.counts()
        wizard = self.wizard(again)
        self.assertFalse(wizard.create_user)
        self.assertEqual(wizard.user_id, user)
        self.assertIn("already in the plan", wizard.preview)
        wizard.action_onboard()
        after = self.counts()
        for key in ("employees", "users", "memberships", "activities"):
            self.assertEqual(after[key], before[key], key)
        self.assertEqual(after["targets"], before["targets"] + 11)
        self.assertEqual(january.target_amount, 1234)
        self.assertEqual(len(self.targets(user)), 12)
        body = again.message_ids[0].body
        self.assertIn("already a member of Hunters", body)
        self.assertIn("already launched", body)
        self.assertIn("1 already in the plan", body)

    def test_existing_user_and_no_plan(self):
        user = new_test_user(
            self.env,
            login="sr_ada",
            name="Ada A.",
            groups=f"base.group_user,{SALESMAN}",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        applicant = self.hire(self.applicant_2)
        self.onboard(
            applicant, create_user=False, user_id=user.id, activity_plan_id=False
        )
        self.assertEqual(applicant.employee_id.user_id, user)
        self.assertFalse(applicant.employee_id.activity_ids)
        self.assertEqual(len(self.targets(user)), 12)

    def test_annual_target_entered_by_hand(self):
        """A job without annual target: the full target of a period is
        entered in the wizard."""
        self.job.sales_annual_target = 0
        applicant = self.hire(self.applicant_1)
        wizard = self.wizard(applicant)
        self.assertEqual(wizard.period_target, 0)
        self.assertIn("has no annual target", wizard.preview)
        wizard.period_target = 4000
        wizard.action_onboard()
        targets = self.targets(applicant.employee_id.user_id)
        self.assertEqual(set(targets.mapped("target_amount")), {4000})

    def test_start_date_near_the_end_of_the_plan(self):
        """The ramp fits the months left: the targets are those months."""
        applicant = self.hire(self.applicant_1)
        wizard = self.wizard(applicant, start_date=date(2027, 9, 1))
        wizard.action_onboard()
        targets = self.targets(applicant.employee_id.user_id)
        self.assertEqual(targets.mapped("ramp_factor"), [25.0, 50.0, 75.0, 100.0])
