# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastIntegrity(ForecastCommon):
    """Forecasts holding history stay where they are; stored accuracy is the
    accuracy job's; a forecast's owner and period make sense."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_opportunity(cls.rep_a, 80, 2000, date(2026, 3, 25))
        cls.sheet = cls.prepare_sheet()
        cls.f_a = cls.forecast_of(cls.sheet, cls.rep_a)
        cls.f_c = cls.forecast_of(cls.sheet, cls.rep_c)
        cls.f_north = cls.forecast_of(cls.sheet, cls.team_north)
        cls.f_south = cls.forecast_of(cls.sheet, cls.team_south)
        cls.f_company = cls.forecast_of(cls.sheet, cls.company)
        cls.rep_d = new_test_user(
            cls.env,
            login="sm_rep_d",
            groups="base.group_user,sales_team.group_sale_salesman",
        )

    def test_forecast_with_entries_cannot_move(self):
        self.add_entry(self.f_a, "submission", 1800, user=self.rep_a)
        self.add_entry(self.f_north, "manager", 5000, note="ok", user=self.manager)
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        for forecast, vals in (
            (self.f_a, {"user_id": self.rep_d.id}),
            (self.f_a, {"team_id": self.team_south.id}),
            (self.f_a, {"owner_type": "team"}),
            (self.f_a, {"date_from": date(2026, 4, 1)}),
            (self.f_a, {"period_type": "quarter", "date_from": date(2026, 1, 1)}),
            (self.f_north, {"team_id": self.team_south.id}),
        ):
            with self.assertRaisesRegex(UserError, "can no longer change"):
                Forecast.browse(forecast.id).write(vals)
        self.assertEqual(
            (self.f_a.user_id, self.f_a.team_id, self.f_a.date_from),
            (self.rep_a, self.team_north, date(2026, 3, 1)),
        )
        # the same values again, or another field: fine
        Forecast.browse(self.f_a.id).write(
            {"user_id": self.rep_a.id, "date_from": "2026-03-01"}
        )
        Forecast.browse(self.f_a.id).action_close()
        # a forecast without history may still be corrected
        Forecast.browse(self.f_c.id).write({"date_from": date(2026, 4, 1)})
        self.assertEqual(self.f_c.period_name, "2026-04")

    def test_accuracy_is_stored_by_the_job_only(self):
        self.add_entry(self.f_a, "submission", 1800, user=self.rep_a)
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        forged = {
            "accuracy_call": 1000,
            "accuracy_actual": 1000,
            "accuracy": 100.0,
            "bias": 0.0,
            "accuracy_date": "2026-03-01 00:00:00",
        }
        for name, value in forged.items():
            with self.assertRaisesRegex(UserError, "stored by the accuracy job"):
                Forecast.browse(self.f_a.id).write({name: value})
            # not even with a context key, nor as superuser
            with self.assertRaisesRegex(UserError, "stored by the accuracy job"):
                Forecast.browse(self.f_a.id).with_context(
                    sales_forecast_accuracy_job=True
                ).sudo().write({name: value})
        with self.assertRaisesRegex(UserError, "stored by the accuracy job"):
            Forecast.create(
                {
                    "owner_type": "user",
                    "user_id": self.rep_d.id,
                    "date_from": date(2026, 1, 1),
                    **forged,
                }
            )
        self.assertFalse(self.f_a.accuracy_date)
        # the job stores them once the period has ended
        with freeze_time("2026-04-02"):
            self.env["sales.forecast"]._cron_store_accuracy()
        self.assertEqual(self.f_a.accuracy_call, 1800)
        self.assertTrue(self.f_a.accuracy_date)

    def test_period_starts_on_its_first_day(self):
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        user_vals = {"owner_type": "user", "user_id": self.rep_d.id}
        with self.assertRaisesRegex(ValidationError, "first day of the month"):
            Forecast.create({**user_vals, "date_from": date(2026, 4, 15)})
        with self.assertRaisesRegex(ValidationError, "first day of the quarter"):
            Forecast.create(
                {
                    "owner_type": "company",
                    "period_type": "quarter",
                    "date_from": date(2026, 5, 1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "first day of the month"):
            Forecast.browse(self.f_c.id).write({"date_from": date(2026, 3, 2)})
        forecast = Forecast.create({**user_vals, "date_from": date(2026, 4, 1)})
        self.assertEqual(forecast.date_to, date(2026, 4, 30))

    def test_owner_is_required(self):
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "salesperson's forecast needs"):
            Forecast.create({"owner_type": "user", "date_from": date(2026, 4, 1)})
        with self.assertRaisesRegex(ValidationError, "team's forecast needs one"):
            Forecast.create({"owner_type": "team", "date_from": date(2026, 4, 1)})
        with self.assertRaisesRegex(ValidationError, "salesperson's forecast needs"):
            Forecast.browse(self.f_c.id).write({"user_id": False})
        with self.assertRaisesRegex(ValidationError, "team's forecast needs one"):
            Forecast.browse(self.f_north.id).write({"team_id": False})

    def test_history_keeps_its_users_and_teams(self):
        # a team and a salesperson with forecasts
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.team_south.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.rep_c.unlink()
        # the author of an adjustment, on no forecast of their own
        self.add_entry(self.f_north, "manager", 5000, note="ok", user=self.manager)
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.manager.unlink()
        # a salesperson and a team in a pipeline snapshot only
        team = self.env["crm.team"].create(
            {"name": "East", "company_id": self.company.id}
        )
        lead = self.create_opportunity(self.rep_d, 30, 900, date(2026, 4, 10))
        lead.team_id = team
        self.env["sales.forecast.snapshot"]._take_snapshot(self.company)
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            team.unlink()
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.rep_d.unlink()
        self.assertEqual(self.f_c.user_id, self.rep_c)
        self.assertEqual(self.f_south.team_id, self.team_south)
        # the database refuses too, also in databases upgraded to this version
        self.env.cr.execute(
            """SELECT c.conrelid::regclass::text, a.attname, c.confdeltype
                 FROM pg_constraint c
                 JOIN pg_attribute a
                   ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                WHERE c.contype = 'f'
                  AND c.conrelid::regclass::text IN (
                      'sales_forecast', 'sales_forecast_entry',
                      'sales_forecast_snapshot_line')
                  AND a.attname IN ('user_id', 'team_id')"""
        )
        rules = {
            (table, column): rule for table, column, rule in self.env.cr.fetchall()
        }
        self.assertEqual(
            rules,
            {
                ("sales_forecast", "user_id"): "r",
                ("sales_forecast", "team_id"): "r",
                ("sales_forecast_entry", "user_id"): "r",
                ("sales_forecast_snapshot_line", "user_id"): "r",
                ("sales_forecast_snapshot_line", "team_id"): "r",
            },
        )

    def test_mapping_checks_cannot_be_skipped_by_a_context_key(self):
        row = self.mapping.rule_ids.filtered(
            lambda rule: not rule.stage_id and rule.probability_from == 30
        )
        # the key the mapping uses to check its rows once all are saved
        Row = row.with_user(self.manager).with_context(
            sales_forecast_mapping_defer_check=True
        )
        # (assertRaises rolls back what the failed call wrote, as a request would)
        with self.assertRaises(ValidationError) as caught:
            Row.write({"probability_from": 40})
        self.assertIn("leave a gap", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Row.unlink()
        self.assertIn("leave a gap", str(caught.exception))
        self.assertTrue(row.exists())
        self.assertEqual(row.probability_from, 30)
        # the mapping's own form still saves moved boundaries together
        previous = self.mapping.rule_ids.filtered(
            lambda rule: not rule.stage_id and rule.probability_from == 0
        )
        self.mapping.with_user(self.manager).write(
            {
                "rule_ids": [
                    Command.update(previous.id, {"probability_to": 40}),
                    Command.update(row.id, {"probability_from": 40}),
                ]
            }
        )
        self.assertEqual(row.probability_from, 40)
