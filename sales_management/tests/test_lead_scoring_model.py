# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadScoringModel(SalesManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        cls.fair = cls.env["utm.source"].create({"name": "Fair"})
        cls.cold = cls.env["utm.source"].create({"name": "Cold call"})
        cls.model = cls.env["sales.scoring.model"].create(
            {"company_id": cls.company.id, "min_closed": 50}
        )

    def _closed_history(self, count, seed=7):
        """Closed leads where trade fair leads win far more often."""
        rng = random.Random(seed)
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {
                    "name": f"Closed {index}",
                    "type": "opportunity",
                    "user_id": self.rep_a.id,
                    "company_id": self.company.id,
                    "source_id": (self.fair if index % 2 else self.cold).id,
                    "expected_revenue": rng.choice([1000, 5000, 20000]),
                }
                for index in range(count)
            ]
        )
        for lead in leads:
            rate = 0.8 if lead.source_id == self.fair else 0.15
            if rng.random() < rate:
                lead.action_set_won()
            else:
                lead.action_set_lost()
        return leads

    def test_not_enough_history_falls_back_to_rules(self):
        self._closed_history(20)
        rule = self.env["sales.scoring.rule"].create(
            {
                "name": "Fair",
                "domain": f"[('source_id', '=', {self.fair.id})]",
                "points": 40,
            }
        )
        self.model.action_train()
        self.assertEqual(self.model.state, "insufficient")
        self.assertIn("Only 20 closed leads", self.model.message)
        lead = self.env["crm.lead"].create(
            {"name": "Open", "type": "opportunity", "source_id": self.fair.id}
        )
        self.assertEqual(lead.sm_score_source, "rules")
        self.assertEqual(lead.sm_score, 40)
        self.assertFalse(lead.sm_probability)
        rule.active = False

    def test_train_validate_score_and_explain(self):
        self._closed_history(200)
        open_fair = self.env["crm.lead"].create(
            {"name": "Open fair", "type": "opportunity", "source_id": self.fair.id}
        )
        open_cold = self.env["crm.lead"].create(
            {"name": "Open cold", "type": "opportunity", "source_id": self.cold.id}
        )
        self.model.action_train()
        self.assertEqual(self.model.state, "trained")
        self.assertEqual(self.model.n_closed, 200)
        self.assertEqual(self.model.n_holdout, 40)
        self.assertGreater(self.model.auc, 0.7)
        self.assertTrue(0 < self.model.brier < 0.25)
        self.assertTrue(self.model.calibration)
        self.assertIn("source", self.model.importance)
        self.assertIn("<table", self.model.calibration_html)
        for lead in (open_fair, open_cold):
            self.assertEqual(lead.sm_score_source, "model")
            self.assertEqual(lead.sm_scoring_model_id, self.model)
            self.assertTrue(lead.sm_grade_id)
        self.assertGreater(open_fair.sm_probability, open_cold.sm_probability + 20)
        labels = [label for label, _effect in open_fair.sm_factors]
        self.assertIn("source = Fair", labels)
        effect = dict(open_fair.sm_factors)["source = Fair"]
        self.assertGreater(effect, 0)
        self.assertIn("source = Fair", open_fair.sm_factors_text)
        # a changed lead is rescored at once with the trained model
        open_cold.source_id = self.fair
        self.assertAlmostEqual(
            open_cold.sm_probability, open_fair.sm_probability, delta=5
        )

    def test_only_managers_train(self):
        self._closed_history(60)
        with self.assertRaises(AccessError):
            self.model.with_user(self.rep_a).action_train()
        self.assertEqual(self.model.with_user(self.rep_a).state, "new")

    def test_weekly_job(self):
        self._closed_history(80)
        self.env["sales.scoring.model"]._cron_train_models()
        self.assertEqual(self.model.state, "trained")
