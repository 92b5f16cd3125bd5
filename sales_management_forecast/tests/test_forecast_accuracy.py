# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestForecastAccuracy(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.forecast_accuracy_weeks = 2
        with freeze_time("2026-01-05"):
            cls.january = cls.prepare_sheet(date(2026, 1, 5))
        with freeze_time("2026-02-02"):
            cls.february = cls.prepare_sheet(date(2026, 2, 2))
        cls.jan_a = cls.forecast_of(cls.january, cls.rep_a)
        cls.jan_b = cls.forecast_of(cls.january, cls.rep_b)
        cls.feb_a = cls.forecast_of(cls.february, cls.rep_a)
        # January: rep A calls 5000 on the 10th, 9000 on the 25th (after the
        # cut-off of two weeks before the end: the 17th); wins 4000
        with freeze_time("2026-01-10 09:00:00"):
            cls.add_entry(cls.jan_a, "submission", 5000, user=cls.rep_a)
            cls.add_entry(cls.jan_b, "submission", 1000, user=cls.rep_b)
        with freeze_time("2026-01-25 09:00:00"):
            cls.add_entry(cls.jan_a, "submission", 9000, user=cls.rep_a)
        cls.create_opportunity(
            cls.rep_a, 50, 4000, date(2026, 1, 20), won_on=date(2026, 1, 21)
        )
        cls.create_opportunity(
            cls.rep_b, 50, 2000, date(2026, 1, 20), won_on=date(2026, 1, 22)
        )

    def test_accuracy_and_bias(self):
        with freeze_time("2026-02-02"):
            Forecast = self.env["sales.forecast"]
            done = Forecast._cron_store_accuracy()
        self.assertGreaterEqual(done, len(self.january))
        self.assertEqual(self.jan_a.accuracy_call, 5000)
        self.assertEqual(self.jan_a.accuracy_actual, 4000)
        self.assertAlmostEqual(self.jan_a.accuracy, 75.0)
        self.assertAlmostEqual(self.jan_a.bias, 25.0)  # over-calling
        self.assertAlmostEqual(self.jan_b.accuracy, 50.0)
        self.assertAlmostEqual(self.jan_b.bias, -50.0)  # under-calling
        # February has not ended: nothing stored
        self.assertFalse(self.feb_a.accuracy_date)
        # without a call: stored as done, no accuracy
        jan_c = self.forecast_of(self.january, self.rep_c)
        self.assertTrue(jan_c.accuracy_date)
        self.assertFalse(jan_c.accuracy_call)
        # stored once: a second run takes nothing
        with freeze_time("2026-02-02"):
            self.assertEqual(self.env["sales.forecast"]._cron_store_accuracy(), 0)

    def test_trust_adjusted_commit(self):
        with freeze_time("2026-02-02"):
            self.env["sales.forecast"]._cron_store_accuracy()
            self.create_opportunity(self.rep_a, 80, 1000, date(2026, 2, 20))
            self.create_opportunity(self.rep_b, 80, 1000, date(2026, 2, 20))
            self.env.invalidate_all()
            feb_b = self.forecast_of(self.february, self.rep_b)
            self.assertEqual(self.feb_a.commit_amount, 1000)
            # rep A called 5000 for 4000: trust 0.8; rep B 1000 for 2000: 2.0
            self.assertAlmostEqual(self.feb_a.trust_factor, 0.8)
            self.assertAlmostEqual(self.feb_a.trust_adjusted_commit, 800)
            self.assertAlmostEqual(feb_b.trust_adjusted_commit, 2000)
            # no history: commit as it is
            feb_c = self.forecast_of(self.february, self.rep_c)
            self.assertEqual(feb_c.trust_factor, 1.0)

    def test_scorecard_hook(self):
        with freeze_time("2026-02-02"):
            self.env["sales.forecast"]._cron_store_accuracy()
        expression = self.env["sales.scorecard"]._get_forecast_accuracy_sql()
        self.env.cr.execute(
            SQL(
                """SELECT %s FROM (VALUES (%s, %s, %s::date, %s::date))
                       AS g (user_id, company_id, d0, d1)""",
                expression,
                self.rep_a.id,
                self.company.id,
                date(2026, 1, 1),
                date(2026, 3, 31),
            )
        )
        self.assertAlmostEqual(self.env.cr.fetchone()[0], 75.0)
