# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sm_recommendation_ids = fields.One2many(
        "sales.recommendation",
        "partner_id",
        string="Suggested Products",
        readonly=True,
        groups="sales_team.group_sale_salesman",
        help="Products to offer the customer, refreshed every night from the "
        "confirmed orders.",
    )

    def sm_get_recommendations(self, limit=10):
        """The suggested products of the customer (its commercial entity)
        in the user's companies, best first: a list of ``{product_id,
        product, company_id, score, reason_kind, reason, due_date}``."""
        self.ensure_one()
        self.check_access("read")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
            return []
        # the rows and their fields in one query (the view is planned once)
        rows = self.env["sales.recommendation"].search_fetch(
            [("partner_id", "=", self.commercial_partner_id.id)],
            [
                "company_id",
                "product_id",
                "score",
                "reason_kind",
                "reason_product_id",
                "share",
                "due_date",
            ],
            order="company_id, sequence",
            limit=limit,
        )
        return [
            {
                "product_id": row.product_id.id,
                "product": row.product_id.display_name,
                "company_id": row.company_id.id,
                "score": row.score,
                "reason_kind": row.reason_kind,
                "reason": row.reason,
                "due_date": row.due_date,
            }
            for row in rows
        ]
