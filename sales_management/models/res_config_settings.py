# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sm_priority_from_grade = fields.Boolean(
        related="company_id.sm_priority_from_grade", readonly=False
    )
    sm_assign_by_score = fields.Boolean(
        related="company_id.sm_assign_by_score", readonly=False
    )
