# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import render_sheets
from .test_scorecard import ScorecardCommon

REPORT = "sales_management.scorecard_xlsx"


@tagged("post_install", "-at_install")
class TestScorecardXlsx(ScorecardCommon):
    def test_export(self):
        [sheet] = render_sheets(self.env, REPORT, self.march)
        self.assertEqual(sheet.title, "Scorecards")
        self.assertEqual(sheet["A1"].value, "Scorecards 2026-03")
        self.assertEqual(sheet["A4"].value, "Salesperson")
        self.assertEqual(sheet["H4"].value, "Confirmed Revenue")
        names = [sheet.cell(row=row, column=1).value for row in range(5, 20)]
        self.assertIn("Sm Rep A", names)
        row_a = 5 + names.index("Sm Rep A")
        self.assertAlmostEqual(sheet.cell(row=row_a, column=8).value, 1200)
        self.assertEqual(sheet.cell(row=row_a, column=5).value, "Up")
        self.assertEqual(
            sheet.cell(row=row_a, column=5).fill.fgColor.rgb[-6:], "D1E7DD"
        )
        # a salesperson exports only their own scorecard
        [sheet] = render_sheets(self.env(user=self.rep_a), REPORT, self.march)
        self.assertEqual(sheet["A5"].value, "Sm Rep A")
        self.assertIsNone(sheet["A6"].value)

    def test_several_periods_one_sheet_each(self):
        sheets = render_sheets(self.env, REPORT, self.feb | self.march)
        self.assertEqual([sheet.title for sheet in sheets], ["2026-02", "2026-03"])
        self.assertEqual(
            [sheet["A1"].value for sheet in sheets],
            ["Scorecards 2026-02", "Scorecards 2026-03"],
        )

    def test_print_menu_and_button(self):
        report = self.env.ref("sales_management.sales_scorecard_period_report_xlsx")
        self.assertEqual((report.report_type, report.report_name), ("xlsx", REPORT))
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.rep_a)
            .get_bindings("sales.scorecard.period")
        )
        self.assertIn(report.id, [action["id"] for action in bindings["report"]])
        action = self.march.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], REPORT)
        self.assertEqual(action["context"]["active_ids"], self.march.ids)

    def test_other_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Co (xlsx)"})
        period = self.env["sales.scorecard.period"].create(
            {"company_id": other.id, "date_from": date(2026, 3, 1)}
        )
        with self.assertRaises(AccessError):
            render_sheets(self.env(user=self.rep_a), REPORT, period)


@tagged("post_install", "-at_install")
class TestScorecardDigest(ScorecardCommon):
    def _digests(self):
        return self.env["mail.mail"].search([("subject", "like", "Scorecards 2026-03")])

    @freeze_time("2026-04-02")
    def test_digest_batched_idempotent_optout(self):
        # as the scheduler runs it
        Period = self.env["sales.scorecard.period"].sudo()
        self.team_south.user_id = self.manager
        self.manager.sales_digest_optout = True
        before = self._digests()
        # one team per call
        self.assertEqual(Period._cron_send_digest(batch_size=1), 1)
        self.assertEqual(self.march.digest_team_ids, self.team_north)
        mails = self._digests() - before
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.leader.partner_id)
        self.assertIn("Sm Rep A", mails.body_html)
        self.assertIn("North", mails.subject)
        # with the team's scorecards in Excel, as the leader exports them
        self.assertEqual(self._exported_names(mails, "North"), ["Sm Rep A", "Sm Rep B"])
        # South's leader opted out; North was sent: a re-run sends nothing
        self.assertEqual(Period._cron_send_digest(batch_size=1), 0)
        self.assertEqual(len(self._digests() - before), 1)
        self.manager.sales_digest_optout = False
        # no time left: still one team per call
        self.assertEqual(Period._cron_send_digest(time_budget=0), 1)
        self.assertEqual(self.march.digest_team_ids, self.team_north | self.team_south)
        # the manager reads every scorecard; South's digest has South's only
        mails = self._digests() - before - mails
        self.assertEqual(mails.recipient_ids, self.manager.partner_id)
        self.assertEqual(self._exported_names(mails, "South"), ["Sm Rep C"])

    def _exported_names(self, mail, team_name):
        """Salespeople in the Excel file attached to the digest ``mail``."""
        attachment = mail.attachment_ids
        self.assertEqual(attachment.name, f"Scorecards 2026-03 {team_name}.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        return sorted(
            row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]
        )

    def test_optout_in_preferences(self):
        self.leader.with_user(self.leader).write({"sales_digest_optout": True})
        self.assertTrue(self.leader.sales_digest_optout)


@tagged("post_install", "-at_install")
class TestScorecardXlsxDownload(HttpCase):
    def test_download_route(self):
        period = self.env["sales.scorecard.period"].create(
            {"date_from": date(2026, 1, 1), "period_type": "month"}
        )
        self.authenticate("admin", "admin")
        response = self.url_open(f"/report/xlsx/{REPORT}/{period.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A1"].value, f"Scorecards {period.name}")


@tagged("post_install", "-at_install")
class TestScorecardWebClient(ScorecardCommon, HttpCase):
    """The screens as the web client calls them (read-only RPC cursor)."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_leaderboard_as_salesperson_and_leader(self):
        spec = {
            "user_id": {"fields": {"display_name": {}}},
            "rank_team": {},
            "movement": {},
            "score": {},
            "revenue": {},
        }
        domain = [("period_id", "=", self.march.id)]
        self.authenticate(self.rep_a.login, self.rep_a.login)
        result = self._call(
            "sales.scorecard", "web_search_read", domain, spec, order="rank_team"
        )
        self.assertEqual(
            [row["user_id"]["id"] for row in result["records"]], [self.rep_a.id]
        )
        self.assertEqual(result["records"][0]["revenue"], 1200)
        self.authenticate(self.leader.login, self.leader.login)
        groups = self._call(
            "sales.scorecard",
            "web_read_group",
            domain,
            ["revenue:sum"],
            ["team_id"],
        )
        self.assertEqual(groups["length"], 1)
        self.assertEqual(groups["groups"][0]["revenue"], 1300)
        # the menu's server action opens the leaderboard
        server_action = self.env.ref(
            "sales_management.sales_scorecard_action_server_leaderboard"
        )
        action = self.make_jsonrpc_request(
            "/web/action/run", {"action_id": server_action.id}
        )
        self.assertEqual(action["res_model"], "sales.scorecard")
