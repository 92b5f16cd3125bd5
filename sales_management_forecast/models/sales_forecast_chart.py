# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chart of a forecast: its owner's months of the year side by side.

Target, closed won, commit, best case and the statistical forecast with its
80 % interval, by month, read from the owner's monthly forecasts that the
user may read (the same figures as their rows: one computation for all the
months), drawn by the ``sales_management_chart`` widget. Read only.
"""

from datetime import date

from odoo import api, fields, models

# (field, kind, colour of Odoo's six-colour palette, dashed) of the chart's
# series, in order; the interval's low and high ends are drawn as a band
SERIES = (
    ("closed_won", "bar", 2, False),
    ("target", "line", 4, True),
    ("commit_amount", "line", 0, False),
    ("best_case_amount", "line", 3, False),
)


class SalesForecast(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.forecast"

    sm_chart = fields.Json(
        "By Month",
        compute="_compute_sm_chart",
        help="Target, closed won, commit, best case and the statistical "
        "forecast with its 80 % interval, for each month of the year of this "
        "forecast, for its owner.",
    )

    @api.depends_context("uid")
    def _compute_sm_chart(self):
        for forecast in self:
            forecast.sm_chart = forecast._sm_chart_data()

    def _sm_year_months(self):
        """The owner's monthly forecasts of this forecast's year that the
        user may read, by date."""
        self.ensure_one()
        year = self.date_from.year
        owner = (
            ("user_id", "=", self.user_id.id)
            if self.owner_type == "user"
            else ("team_id", "=", self.team_id.id)
        )
        return self.search(
            [
                ("owner_type", "=", self.owner_type),
                owner,
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "month"),
                ("date_from", ">=", date(year, 1, 1)),
                ("date_from", "<", date(year + 1, 1, 1)),
            ],
            order="date_from",
        )

    def _sm_chart_data(self):
        self.ensure_one()
        if not self.id or not self.date_from:
            return {"empty": self.env._("Save the forecast to see its months.")}
        months = self._sm_year_months()
        if not months:
            return {"empty": self.env._("No monthly forecast of this owner yet.")}

        def label(name):
            return self._fields[name]._description_string(self.env)

        def values(name):
            return [round(month[name], 2) for month in months]

        datasets = [
            {
                "label": label(name),
                "kind": kind,
                "color": color,
                "dash": dash,
                "data": values(name),
            }
            for name, kind, color, dash in SERIES
        ]
        datasets += [
            {
                "label": label("statistical_lower"),
                "kind": "line",
                "color": 5,
                "dash": True,
                "legend": False,
                "data": values("statistical_lower"),
            },
            {
                "label": label("statistical_upper"),
                "kind": "line",
                "color": 5,
                "dash": True,
                "fill": "-1",
                "legend": False,
                "data": values("statistical_upper"),
            },
            {
                "label": label("statistical_amount"),
                "kind": "line",
                "color": 5,
                "data": values("statistical_amount"),
            },
        ]
        return {"labels": months.mapped("period_name"), "datasets": datasets}
