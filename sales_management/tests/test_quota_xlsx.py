# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaXlsx(SalesManagementCommon):
    @freeze_time("2026-03-20")
    def test_export_rows_periods_and_colours(self):
        plan = self.create_plan("sale", period_type="quarter")
        self.create_quota(plan, self.rep_a, date(2026, 1, 1), 1000)
        self.create_quota(plan, self.rep_b, date(2026, 1, 1), 1000)
        self.create_quota(plan, self.rep_b, date(2026, 4, 1), 1000)
        plan.action_activate()
        self.create_order(self.rep_a, date(2026, 2, 1), [(self.service, 10, 100)])
        content = self.env["report.sales_management.quota_plan_xlsx"].generate(plan)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, plan.name)
        self.assertEqual(sheet["B5"].value, "Q1 2026")
        self.assertEqual(sheet["E5"].value, "Q2 2026")
        names = [sheet.cell(row=row, column=1).value for row in (7, 8)]
        self.assertEqual(names, ["Sm Rep A", "Sm Rep B"])
        # rep A: 1000 of 1000 in Q1, ahead of pace (green)
        self.assertEqual(sheet["C7"].value, 1000)
        self.assertAlmostEqual(sheet["D7"].value, 1.0)
        self.assertEqual(sheet["D7"].fill.fgColor.rgb[-6:], "D1E7DD")
        # rep B: nothing sold, behind pace (red)
        self.assertEqual(sheet["D8"].value, 0)
        self.assertEqual(sheet["D8"].fill.fgColor.rgb[-6:], "F8D7DA")
        # salespeople only export what they may read
        content = (
            self.env["report.sales_management.quota_plan_xlsx"]
            .with_user(self.rep_a)
            .generate(plan.with_user(self.rep_a))
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(row=7, column=1).value, "Sm Rep A")
        self.assertIsNone(sheet.cell(row=8, column=1).value)


@tagged("post_install", "-at_install")
class TestQuotaXlsxDownload(HttpCase):
    def test_download_route(self):
        plan = self.env["sales.quota.plan"].create(
            {"name": "Download", "date_from": "2026-01-01", "date_to": "2026-12-31"}
        )
        self.authenticate("admin", "admin")
        response = self.url_open(f"/sales_management/plan/{plan.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertTrue(response.content.startswith(b"PK"))
