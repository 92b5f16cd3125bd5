# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesRecommendationList(models.Model):
    """The suggested products of one customer in one company, as the
    recommendation job stored them: one row per customer, its suggestions in
    a JSON list, best first, each ``[product id, score, strength, kind of
    reason, product of the reason or null, share, reorder due date or null]``.

    One row per customer rather than per suggestion: the job of a company
    with 100,000 customers writes 100,000 rows instead of a million, and
    PostgreSQL checks the foreign keys of each row written (tens of seconds
    for a million rows). ``sales.recommendation`` shows the suggestions one
    per row, with the user's rights. Nobody writes these rows but the job.
    """

    _name = "sales.recommendation.list"
    _description = "Suggested Products of a Customer (stored)"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", readonly=True
    )
    suggestions = fields.Json(readonly=True)

    _sql_constraints = [
        (
            "customer_unique",
            "UNIQUE(company_id, partner_id)",
            "A customer has one list of suggestions per company.",
        )
    ]
