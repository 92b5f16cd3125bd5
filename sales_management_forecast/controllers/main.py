# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.sales_management.controllers.main import xlsx_response


class SalesManagementForecastController(http.Controller):
    @http.route("/sales_management_forecast/xlsx", type="http", auth="user")
    def forecast_xlsx(self, ids="", **kwargs):
        try:
            forecast_ids = [int(value) for value in ids.split(",") if value]
        except ValueError as error:
            raise request.not_found() from error
        # only the forecasts the user may read (record rules apply)
        forecasts = request.env["sales.forecast"].search([("id", "in", forecast_ids)])
        if not forecasts:
            raise request.not_found()
        content = request.env[
            "report.sales_management_forecast.forecast_xlsx"
        ].generate(forecasts)
        filename = request.env._(
            "Forecast %(period)s.xlsx",
            period="-".join(sorted(set(forecasts.mapped("period_name")))),
        )
        return xlsx_response(content, filename)
