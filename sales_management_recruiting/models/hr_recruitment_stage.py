# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# Steps of the sales hiring pipeline that the hiring analytics count: an
# applicant who reached the first stage of a step, or any later stage, counts
# as interviewed, or as having received an offer.
SALES_MILESTONES = [
    ("interview", "Interviews"),
    ("offer", "Offer"),
]


class HrRecruitmentStage(models.Model):
    """Stages of the sales hiring pipeline beside Odoo's stages."""

    _inherit = "hr.recruitment.stage"

    sales_pipeline = fields.Boolean(
        "Sales Hiring Stage",
        help="A stage of the sales hiring pipeline: the job positions with a "
        "sales role use these stages instead of the stages common to every "
        "job, and the other job positions do not use them.",
    )
    sales_milestone = fields.Selection(
        SALES_MILESTONES,
        "Hiring Milestone",
        help="For the hiring analytics: an applicant who reaches this stage, or "
        "any later stage of the sales hiring pipeline, counts as interviewed "
        "(Interviews) or as having received an offer (Offer).",
    )
