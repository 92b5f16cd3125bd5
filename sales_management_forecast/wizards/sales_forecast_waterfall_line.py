# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesForecastWaterfallLine(models.TransientModel):
    _name = "sales.forecast.waterfall.line"
    _description = "Pipeline Waterfall Step"
    _inherit = ["sales.input.guard"]
    _order = "sequence"
    _rec_name = "bucket"

    wizard_id = fields.Many2one(
        "sales.forecast.waterfall", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    sequence = fields.Integer()
    bucket = fields.Selection(
        [
            ("start", "Pipeline of the first snapshot"),
            ("new", "New"),
            ("pulled_in", "Pulled in"),
            ("increased", "Increased"),
            ("decreased", "Decreased"),
            ("slipped_out", "Slipped out"),
            ("won", "Won"),
            ("lost", "Lost"),
            ("end", "Pipeline of the second snapshot"),
        ],
        string="Change",
        required=True,
        help="New: not in the first snapshot's pipeline nor elsewhere in it; "
        "pulled in: moved into the closing period; slipped out: moved out of "
        "it; increased or decreased: expected revenue changed; won or lost: "
        "closed between the two snapshots.",
    )
    amount = fields.Monetary(
        help="Expected revenue that the change adds (positive) or removes (negative).",
    )
    lead_count = fields.Integer(
        "Opportunities", help="Number of opportunities behind the change."
    )
    lead_ids_json = fields.Json(help="Technical: the opportunities behind it.")

    def action_view_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": dict(self._fields["bucket"]._description_selection(self.env))[
                self.bucket
            ],
            "res_model": "crm.lead",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.lead_ids_json or [])],
            "context": {"active_test": False, "create": False},
        }
