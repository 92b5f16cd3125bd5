# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesCompetency(models.Model):
    """A sales skill rated in reviews (and, later, in recruiting interviews)."""

    _name = "sales.competency"
    _description = "Sales Competency"
    _inherit = ["sales.input.guard"]
    _order = "sequence, id"

    name = fields.Char(
        required=True, translate=True, help="Short name of the competency."
    )
    description = fields.Text(
        translate=True,
        help="What the competency covers and what a strong rating looks like.",
    )
    sequence = fields.Integer(default=10, help="Order of the competencies in reviews.")
    active = fields.Boolean(
        default=True, help="Archived competencies are no longer added to new reviews."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Company using this competency; empty: every company.",
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "UNIQUE (name, company_id)",
            "A competency with this name already exists.",
        ),
    ]
