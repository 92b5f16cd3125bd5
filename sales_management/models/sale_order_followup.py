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
        message = message.sudo()
        author = message.author_id
        from_customer = (
            author
            and author.commercial_partner_id == self.partner_id.commercial_partner_id
        ) or (
            message.message_type == "email"
            and not author.user_ids.filtered(lambda user: not user.share)
        )
        if from_customer and message.message_type in ("email", "comment"):
            self.env["sales.followup.rule"]._followup_stop_orders(self)
        return result
