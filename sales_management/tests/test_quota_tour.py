# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..tools.periods import period_bounds


@tagged("post_install", "-at_install")
class TestQuotaTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.name = "Tour Manager"
        cls.admin.tz = "UTC"

    def test_manager_creates_and_activates_a_plan(self):
        self.start_tour("/odoo", "sales_management_plan_tour", login="admin")
        plan = self.env["sales.quota.plan"].search([("name", "=", "Tour Plan")])
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.quota_ids.user_id, self.admin)
        self.assertEqual(plan.quota_ids.target_amount, 1000)

    def test_team_card_shows_current_target(self):
        today = fields.Date.today()
        start, _end = period_bounds(today, "month")
        team = self.env["crm.team"].create(
            {
                "name": "Tour Team",
                "user_id": self.admin.id,
                "member_ids": [Command.set(self.admin.ids)],
            }
        )
        plan = self.env["sales.quota.plan"].create(
            {
                "name": "Tour card plan",
                "date_from": start,
                "date_to": start + timedelta(days=400),
                "quota_ids": [
                    Command.create(
                        {
                            "target_type": "team",
                            "team_id": team.id,
                            "date_from": start,
                            "target_amount": 5000,
                        }
                    )
                ],
            }
        )
        plan.action_activate()
        partner = self.env["res.partner"].create({"name": "Tour Customer"})
        product = self.env["product.product"].create({"name": "Tour Product"})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": self.admin.id,
                "team_id": team.id,
                "order_line": [
                    Command.create({"product_id": product.id, "price_unit": 1250})
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(plan.quota_ids.achieved, 1250)
        self.start_tour("/odoo", "sales_management_team_card_tour", login="admin")
