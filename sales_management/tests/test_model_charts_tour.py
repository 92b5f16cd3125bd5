# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
