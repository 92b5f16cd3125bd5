# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The steps of the guided setup: what each button opens, and how the code
that does a step marks it done (see ``onboarding_onboarding.py``)."""

from odoo import api, models
from odoo.exceptions import AccessError

STEP_TARGET_PLAN = "sales_management.onboarding_step_target_plan"
STEP_DISTRIBUTE = "sales_management.onboarding_step_distribute"
STEP_SCORING_RULES = "sales_management.onboarding_step_scoring_rules"


class OnboardingOnboardingStep(models.Model):
    _inherit = "onboarding.onboarding.step"

    @api.model
    def _sm_validate(self, xmlid, companies=None):
        """Mark the step ``xmlid`` done for ``companies`` (by default the
        current one), whoever did what it asks."""
        steps = self.sudo()
        for company in companies or self.env.company:
            steps.with_company(company).action_validate_step(xmlid)

    @api.model
    def _sm_open(self, action_xmlid, view_type=None):
        """The window action ``action_xmlid``, as its menu opens it (its
        groups checked); ``view_type`` opens that view first. The steps are
        the sales managers' (so is the panel)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers can run the setup steps.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        if view_type:
            action["views"] = [(False, view_type)] + [
                view for view in action.get("views", []) if view[1] != view_type
            ]
        return action

    @api.model
    @api.readonly
    def action_open_step_sm_target_plan(self):
        """A new target plan (the step is done once a plan exists)."""
        return self._sm_open(
            "sales_management.sales_quota_plan_action", view_type="form"
        )

    @api.model
    @api.readonly
    def action_open_step_sm_distribute(self):
        """The target plans: *Distribute Targets* on a plan (the step is done
        once targets are distributed or a plan is activated)."""
        return self._sm_open("sales_management.sales_quota_plan_action")

    @api.model
    def action_open_step_sm_scoring_rules(self):
        """The scoring rules: reviewing them is the step."""
        action = self._sm_open("sales_management.sales_scoring_rule_action")
        self._sm_validate(STEP_SCORING_RULES)
        return action
