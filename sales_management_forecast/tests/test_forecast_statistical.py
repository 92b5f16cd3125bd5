# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sales_management.tools.periods import add_months

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastStatistical(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # rep A sells 1000 every month for two years; rep C alternates
        for index in range(24):
            month = add_months(date(2024, 3, 10), index)
            cls.create_order(cls.rep_a, month, [(cls.service, 10, 100)])
            if index % 2:
                cls.create_order(cls.rep_c, month, [(cls.service, 5, 100)])
        cls.Statistical = cls.env["sales.forecast.statistical"]
        cls.rows = cls.Statistical._compute_company(cls.company)

    def row(self, owner_type, owner=None, month=date(2026, 3, 1)):
        return self.rows.filtered(
            lambda row: (
                row.owner_type == owner_type
                and row.date_from == month
                and (
                    owner is None
                    or (row.user_id if owner_type == "user" else row.team_id) == owner
                )
            )
        )

    def test_projections(self):
        rep_a = self.row("user", self.rep_a)
        self.assertEqual(len(rep_a), 1)
        self.assertAlmostEqual(rep_a.amount, 1000, delta=1)
        self.assertTrue(rep_a.method)
        self.assertEqual(rep_a.period_name, "2026-03")
        for row in self.rows:
            self.assertLessEqual(row.lower, row.amount + 0.01)
            self.assertGreaterEqual(row.upper, row.amount - 0.01)
        # six months ahead for the salesperson, the team and the company
        self.assertEqual(
            len(self.rows.filtered(lambda row: row.user_id == self.rep_a)), 6
        )
        self.assertEqual(len(self.row("team", self.team_north)), 1)
        company = self.row("company")
        self.assertEqual(len(company), 1)
        self.assertGreater(company.amount, rep_a.amount)
        # computing again replaces the projections
        again = self.Statistical._compute_company(self.company)
        self.assertEqual(len(again), len(self.rows))
        self.assertFalse(self.rows.exists())

    def test_beside_the_human_forecast(self):
        sheet = self.prepare_sheet()
        forecast_a = self.forecast_of(sheet, self.rep_a)
        self.assertAlmostEqual(forecast_a.statistical_amount, 1000, delta=1)
        self.assertTrue(forecast_a.statistical_method)
        self.assertLessEqual(forecast_a.statistical_lower, forecast_a.statistical_upper)
        company = self.forecast_of(sheet, self.company)
        self.assertAlmostEqual(
            company.statistical_amount, self.row("company").amount, places=2
        )
        action = forecast_a.action_view_statistical()
        self.assertEqual(
            self.Statistical.search(action["domain"]), self.row("user", self.rep_a)
        )
        # a quarter adds up its projected months (March here)
        quarter = self.prepare_sheet(period_type="quarter")
        self.assertAlmostEqual(
            self.forecast_of(quarter, self.rep_a).statistical_amount, 1000, delta=1
        )

    def test_access(self):
        rows = self.Statistical.with_user(self.rep_c).search([])
        self.assertEqual(rows.user_id, self.rep_c)
        self.assertEqual(set(rows.mapped("owner_type")), {"user"})
        leader_rows = self.Statistical.with_user(self.leader).search([])
        self.assertIn(self.rep_a, leader_rows.user_id)
        self.assertNotIn(self.rep_c, leader_rows.user_id)
        self.assertFalse(leader_rows.filtered(lambda row: row.owner_type == "company"))
        row = self.row("user", self.rep_a)
        with self.assertRaises(UserError):
            row.sudo().write({"amount": 1})
        with self.assertRaises(UserError):
            row.sudo().unlink()
        with self.assertRaises(UserError):
            self.Statistical.sudo().create(
                {
                    "owner_type": "company",
                    "company_id": self.company.id,
                    "date_from": date(2026, 3, 1),
                }
            )
        with self.assertRaises(AccessError):
            self.Statistical.with_user(self.leader).action_compute()
        self.Statistical.with_user(self.manager).action_compute()

    def test_cron(self):
        self.env.cr.execute(
            "UPDATE sales_forecast_statistical SET computed_date = '2020-01-01'"
        )
        self.Statistical.invalidate_model()
        # one company per call, those never computed first
        for _company in self.env["res.company"].search([]):
            self.Statistical._cron_compute()
        self.assertTrue(
            self.Statistical.search(
                [
                    ("company_id", "=", self.company.id),
                    ("computed_date", ">", "2026-01-01"),
                ]
            )
        )
