# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrRecruitmentStage(models.Model):
    """Stages of the sales hiring pipeline beside Odoo's stages."""

    _inherit = "hr.recruitment.stage"

    sales_pipeline = fields.Boolean(
        "Sales Hiring Stage",
        help="A stage of the sales hiring pipeline: the job positions with a "
        "sales role use these stages instead of the stages common to every "
        "job, and the other job positions do not use them.",
    )
