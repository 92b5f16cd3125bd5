# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Drill-down of the figures of a target: every figure opens the records
behind it, with the definition of the figure (``sales.figure``)."""

from odoo import api, models


class SalesQuota(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.quota"

    def _figure_owner_bounds(self):
        """Bounds of this target's figures (``sales.figure``)."""
        self.ensure_one()
        bounds = {
            "company": self.plan_id.company_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        if self.target_type == "user":
            bounds["users"] = [self.user_id.id]
        else:
            bounds["teams"] = [self.team_id.id]
        return bounds

    def _get_achieved_domain(self):
        """(model, domain) of the documents counted in ``achieved``."""
        self.ensure_one()
        source, _measure = self._achieved_source(self.plan_id)
        bounds = self._figure_owner_bounds()
        if source.endswith("_lines"):
            bounds["category"] = self.plan_id.product_categ_id
        return self.env["sales.figure"]._figure_client_domain(source, **bounds)

    def _get_pipeline_domain(self):
        """Domain of the opportunities counted in ``pipeline``."""
        self.ensure_one()
        Figure = self.env["sales.figure"]
        extra = (
            Figure._prospect_domain(self.plan_id.company_id.id)
            if self.plan_id.metric == "new_customer"
            else ()
        )
        return Figure._figure_client_domain(
            "pipeline", extra=extra, **self._figure_owner_bounds()
        )[1]

    @api.readonly
    def action_view_achieved(self):
        self.ensure_one()
        model, domain = self._get_achieved_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Achieved: %(quota)s", quota=self.display_name),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False, "active_test": False},
        }

    @api.readonly
    def action_view_pipeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pipeline: %(quota)s", quota=self.display_name),
            "res_model": "crm.lead",
            "views": [(False, "list"), (False, "form")],
            "domain": self._get_pipeline_domain(),
            "context": {"create": False},
        }
