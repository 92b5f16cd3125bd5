# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesEvaluationRating(models.Model):
    """The rating of one sales competency in a review."""

    _name = "sales.evaluation.rating"
    _description = "Review Competency Rating"
    _inherit = ["sales.input.guard"]
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "sales.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )
    competency_id = fields.Many2one(
        "sales.competency",
        required=True,
        ondelete="restrict",
        help="The competency rated.",
    )
    sequence = fields.Integer(
        related="competency_id.sequence", store=True, help="Order of the competency."
    )
    description = fields.Text(
        related="competency_id.description", help="What the competency covers."
    )
    rating = fields.Integer(
        help="From 1 (needs a lot of work) to 5 (role model); 0: not rated yet."
    )
    comment = fields.Char(help="Why this rating: an example, a fact.")

    _sql_constraints = [
        (
            "competency_unique",
            "UNIQUE (evaluation_id, competency_id)",
            "A competency is rated once per review.",
        ),
    ]

    @api.constrains("rating")
    def _check_rating(self):
        for line in self:
            if line.rating and not 1 <= line.rating <= 5:
                raise ValidationError(
                    self.env._(
                        "The rating of %(competency)s must be between 1 and 5 "
                        "(%(rating)s given).",
                        competency=line.competency_id.name,
                        rating=line.rating,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        ids = {vals.get("evaluation_id") for vals in vals_list}
        reviews = self.env["sales.evaluation"].browse(ids - {None, False})
        if any(review.state != "draft" for review in reviews):
            raise UserError(
                self.env._("The ratings of a shared review cannot be changed.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if any(line.evaluation_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The ratings of a shared review cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.evaluation_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The ratings of a shared review cannot be changed.")
            )
