# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forecast's chart: its owner's months of the year with the figures of
their rows, as the user may read them."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastChart(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.create_plan("sale")
        cls.create_quota(plan, cls.rep_a, date(2026, 2, 1), 4000)
        cls.create_quota(plan, cls.rep_a, date(2026, 3, 1), 10000)
        plan.action_activate()
        cls.create_opportunity(
            cls.rep_a, 50, 3000, date(2026, 3, 5), won_on=date(2026, 3, 6)
        )
        cls.create_opportunity(cls.rep_a, 80, 2000, date(2026, 3, 25))
        cls.create_opportunity(
            cls.rep_a, 50, 1500, date(2026, 2, 5), won_on=date(2026, 2, 6)
        )
        cls.february = cls.forecast_of(cls.prepare_sheet(date(2026, 2, 10)), cls.rep_a)
        cls.march = cls.forecast_of(cls.prepare_sheet(), cls.rep_a)

    def _series(self, chart):
        return {dataset["label"]: dataset["data"] for dataset in chart["datasets"]}

    def test_months_of_the_year_with_the_rows_figures(self):
        chart = self.march.with_user(self.rep_a).sm_chart
        self.assertEqual(
            chart["labels"], [self.february.period_name, self.march.period_name]
        )
        series = self._series(chart)
        self.assertEqual(series["Target"], [4000.0, 10000.0])
        self.assertEqual(series["Closed Won"], [1500.0, 3000.0])
        self.assertEqual(series["Commit"], [0.0, 2000.0])
        for name in ("Best Case", "Statistical Forecast", "Statistical Low"):
            self.assertIn(name, series)
        # the same chart from either month
        self.assertEqual(self.february.sm_chart, chart)
        kinds = {dataset["label"]: dataset["kind"] for dataset in chart["datasets"]}
        self.assertEqual(kinds["Closed Won"], "bar")
        high = next(d for d in chart["datasets"] if d["label"] == "Statistical High")
        self.assertEqual(high["fill"], "-1", "the interval is a band")

    def test_only_the_months_the_user_may_read(self):
        # another salesperson cannot read rep A's forecasts at all
        self.assertFalse(
            self.env["sales.forecast"]
            .with_user(self.rep_b)
            .search([("id", "in", self.march.ids)])
        )
        # the team leader reads them: the same chart
        chart = self.march.with_user(self.leader).sm_chart
        self.assertEqual(len(chart["labels"]), 2)

    def test_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "=", "sales_management_forecast")]
        )._update_translations(["fr_FR"])
        chart = self.march.with_context(lang="fr_FR").sm_chart
        labels = [dataset["label"] for dataset in chart["datasets"]]
        self.assertIn("Objectif", labels)
