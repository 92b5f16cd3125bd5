# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestModelChartsTour(HttpCase):
    """The charts of a trained predictive model in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        Model = cls.env["sales.scoring.model"]
        scope = [("company_id", "=", company.id), ("team_id", "=", False)]
        cls.model = Model.search(scope, limit=1) or Model.create(
            {"company_id": company.id}
        )
        # the validation of a training, as the training writes it
        cls.model.write(
            {
                "state": "trained",
                "calibration": [
                    [decile, decile / 11, decile / 10.5, 12] for decile in range(1, 11)
                ],
                "importance": {
                    "source": 0.5,
                    "expected_revenue": 0.3,
                    "idle_days": 0.2,
                },
            }
        )

    def test_model_charts(self):
        self.start_tour(
            f"/odoo/action-sales_management.sales_scoring_model_action/{self.model.id}",
            "sales_management_model_charts_tour",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestScorecardTrendTour(HttpCase):
    """A scorecard's trends in the browser."""

    def test_scorecard_trend(self):
        company = self.env.ref("base.main_company")
        today = fields.Date.context_today(self.env.user)
        Period = self.env["sales.scorecard.period"]
        Period._ensure_periods(company, today)
        card = self.env["sales.scorecard"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ],
            limit=1,
        )
        self.assertTrue(card, "the month has scorecards")
        self.start_tour(
            f"/odoo/action-sales_management.sales_scorecard_action/{card.id}",
            "sales_management_scorecard_trend_tour",
            login="admin",
        )
