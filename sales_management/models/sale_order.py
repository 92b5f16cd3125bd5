# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def init(self):
        result = super().init()
        # The confirmed sales (sales.figure, source "confirmed") of one
        # salesperson between two days: a target's own period, e.g. the
        # months of a quarter on the scorecards.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS sale_order_sales_management_user_date_index
                ON sale_order (user_id, date_order)
             WHERE state = 'sale'
            """
        )
        return result

    def action_confirm(self):
        result = super().action_confirm()
        self.env["sales.quota"]._mark_stale(
            self.user_id.ids, self.team_id.ids, self.company_id.ids
        )
        return result
