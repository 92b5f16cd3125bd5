# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .sales_recommendation import REASON_KINDS


class SalesRecommendationFeedback(models.Model):
    """What salespeople did with a suggestion: added it or dismissed it.

    History: written by the Add and Dismiss buttons, never changed. A
    product dismissed for a customer in a company is not suggested to that
    customer again there, until someone adds it from a suggestion (a stale
    page, a colleague): the latest feedback decides (``_sm_dismissed_sql``).
    The acceptance rate of each kind of reason is the share of "added"
    among the feedback of that kind.
    """

    _name = "sales.recommendation.feedback"
    _inherit = ["sales.input.guard"]
    _description = "Feedback on a Product Suggestion"
    _order = "id desc"
    _rec_name = "product_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
        help="The customer (commercial entity) the product was suggested to.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        ondelete="cascade",
        help="The product suggested.",
    )
    action = fields.Selection(
        [("accepted", "Added"), ("dismissed", "Dismissed")],
        required=True,
        help="Added to a quotation, or dismissed for the customer.",
    )
    origin = fields.Selection(
        [("customer", "Customer"), ("quotation", "Quotation")],
        required=True,
        default="quotation",
        help="Where the suggestion was shown.",
    )
    reason_kind = fields.Selection(
        REASON_KINDS, "Reason", required=True, help="The kind of reason shown."
    )
    reason_product_id = fields.Many2one(
        "product.product",
        "Because of",
        ondelete="set null",
        help="The product the reason named.",
    )
    share = fields.Float(digits=(16, 4), help="The share the reason showed.")
    order_id = fields.Many2one(
        "sale.order",
        "Quotation",
        ondelete="set null",
        help="The quotation the product was added to.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        required=True,
        ondelete="restrict",
        index=True,
        default=lambda self: self.env.user,
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        ondelete="set null",
        default=lambda self: self.env.user.sale_team_id,
        help="The salesperson's team at the time.",
    )
    accepted_count = fields.Integer(
        "Added", compute="_compute_counts", store=True, help="1 when added."
    )
    dismissed_count = fields.Integer(
        "Dismissed", compute="_compute_counts", store=True, help="1 when dismissed."
    )
    acceptance_rate = fields.Float(
        "Acceptance Rate (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
        help="Share of the suggestions added among those added or dismissed.",
    )

    @api.depends("action")
    def _compute_counts(self):
        for feedback in self:
            accepted = feedback.action == "accepted"
            feedback.accepted_count = int(accepted)
            feedback.dismissed_count = int(feedback.action == "dismissed")
            feedback.acceptance_rate = 100.0 if accepted else 0.0

    def init(self):
        result = super().init()
        # the latest feedback of a product for a customer (dismissed or not)
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS
                sales_recommendation_feedback_customer_product_index
                ON sales_recommendation_feedback (partner_id, product_id, company_id)
            """
        )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            partner = vals.get("partner_id")
            if isinstance(partner, int) and partner:
                # feedback is kept for the customer, not for one of its contacts
                vals["partner_id"] = (
                    self.env["res.partner"].browse(partner).commercial_partner_id.id
                )
        return super().create(vals_list)

    @api.model
    def _sm_record(self, partner, company, product, action, origin, reason, order=None):
        """Record what the user did with a suggestion (their own feedback)."""
        return self.create(
            {
                "partner_id": partner.commercial_partner_id.id,
                "company_id": company.id,
                "product_id": product.id,
                "action": action,
                "origin": origin,
                "reason_kind": reason.get("reason_kind") or "popular",
                "reason_product_id": reason.get("reason_product_id") or False,
                "share": reason.get("share") or 0.0,
                "order_id": order.id if order else False,
            }
        )

    @api.model
    def _sm_dismissed_sql(self, partner, company, product):
        """SQL condition: the latest feedback on ``product`` for the customer
        ``partner`` in ``company`` (SQL expressions) is a dismissal."""
        return SQL(
            """EXISTS (
                SELECT 1 FROM sales_recommendation_feedback f
                 WHERE f.partner_id = %(partner)s AND f.product_id = %(product)s
                   AND f.company_id = %(company)s AND f.action = 'dismissed'
                   AND NOT EXISTS (
                       SELECT 1 FROM sales_recommendation_feedback g
                        WHERE g.partner_id = f.partner_id
                          AND g.product_id = f.product_id
                          AND g.company_id = f.company_id
                          AND g.action = 'accepted' AND g.id > f.id))""",
            partner=partner,
            product=product,
            company=company,
        )

    @api.model
    def _sm_dismissed(self, company):
        """{(customer id, product id)} of the products dismissed for their
        customer in ``company`` (see ``_sm_dismissed_sql``)."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT d.partner_id, d.product_id
                     FROM sales_recommendation_feedback d
                    WHERE d.company_id = %s AND d.action = 'dismissed' AND %s""",
                company.id,
                self._sm_dismissed_sql(
                    SQL("d.partner_id"), SQL("d.company_id"), SQL("d.product_id")
                ),
            )
        )
        return set(self.env.cr.fetchall())
