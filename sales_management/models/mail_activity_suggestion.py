# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailActivity(models.Model):
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """The feedback of an activity of a lead marked done (a call's
        notes) is read for suggestions, with the message Odoo posts."""
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if feedback:
            self.env["sales.lead.suggestion"]._suggest_from_activities(
                messages, feedback
            )
        return messages, next_activities
