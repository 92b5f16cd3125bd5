# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .sales_recommendation import PRODUCT_SPAN, REASON_KINDS

# A row's id is its quotation's id times PRODUCT_SPAN plus its product's id.
# The score of a row: the confidence of the best pair "a product of the
# quotation -> this product" plus this weight times the customer's own
# suggestion (its strength, 1 for the customer's best).
CUSTOMER_WEIGHT = 0.5
SUGGESTIONS = 10


class SalesOrderSuggestion(models.Model):
    """Products to suggest on a quotation, computed when read.

    For each quotation (draft or sent), the products often bought with its
    products (``sales.product.pair`` of its company, the best pair of each
    product giving the reason) and the customer's own suggestions (the list
    ``sales.recommendation.list`` the job stored), without the products
    already on it, those dismissed for the customer and those not for sale:
    the ``SUGGESTIONS`` best. A ``LATERAL`` subquery per quotation: reading the
    suggestions of one quotation reads its lines, the pairs of its products
    and its customer's suggestions, nothing else.

    A row is readable by whoever may read its quotation
    (``sales.document.rows``).
    """

    _name = "sales.order.suggestion"
    _inherit = ["sales.document.rows"]
    _description = "Product Suggested on a Quotation"
    _auto = False
    _order = "order_id, sequence"
    _rec_name = "product_id"
    _depends = {
        "sale.order": ["state", "partner_id", "company_id"],
        "sale.order.line": ["order_id", "product_id"],
        "res.partner": ["commercial_partner_id"],
        "sales.recommendation.list": ["partner_id", "company_id", "suggestions"],
        "sales.product.pair": [
            "company_id",
            "product_a_id",
            "product_b_id",
            "confidence",
        ],
        "sales.recommendation.feedback": [
            "partner_id",
            "company_id",
            "product_id",
            "action",
        ],
        "product.product": ["active", "product_tmpl_id"],
        "product.template": ["active", "sale_ok", "company_id"],
    }

    order_id = fields.Many2one("sale.order", "Quotation", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    sequence = fields.Integer("Rank", readonly=True)
    score = fields.Float(
        readonly=True,
        digits=(16, 4),
        help="Confidence of the best pair with a product of the quotation, plus "
        "half the strength of the customer's own suggestion.",
    )
    reason_kind = fields.Selection(REASON_KINDS, "Kind of Reason", readonly=True)
    reason_product_id = fields.Many2one("product.product", "Because of", readonly=True)
    share = fields.Float(readonly=True, digits=(16, 4))
    reason = fields.Char(compute="_compute_reason", help="The reason, in a sentence.")
    lst_price = fields.Float(
        related="product_id.lst_price", string="Sales Price", related_sudo=False
    )

    @api.depends("reason_kind", "reason_product_id", "share")
    def _compute_reason(self):
        Recommendation = self.env["sales.recommendation"]
        for row in self:
            row.reason = Recommendation._sm_reason_text(
                row.reason_kind, row.reason_product_id, row.share
            )

    @property
    def _table_query(self):
        Feedback = self.env["sales.recommendation.feedback"]
        return SQL(
            """
            SELECT so.id::bigint * %(span)s + s.product_id AS id,
                   so.id AS order_id,
                   so.company_id,
                   rp.commercial_partner_id AS partner_id,
                   s.product_id, s.sequence, s.score,
                   s.reason_kind, s.reason_product_id, s.share
              FROM sale_order so
              JOIN res_partner rp ON rp.id = so.partner_id
             CROSS JOIN LATERAL (
                SELECT c.product_id,
                       ROW_NUMBER() OVER (
                           ORDER BY SUM(c.score) DESC, c.product_id)::int AS sequence,
                       SUM(c.score) AS score,
                       (ARRAY_AGG(c.kind ORDER BY c.score DESC))[1] AS reason_kind,
                       (ARRAY_AGG(rpp.id ORDER BY c.score DESC))[1]
                           AS reason_product_id,
                       (ARRAY_AGG(c.share ORDER BY c.score DESC))[1] AS share
                  FROM (
                        SELECT (e.value->>0)::int,
                               %(weight)s * (e.value->>2)::float8 AS score,
                               (e.value->>3)::varchar AS kind,
                               (e.value->>4)::int, (e.value->>5)::float8
                          FROM sales_recommendation_list r
                         CROSS JOIN LATERAL jsonb_array_elements(r.suggestions) e
                         WHERE r.partner_id = rp.commercial_partner_id
                           AND r.company_id = so.company_id
                        UNION ALL
                        (SELECT DISTINCT ON (pr.product_b_id)
                                pr.product_b_id, pr.confidence,
                                'bought_with'::varchar, pr.product_a_id, pr.confidence
                           FROM sales_product_pair pr
                          WHERE pr.company_id = so.company_id
                            AND pr.product_a_id IN (
                                SELECT l.product_id FROM sale_order_line l
                                 WHERE l.order_id = so.id)
                       ORDER BY pr.product_b_id, pr.confidence DESC, pr.product_a_id)
                  ) c (product_id, score, kind, reason_product_id, share)
                  JOIN product_product pp ON pp.id = c.product_id AND pp.active
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                   AND pt.active AND pt.sale_ok
                   AND (pt.company_id IS NULL OR pt.company_id = so.company_id)
                  LEFT JOIN product_product rpp ON rpp.id = c.reason_product_id
                 WHERE c.product_id < %(span)s
                   AND NOT EXISTS (
                       SELECT 1 FROM sale_order_line l
                        WHERE l.order_id = so.id AND l.product_id = c.product_id)
                   AND NOT %(dismissed)s
              GROUP BY c.product_id
              ORDER BY score DESC, c.product_id
                 LIMIT %(limit)s
             ) s
             WHERE so.state IN ('draft', 'sent')
            """,
            span=PRODUCT_SPAN,
            weight=CUSTOMER_WEIGHT,
            limit=SUGGESTIONS,
            dismissed=Feedback._sm_dismissed_sql(
                SQL("rp.commercial_partner_id"),
                SQL("so.company_id"),
                SQL("c.product_id"),
            ),
        )

    # ------------------------------------------------------------------
    # Access: the rights on the quotation
    # ------------------------------------------------------------------

    @api.model
    def _sm_row_documents(self, alias):
        return [
            (
                "sale.order",
                SQL("TRUE"),
                SQL.identifier(alias, "order_id"),
                None,
            )
        ]

    @api.model
    def _sm_id_condition(self, alias, ids):
        orders = sorted({row_id // PRODUCT_SPAN for row_id in ids})
        return SQL("%s IN %s", SQL.identifier(alias, "order_id"), tuple(orders))

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _sm_decode(self):
        """(quotation, product) of the row, read from its id: the row may be
        gone (added or dismissed on another page)."""
        order_id, product_id = divmod(self._sm_ensure_row(), PRODUCT_SPAN)
        order = self.env["sale.order"].browse(order_id).exists()
        product = self.env["product.product"].browse(product_id).exists()
        if not order or not product:
            raise UserError(
                self.env._("This suggestion is no longer offered: reload the page.")
            )
        order.check_access("read")
        return order, product

    def _sm_reason_values(self):
        """The reason of the row when it is still offered, else the reason
        recorded when the product was dismissed (a stale page)."""
        row = self.search([("id", "=", self.id)])
        if row:
            return {
                "reason_kind": row.reason_kind,
                "reason_product_id": row.reason_product_id.id,
                "share": row.share,
            }
        order, product = self._sm_decode()
        last = self.env["sales.recommendation.feedback"].search(
            [
                ("partner_id", "=", order.partner_id.commercial_partner_id.id),
                ("company_id", "=", order.company_id.id),
                ("product_id", "=", product.id),
            ],
            limit=1,
        )
        return {
            "reason_kind": last.reason_kind or "bought_with",
            "reason_product_id": last.reason_product_id.id,
            "share": last.share,
        }

    def action_add(self):
        """Add the product to the quotation (nothing when it is already on
        it). Adding a product dismissed meanwhile offers it again."""
        order, product = self._sm_decode()
        order._sm_add_suggested_product(product, "quotation", self._sm_reason_values())
        return True

    def action_dismiss(self):
        """Never suggest the product to the quotation's customer again."""
        order, product = self._sm_decode()
        reason = self._sm_reason_values()
        self.env["sales.recommendation.feedback"]._sm_record(
            order.partner_id,
            order.company_id,
            product,
            "dismissed",
            "quotation",
            reason,
        )
        return True
