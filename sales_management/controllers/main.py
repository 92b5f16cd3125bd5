# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import content_disposition, request

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename):
    """An HTTP response downloading ``content`` (XLSX bytes) as ``filename``."""
    return request.make_response(
        content,
        headers=[
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )


class SalesManagementController(http.Controller):
    @http.route("/sales_management/plan/<int:plan_id>/xlsx", type="http", auth="user")
    def plan_xlsx(self, plan_id, **kwargs):
        plan = request.env["sales.quota.plan"].browse(plan_id).exists()
        if not plan:
            raise request.not_found()
        content = request.env["report.sales_management.quota_plan_xlsx"].generate(plan)
        filename = f"{plan.name}.xlsx"
        return xlsx_response(content, filename)

    @http.route(
        "/sales_management/scorecards/<int:period_id>/xlsx", type="http", auth="user"
    )
    def scorecards_xlsx(self, period_id, **kwargs):
        period = request.env["sales.scorecard.period"].browse(period_id).exists()
        if not period:
            raise request.not_found()
        content = request.env["report.sales_management.scorecard_xlsx"].generate(period)
        filename = f"Scorecards {period.name}.xlsx"
        return xlsx_response(content, filename)
