# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chart of a hiring plan: for each period, what the current members
deliver and what the planned hires bring, stacked, against the target (the
sums of the plan's periods over its teams). Read only."""

from odoo import api, fields, models


class SalesHiringPlan(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.hiring.plan"

    sm_chart = fields.Json(
        "Capacity Chart",
        compute="_compute_sm_chart",
        help="For each period: what the current members deliver and what the "
        "planned hires bring, stacked, against the target of the teams.",
    )

    @api.depends(
        "line_ids.date_from",
        "line_ids.target",
        "line_ids.expected",
        "line_ids.planned_contribution",
    )
    def _compute_sm_chart(self):
        Line = self.env["sales.hiring.plan.line"]
        for plan in self:
            periods = {}
            for line in plan.line_ids.sorted("date_from"):
                sums = periods.setdefault(
                    line.date_from, {"name": line.period_name, "values": [0.0] * 3}
                )
                for index, name in enumerate(
                    ("expected", "planned_contribution", "target")
                ):
                    sums["values"][index] += line[name]
            if not periods:
                plan.sm_chart = {}
                continue
            rows = [periods[day] for day in sorted(periods)]

            def series(index, rows=rows):
                return [round(row["values"][index], 2) for row in rows]

            def label(name):
                return Line._fields[name]._description_string(self.env)

            plan.sm_chart = {
                "labels": [row["name"] for row in rows],
                "stacked": True,
                "datasets": [
                    {
                        "label": label("expected"),
                        "kind": "bar",
                        "color": 0,
                        "data": series(0),
                    },
                    {
                        "label": label("planned_contribution"),
                        "kind": "bar",
                        "color": 2,
                        "data": series(1),
                    },
                    {
                        "label": label("target"),
                        "kind": "line",
                        "color": 1,
                        "dash": True,
                        "data": series(2),
                    },
                ],
            }
