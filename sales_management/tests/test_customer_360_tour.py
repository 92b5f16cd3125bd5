# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCustomer360Tour(HttpCase):
    """The timeline and the suggestions in the browser, as a salesperson
    works with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True}
        )
        cls.desk = cls.env["product.product"].create(
            {"name": "Tour Desk", "list_price": 300}
        )
        cls.chair = cls.env["product.product"].create(
            {"name": "Tour Chair", "list_price": 100}
        )
        # three orders on three days (a customer's orders of one day are one)
        for day in range(3):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "user_id": cls.admin.id,
                    "order_line": [
                        Command.create({"product_id": product.id})
                        for product in (cls.desk, cls.chair)
                    ],
                }
            )
            order.action_confirm()
            order.date_order = datetime(2026, 1, 5 + day, 10)
        cls.env["sales.recommendation.run"]._sm_mine(cls.admin.company_id)
        cls.quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.admin.id,
                "order_line": [Command.create({"product_id": cls.desk.id})],
            }
        )

    def test_timeline(self):
        self.start_tour(
            f"/odoo/contacts/{self.customer.id}",
            "sales_management_timeline_tour",
            login="admin",
        )

    def test_suggestion_added_to_the_quotation(self):
        self.start_tour(
            f"/odoo/action-sale.action_quotations/{self.quotation.id}",
            "sales_management_quotation_suggestion_tour",
            login="admin",
        )
        self.assertIn(self.chair, self.quotation.order_line.product_id)
        feedback = self.env["sales.recommendation.feedback"].search(
            [("order_id", "=", self.quotation.id)]
        )
        self.assertEqual(feedback.action, "accepted")
