# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError

from ..models.sales_scorecard_kpi import KPIS

MOVEMENT_COLOURS = {
    "up": "#d1e7dd",
    "down": "#f8d7da",
    "same": "#ffffff",
    "new": "#cfe2ff",
}


class SalesScorecardXlsx(models.AbstractModel):
    """Scorecard periods as Excel: one sheet per period, one row per
    salesperson (the scorecards the user may read), best first."""

    _name = "report.sales_management.scorecard_xlsx"
    _inherit = "report.sales_management.xlsx_abstract"
    _description = "Scorecards (Excel)"

    def _get_scorecards(self, periods, team_ids=None):
        """Scorecards of ``periods`` the user may read (of the teams
        ``team_ids`` only, when given), by period, best first."""
        domain = [("period_id", "in", periods.ids)]
        if team_ids is not None:
            domain.append(("team_id", "in", team_ids))
        cards = self.env["sales.scorecard"].search(
            domain, order="rank_company, user_id"
        )
        by_period = cards.grouped("period_id")
        return {period.id: by_period.get(period, cards[:0]) for period in periods}

    def generate_xlsx_report(self, workbook, data, objs):
        periods = objs
        periods.check_access("read")
        # data may narrow the export to some teams (the digest sends a team's)
        team_ids = (data or {}).get("team_ids")
        if team_ids is not None and not (
            isinstance(team_ids, list | tuple)
            and all(isinstance(team_id, int) for team_id in team_ids)
        ):
            raise UserError(self.env._("Give the teams to export by their ids."))
        cards = self._get_scorecards(periods, team_ids)
        formats = self._get_formats(workbook)
        formats["movement"] = {
            movement: workbook.add_format(
                {"bg_color": colour, "border": 1, "align": "center"}
            )
            for movement, colour in MOVEMENT_COLOURS.items()
        }
        for period in periods:
            name = self.env._("Scorecards") if len(periods) == 1 else period.name
            sheet = self._add_sheet(workbook, name)
            self._write_period(sheet, formats, period, cards[period.id])

    def _write_period(self, sheet, formats, period, cards):
        title, head, text = formats["title"], formats["head"], formats["text"]
        number, integer = formats["number"], formats["integer"]
        moves = formats["movement"]
        movement_labels = dict(
            self.env["sales.scorecard"]
            ._fields["movement"]
            ._description_selection(self.env)
        )
        sheet.write(
            0, 0, self.env._("Scorecards %(period)s", period=period.name), title
        )
        status = (
            self.env._("closed") if period.state == "closed" else self.env._("live")
        )
        sheet.write(1, 0, f"{period.company_id.name} ({status})")
        headers = [
            self.env._("Salesperson"),
            self.env._("Sales Team"),
            self.env._("Company Rank"),
            self.env._("Team Rank"),
            self.env._("Movement"),
            self.env._("Overall Score"),
            self.env._("Score Change"),
        ]
        for kpi in KPIS:
            field = cards._fields[kpi.name]
            headers += [
                field.get_description(self.env)["string"],
                self.env._("Change"),
                self.env._("Team Percentile"),
            ]
        row = 3
        sheet.set_row(row, 45)
        for column, label in enumerate(headers):
            sheet.write(row, column, label, head)
        for card in cards:
            row += 1
            values = [
                (card.user_id.name or "", text),
                (card.team_id.name or "", text),
                (card.rank_company, integer),
                (card.rank_team, integer),
                (
                    movement_labels.get(card.movement, ""),
                    moves.get(card.movement, text),
                ),
                (card.score, number),
                (card.score_delta, number),
            ]
            for kpi in KPIS:
                values += [
                    (card[kpi.name], number),
                    (card[f"{kpi.name}_delta"], number),
                    (card[f"{kpi.name}_pct"], integer),
                ]
            for column, (value, style) in enumerate(values):
                sheet.write(row, column, value, style)
        sheet.set_column(0, 1, 22)
        sheet.set_column(2, len(headers), 12)
        sheet.freeze_panes(4, 1)
