# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastXlsx(ForecastCommon):
    def test_export(self):
        self.create_opportunity(self.rep_a, 80, 2000, date(2026, 3, 25))
        sheet_records = self.prepare_sheet()
        forecast_a = self.forecast_of(sheet_records, self.rep_a)
        self.add_entry(forecast_a, "leader", 1500, note="Slips", user=self.leader)
        report = self.env["report.sales_management_forecast.forecast_xlsx"]
        sheet = openpyxl.load_workbook(
            io.BytesIO(report.generate(sheet_records))
        ).active
        header = [cell.value for cell in sheet[3]]
        self.assertIn("Commit", header)
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        self.assertEqual(len(rows), len(sheet_records))
        self.assertEqual(rows[0][1], "Company")
        row_a = next(row for row in rows if row[2] == "Sm Rep A")
        self.assertEqual(row_a[header.index("Commit")], 2000)
        self.assertEqual(row_a[header.index("Forecast")], 1500)
        self.assertEqual(row_a[header.index("Leader Note")], "Slips")
        # a salesperson exports only their own forecast
        mine = sheet_records.with_user(self.rep_a).search(
            [("id", "in", sheet_records.ids)]
        )
        content = report.with_user(self.rep_a).generate(mine)
        rows = list(
            openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(
                min_row=4, values_only=True
            )
        )
        self.assertEqual([row[2] for row in rows], ["Sm Rep A"])
        action = sheet_records.action_export_xlsx()
        self.assertIn(str(forecast_a.id), action["url"])


@tagged("post_install", "-at_install")
class TestForecastXlsxDownload(HttpCase):
    def test_download_route(self):
        company = self.env.ref("base.main_company")
        forecasts = self.env["sales.forecast"]._prepare_sheets(
            company, "month", date.today()
        )
        self.authenticate("admin", "admin")
        response = self.url_open(
            "/sales_management_forecast/xlsx?ids="
            + ",".join(str(forecast_id) for forecast_id in forecasts.ids)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertTrue(response.content.startswith(b"PK"))
        response = self.url_open("/sales_management_forecast/xlsx?ids=abc")
        self.assertEqual(response.status_code, 404)

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
        url = "/sales_management_forecast/xlsx?ids="
        response = self.url_open(url + ",".join(str(i) for i in others.ids))
        self.assertEqual(response.status_code, 404)
        response = self.url_open(url + ",".join(str(i) for i in forecasts.ids))
        self.assertEqual(response.status_code, 200)
        rows = list(
            openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(
                min_row=4, values_only=True
            )
        )
        self.assertEqual([row[2] for row in rows], [rep.name])
