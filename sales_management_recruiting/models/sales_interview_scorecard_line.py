# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import hiring

# Copied from the job when the line is made: not written by hand.
FROZEN_FIELDS = {"weight", "sequence"}


class SalesInterviewScorecardLine(models.Model):
    """The rating of one competency on an interview scorecard."""

    _name = "sales.interview.scorecard.line"
    _description = "Interview Scorecard Competency Rating"
    _inherit = ["sales.input.guard"]
    _order = "scorecard_id, sequence, id"
    _rec_name = "competency_id"

    scorecard_id = fields.Many2one(
        "sales.interview.scorecard",
        required=True,
        ondelete="cascade",
        index=True,
        help="The scorecard this rating belongs to.",
    )
    applicant_id = fields.Many2one(
        related="scorecard_id.applicant_id",
        store=True,
        index=True,
        help="The applicant rated.",
    )
    job_id = fields.Many2one(
        related="scorecard_id.job_id", store=True, help="The job position."
    )
    company_id = fields.Many2one(
        related="scorecard_id.company_id",
        store=True,
        index=True,
        help="Company of the application.",
    )
    interviewer_id = fields.Many2one(
        related="scorecard_id.interviewer_id",
        store=True,
        index=True,
        help="Who rated.",
    )
    state = fields.Selection(
        related="scorecard_id.state", store=True, help="State of the scorecard."
    )
    competency_id = fields.Many2one(
        "sales.competency",
        required=True,
        ondelete="restrict",
        help="The competency rated, one of the job's weighted competencies.",
    )
    description = fields.Text(
        related="competency_id.description", help="What the competency covers."
    )
    sequence = fields.Integer(
        compute="_compute_from_job",
        store=True,
        precompute=True,
        help="Order of the competency on the job.",
    )
    weight = fields.Float(
        compute="_compute_from_job",
        store=True,
        precompute=True,
        digits=(16, 1),
        help="Weight of the competency for the job when the scorecard was made.",
    )
    rating = fields.Integer(
        help="From 1 (far below the bar) to 5 (exceptional); 0: not assessed in "
        "this interview."
    )
    evidence = fields.Text(
        help="What the candidate said or did that supports the rating: an "
        "example, a figure, a quote."
    )

    _sql_constraints = [
        (
            "scorecard_competency_unique",
            "UNIQUE (scorecard_id, competency_id)",
            "A competency is rated once per scorecard.",
        ),
    ]

    @api.depends("scorecard_id", "competency_id")
    def _compute_from_job(self):
        weights = {}
        for line in self:
            job = line.scorecard_id.job_id
            if job not in weights:
                weights[job] = {
                    row.competency_id: (row.weight, row.sequence)
                    for row in job.sudo().sales_competency_ids
                }
            line.weight, line.sequence = weights[job].get(line.competency_id, (0.0, 0))

    @api.constrains("rating")
    def _check_rating(self):
        for line in self:
            if hiring.rating_problem(line.rating):
                raise ValidationError(
                    self.env._(
                        "The rating of %(competency)s is from 1 to 5, or 0 when "
                        "not assessed (%(rating)s given).",
                        competency=line.competency_id.name,
                        rating=line.rating,
                    )
                )

    @api.constrains("competency_id", "scorecard_id")
    def _check_competency_of_job(self):
        for line in self:
            job = line.scorecard_id.job_id.sudo()
            if line.competency_id not in job.sales_competency_ids.competency_id:
                raise ValidationError(
                    self.env._(
                        "%(competency)s is not rated for this job: add it to the "
                        "weighted competencies of the job position first.",
                        competency=line.competency_id.name,
                    )
                )

    def _check_draft(self, scorecards):
        if any(card.state != "draft" for card in scorecards):
            raise UserError(
                self.env._("The ratings of a submitted scorecard cannot be changed.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        if any(FROZEN_FIELDS & set(vals) for vals in vals_list):
            self._raise_frozen()
        ids = {vals.get("scorecard_id") for vals in vals_list} - {None, False}
        self._check_draft(self.env["sales.interview.scorecard"].browse(ids))
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        self.check_access("write")
        if FROZEN_FIELDS & set(vals):
            self._raise_frozen()
        if "scorecard_id" in vals and any(
            line.scorecard_id.id != vals["scorecard_id"] for line in self
        ):
            raise UserError(
                self.env._("A rating stays on its scorecard: add one to the other.")
            )
        self._check_draft(self.scorecard_id)
        return super().write(vals)

    def _raise_frozen(self):
        raise UserError(
            self.env._(
                "The weight and order of a competency come from the job position: "
                "change them there."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_draft(self.scorecard_id)
