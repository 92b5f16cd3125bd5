# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestForecastDashboardTour(HttpCase):
    """The forecast dashboard in the browser, its figures evaluated."""

    def test_forecast_dashboard(self):
        self._run()

    def test_forecast_dashboard_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "in", ("sales_management", "sales_management_forecast"))]
        )._update_translations(["fr_FR"])
        self.env.ref("base.user_admin").lang = "fr_FR"
        self._run()

    def _run(self):
        admin = self.env.ref("base.user_admin")
        company = self.env["res.company"].create({"name": "Tour Forecast Co"})
        admin.company_ids |= company
        admin.company_id = company
        env = self.env(context={"allowed_company_ids": company.ids})
        today = fields.Date.context_today(admin)
        env["sales.forecast"].create(
            {
                "owner_type": "company",
                "company_id": company.id,
                "period_type": "month",
                "date_from": today.replace(day=1),
            }
        )
        won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
        won = env["crm.lead"].create(
            {
                "name": "Tour forecast won",
                "type": "opportunity",
                "user_id": admin.id,
                "company_id": company.id,
                "expected_revenue": 700,
            }
        )
        won.write({"stage_id": won_stage.id, "probability": 100})
        won.date_closed = fields.Datetime.now()
        env["crm.lead"].create(
            {
                "name": "Tour forecast lead",
                "type": "lead",
                "user_id": admin.id,
                "company_id": company.id,
            }
        )
        self.start_tour(
            "/odoo/action-sales_management_forecast.sales_forecast_dashboard_action",
            "sales_management_forecast_dashboard_tour",
            login="admin",
        )
