# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import INTERVIEWER, RECRUITER, SALES_MANAGER, SALESMAN
from .onboarding_common import OnboardingCommon


@tagged("post_install", "-at_install")
class TestOnboardingRefusals(OnboardingCommon):
    """Bad input: a clear message, and nothing saved."""

    def assert_refused(self, applicant, regex, user=None, **values):
        """Onboarding is refused with a message matching ``regex``, which the
        preview shows too, and nothing changes."""
        before = self.counts()
        wizard = self.wizard(applicant, user, **values)
        with self.refused(regex, UserError):
            wizard.action_onboard()
        self.assertEqual(self.counts(), before)
        self.assertRegex(wizard.preview, regex)
        self.assertFalse(applicant.sales_onboarded_date)

    def test_not_hired(self):
        self.assert_refused(self.applicant_1, "Ada Applicant is not hired yet")

    def test_not_a_sales_job(self):
        applicant = self.hire(self.make_applicant("Dan Other", job=self.other_job))
        self.assert_refused(
            applicant, "Accountant \\(test\\), which is not a sales job"
        )

    def test_ramp_longer_than_the_plan(self):
        short = self.make_plan(
            "Two months (test)", date_from=date(2027, 1, 1), date_to=date(2027, 2, 28)
        )
        self.assert_refused(
            self.hire(self.applicant_1),
            "lasts 4 months from .* ends on .*: month 3 \\(March 2027\\), month 4 "
            "\\(April 2027\\) of the new salesperson would fall outside it",
            target_plan_id=short.id,
        )

    def test_no_active_plan(self):
        self.assert_refused(
            self.hire(self.applicant_1),
            "No active target plan .* contains the start date",
            start_date=date(2028, 3, 1),
        )

    def test_closed_plan(self):
        self.plan.action_close()
        self.assert_refused(
            self.hire(self.applicant_1),
            "Targets 2027 \\(test\\) is closed",
            target_plan_id=self.plan.id,
        )

    def test_draft_plan(self):
        draft = self.make_plan("Draft 2027 (test)", activate=False)
        self.assert_refused(
            self.hire(self.applicant_1),
            "Draft 2027 \\(test\\) is not active yet",
            target_plan_id=draft.id,
        )

    def test_plan_of_opportunities(self):
        plan = self.make_plan("Won 2027 (test)", metric="won_count")
        self.assert_refused(
            self.hire(self.applicant_1),
            "counts won opportunities",
            target_plan_id=plan.id,
        )

    def test_start_date_outside_the_plan(self):
        self.assert_refused(
            self.hire(self.applicant_1),
            "The start date .* is outside the target plan",
            target_plan_id=self.plan.id,
            start_date=date(2028, 1, 1),
        )

    def test_job_without_annual_target(self):
        self.job.sales_annual_target = 0
        self.assert_refused(
            self.hire(self.applicant_1), "Account Executive \\(test\\) has no annual"
        )

    def test_login_taken(self):
        new_test_user(self.env, login="ada@example.com", groups="base.group_user")
        self.assert_refused(
            self.hire(self.applicant_1), "The login ada@example.com is already taken"
        )

    def test_targets_need_a_user(self):
        self.assert_refused(
            self.hire(self.applicant_1),
            "Targets are for a user",
            create_user=False,
            user_id=False,
        )

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Other Co (onboarding)"})
        self.onboarder.company_ids = [Command.link(other.id)]
        team = self.env["crm.team"].create({"name": "Far", "company_id": other.id})
        self.assert_refused(
            self.hire(self.applicant_1),
            "The sales team Far belongs to Other Co",
            team_id=team.id,
        )
        plan = self.make_plan("Other 2027 (test)", company=other, team=team)
        self.assert_refused(
            self.hire(self.applicant_1),
            "The target plan Other 2027 \\(test\\) belongs to Other Co",
            target_plan_id=plan.id,
        )
        user = new_test_user(
            self.env,
            login="sr_far",
            groups="base.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assert_refused(
            self.hire(self.applicant_1),
            "does not work in",
            create_user=False,
            user_id=user.id,
        )

    def test_manager_without_employee(self):
        """The plan's activities for the manager need one: refused, the
        employee created before is rolled back."""
        self.team.user_id = self.recruiter
        before = self.counts()
        wizard = self.wizard(self.hire(self.applicant_1))
        self.assertEqual(wizard.manager_id, self.recruiter)
        with self.refused("cannot be launched for Ada Applicant", UserError):
            wizard.action_onboard()
        self.assertEqual(self.counts(), before)
        self.assertFalse(self.applicant_1.employee_id)

    def test_onboarding_fields_written_by_the_wizard_only(self):
        for vals in (
            {"sales_onboarded_date": "2026-12-01 10:00:00"},
            {"sales_user_id": self.salesman.id},
        ):
            with self.refused("Onboard Salesperson button only", UserError):
                self.applicant_1.with_user(self.recruiter).write(vals)
        self.assertFalse(self.applicant_1.sales_onboarded_date)

    def test_concurrent_onboarding(self):
        """A second request while the first holds the application gets a
        message at once (and creates nothing)."""
        registry = self.env.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            candidate = env["hr.candidate"].create({"partner_name": "Lock (test)"})
            applicant = env["hr.applicant"].create({"candidate_id": candidate.id})
            ids = (applicant.id, candidate.id)

        def cleanup():
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["hr.applicant"].browse(ids[0]).unlink()
                env["hr.candidate"].browse(ids[1]).unlink()

        self.addCleanup(cleanup)
        with registry.cursor() as first, registry.cursor() as second:
            api.Environment(first, SUPERUSER_ID, {})["hr.applicant"].browse(
                ids[0]
            )._sales_lock_onboarding()
            locked = api.Environment(second, SUPERUSER_ID, {})["hr.applicant"]
            with self.assertRaisesRegex(UserError, "being onboarded by another"):
                locked.browse(ids[0])._sales_lock_onboarding()
            first.rollback()
            second.rollback()


