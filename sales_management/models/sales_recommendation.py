# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import formatLang

REASON_KINDS = [
    ("reorder", "Reorder"),
    ("bought_with", "Bought Together"),
    ("similar_customers", "Similar Customers"),
    ("popular", "Popular"),
]


# A suggestion's id is its list's id times this plus its product's id: the
# products of ids from this number on are not suggested (a catalogue of over
# four million variants).
PRODUCT_SPAN = 4_194_304


class SalesRecommendation(models.Model):
    """Products suggested to a customer, one per row: the lists the
    recommendation job stores (``sales.recommendation.list``), without the
    products dismissed for the customer since, archived or no longer for
    sale.

    The best suggestions of the engine (sales_management/tools/recommendation)
    for the customer's confirmed orders in the company, with the reason of
    each. A salesperson adds one to a quotation or dismisses it; who sees
    them is decided by record rules (the customer's salesperson).
    """

    _name = "sales.recommendation"
    _inherit = ["sales.view.rows"]
    _description = "Product Suggestion for a Customer"
    _auto = False
    _order = "partner_id, company_id, sequence"
    _rec_name = "product_id"
    _depends = {
        "sales.recommendation.list": ["partner_id", "company_id", "suggestions"],
        "sales.recommendation.feedback": [
            "partner_id",
            "company_id",
            "product_id",
            "action",
        ],
        "product.product": ["active", "product_tmpl_id"],
        "product.template": ["active", "sale_ok", "company_id"],
    }

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        readonly=True,
        help="The customer (commercial entity) the product is suggested to.",
    )
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        help="The company whose orders the suggestion is learnt from.",
    )
    product_id = fields.Many2one(
        "product.product", readonly=True, help="The product suggested."
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

    @property
    def _table_query(self):
        Feedback = self.env["sales.recommendation.feedback"]
        return SQL(
            """
            SELECT l.id::bigint * %(span)s + s.product_id AS id,
                   l.id AS list_id, l.partner_id, l.company_id, s.product_id,
                   s.sequence::int AS sequence,
                   s.score, s.relative_score, s.reason_kind,
                   rpp.id AS reason_product_id, s.share, s.due_date
              FROM sales_recommendation_list l
             CROSS JOIN LATERAL (
                SELECT (e.value->>0)::int AS product_id, e.ordinality AS sequence,
                       (e.value->>1)::float8 AS score,
                       (e.value->>2)::float8 AS relative_score,
                       (e.value->>3)::varchar AS reason_kind,
                       (e.value->>4)::int AS reason_product_id,
                       (e.value->>5)::float8 AS share,
                       (e.value->>6)::date AS due_date
                  FROM jsonb_array_elements(l.suggestions) WITH ORDINALITY e
             ) s
              JOIN product_product pp ON pp.id = s.product_id AND pp.active
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
               AND pt.active AND pt.sale_ok
               AND (pt.company_id IS NULL OR pt.company_id = l.company_id)
              LEFT JOIN product_product rpp ON rpp.id = s.reason_product_id
             WHERE s.product_id < %(span)s
               AND NOT %(dismissed)s
            """,
            span=PRODUCT_SPAN,
            dismissed=Feedback._sm_dismissed_sql(
                SQL("l.partner_id"), SQL("l.company_id"), SQL("s.product_id")
            ),
        )

    @api.model
    def _sm_id_condition(self, alias, ids):
        lists = tuple(sorted({row_id // PRODUCT_SPAN for row_id in ids}))
        return SQL("%s IN %s", SQL.identifier(alias, "list_id"), lists)

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
        """The row, when the user may read it, or a clear message when it was
        dismissed or refreshed away since the page was opened."""
        self._sm_ensure_row()
        if not self.sudo().search([("id", "=", self.id)]):
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
        return True
