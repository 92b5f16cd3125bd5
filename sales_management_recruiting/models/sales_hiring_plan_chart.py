# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chart of a hiring plan: for each period, what the current members
deliver and what the planned hires bring, stacked, against the target (the
sums of the plan's periods over its teams). Read only."""

from odoo import api, fields, models

# (line field, kind, colour of Odoo's six-colour palette, dashed), in order
SERIES = (
    ("expected", "bar", 0, False),
    ("planned_contribution", "bar", 2, False),
    ("target", "line", 1, True),
)


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
                    line.date_from,
                    {"name": line.period_name, **{name: 0.0 for name, *_ in SERIES}},
                )
                for name, *_style in SERIES:
                    sums[name] += line[name]
            rows = [periods[day] for day in sorted(periods)]
            plan.sm_chart = (
                {
                    "labels": [row["name"] for row in rows],
                    "stacked": True,
                    "datasets": [
                        {
                            "label": Line._fields[name]._description_string(self.env),
                            "kind": kind,
                            "color": color,
                            "dash": dash,
                            "data": [round(row[name], 2) for row in rows],
                        }
                        for name, kind, color, dash in SERIES
                    ],
                }
                if rows
                else {}
            )
