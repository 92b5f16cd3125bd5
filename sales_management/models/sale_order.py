# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def init(self):
        result = super().init()
        # The confirmed sales (sales.figure, source "confirmed") read from
        # this index alone: those of one salesperson between two days (a
        # target's own period, e.g. the months of a quarter on the
        # scorecards), and those of a period for every salesperson (the
        # attainment of a plan: the whole index is smaller than the table).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS sale_order_sales_management_confirmed_index
                ON sale_order (user_id, date_order)
                INCLUDE (team_id, company_id, amount_untaxed, margin, currency_rate)
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
