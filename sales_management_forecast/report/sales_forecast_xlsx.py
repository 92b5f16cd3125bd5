# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError

# amount columns after the owner and the period
AMOUNT_FIELDS = (
    "target",
    "closed_won",
    "commit_amount",
    "best_case_amount",
    "trust_adjusted_commit",
    "pipeline_amount",
    "weighted_amount",
    "submitted_amount",
    "leader_amount",
    "manager_amount",
    "forecast_amount",
    "statistical_amount",
    "gap",
)


class SalesForecastXlsx(models.AbstractModel):
    """Forecasts as Excel: one row per forecast, as on the forecast sheet."""

    _name = "report.sales_management_forecast.forecast_xlsx"
    _inherit = "report.sales_management.xlsx_abstract"
    _description = "Forecast Sheet (Excel)"

    def _get_headers(self):
        env = self.env
        headers = {
            "target": env._("Target"),
            "closed_won": env._("Closed Won"),
            "commit_amount": env._("Commit"),
            "best_case_amount": env._("Best Case"),
            "trust_adjusted_commit": env._("Trust-adjusted Commit"),
            "pipeline_amount": env._("Pipeline"),
            "weighted_amount": env._("Weighted Pipeline"),
            "submitted_amount": env._("Submitted"),
            "leader_amount": env._("Leader Adjustment"),
            "manager_amount": env._("Manager Adjustment"),
            "forecast_amount": env._("Forecast"),
            "statistical_amount": env._("Statistical Forecast"),
            "gap": env._("Gap to Target"),
        }
        return [(name, headers[name]) for name in AMOUNT_FIELDS]

    def _get_forecasts(self, forecasts):
        """Those of ``forecasts`` the user may read (record rules apply), in
        the order of the sheet."""
        readable = self.env["sales.forecast"].search([("id", "in", forecasts.ids)])
        if forecasts and not readable:
            raise AccessError(
                self.env._("You may not read any of the forecasts to export.")
            )
        readable.check_access("read")
        return readable.sorted(
            lambda f: (f.date_from, f.company_id.id, f.owner_sequence, f.display_name)
        )

    def generate_xlsx_report(self, workbook, data, objs):
        forecasts = self._get_forecasts(objs)
        # one set-based computation of the figures and calls of every row
        forecasts.mapped("forecast_amount")
        formats = self._get_formats(workbook)
        sheet = self._add_sheet(workbook, self.env._("Forecast"))
        title, head, text = formats["title"], formats["head"], formats["text"]
        number = formats["number"]
        ratio = workbook.add_format({"num_format": "0.00", "border": 1})
        bold_text = workbook.add_format({"border": 1, "bold": True})
        sheet.write(0, 0, self.env._("Forecast sheet"), title)
        columns = self._get_headers()
        header = [
            self.env._("Period"),
            self.env._("Forecast Of"),
            self.env._("Owner"),
            self.env._("Team"),
            *[label for _name, label in columns],
            self.env._("Pipeline Coverage"),
            self.env._("Forecast From"),
            self.env._("Leader Note"),
            self.env._("Manager Note"),
        ]
        row = 2
        for col, label in enumerate(header):
            sheet.write(row, col, label, head)
        owner_types = dict(
            forecasts._fields["owner_type"]._description_selection(self.env)
        )
        sources = dict(
            forecasts._fields["forecast_source"]._description_selection(self.env)
        )
        for forecast in forecasts:
            row += 1
            owner = {
                "user": forecast.user_id,
                "team": forecast.team_id,
                "company": forecast.company_id,
            }[forecast.owner_type]
            style = text if forecast.owner_type == "user" else bold_text
            sheet.write(row, 0, forecast.period_name, style)
            sheet.write(row, 1, owner_types[forecast.owner_type], style)
            sheet.write(row, 2, owner.name or "", style)
            sheet.write(row, 3, forecast.team_id.name or "", style)
            col = 4
            for name, _label in columns:
                sheet.write_number(row, col, forecast[name], number)
                col += 1
            sheet.write_number(row, col, forecast.coverage, ratio)
            sheet.write(row, col + 1, sources.get(forecast.forecast_source, ""), text)
            sheet.write(row, col + 2, forecast.leader_note or "", text)
            sheet.write(row, col + 3, forecast.manager_note or "", text)
        sheet.set_column(0, 1, 12)
        sheet.set_column(2, 3, 24)
        sheet.set_column(4, 4 + len(columns), 14)
        sheet.set_column(5 + len(columns), 8 + len(columns), 24)
        sheet.freeze_panes(3, 3)
