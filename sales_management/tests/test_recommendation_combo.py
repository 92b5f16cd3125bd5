# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .recommendation_common import RecommendationCommon


@tagged("post_install", "-at_install")
class TestCombo(RecommendationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.groups_id = [
            Command.link(cls.env.ref("product.group_product_manager").id)
        ]

    def test_pair_becomes_a_combo(self):
        pair = self.pair("desk", "chair")
        action = pair.with_user(self.manager).action_create_combo()
        combo = self.env["product.template"].browse(action["res_id"])
        self.assertEqual(combo.type, "combo")
        self.assertEqual(combo.name, "Desk + Chair")
        self.assertEqual(combo.company_id, self.company)
        self.assertAlmostEqual(combo.list_price, 420.0)
        self.assertEqual(
            combo.combo_ids.combo_item_ids.product_id,
            self.products["desk"] | self.products["chair"],
        )
        self.assertTrue(all(len(c.combo_item_ids) == 1 for c in combo.combo_ids))
        # the same products again, from either direction: a clear message
        with self.assertRaisesRegex(UserError, "already sold together"):
            self.pair("chair", "desk").with_user(self.manager).action_create_combo()

    def test_products_that_cannot_make_a_combo(self):
        pair = self.pair("desk", "chair").with_user(self.manager)
        self.products["chair"].action_archive()
        with self.assertRaisesRegex(UserError, "archived"):
            pair.action_create_combo()
        self.products["chair"].action_unarchive()
        other = self.env["res.company"].create({"name": "Combo Other Co"})
        foreign = (
            self.env["product.product"]
            .sudo()
            .create({"name": "Foreign Chair", "company_id": other.id})
        )
        elsewhere = (
            self.env["sales.product.pair"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_a_id": self.products["desk"].id,
                    "product_b_id": foreign.id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "another company"):
            elsewhere.with_user(self.manager).action_create_combo()
        self.products["chair"].sale_ok = False
        with self.assertRaisesRegex(UserError, "cannot be sold"):
            pair.action_create_combo()
        self.products["chair"].sale_ok = True
        combo_product = (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": "Office Set",
                    "type": "combo",
                    "combo_ids": [
                        Command.create(
                            {
                                "name": "Lamp choice",
                                "combo_item_ids": [
                                    Command.create(
                                        {"product_id": self.products["lamp"].id}
                                    )
                                ],
                            }
                        )
                    ],
                }
            )
        )
        odd = (
            self.env["sales.product.pair"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_a_id": self.products["desk"].id,
                    "product_b_id": combo_product.id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "combos already"):
            odd.with_user(self.manager).action_create_combo()
        self.assertFalse(
            self.env["product.template"].search(
                [("type", "=", "combo"), ("name", "like", "Desk +")]
            )
        )

    def test_pairs_of_several_companies(self):
        other = self.env["res.company"].create({"name": "Combo Other Co"})
        foreign = (
            self.env["sales.product.pair"]
            .sudo()
            .create(
                {
                    "company_id": other.id,
                    "product_a_id": self.products["desk"].id,
                    "product_b_id": self.products["lamp"].id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "one company"):
            (self.pair("desk", "chair") | foreign).action_create_combo()

    def test_rights(self):
        pair = self.pair("desk", "chair")
        # a salesperson reads the pairs of their company, and makes no combo
        self.assertEqual(
            self.env["sales.product.pair"]
            .with_user(self.rep_a)
            .search([("id", "=", pair.id)]),
            pair,
        )
        with self.assertRaises(AccessError):
            pair.with_user(self.rep_a).action_create_combo()
        with self.assertRaises(AccessError):
            pair.with_user(self.rep_a).write({"lift": 9.0})
