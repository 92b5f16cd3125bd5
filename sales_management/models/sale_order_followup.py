# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chasers of quotations stop by themselves: on the confirmation, or when
the customer answers."""

from odoo import models


class SaleOrder(models.Model):
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sale.order"

    def action_confirm(self):
        result = super().action_confirm()
        self.env["sales.followup.rule"]._followup_stop_orders(self)
        return result

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        author = message.sudo().author_id.commercial_partner_id
        if (
            message.message_type in ("email", "comment", "email_outgoing")
            and author
            and author == self.partner_id.commercial_partner_id
        ):
            self.env["sales.followup.rule"]._followup_stop_orders(self)
        return result
