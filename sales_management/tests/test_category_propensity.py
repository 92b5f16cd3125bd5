# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestCategoryPropensity(SalesManagementCommon):
    """Customers and open leads ranked by their likelihood to buy a category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ_furniture = cls.env["product.category"].create({"name": "Furniture"})
        cls.desk = cls._create_product(
            name="Desk",
            categ_id=cls.categ_furniture.id,
            lst_price=300.0,
            taxes_id=[Command.clear()],
        )
        Partner = cls.env["res.partner"]
        groups = {
            "laptop+service": 12,
            "desk+service": 2,
            "laptop": 12,
            "desk": 12,
        }
        cls.customers = {}
        when = date(2026, 2, 1)
        for group, count in groups.items():
            cls.customers[group] = Partner.create(
                [
                    {"name": f"{group} {index}", "is_company": True}
                    for index in range(count)
                ]
            )
            for customer in cls.customers[group]:
                lines = []
                if "laptop" in group:
                    lines.append((cls.laptop, 1, 1000))
                if "desk" in group:
                    lines.append((cls.desk, 1, 300))
                if "service" in group:
                    lines.append((cls.service, 2, 100))
                cls.create_order(cls.rep_a, when, lines, partner=customer)
        Lead = cls.env["crm.lead"]
        cls.lead_laptop = Lead.create(
            {
                "name": "Laptop customer",
                "type": "opportunity",
                "partner_id": cls.customers["laptop"][0].id,
            }
        )
        cls.lead_desk = Lead.create(
            {
                "name": "Desk customer",
                "type": "opportunity",
                "partner_id": cls.customers["desk"][0].id,
            }
        )
        cls.lead_buyer = Lead.create(
            {
                "name": "Buyer",
                "type": "opportunity",
                "partner_id": cls.customers["laptop+service"][0].id,
            }
        )

    def _wizard(self, category, user=None, **vals):
        return (
            self.env["sales.category.propensity"]
            .with_user(user or self.manager)
            .create({"product_categ_id": category.id, **vals})
        )

    def test_similar_customers_come_first(self):
        wizard = self._wizard(self.categ_service)
        wizard.action_rank()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.n_buyers, 14)
        self.assertGreaterEqual(wizard.n_customers, 38)
        customers = wizard.customer_line_ids.sorted("probability", reverse=True)
        # prospects only: nobody who bought a service already
        buyers = self.customers["laptop+service"] | self.customers["desk+service"]
        self.assertFalse(customers.partner_id & buyers)
        laptop = customers.filtered(
            lambda line: line.partner_id in self.customers["laptop"]
        )
        desk = customers.filtered(
            lambda line: line.partner_id in self.customers["desk"]
        )
        self.assertEqual(len(laptop), 12)
        self.assertGreater(
            min(laptop.mapped("probability")), max(desk.mapped("probability"))
        )
        self.assertIn("Laptops", laptop[0].reasons)
        leads = wizard.lead_line_ids
        self.assertEqual(leads[:2].lead_id, self.lead_laptop | self.lead_desk)
        self.assertEqual(leads[0].lead_id, self.lead_laptop)
        self.assertNotIn(self.lead_buyer, leads.lead_id)
        self.assertEqual(leads[0].action_open()["res_id"], self.lead_laptop.id)

    def test_limit(self):
        wizard = self._wizard(self.categ_service, limit=5)
        wizard.action_rank()
        self.assertEqual(len(wizard.customer_line_ids), 5)
        with self.assertRaises(ValidationError):
            self._wizard(self.categ_service, limit=0)

    def test_too_few_buyers(self):
        rare = self.env["product.category"].create({"name": "Rare"})
        wizard = self._wizard(rare)
        with self.assertRaisesRegex(UserError, "Only 0 of"):
            wizard.action_rank()
        self.assertEqual(wizard.state, "draft")
        self.assertFalse(wizard.customer_line_ids)

    def test_only_managers(self):
        with self.assertRaises(AccessError):
            self._wizard(self.categ_service, user=self.rep_a)
        with self.assertRaises(AccessError):
            self._wizard(self.categ_service, user=self.leader)

    def test_other_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Company (propensity)"})
        Wizard = self.env["sales.category.propensity"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Wizard.create(
                {"company_id": other.id, "product_categ_id": self.categ_furniture.id}
            )
        # a company the manager belongs to but did not select is refused too
        self.manager.company_ids |= other
        with self.assertRaises(AccessError):
            Wizard.with_context(allowed_company_ids=self.company.ids).create(
                {"company_id": other.id, "product_categ_id": self.categ_furniture.id}
            )
