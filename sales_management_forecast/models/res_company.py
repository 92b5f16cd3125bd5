# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    forecast_accuracy_weeks = fields.Integer(
        default=2,
        help="Forecast accuracy compares the call that counted this many "
        "weeks before the end of each period with the actual.",
    )
