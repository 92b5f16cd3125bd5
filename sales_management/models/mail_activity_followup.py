# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # before Odoo deletes (or archives) the activities
        self.env["sales.followup.log"]._close_for_activities(self, "done")
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def unlink(self):
        self.env["sales.followup.log"]._close_for_activities(self, "stopped")
        return super().unlink()
