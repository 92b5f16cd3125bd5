# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A scorecard's trends: each KPI of its salesperson over the last 12
periods of its kind, beside the median of the salesperson's team.

The figures are those of the scorecards of these periods (closed periods as
stored, open ones live), read in one search over the 12 periods; the team
median is that of the team's scorecards of each period, shown to whoever
may read this scorecard (a median discloses no one's figures). Drawn by the
``sales_management_chart`` widget, one chart per KPI to choose from.
"""

from statistics import median

from odoo import api, fields, models

from ..models.sales_scorecard_kpi import KPIS

TREND_PERIODS = 12


class SalesScorecard(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

    sm_trend_chart = fields.Json(
        "Trends",
        compute="_compute_sm_trend_chart",
        help="Each KPI of the salesperson over the last 12 periods of this "
        "kind (months, quarters or years), beside the median of the team.",
    )

    @api.depends_context("uid")
    def _compute_sm_trend_chart(self):
        for card in self:
            card.sm_trend_chart = card._sm_trend_data()

    def _sm_trend_periods(self):
        """The last 12 periods of this card's kind and company, this one
        last."""
        self.ensure_one()
        return (
            self.env["sales.scorecard.period"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("period_type", "=", self.period_type),
                    ("date_from", "<=", self.date_from),
                ],
                order="date_from desc",
                limit=TREND_PERIODS,
            )
            .sorted("date_from")
        )

    def _sm_trend_data(self):
        self.ensure_one()
        periods = self._sm_trend_periods()
        if not self.user_id or not periods:
            return {"empty": self.env._("No period to compare yet.")}
        domain = [("period_id", "in", periods.ids)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        else:
            domain.append(("user_id", "=", self.user_id.id))
        names = ["score", *(kpi.name for kpi in KPIS)]
        cards = self.sudo().search_fetch(domain, ["period_id", "user_id", *names])
        by_period = {period.id: [] for period in periods}
        for card in cards:
            by_period[card.period_id.id].append(card)
        labels = periods.mapped("name")
        median_label = self.env._("Team median")
        choices = []
        for name in names:
            own, middle = [], []
            for period in periods:
                rows = by_period[period.id]
                mine = [row[name] for row in rows if row.user_id == self.user_id]
                own.append(round(mine[0], 2) if mine else None)
                values = [row[name] for row in rows]
                middle.append(round(median(values), 2) if values else None)
            choices.append(
                {
                    "key": name,
                    "label": self._fields[name]._description_string(self.env),
                    "labels": labels,
                    "datasets": [
                        {
                            "label": self.user_id.name,
                            "data": own,
                            "kind": "bar",
                            "color": 0,
                        },
                        {
                            "label": median_label,
                            "data": middle,
                            "kind": "line",
                            "color": 3,
                            "dash": True,
                        },
                    ],
                }
            )
        return {"choices": choices}
