# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import hiring


class SalesJobRamp(models.Model):
    """One month of a sales job's ramp plan: the share of the full target a
    new hire is expected to reach that month."""

    _name = "sales.job.ramp"
    _description = "Sales Job Ramp Plan Line"
    _inherit = ["sales.input.guard"]
    _order = "job_id, month, id"
    _rec_name = "month"

    job_id = fields.Many2one(
        "hr.job",
        "Job Position",
        required=True,
        ondelete="cascade",
        index=True,
        help="The sales job whose new hires follow this plan.",
    )
    company_id = fields.Many2one(
        related="job_id.company_id",
        store=True,
        index=True,
        help="Company of the job position.",
    )
    month = fields.Integer(
        required=True,
        default=1,
        help="Month of the new hire: 1 is their first month. Each month appears "
        "once in a plan.",
    )
    percent = fields.Float(
        "% of Target",
        required=True,
        digits=(16, 1),
        help="Share of the full target expected that month, from 0 to 100 %. "
        "It never goes down from one month to the next.",
    )

    @api.constrains("month", "percent")
    def _check_line(self):
        for line in self:
            problem = hiring.ramp_line_problem(line.month, line.percent)
            if problem:
                raise ValidationError(line.job_id._sales_ramp_message(problem))

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
