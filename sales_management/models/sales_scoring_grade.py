# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesScoringGrade(models.Model):
    _name = "sales.scoring.grade"
    _description = "Lead Grade"
    _inherit = ["sales.input.guard"]
    _order = "min_score desc, id"

    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(
        "Minimum Score",
        required=True,
        help="A lead gets the grade with the highest minimum score that its "
        "score (0 to 100) reaches.",
    )
    color = fields.Integer()
    description = fields.Char(translate=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Each grade needs its own name."),
    ]

    @api.constrains("min_score")
    def _check_min_score(self):
        for grade in self:
            if not 0 <= grade.min_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The minimum score of grade %(grade)s must be between 0 "
                        "and 100.",
                        grade=grade.name,
                    )
                )

    @api.model
    def _grade_for(self, scores):
        """{score: grade} for an iterable of scores, with one read."""
        grades = self.search([], order="min_score desc")
        result = {}
        for score in scores:
            result[score] = next(
                (grade for grade in grades if score >= grade.min_score), self.browse()
            )
        return result
