# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guided first setup of the app: Odoo's onboarding steps, shown to the
sales managers as a panel above the target plans.

Each step is done for a company when what it asks is done (a target plan
created, targets distributed, the scoring rules reviewed; the forecast addon
adds its own steps), whoever did it: the code that does it validates the
step, and the steps whose result is a record (a plan, targets, a snapshot)
show done as soon as the company has one. The panel reads the steps
without writing anything; a manager may hide it for the company.
"""

from odoo import api, models
from odoo.exceptions import AccessError

ONBOARDING = "sales_management.onboarding_sales_management"
MANAGER_GROUP = "sales_team.group_sale_manager"


class OnboardingOnboarding(models.Model):
    _inherit = "onboarding.onboarding"

    @api.model
    @api.readonly
    def sm_get_panel(self):
        """The panel of the guided setup as the client shows it: its steps
        with their state for the current company; empty for a user who is
        not a sales manager and once the panel is hidden."""
        onboarding = self.env.ref(ONBOARDING, raise_if_not_found=False)
        if not onboarding or not self.env.user.has_group(MANAGER_GROUP):
            return {}
        onboarding = onboarding.sudo()
        if onboarding.is_onboarding_closed:
            return {}
        shown_done = self._sm_steps_done_by_data(self.env.company)
        steps = [
            {
                "id": step.id,
                "title": step.title,
                "description": step.description,
                "button_text": step.button_text,
                "done_text": step.done_text,
                "action": step.panel_step_open_action_name,
                "done": step.current_step_state != "not_done"
                or step.panel_step_open_action_name in shown_done,
            }
            for step in onboarding.step_ids
        ]
        return {
            "title": onboarding.name,
            "steps": steps,
            "done": all(step["done"] for step in steps),
            "text_completed": onboarding.text_completed,
        }

    @api.model
    def _sm_steps_done_by_data(self, company):
        """The steps ``company``'s records show done, by their opening action
        (a database upgraded to this version did them before the steps
        existed): a target plan, targets. Read only."""
        done = set()
        if (
            self.env["sales.quota.plan"]
            .sudo()
            .search_count([("company_id", "=", company.id)], limit=1)
        ):
            done.add("action_open_step_sm_target_plan")
        if (
            self.env["sales.quota"]
            .sudo()
            .search_count([("plan_id.company_id", "=", company.id)], limit=1)
        ):
            done.add("action_open_step_sm_distribute")
        return done

    @api.model
    def sm_close_panel(self):
        """Hide the panel for the current company (sales managers)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only sales managers can hide the setup steps.")
            )
        onboarding = self.env.ref(ONBOARDING, raise_if_not_found=False)
        if onboarding:
            onboarding.sudo()._search_or_create_progress().action_close()
        return True
