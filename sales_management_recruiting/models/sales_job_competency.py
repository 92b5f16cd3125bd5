# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Largest weight of a competency: weights are relative, a few points each.
MAX_WEIGHT = 1000


class SalesJobCompetency(models.Model):
    """A sales competency interviewers rate for a job, with its weight in the
    applicant's score."""

    _name = "sales.job.competency"
    _description = "Sales Job Weighted Competency"
    _inherit = ["sales.input.guard"]
    _order = "job_id, sequence, id"
    _rec_name = "competency_id"

    job_id = fields.Many2one(
        "hr.job",
        "Job Position",
        required=True,
        ondelete="cascade",
        index=True,
        help="The sales job whose interviewers rate this competency.",
    )
    company_id = fields.Many2one(
        related="job_id.company_id",
        store=True,
        index=True,
        help="Company of the job position.",
    )
    competency_id = fields.Many2one(
        "sales.competency",
        required=True,
        ondelete="restrict",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="The competency, as performance reviews rate it too.",
    )
    description = fields.Text(
        related="competency_id.description", help="What the competency covers."
    )
    sequence = fields.Integer(
        default=10, help="Order of the competencies on the scorecards."
    )
    weight = fields.Float(
        required=True,
        default=1.0,
        digits=(16, 1),
        help="Relative importance in the applicant's score: a competency of "
        "weight 2 counts twice as much as one of weight 1; 0 rates it without "
        "counting it. The weights of a job must not sum to zero.",
    )
    weight_share = fields.Float(
        "Share",
        compute="_compute_weight_share",
        digits=(16, 1),
        help="Share of this competency in the applicant's score, in %.",
    )

    _sql_constraints = [
        (
            "job_competency_unique",
            "UNIQUE (job_id, competency_id)",
            "A competency is weighted once per job position.",
        ),
    ]

    @api.depends("weight", "job_id.sales_competency_ids.weight")
    def _compute_weight_share(self):
        totals = {}
        for line in self:
            job = line.job_id
            if job not in totals:
                totals[job] = sum(job.sudo().sales_competency_ids.mapped("weight"))
            total = totals[job]
            line.weight_share = 100.0 * line.weight / total if total else 0.0

    @api.constrains("weight")
    def _check_weight(self):
        for line in self:
            if not 0 <= line.weight <= MAX_WEIGHT:
                raise ValidationError(
                    self.env._(
                        "The weight of %(competency)s is between 0 and %(max)s "
                        "(%(weight)s given).",
                        competency=line.competency_id.name,
                        max=MAX_WEIGHT,
                        weight=line.weight,
                    )
                )

    @api.constrains("competency_id", "job_id")
    def _check_competency_company(self):
        for line in self:
            company = line.competency_id.company_id
            if company and line.job_id.company_id and company != line.job_id.company_id:
                raise ValidationError(
                    self.env._(
                        "The competency %(competency)s belongs to another company "
                        "than the job position %(job)s.",
                        competency=line.competency_id.name,
                        job=line.job_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        lines = super().create(vals_list)
        lines.job_id._sales_check_profile_later()
        return lines

    def write(self, vals):
        self._sm_check_input_values(vals)
        jobs = self.job_id
        result = super().write(vals)
        (jobs | self.job_id)._sales_check_profile_later()
        return result

    def unlink(self):
        jobs = self.job_id
        result = super().unlink()
        jobs.exists()._sales_check_profile_later()
        return result
