# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_set_won(self):
        result = super().action_set_won()
        self.env["sales.quota"]._mark_stale(
            self.user_id.ids, self.team_id.ids, self.company_id.ids
        )
        return result
