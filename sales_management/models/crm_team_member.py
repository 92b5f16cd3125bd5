# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    def _get_assignment_quota(self, force_quota=False):
        """Leads handed out in the earlier score bands of the same run count.

        Without ``force_quota`` Odoo already counts them (leads assigned in
        the last 24 hours); with it, the quota is the whole daily capacity,
        to be shared by every band (``crm.team._assign_and_convert_leads``).
        """
        quota = super()._get_assignment_quota(force_quota=force_quota)
        if force_quota:
            quota -= self.env.context.get("sm_assigned_before", {}).get(self.id, 0)
        return quota
