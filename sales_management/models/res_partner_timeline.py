# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResPartner(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "res.partner"

    @api.readonly
    def action_sm_open_timeline(self):
        """The timeline of the customer (its commercial entity): orders,
        invoices, opportunities won and lost, activities and messages."""
        self.ensure_one()
        customer = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.sales_customer_timeline_action"
        )
        action["name"] = self.env._("Timeline of %(customer)s", customer=customer.name)
        action["domain"] = [("partner_id", "=", customer.id)]
        return action
