# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import format_date

from ..tools.periods import period_label
from .xlsx_book import new_book

PACE_COLOURS = {"behind": "#f8d7da", "on": "#fff3cd", "ahead": "#d1e7dd"}


class SalesQuotaPlanXlsx(models.AbstractModel):
    _name = "report.sales_management.quota_plan_xlsx"
    _description = "Target Plan Attainment (Excel)"

    def _get_rows(self, plan):
        """Salesperson targets of ``plan`` the user may read, by salesperson."""
        quotas = self.env["sales.quota"].search(
            [("plan_id", "=", plan.id), ("target_type", "=", "user")]
        )
        quotas.mapped("attainment")  # one set-based computation for all
        rows = {}
        for quota in quotas:
            rows.setdefault(quota.user_id, {})[quota.date_from] = quota
        return sorted(rows.items(), key=lambda item: item[0].name or "")

    def generate(self, plan):
        """The plan's attainment as an XLSX file (bytes)."""
        plan.ensure_one()
        plan.check_access("read")
        output, book, sheet, formats = new_book(self.env._("Attainment"))
        title, head, number = formats["title"], formats["head"], formats["number"]
        name_fmt, plain_percent = formats["text"], formats["percent"]
        percent = {
            status: book.add_format(
                {"num_format": "0.0%", "bg_color": colour, "border": 1}
            )
            for status, colour in PACE_COLOURS.items()
        }

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
        for user, by_period in self._get_rows(plan):
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
        book.close()
        return output.getvalue()
