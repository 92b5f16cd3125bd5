# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forecast's part of the guided setup's panel: the first snapshot shown
done once the company has one (see
``sales_management/models/onboarding_onboarding.py``)."""

from odoo import api, models


class OnboardingOnboarding(models.Model):
    _inherit = "onboarding.onboarding"

    @api.model
    def _sm_steps_done_by_data(self, company):
        done = super()._sm_steps_done_by_data(company)
        if (
            self.env["sales.forecast.snapshot"]
            .sudo()
            .search_count([("company_id", "=", company.id)], limit=1)
        ):
            done.add("action_open_step_sm_snapshot")
        return done
