# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sm_priority_from_grade = fields.Boolean(
        "Stars Follow the Grade",
        help="When a lead is scored, its star priority is set from its grade: "
        "three stars for the best grade, none for the lowest.",
    )
    sm_assign_by_score = fields.Boolean(
        "Assign Best-Scored Leads First",
        default=True,
        help="Odoo's lead assignment hands out unassigned leads by score, the "
        "highest first: teams take their next lead by score, and members receive "
        "leads by bands of ten score points (within a band, Odoo's own order).",
    )