@tagged("post_install", "-at_install")
class TestOnboardingRights(OnboardingCommon):
    """Recruitment officers and sales managers onboard; interviewers and
    salespeople do not; creating a user stays with administrators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_user = new_test_user(
            cls.env,
            login="sr_new_rep",
            name="New Rep",
            groups=f"base.group_user,{SALESMAN}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_interviewers_and_salespeople_do_not_onboard(self):
        applicant = self.hire(self.applicant_1)
        for user in (self.interviewer_a, self.salesman):
            with self.refused("", AccessError):
                self.wizard(applicant, user)
            with self.refused("", AccessError):
                self.env["sales.applicant.onboard"].with_user(user).browse(
                    []
                )._sales_check_applicants(applicant)

    def test_recruiter(self):
        applicant = self.hire(self.applicant_1)
        wizard = self.wizard(applicant, self.recruiter)
        self.assertFalse(wizard.can_create_user)
        self.assertFalse(wizard.create_user)
        self.assertEqual(wizard.target_plan_name, "Targets 2027 (test)")
        with self.refused("Targets are for a user", UserError):
            wizard.action_onboard()
        with self.refused("Only administrators", UserError):
            wizard.write({"create_user": True})
            wizard.action_onboard()
        wizard.user_id = self.new_user
        wizard.action_onboard()
        self.assertEqual(applicant.employee_id.user_id, self.new_user)
        self.assertEqual(len(self.targets(self.new_user)), 12)
        self.assertIn(self.new_user, self.team.member_ids)

    def test_sales_manager_without_recruitment_rights(self):
        applicant = self.hire(self.applicant_1)
        self.assertTrue(
            self.env["hr.applicant"].with_user(self.sales_manager)._sales_manager_only()
        )
        self.onboard(applicant, self.sales_manager, user_id=self.new_user.id)
        self.assertEqual(applicant.sales_user_id, self.new_user)
        self.assertEqual(applicant.sales_onboarded_uid, self.sales_manager)
        self.assertEqual(len(self.targets(self.new_user)), 12)
        # the applications of other jobs are not theirs
        other = self.hire(self.make_applicant("Dan Other", job=self.other_job))
        with self.refused("", AccessError):
            self.wizard(other, self.sales_manager)

    def test_sales_manager_of_another_company(self):
        other = self.env["res.company"].create({"name": "Other Co (rights)"})
        manager = new_test_user(
            self.env,
            login="sr_far_manager",
            groups=f"base.group_user,{SALES_MANAGER},{RECRUITER},{INTERVIEWER}",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.refused("", AccessError):
            self.wizard(self.hire(self.applicant_1), manager)

    def test_the_screens_open_for_each_role(self):
        """The wizard opens (defaults, preview) and the onboarded application
        reads for each role that onboards: no field is refused to them."""
        applicant = self.hire(self.applicant_1)
        for user in (self.recruiter, self.sales_manager, self.onboarder):
            action = applicant.with_user(user).action_open_sales_onboarding()
            Wizard = (
                self.env[action["res_model"]]
                .with_user(user)
                .with_context(**action["context"])
            )
            spec = self.view_spec(Wizard)
            values = Wizard.onchange({}, [], spec)["value"]
            self.assertIn("o_sales_onboard_targets", values["preview"])
            self.assertEqual(values["period_target"], 50000)
            wizard = Wizard.create({"applicant_id": applicant.id})
            self.assertTrue(wizard.web_read(spec))
        self.onboard(applicant, self.sales_manager, user_id=self.new_user.id)
        for user in (self.recruiter, self.sales_manager, self.onboarder):
            record = applicant.with_user(user)
            self.assertTrue(record.web_read(self.view_spec(record)))

    def view_spec(self, records):
        """What the web client reads of ``records`` in their form."""
        views = records.get_views([(False, "form")])
        spec = {}
        for name in views["models"][records._name]["fields"]:
            field = records._fields.get(name)
            if field is None:
                continue
            relational = field.type in ("many2one", "one2many", "many2many")
            spec[name] = {"fields": {"display_name": {}}} if relational else {}
        return spec
