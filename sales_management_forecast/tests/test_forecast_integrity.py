# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
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
