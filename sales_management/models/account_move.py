# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda move: move.is_sale_document())
        if invoices:
            self.env["sales.quota"]._mark_stale(
                invoices.invoice_user_id.ids,
                invoices.team_id.ids,
                invoices.company_id.ids,
            )
        return posted
