# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class SalesProductPair(models.Model):
    """Products bought together: the association rules "an order with A also
    holds B", mined from a company's confirmed orders by the recommendation
    job (an order here is a customer's orders of one day).

    ``support``: share of the orders holding A and B; ``confidence``: share
    of the orders holding A that hold B; ``lift``: the confidence divided by
    the share of orders holding B (above 1, A makes B more likely). Kept: the
    pairs of at least ``MIN_PAIR_ORDERS`` orders among the engine's 100 most
    similar products of each product.
    """

    _name = "sales.product.pair"
    _description = "Products Bought Together"
    _order = "company_id, order_count desc, lift desc, id"
    _rec_name = "product_b_id"

    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", index=True, readonly=True
    )
    product_a_id = fields.Many2one(
        "product.product",
        "Product",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="The product in the order.",
    )
    product_b_id = fields.Many2one(
        "product.product",
        "Bought With",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="The product also in the order.",
    )
    order_count = fields.Integer(
        "Orders Together", readonly=True, help="Orders holding both products."
    )
    support = fields.Float(
        readonly=True,
        digits=(16, 6),
        help="Share of all the orders that hold both products.",
    )
    confidence = fields.Float(
        readonly=True,
        digits=(16, 6),
        help="Share of the orders of the product that also hold the other one.",
    )
    lift = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="The confidence divided by the share of orders holding the other "
        "product: above 1, buying the first makes the second more likely.",
    )

    _sql_constraints = [
        (
            "pair_unique",
            "UNIQUE(company_id, product_a_id, product_b_id)",
            "A pair of products is mined once per company.",
        )
    ]

    def action_create_combo(self):
        """A combo product holding the products of the selected pairs (one
        choice per product), at the sum of their prices; opens it."""
        if not self:
            raise UserError(self.env._("Select the products bought together first."))
        company = self.company_id
        if len(company) != 1:
            raise UserError(
                self.env._("A combo is made of the pairs of one company at a time.")
            )
        self.env["sales.input.guard"]._sm_check_company_allowed(company)
        products = (self.product_a_id | self.product_b_id).sorted("id")
        self._sm_check_combo_products(products, company)
        combos = self.env["product.combo"].create(
            [
                {
                    "name": product.display_name,
                    "company_id": company.id,
                    "combo_item_ids": [Command.create({"product_id": product.id})],
                }
                for product in products
            ]
        )
        template = self.env["product.template"].create(
            {
                "name": " + ".join(products.mapped("name")),
                "type": "combo",
                "company_id": company.id,
                "sale_ok": True,
                "list_price": sum(products.mapped("lst_price")),
                "combo_ids": [Command.set(combos.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.template",
            "res_id": template.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _sm_check_combo_products(self, products, company):
        """A clear message when the products cannot make a combo of ``company``.

        The products are checked as superuser: a product moved to another
        company since it was sold is named in the message, not refused with
        an access error on reading it.
        """
        products = products.sudo()

        def names(records):
            return ", ".join(records.mapped("display_name"))

        archived = products.filtered(
            lambda p: not p.active or not p.product_tmpl_id.active
        )
        if archived:
            raise UserError(
                self.env._(
                    "These products are archived: %(products)s. Restore them "
                    "before making a combo.",
                    products=names(archived),
                )
            )
        elsewhere = products.filtered(
            lambda p: p.company_id and p.company_id != company
        )
        if elsewhere:
            raise UserError(
                self.env._(
                    "These products belong to another company than "
                    "%(company)s: %(products)s. A combo holds products of its "
                    "company.",
                    products=names(elsewhere),
                    company=company.name,
                )
            )
        combos = products.filtered(lambda p: p.type == "combo")
        if combos:
            raise UserError(
                self.env._(
                    "These products are combos already: %(products)s. A combo "
                    "cannot hold another combo.",
                    products=names(combos),
                )
            )
        unsold = products.filtered(lambda p: not p.sale_ok)
        if unsold:
            raise UserError(
                self.env._(
                    "These products cannot be sold: %(products)s. A combo holds "
                    "products for sale.",
                    products=names(unsold),
                )
            )
        existing = (
            self.env["product.template"]
            .sudo()
            .search(
                [
                    ("type", "=", "combo"),
                    ("combo_ids.combo_item_ids.product_id", "in", products.ids),
                    ("company_id", "in", (company.id, False)),
                ]
            )
            .filtered(
                lambda template: (
                    template.combo_ids.combo_item_ids.product_id == products
                    and all(
                        len(combo.combo_item_ids) == 1 for combo in template.combo_ids
                    )
                )
            )
        )
        if existing:
            raise UserError(
                self.env._(
                    "These products are already sold together as the combo %(combo)s.",
                    combo=existing[0].display_name,
                )
            )
