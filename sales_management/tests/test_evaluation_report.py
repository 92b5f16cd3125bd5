# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_evaluation import EvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationReport(EvaluationCommon):
    def test_printable_review(self):
        first = self.review(period=self.feb)
        first.write({"action_ids": [(0, 0, {"name": "Sell more", "kpi": "revenue"})]})
        first.action_share()
        review = self.review(strengths="<p>Great discovery calls</p>")
        review.rating_ids.filtered(
            lambda rating: rating.competency_id == self.competency
        ).rating = 4
        html, report_type = self.env["ir.actions.report"]._render_qweb_html(
            "sales_management.sales_evaluation_report", review.ids
        )
        self.assertEqual(report_type, "html")
        html = html.decode()
        self.assertIn("Sm Rep A", html)
        self.assertIn("Confirmed Revenue", html)
        self.assertIn("Test Negotiation", html)
        self.assertIn("Great discovery calls", html)
        # the previous review's action and its outcome
        self.assertIn("Sell more", html)
        self.assertIn("Improved", html)
