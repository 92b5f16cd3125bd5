# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sales_management.tests.common import render_sheets

from .common import ForecastCommon

REPORT = "sales_management_forecast.forecast_xlsx"


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastXlsx(ForecastCommon):
    def test_export(self):
        self.create_opportunity(self.rep_a, 80, 2000, date(2026, 3, 25))
        sheet_records = self.prepare_sheet()
        forecast_a = self.forecast_of(sheet_records, self.rep_a)
        self.add_entry(forecast_a, "leader", 1500, note="Slips", user=self.leader)
        [sheet] = render_sheets(self.env, REPORT, sheet_records)
        self.assertEqual(sheet.title, "Forecast")
        self.assertEqual(sheet["A1"].value, "Forecast sheet")
        header = [cell.value for cell in sheet[3]]
        self.assertIn("Commit", header)
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        self.assertEqual(len(rows), len(sheet_records))
        self.assertEqual(rows[0][1], "Company")
        row_a = next(row for row in rows if row[2] == "Sm Rep A")
        self.assertEqual(row_a[header.index("Commit")], 2000)
        self.assertEqual(row_a[header.index("Forecast")], 1500)
        self.assertEqual(row_a[header.index("Leader Note")], "Slips")
        # a salesperson exports only their own forecast, even when the
        # others' ids are sent
        [sheet] = render_sheets(self.env(user=self.rep_a), REPORT, sheet_records)
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        self.assertEqual([row[2] for row in rows], ["Sm Rep A"])
        # and none when only the others' are
        others = sheet_records - forecast_a
        with self.assertRaises(AccessError):
            render_sheets(self.env(user=self.rep_a), REPORT, others)

    def test_print_menu_and_button(self):
        report = self.env.ref("sales_management_forecast.sales_forecast_report_xlsx")
        self.assertEqual((report.report_type, report.report_name), ("xlsx", REPORT))
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.rep_a)
            .get_bindings("sales.forecast")
        )
        self.assertIn(report.id, [action["id"] for action in bindings["report"]])
        sheet_records = self.prepare_sheet()
        action = sheet_records.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(action["context"]["active_ids"], sheet_records.ids)
        with self.assertRaises(UserError):
            sheet_records.browse().action_export_xlsx()


@tagged("post_install", "-at_install")
class TestForecastXlsxDownload(HttpCase):
    def test_download_route_reads_like_the_sheet(self):
        """A salesperson asking for other forecasts' ids gets only their own."""
        company = self.env.ref("base.main_company")
        rep = new_test_user(
            self.env,
            login="sm_xlsx_rep",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        team = self.env["crm.team"].create(
            {
                "name": "Export team",
                "company_id": company.id,
                "member_ids": [Command.set(rep.ids)],
            }
        )
        forecasts = self.env["sales.forecast"]._prepare_sheets(
            company, "month", date.today()
        )
        own = forecasts.filtered(lambda forecast: forecast.user_id == rep)
        others = (
            forecasts.filtered(
                lambda forecast: (
                    forecast.owner_type != "user" or forecast.team_id == team
                )
            )
            - own
        )
        self.assertTrue(own and others)
        self.authenticate("sm_xlsx_rep", "sm_xlsx_rep")
        url = f"/report/xlsx/{REPORT}/"
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self.url_open(url + ",".join(str(i) for i in others.ids))
        self.assertNotEqual(response.status_code, 200)
        response = self.url_open(url + ",".join(str(i) for i in forecasts.ids))
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        rows = list(
            openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(
                min_row=4, values_only=True
            )
        )
        self.assertEqual([row[2] for row in rows], [rep.name])
