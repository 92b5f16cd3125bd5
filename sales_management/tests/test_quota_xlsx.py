# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import SalesManagementCommon, render_sheets

REPORT = "sales_management.quota_plan_xlsx"


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
        [sheet] = render_sheets(self.env, REPORT, plan)
        self.assertEqual(sheet.title, "Attainment")
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
        # totals over the year: rep B 0 of 2000
        self.assertEqual(sheet["N8"].value, 2000)
        self.assertEqual(sheet["P8"].value, 0)
        # salespeople only export what they may read
        [sheet] = render_sheets(self.env(user=self.rep_a), REPORT, plan)
        self.assertEqual(sheet.cell(row=7, column=1).value, "Sm Rep A")
        self.assertIsNone(sheet.cell(row=8, column=1).value)

    def test_several_plans_one_sheet_each(self):
        plan_sale = self.create_plan("sale")
        plan_margin = self.create_plan("margin")
        self.create_quota(plan_sale, self.rep_a, date(2026, 1, 1), 100)
        self.create_quota(plan_margin, self.rep_b, date(2026, 1, 1), 100)
        sheets = render_sheets(self.env, REPORT, plan_sale | plan_margin)
        self.assertEqual(
            [sheet.title for sheet in sheets], [plan_sale.name, plan_margin.name]
        )
        self.assertEqual(
            [sheet["A7"].value for sheet in sheets], ["Sm Rep A", "Sm Rep B"]
        )

    def test_print_menu_and_button(self):
        report = self.env.ref("sales_management.sales_quota_plan_report_xlsx")
        self.assertEqual(report.report_type, "xlsx")
        self.assertEqual(report.report_name, REPORT)
        # in the Print menu of the plans, a salesperson's too
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.rep_a)
            .get_bindings("sales.quota.plan")
        )
        self.assertIn(report.id, [action["id"] for action in bindings["report"]])
        # the form's button opens the same report on the plan (an admin with
        # no document layout too: no layout wizard for a spreadsheet)
        plan = self.create_plan("sale")
        action = plan.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(action["context"]["active_ids"], plan.ids)

    def test_other_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Co (xlsx)"})
        other_plan = self.create_plan("sale", company_id=other.id)
        with self.assertRaises(AccessError):
            render_sheets(self.env(user=self.rep_a), REPORT, other_plan)


@tagged("post_install", "-at_install")
class TestQuotaXlsxDownload(HttpCase):
    def test_download_route(self):
        plan = self.env["sales.quota.plan"].create(
            {"name": "Download", "date_from": "2026-01-01", "date_to": "2026-12-31"}
        )
        self.authenticate("admin", "admin")
        response = self.url_open(f"/report/xlsx/{REPORT}/{plan.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A1"].value, "Download")

    def test_download_as_the_web_client(self):
        """The Print menu and the button download through /report/download,
        named after the plan."""
        plan = self.env["sales.quota.plan"].create(
            {"name": "Plan 2026", "date_from": "2026-01-01", "date_to": "2026-12-31"}
        )
        self.authenticate("admin", "admin")
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/xlsx/{REPORT}/{plan.id}", "xlsx"]),
                "context": "{}",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Plan%202026.xlsx", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A1"].value, "Plan 2026")
