# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The waterfall drawn as one: the first snapshot's pipeline, each change as
a bar from the running total to the next, the second snapshot's pipeline."""

from odoo import api, fields, models

# colours of Odoo's six-colour palette: the totals, what adds, what removes
TOTAL, ADDS, REMOVES = 0, 2, 1


class SalesForecastWaterfall(models.TransientModel):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.forecast.waterfall"

    sm_chart = fields.Json(
        "Waterfall Chart",
        compute="_compute_sm_chart",
        help="The changes between the two snapshots as a waterfall: from the "
        "first pipeline, each change up or down, to the second.",
    )

    @api.depends("line_ids.amount", "line_ids.bucket", "line_ids.sequence")
    def _compute_sm_chart(self):
        for wizard in self:
            wizard.sm_chart = wizard._sm_waterfall_chart()

    def _sm_waterfall_chart(self):
        lines = self.line_ids.sorted("sequence")
        if not lines:
            return {}
        names = dict(
            self.env["sales.forecast.waterfall.line"]
            ._fields["bucket"]
            ._description_selection(self.env)
        )
        totals, adds, removes = [], [], []
        running = 0.0
        for line in lines:
            if line.bucket in ("start", "end"):
                running = line.amount
                bars = ([0.0, round(line.amount, 2)], None, None)
            else:
                after = running + line.amount
                bar = [round(min(running, after), 2), round(max(running, after), 2)]
                bars = (None, bar, None) if line.amount >= 0 else (None, None, bar)
                running = after
            for series, bar in zip((totals, adds, removes), bars, strict=True):
                series.append(bar)
        return {
            "labels": [names[line.bucket] for line in lines],
            "stacked": "x",
            "datasets": [
                {
                    "label": self.env._("Pipeline"),
                    "kind": "bar",
                    "color": TOTAL,
                    "data": totals,
                },
                {
                    "label": self.env._("Added"),
                    "kind": "bar",
                    "color": ADDS,
                    "data": adds,
                },
                {
                    "label": self.env._("Removed"),
                    "kind": "bar",
                    "color": REMOVES,
                    "data": removes,
                },
            ],
        }
