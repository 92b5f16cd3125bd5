# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError

from .sales_order_suggestion import SUGGESTIONS


class SaleOrder(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sale.order"

    sm_suggestion_ids = fields.One2many(
        "sales.order.suggestion",
        "order_id",
        string="Suggested Products",
        readonly=True,
        groups="sales_team.group_sale_salesman",
        help="Products often bought with those of the quotation, and the "
        "customer's own suggestions.",
    )

    def sm_get_suggestions(self, limit=SUGGESTIONS):
        """The suggested products of the quotation, best first: a list of
        ``{product_id, product, score, reason_kind, reason}``."""
        self.ensure_one()
        self.check_access("read")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
            return []
        # the rows and their fields in one query (the view is planned once)
        rows = self.env["sales.order.suggestion"].search_fetch(
            [("order_id", "=", self.id)],
            ["product_id", "score", "reason_kind", "reason_product_id", "share"],
            limit=limit,
        )
        return [
            {
                "product_id": row.product_id.id,
                "product": row.product_id.display_name,
                "score": row.score,
                "reason_kind": row.reason_kind,
                "reason": row.reason,
            }
            for row in rows
        ]

    def _sm_add_suggested_product(self, product, origin, reason):
        """Add ``product`` to the quotation as the user, and record that the
        suggestion was taken; False when it is on the quotation already."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "%(order)s is no longer a quotation: suggested products are "
                    "added to quotations only.",
                    order=self.name,
                )
            )
        if not (product.active and product.product_tmpl_id.active and product.sale_ok):
            raise UserError(
                self.env._(
                    "%(product)s is archived or not for sale anymore.",
                    product=product.display_name,
                )
            )
        if product.company_id and product.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "%(product)s belongs to another company than the quotation.",
                    product=product.display_name,
                )
            )
        if product in self.order_line.product_id:
            return False
        self.write({"order_line": [Command.create({"product_id": product.id})]})
        self.env["sales.recommendation.feedback"]._sm_record(
            self.partner_id, self.company_id, product, "accepted", origin, reason, self
        )
        return True
