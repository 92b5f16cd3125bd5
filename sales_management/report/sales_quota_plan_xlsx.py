# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import format_date

from ..tools.periods import period_label

PACE_COLOURS = {"behind": "#f8d7da", "on": "#fff3cd", "ahead": "#d1e7dd"}


class SalesQuotaPlanXlsx(models.AbstractModel):
    """Target plans as Excel: one sheet per plan, one row per salesperson and
    the periods as columns, attainment coloured by pace."""

    _name = "report.sales_management.quota_plan_xlsx"
    _inherit = "report.sales_management.xlsx_abstract"
    _description = "Target Plan Attainment (Excel)"

    def _get_rows(self, plans):
        """Salesperson targets of ``plans`` the user may read, by plan, then
        by salesperson (sorted by name) and period start."""
        quotas = self.env["sales.quota"].search(
            [("plan_id", "in", plans.ids), ("target_type", "=", "user")]
        )
        quotas.mapped("attainment")  # one set-based computation for all
        rows = {}
        for quota in quotas:
            by_user = rows.setdefault(quota.plan_id.id, {})
            by_user.setdefault(quota.user_id, {})[quota.date_from] = quota
        return {
            plan_id: sorted(by_user.items(), key=lambda item: item[0].name or "")
            for plan_id, by_user in rows.items()
        }

    def generate_xlsx_report(self, workbook, data, objs):
        plans = objs
        plans.check_access("read")
        formats = self._get_formats(workbook)
        formats["pace"] = {
            status: workbook.add_format(
                {"num_format": "0.0%", "bg_color": colour, "border": 1}
            )
            for status, colour in PACE_COLOURS.items()
        }
        rows = self._get_rows(plans)
        for plan in plans:
            name = self.env._("Attainment") if len(plans) == 1 else plan.name
            sheet = self._add_sheet(workbook, name)
            self._write_plan(sheet, formats, plan, rows.get(plan.id, []))

    def _write_plan(self, sheet, formats, plan, rows):
        title, head, number = formats["title"], formats["head"], formats["number"]
        name_fmt, plain_percent = formats["text"], formats["percent"]
        percent = formats["pace"]
        periods = plan._get_periods()
        sheet.write(0, 0, plan.name, title)
        sheet.write(
            1,
            0,
            self.env._(
                "%(metric)s, %(start)s to %(end)s, in %(unit)s",
                metric=dict(plan._fields["metric"]._description_selection(self.env))[
                    plan.metric
                ],
                start=format_date(self.env, plan.date_from),
                end=format_date(self.env, plan.date_to),
                unit=plan.unit_label,
            ),
        )
        sheet.write(
            2,
            0,
            self.env._(
                "Colours: red behind pace, yellow on pace, green ahead of pace."
            ),
        )
        header_row = 4
        sheet.merge_range(
            header_row, 0, header_row + 1, 0, self.env._("Salesperson"), head
        )
        col = 1
        for start, _end in periods:
            sheet.merge_range(
                header_row,
                col,
                header_row,
                col + 2,
                period_label(start, plan.period_type),
                head,
            )
            sheet.write(header_row + 1, col, self.env._("Target"), head)
            sheet.write(header_row + 1, col + 1, self.env._("Achieved"), head)
            sheet.write(header_row + 1, col + 2, self.env._("Attainment"), head)
            col += 3
        sheet.merge_range(
            header_row, col, header_row, col + 2, self.env._("Total"), head
        )
        sheet.write(header_row + 1, col, self.env._("Target"), head)
        sheet.write(header_row + 1, col + 1, self.env._("Achieved"), head)
        sheet.write(header_row + 1, col + 2, self.env._("Attainment"), head)

        row = header_row + 2
        for user, by_period in rows:
            sheet.write(row, 0, user.name, name_fmt)
            col = 1
            total_target = total_achieved = 0.0
            for start, _end in periods:
                quota = by_period.get(start)
                if quota:
                    total_target += quota.effective_target
                    total_achieved += quota.achieved
                    sheet.write_number(row, col, quota.effective_target, number)
                    sheet.write_number(row, col + 1, quota.achieved, number)
                    sheet.write_number(
                        row,
                        col + 2,
                        quota.attainment / 100.0,
                        percent.get(quota.pace_status, plain_percent),
                    )
                col += 3
            sheet.write_number(row, col, total_target, number)
            sheet.write_number(row, col + 1, total_achieved, number)
            sheet.write_number(
                row,
                col + 2,
                total_target and total_achieved / total_target,
                plain_percent,
            )
            row += 1
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, col + 2, 12)
        sheet.freeze_panes(header_row + 2, 1)
