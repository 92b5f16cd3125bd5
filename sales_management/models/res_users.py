# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sales_digest_optout = fields.Boolean(
        "No Monthly Scorecard Digest",
        help="Team leaders receive their team's scorecards by email every "
        "month; tick to stop receiving them.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["sales_digest_optout"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["sales_digest_optout"]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sales_history(self):
        self.env["sales.input.guard"]._sm_check_unreferenced(self)
