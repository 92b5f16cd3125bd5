# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestForecastChartTour(HttpCase):
    """The chart of a forecast in the browser, in English and in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        Forecast = cls.env["sales.forecast"]
        company = cls.admin.company_id
        Forecast._prepare_sheets(company, "month", date(2026, 2, 10))
        sheets = Forecast._prepare_sheets(company, "month", date(2026, 3, 10))
        cls.forecast = sheets.filtered(lambda f: f.owner_type == "company")
        # two snapshots of the demo pipeline, a week apart
        Snapshot = cls.env["sales.forecast.snapshot"]
        for day in (1, 8):
            with freeze_time(f"2026-03-{day:02d} 08:00:00"):
                Snapshot._take_snapshot(company)

    def _run(self):
        self.start_tour(
            f"/odoo/action-sales_management_forecast.sales_forecast_action/{self.forecast.id}",
            "sales_management_forecast_chart_tour",
            login="admin",
        )

    def test_chart(self):
        self._run()

    def test_chart_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "in", ("sales_management", "sales_management_forecast"))]
        )._update_translations(["fr_FR"])
        self.admin.lang = "fr_FR"
        self._run()
        chart = self.forecast.with_context(lang="fr_FR").sm_chart
        self.assertIn("Objectif", [dataset["label"] for dataset in chart["datasets"]])

    def test_waterfall(self):
        self.start_tour(
            "/odoo/action-sales_management_forecast.sales_forecast_waterfall_action",
            "sales_management_waterfall_chart_tour",
            login="admin",
        )
