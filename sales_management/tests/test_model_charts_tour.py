# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from ..models.sales_scoring_model import FEATURE_VERSION
from ..tools import lead_scoring


def _french(env):
    """The admin in French, with the addon's translations loaded."""
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"].search(
        [("name", "=", "sales_management")]
    )._update_translations(["fr_FR"])
    env.ref("base.user_admin").lang = "fr_FR"


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
        # an engine fitted on two sources, one won far more often
        sources = [
            cls.env["utm.source"].create({"name": name})
            for name in ("Tour fair", "Tour cold call")
        ]
        rows, outcomes = [], []
        for index in range(400):
            fair = index % 2 == 0
            source = sources[0 if fair else 1]
            rows.append(
                {"source": str(source.id), "expected_revenue": 1000.0 * (index % 7)}
            )
            outcomes.append(index % 3 != 0 if fair else index % 5 == 0)
        engine = lead_scoring.fit(rows, outcomes)
        # the validation of a training, as the training writes it
        cls.model.write(
            {
                "model_json": engine.to_json(),
                "engine_key": "tour",
                "feature_version": FEATURE_VERSION,
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
        self._run()

    def test_model_charts_in_french(self):
        _french(self.env)
        self._run()

    def _run(self):
        self.start_tour(
            f"/odoo/action-sales_management.sales_scoring_model_action/{self.model.id}",
            "sales_management_model_charts_tour",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestScorecardTrendTour(HttpCase):
    """A scorecard's trends in the browser."""

    def test_scorecard_trend(self):
        self._run()

    def test_scorecard_trend_in_french(self):
        _french(self.env)
        self._run()

    def _run(self):
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
