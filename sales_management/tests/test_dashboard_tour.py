# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..tools.periods import period_bounds


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The dashboard in the browser, its figures evaluated, in English and
    in French: a company of its own, where the admin sold 1,234 this month
    against a target of 2,468, won one opportunity and lost one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.company = cls.env["res.company"].create({"name": "Tour Dashboard Co"})
        cls.admin.company_ids |= cls.company
        env = cls.env(context={"allowed_company_ids": cls.company.ids})
        today = fields.Date.context_today(cls.admin)
        first, last = period_bounds(today, "month")
        env["sales.scorecard.period"].create(
            {"company_id": cls.company.id, "date_from": first}
        )
        product = env["product.product"].create(
            {"name": "Tour dashboard service", "type": "service", "taxes_id": False}
        )
        order = env["sale.order"].create(
            {
                "partner_id": env["res.partner"].create({"name": "Tour customer"}).id,
                "user_id": cls.admin.id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "price_unit": 1234, "tax_id": False}
                    )
                ],
            }
        )
        order.action_confirm()
        plan = env["sales.quota.plan"].create(
            {
                "name": "Tour dashboard plan",
                "metric": "sale",
                "period_type": "month",
                "date_from": first,
                "date_to": last,
                "company_id": cls.company.id,
            }
        )
        env["sales.quota"].create(
            {
                "plan_id": plan.id,
                "target_type": "user",
                "user_id": cls.admin.id,
                "date_from": first,
                "target_amount": 2468,
            }
        )
        plan.action_activate()
        won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
        for name, won in (("Tour won", True), ("Tour lost", False)):
            lead = env["crm.lead"].create(
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": cls.admin.id,
                    "company_id": cls.company.id,
                    "expected_revenue": 500,
                }
            )
            if won:
                lead.write({"stage_id": won_stage.id, "probability": 100})
            else:
                lead.action_set_lost()
            lead.date_closed = fields.Datetime.now()

    def _run(self, tour):
        self.admin.company_id = self.company
        self.start_tour(
            "/odoo/action-sales_management.sales_management_dashboard_action",
            tour,
            login="admin",
        )

    def test_dashboard(self):
        self._run("sales_management_dashboard_tour")

    def test_dashboard_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "in", ("spreadsheet_dashboard", "sales_management"))]
        )._update_translations(["fr_FR"])
        self.admin.lang = "fr_FR"
        self._run("sales_management_dashboard_tour_fr")
