# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Sales Forecast dashboard: the company's forecast sheets by month and
the source-to-cash funnel, for sales managers."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.sales_management.tests.test_dashboard import (
    check_data_sources,
    check_menus_visible,
    dashboard_data,
)
from odoo.addons.sales_management.tools.dashboard import (
    dashboard_requests,
    read_requests,
)

from .common import ForecastCommon

DASHBOARD = "sales_management_forecast.spreadsheet_dashboard_sales_forecast"


@tagged("post_install", "-at_install")
class TestForecastDashboard(ForecastCommon):
    def read_dashboard(self, user, today):
        env = self.env(user=user)
        requests = dashboard_requests(
            dashboard_data(self.env, DASHBOARD),
            lambda model: env[model].fields_get(),
            today,
            "UTC",
        )
        return read_requests(env, requests)

    def test_installed_for_managers(self):
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(
            dashboard.group_ids, self.env.ref("sales_team.group_sale_manager")
        )
        action = self.env.ref(
            "sales_management_forecast.sales_forecast_dashboard_action"
        )
        self.assertEqual(action.params, {"dashboard_id": dashboard.id})
        data = dashboard_data(self.env, DASHBOARD)
        check_data_sources(self, data)
        check_menus_visible(self, data, self.manager)

    def test_figures(self):
        today = date.today()
        sheet = self.env["sales.forecast"].create(
            {
                "owner_type": "company",
                "company_id": self.company.id,
                "period_type": "month",
                "date_from": today.replace(day=1),
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Dashboard funnel lead",
                "type": "lead",
                "user_id": self.rep_a.id,
                "company_id": self.company.id,
            }
        )
        figures = self.read_dashboard(self.manager, today)
        rows = figures["list 1"]["records"]
        self.assertIn(sheet.id, [row["id"] for row in rows])
        row = next(row for row in rows if row["id"] == sheet.id)
        for field in ("target", "closed_won", "commit_amount", "best_case_amount"):
            self.assertAlmostEqual(row[field], sheet[field])
        # the funnel of the year is the report's, lead included
        funnel = figures["pivot 1"][0]
        Report = self.env["sales.funnel.report"]
        year = [
            ("date_created", ">=", today.replace(month=1, day=1).isoformat()),
            ("date_created", "<=", today.replace(month=12, day=31).isoformat()),
        ]
        self.assertEqual(funnel["lead_count"], Report.search_count(year))
        self.assertIn(lead, Report.search(year).lead_id)
