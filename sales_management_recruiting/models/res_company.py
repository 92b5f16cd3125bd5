# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Longest time over which the performance of a hire is measured, in months.
MAX_QUALITY_MONTHS = 24
RECRUITING_COMPANY_FIELDS = ("sales_hire_quality_months",)


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_hire_quality_months = fields.Integer(
        "Quality of Hire Months",
        default=6,
        help="The quality-of-hire report measures each hired salesperson's "
        "attainment of their targets over this many months from the month "
        "of their hire date.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, RECRUITING_COMPANY_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(
            self, vals, RECRUITING_COMPANY_FIELDS
        )
        return super().write(vals)

    @api.constrains("sales_hire_quality_months")
    def _check_sales_hire_quality_months(self):
        for company in self:
            if not 1 <= company.sales_hire_quality_months <= MAX_QUALITY_MONTHS:
                raise ValidationError(
                    self.env._(
                        "The quality of hire is measured over 1 to %(max)s "
                        "months after the hire (%(months)s given).",
                        max=MAX_QUALITY_MONTHS,
                        months=company.sales_hire_quality_months,
                    )
                )
