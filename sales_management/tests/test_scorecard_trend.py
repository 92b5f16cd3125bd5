# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A scorecard's trends: each KPI over the last periods, beside the median
of the team."""

from odoo.tests import tagged

from .test_scorecard import ScorecardCommon


@tagged("post_install", "-at_install")
class TestScorecardTrend(ScorecardCommon):
    def choice(self, card, key):
        chart = card.sm_trend_chart
        return next(choice for choice in chart["choices"] if choice["key"] == key)

    def test_revenue_against_the_team_median(self):
        card = self.card(self.rep_a)
        revenue = self.choice(card, "revenue")
        self.assertEqual(revenue["labels"][-2:], [self.feb.name, self.march.name])
        own, median = revenue["datasets"]
        self.assertEqual(own["label"], self.rep_a.name)
        # rep A sold 100 in February and 1,200 in March; rep B 500 and 100
        self.assertEqual(own["data"][-2:], [100.0, 1200.0])
        self.assertEqual(median["data"][-2:], [300.0, 650.0])
        # every KPI and the overall score can be chosen
        keys = [choice["key"] for choice in card.sm_trend_chart["choices"]]
        self.assertEqual(keys[0], "score")
        self.assertIn("win_rate", keys)
        self.assertIn("calls_per_won", keys)

    def test_salesperson_sees_the_median_not_the_others(self):
        card = self.card(self.rep_b, as_user=self.rep_b)
        revenue = self.choice(card, "revenue")
        own, median = revenue["datasets"]
        self.assertEqual(own["data"][-2:], [500.0, 100.0])
        self.assertEqual(median["data"][-2:], [300.0, 650.0])
        labels = {dataset["label"] for dataset in revenue["datasets"]}
        self.assertNotIn(self.rep_a.name, labels)

    def test_a_period_in_the_future_is_left_out(self):
        card = self.card(self.rep_a, period=self.feb)
        revenue = self.choice(card, "revenue")
        self.assertEqual(revenue["labels"][-1], self.feb.name)
        self.assertNotIn(self.march.name, revenue["labels"])
