# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guided first setup: Odoo's onboarding steps, each done when what it
asks is done, per company; the panel for the sales managers only."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import SalesManagementCommon

STEPS = (
    "action_open_step_sm_target_plan",
    "action_open_step_sm_distribute",
    "action_open_step_sm_scoring_rules",
)


@tagged("post_install", "-at_install")
class TestOnboarding(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company that starts from nothing (the main one has demo plans)
        cls.new_company = cls.env["res.company"].create({"name": "Onboarding Co"})
        cls.manager.company_ids = [Command.link(cls.new_company.id)]
        cls.rep_a.company_ids = [Command.link(cls.new_company.id)]

    def _panel(self, user=None, company=None):
        env = self.env(user=user or self.manager)
        Onboarding = env["onboarding.onboarding"].with_company(
            company or self.new_company
        )
        return Onboarding.sm_get_panel()

    def _done(self, panel):
        return {step["action"] for step in panel["steps"] if step["done"]}

    def test_steps_done_as_the_work_is_done(self):
        panel = self._panel()
        actions = [step["action"] for step in panel["steps"]]
        # the forecast addon, when installed, adds its steps after these
        self.assertEqual(tuple(actions[:3]), STEPS)
        self.assertFalse(self._done(panel))
        self.assertFalse(panel["done"])
        for step in panel["steps"]:
            self.assertTrue(step["title"] and step["button_text"])

        # a plan created in the company: the first step is done there
        plan = (
            self.env["sales.quota.plan"]
            .with_user(self.manager)
            .with_company(self.new_company)
            .create(
                {
                    "name": "Onboarding plan",
                    "metric": "sale",
                    "period_type": "month",
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "company_id": self.new_company.id,
                }
            )
        )
        self.assertEqual(self._done(self._panel()), {STEPS[0]})
        # not in another company that has not done it
        other = self.env["res.company"].create({"name": "Other Co"})
        self.manager.company_ids = [Command.link(other.id)]
        self.assertFalse(self._done(self._panel(company=other)))

        # targets added and the plan activated: the distribution step
        self.create_quota(plan, self.rep_a, date(2026, 1, 1), 1000)
        plan.with_user(self.manager).with_company(self.new_company).action_activate()
        self.assertEqual(self._done(self._panel()), set(STEPS[:2]))

        # the review step: done when the manager opens the rules from it
        Step = self.env["onboarding.onboarding.step"].with_user(self.manager)
        action = Step.with_company(self.new_company).action_open_step_sm_scoring_rules()
        self.assertEqual(action["res_model"], "sales.scoring.rule")
        self.assertEqual(self._done(self._panel()), set(STEPS))

    def test_step_buttons_open_their_screens(self):
        Step = self.env["onboarding.onboarding.step"].with_user(self.manager)
        action = Step.action_open_step_sm_target_plan()
        self.assertEqual(action["res_model"], "sales.quota.plan")
        self.assertEqual(action["views"][0][1], "form")
        action = Step.action_open_step_sm_distribute()
        self.assertEqual(action["res_model"], "sales.quota.plan")
        self.assertEqual(action["views"][0][1], "list")

    def test_distribution_wizard_does_the_step(self):
        # the main company did it with its demo plans: start it again there
        step = self.env.ref("sales_management.onboarding_step_distribute")
        step.progress_ids.unlink()
        step = step.with_company(self.company)
        self.assertEqual(step.current_step_state, "not_done")
        plan = self.create_plan("sale", period_type="quarter", year=2027)
        form = Form(
            self.env["sales.quota.distribute"].with_context(default_plan_id=plan.id)
        )
        form.team_id = self.team_north
        form.amount = 1000
        form.save().action_distribute()
        step.invalidate_recordset()
        self.assertNotEqual(step.current_step_state, "not_done")

    def test_steps_done_by_the_records_of_the_company(self):
        # a database upgraded to this version: plans and targets made before
        # the steps existed show those steps done, without a write
        plan = self.create_plan("sale", year=2028)
        self.create_quota(plan, self.rep_a, date(2028, 1, 1), 500)
        self.env.ref(
            "sales_management.onboarding_step_target_plan"
        ).progress_ids.unlink()
        self.env.ref(
            "sales_management.onboarding_step_distribute"
        ).progress_ids.unlink()
        done = self._done(self._panel(company=self.company))
        self.assertTrue(set(STEPS[:2]) <= done)

    def test_panel_for_sales_managers_only_and_hidden_per_company(self):
        self.assertEqual(self._panel(user=self.rep_a), {})
        Step = self.env["onboarding.onboarding.step"].with_user(self.rep_a)
        for action in STEPS:
            with self.assertRaises(AccessError):
                getattr(Step, action)()
        self.assertNotIn(STEPS[2], self._done(self._panel()))
        with self.assertRaises(AccessError):
            self.env["onboarding.onboarding"].with_user(self.rep_a).sm_close_panel()
        self.assertTrue(self._panel()["steps"])
        Onboarding = self.env["onboarding.onboarding"].with_user(self.manager)
        Onboarding.with_company(self.new_company).sm_close_panel()
        self.assertEqual(self._panel(), {})
        # still shown in the companies where it was not hidden
        self.assertTrue(self._panel(company=self.company)["steps"])

    def test_panel_reads_without_writing(self):
        progress = self.env["onboarding.progress"].search_count([])
        steps = self.env["onboarding.progress.step"].search_count([])
        self._panel()
        self._panel(company=self.company)
        self.assertEqual(self.env["onboarding.progress"].search_count([]), progress)
        self.assertEqual(self.env["onboarding.progress.step"].search_count([]), steps)
