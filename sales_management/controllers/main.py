# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import content_disposition, request


class SalesManagementController(http.Controller):
    @http.route("/sales_management/plan/<int:plan_id>/xlsx", type="http", auth="user")
    def plan_xlsx(self, plan_id, **kwargs):
        plan = request.env["sales.quota.plan"].browse(plan_id).exists()
        if not plan:
            raise request.not_found()
        content = request.env["report.sales_management.quota_plan_xlsx"].generate(plan)
        filename = f"{plan.name}.xlsx"
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
