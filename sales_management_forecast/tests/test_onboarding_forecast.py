# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forecast's steps of the guided setup: done by the first snapshot of a
company (the button or the weekly job) and by reviewing the mapping."""

from odoo import Command
from odoo.tests import tagged

from .common import ForecastCommon

MAPPING = "action_open_step_sm_forecast_mapping"
SNAPSHOT = "action_open_step_sm_snapshot"


@tagged("post_install", "-at_install")
class TestOnboardingForecast(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_company = cls.env["res.company"].create({"name": "Forecast Onboarding"})
        cls.manager.company_ids = [Command.link(cls.new_company.id)]

    def _done(self, company):
        panel = (
            self.env["onboarding.onboarding"]
            .with_user(self.manager)
            .with_company(company)
            .sm_get_panel()
        )
        return {step["action"] for step in panel["steps"] if step["done"]}

    def test_forecast_steps_follow_the_others(self):
        panel = (
            self.env["onboarding.onboarding"]
            .with_user(self.manager)
            .with_company(self.new_company)
            .sm_get_panel()
        )
        actions = [step["action"] for step in panel["steps"]]
        self.assertEqual(actions[-2:], [MAPPING, SNAPSHOT])

    def test_first_snapshot_does_the_step(self):
        self.assertNotIn(SNAPSHOT, self._done(self.new_company))
        # as the weekly job takes it, for that company only
        self.env["sales.forecast.snapshot"]._take_snapshot(self.new_company)
        self.assertIn(SNAPSHOT, self._done(self.new_company))
        Step = self.env["onboarding.onboarding.step"].with_user(self.manager)
        action = Step.action_open_step_sm_snapshot()
        self.assertEqual(action["res_model"], "sales.forecast.snapshot")

    def test_reviewing_the_mapping_does_the_step(self):
        self.assertNotIn(MAPPING, self._done(self.new_company))
        Step = (
            self.env["onboarding.onboarding.step"]
            .with_user(self.manager)
            .with_company(self.new_company)
        )
        action = Step.action_open_step_sm_forecast_mapping()
        self.assertEqual(action["res_model"], "sales.forecast.category.mapping")
        self.assertIn(MAPPING, self._done(self.new_company))
