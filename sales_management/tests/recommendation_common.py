# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command

from .common import SalesManagementCommon

# The hand-made history: (customer, day, products). Seven orders; the desk is
# in five, the chair in five, both in four; the lamp in two, once with the
# desk alone.
#   support(desk, chair)    = 4 / 7
#   confidence(desk->chair) = 4 / 5
#   lift(desk->chair)       = (4 / 5) / (5 / 7) = 1.12
HISTORY = (
    ("one", date(2026, 1, 5), ("desk", "chair")),
    ("one", date(2026, 2, 5), ("desk", "chair", "lamp")),
    ("two", date(2026, 1, 8), ("desk", "chair")),
    ("two", date(2026, 2, 9), ("desk", "lamp")),
    ("three", date(2026, 1, 12), ("desk", "chair")),
    ("three", date(2026, 2, 12), ("chair",)),
    ("four", date(2026, 1, 15), ("paper",)),
)


class RecommendationCommon(SalesManagementCommon):
    """Customers, products and confirmed orders of ``HISTORY``, mined.

    ``customers`` and ``products`` map the names of ``HISTORY`` to records;
    the customers "one" and "two" are rep_a's (North), "three" is rep_c's
    (South), "four" has no salesperson.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        owners = {"one": cls.rep_a, "two": cls.rep_a, "three": cls.rep_c}
        cls.customers = {
            name: cls.env["res.partner"].create(
                {
                    "name": f"Customer {name}",
                    "is_company": True,
                    "user_id": owners[name].id if name in owners else False,
                }
            )
            for name in ("one", "two", "three", "four")
        }
        prices = {"desk": 300.0, "chair": 120.0, "lamp": 40.0, "paper": 5.0}
        cls.products = {
            name: cls._create_product(
                name=name.title(), lst_price=price, taxes_id=[Command.clear()]
            )
            for name, price in prices.items()
        }
        for customer, day, products in HISTORY:
            user = owners.get(customer, cls.rep_b)
            cls.create_order(
                user,
                day,
                [(cls.products[name], 1, prices[name]) for name in products],
                partner=cls.customers[customer],
            )
        cls.Run = cls.env["sales.recommendation.run"]
        cls.mined = cls.Run._sm_mine(cls.company)

    @classmethod
    def quotation(cls, customer, products, user=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customers[customer].id,
                "user_id": (user or cls.rep_a).id,
                "team_id": (user or cls.rep_a).sale_team_id.id,
                "order_line": [
                    Command.create({"product_id": cls.products[name].id})
                    for name in products
                ],
            }
        )

    def pair(self, first, second):
        return self.env["sales.product.pair"].search(
            [
                ("company_id", "=", self.company.id),
                ("product_a_id", "=", self.products[first].id),
                ("product_b_id", "=", self.products[second].id),
            ]
        )

    def suggestions_of(self, customer):
        return self.env["sales.recommendation"].search(
            [
                ("partner_id", "=", self.customers[customer].id),
                ("company_id", "=", self.company.id),
            ]
        )
