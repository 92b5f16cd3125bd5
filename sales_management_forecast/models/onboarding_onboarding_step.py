# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forecast's steps of the guided setup (see
``sales_management/models/onboarding_onboarding.py``): what their buttons
open."""

from odoo import api, models

from .sales_forecast_category_mapping import STEP_MAPPING


class OnboardingOnboardingStep(models.Model):
    _inherit = "onboarding.onboarding.step"

    @api.model
    def action_open_step_sm_forecast_mapping(self):
        """The forecast category mapping: reviewing it is the step."""
        action = self._sm_open(
            "sales_management_forecast.sales_forecast_category_mapping_action"
        )
        self._sm_validate(STEP_MAPPING)
        return action

    @api.model
    @api.readonly
    def action_open_step_sm_snapshot(self):
        """The pipeline snapshots, with *Take a Snapshot Now* (the step is
        done once the first snapshot is taken, by the button or the weekly
        job)."""
        return self._sm_open("sales_management_forecast.sales_forecast_snapshot_action")
