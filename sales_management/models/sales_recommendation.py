# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

REASON_KINDS = [
    ("reorder", "Reorder"),
    ("bought_with", "Bought Together"),
    ("similar_customers", "Similar Customers"),
    ("popular", "Popular"),
]


class SalesRecommendation(models.Model):
    """Products suggested to a customer, stored by the recommendation job.

    One row per customer (commercial entity), company and product: the best
    suggestions of the engine (sales_management/tools/recommendation) for
    the customer's confirmed orders in the company, with the reason of each.
    Nobody edits them: the scheduled job replaces a company's rows (keeping
    the ids of the rows it keeps); a salesperson adds one to a quotation or
    dismisses it.
    """

    _name = "sales.recommendation"
    _description = "Product Suggestion for a Customer"
    _order = "partner_id, sequence, id"
    _rec_name = "product_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        help="The customer (commercial entity) the product is suggested to.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="The company whose orders the suggestion is learnt from.",
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="The product suggested.",
    )
    sequence = fields.Integer(
        "Rank", readonly=True, help="1 for the best suggestion of the customer."
    )
    score = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Blend of the signals of the engine: reorders, similar customers, "
        "products bought together, popularity.",
    )
    relative_score = fields.Float(
        "Strength",
        readonly=True,
        help="The score as a share of the customer's best suggestion.",
    )
    reason_kind = fields.Selection(
        REASON_KINDS,
        "Kind of Reason",
        readonly=True,
        help="Why the product is suggested: the customer reorders it, it is "
        "bought with what they buy, customers like them buy it, or it sells "
        "to many customers.",
    )
    reason_product_id = fields.Many2one(
        "product.product",
        "Because of",
        ondelete="set null",
        readonly=True,
        help="The product of the customer the suggestion comes from.",
    )
    share = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Times the customer ordered the product (reorder), or the share "
        "of orders or customers behind the reason.",
    )
    due_date = fields.Date(
        "Reorder Due",
        readonly=True,
        help="For a product the customer reorders: their last order of it plus "
        "their usual interval between two orders of it.",
    )
    reason = fields.Char(compute="_compute_reason", help="The reason, in a sentence.")
    lst_price = fields.Float(
        related="product_id.lst_price", string="Sales Price", related_sudo=False
    )

    _sql_constraints = [
        (
            "product_unique",
            "UNIQUE(company_id, partner_id, product_id)",
            "A product is suggested once to a customer in a company.",
        )
    ]

    @api.depends("reason_kind", "reason_product_id", "share")
    def _compute_reason(self):
        for row in self:
            row.reason = self._sm_reason_text(
                row.reason_kind, row.reason_product_id, row.share
            )

    @api.model
    def _sm_reason_text(self, kind, product, share):
        """The reason of a suggestion in the user's language."""
        if not kind:
            return False
        percent = formatLang(self.env, 100.0 * (share or 0.0), digits=0)
        name = product.display_name if product else ""
        if kind == "reorder":
            count = int(round(share or 0))
            if count == 1:
                return self.env._("ordered once before")
            return self.env._("ordered %(count)s times before", count=count)
        if kind == "bought_with" and product:
            return self.env._(
                "in %(percent)s%% of the orders with %(product)s",
                percent=percent,
                product=name,
            )
        if kind == "similar_customers" and product:
            return self.env._(
                "bought by %(percent)s%% of the customers who bought %(product)s",
                percent=percent,
                product=name,
            )
        return self.env._("bought by %(percent)s%% of the customers", percent=percent)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _sm_still_offered(self):
        """The row, read with the user's rights, or a clear message when the
        job or a colleague removed it since the page was opened."""
        self.ensure_one()
        if not self.exists():
            raise UserError(
                self.env._(
                    "This suggestion is no longer offered (dismissed, or "
                    "refreshed since you opened the page): reload the page."
                )
            )
        self.check_access("read")
        return self

    def _sm_reason_values(self):
        return {
            "reason_kind": self.reason_kind,
            "reason_product_id": self.reason_product_id.id,
            "share": self.share,
        }

    def action_add_to_quotation(self):
        """Add the product to the customer's open quotation (the latest one
        the user may edit in the suggestion's company), or to a new one, and
        open it."""
        row = self._sm_still_offered()
        self.env["sales.input.guard"]._sm_check_company_allowed(row.company_id)
        Order = self.env["sale.order"]
        quotation = Order.search(
            [
                ("partner_id", "child_of", row.partner_id.id),
                ("company_id", "=", row.company_id.id),
                ("state", "in", ("draft", "sent")),
            ],
            order="date_order desc, id desc",
        ).filtered(lambda order: order.has_access("write"))[:1]
        if not quotation:
            quotation = Order.with_company(row.company_id).create(
                {
                    "partner_id": row.partner_id.id,
                    "company_id": row.company_id.id,
                    "user_id": self.env.uid,
                }
            )
        quotation._sm_add_suggested_product(
            row.product_id, "customer", row._sm_reason_values()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": quotation.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_dismiss(self):
        """Never offer the product to this customer again (until someone adds
        it from a suggestion)."""
        row = self._sm_still_offered()
        self.env["sales.recommendation.feedback"]._sm_record(
            row.partner_id,
            row.company_id,
            row.product_id,
            "dismissed",
            "customer",
            row._sm_reason_values(),
        )
        # the job's row goes with the dismissal (nobody deletes rows otherwise)
        row.sudo().unlink()
        return True
