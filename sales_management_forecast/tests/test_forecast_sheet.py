# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastSheet(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.create_plan("sale")
        cls.create_quota(plan, cls.rep_a, date(2026, 3, 1), 10000)
        cls.create_quota(plan, cls.rep_b, date(2026, 3, 1), 5000)
        cls.create_quota(plan, cls.rep_a, date(2026, 4, 1), 7000)
        cls.create_quota(plan, cls.team_north, date(2026, 3, 1), 16000)
        cls.create_quota(plan, cls.team_south, date(2026, 3, 1), 4000)
        plan.action_activate()
        opportunity = cls.create_opportunity
        # rep A in March: won 3000, commit 2000 (80 %), best case 1000 (50 %),
        # pipeline 500 (10 %); outside March: won in February, open in April
        cls.won = opportunity(
            cls.rep_a, 50, 3000, date(2026, 3, 5), won_on=date(2026, 3, 6)
        )
        cls.commit = opportunity(cls.rep_a, 80, 2000, date(2026, 3, 25))
        cls.best = opportunity(cls.rep_a, 50, 1000, date(2026, 3, 28))
        cls.pipe = opportunity(cls.rep_a, 10, 500, date(2026, 3, 31))
        cls.omitted = opportunity(cls.rep_a, 50, 700, date(2026, 3, 20))
        cls.omitted.forecast_category = "omitted"
        opportunity(cls.rep_a, 50, 9999, date(2026, 2, 1), won_on=date(2026, 2, 2))
        opportunity(cls.rep_a, 80, 8888, date(2026, 4, 2))
        # rep B: commit 4000; rep C (South): won 6000
        opportunity(cls.rep_b, 90, 4000, date(2026, 3, 10))
        opportunity(cls.rep_c, 50, 6000, date(2026, 3, 1), won_on=date(2026, 3, 3))
        cls.sheet = cls.prepare_sheet()
        cls.f_a = cls.forecast_of(cls.sheet, cls.rep_a)
        cls.f_b = cls.forecast_of(cls.sheet, cls.rep_b)
        cls.f_c = cls.forecast_of(cls.sheet, cls.rep_c)
        cls.f_north = cls.forecast_of(cls.sheet, cls.team_north)
        cls.f_south = cls.forecast_of(cls.sheet, cls.team_south)
        cls.f_company = cls.forecast_of(cls.sheet, cls.company)

    def test_prepare_sheet(self):
        self.assertEqual(len(self.f_company), 1)
        self.assertTrue(self.f_north and self.f_south)
        self.assertEqual(self.f_a.parent_id, self.f_north)
        self.assertEqual(self.f_c.parent_id, self.f_south)
        self.assertEqual(self.f_north.parent_id, self.f_company)
        self.assertEqual(self.f_a.period_name, "2026-03")
        self.assertEqual(self.f_a.date_to, date(2026, 3, 31))
        # idempotent: a second run creates nothing
        self.assertEqual(self.prepare_sheet(), self.sheet)
        quarter = self.prepare_sheet(period_type="quarter")
        self.assertEqual(self.forecast_of(quarter, self.rep_a).period_name, "Q1 2026")

    def test_figures(self):
        f_a = self.f_a
        self.assertEqual(f_a.target, 10000)
        self.assertEqual(f_a.closed_won, 3000)
        self.assertEqual(f_a.commit_amount, 2000)
        self.assertEqual(f_a.best_case_amount, 1000)
        self.assertEqual(f_a.pipeline_amount, 500)
        self.assertEqual(f_a.open_amount, 3500)
        self.assertAlmostEqual(f_a.weighted_amount, 1600 + 500 + 50)
        # no call yet: closed won + commit
        self.assertEqual(f_a.forecast_source, "system")
        self.assertEqual(f_a.forecast_amount, 5000)
        self.assertEqual(f_a.gap, 5000)
        self.assertAlmostEqual(f_a.coverage, 3500 / 7000)
        # team and company roll the opportunities up
        self.assertEqual(self.f_north.target, 16000)
        self.assertEqual(self.f_north.closed_won, 3000)
        self.assertEqual(self.f_north.commit_amount, 6000)
        self.assertEqual(self.f_company.target, 20000)
        self.assertEqual(self.f_company.closed_won, 9000)
        self.assertEqual(self.f_company.commit_amount, 6000)
        # a quarter counts the months of the quarter
        quarter = self.prepare_sheet(date(2026, 4, 10), period_type="quarter")
        self.assertEqual(self.forecast_of(quarter, self.rep_a).target, 7000)
        self.assertEqual(self.forecast_of(quarter, self.rep_a).commit_amount, 8888)

    def test_figures_in_one_query(self):
        """As many queries for the whole sheet as for one forecast."""

        def count(forecasts):
            self.env.invalidate_all()
            forecasts.mapped("user_id.name")  # the records themselves
            before = self.env.cr.sql_log_count
            forecasts.mapped("forecast_amount")
            forecasts.mapped("coverage")
            return self.env.cr.sql_log_count - before

        count(self.sheet)  # warm-up: pending writes, caches of the registry
        self.assertEqual(count(self.sheet), count(self.f_a))
        self.assertLessEqual(count(self.sheet), 4)

    def test_drill_down_matches_figures(self):
        for forecast in (self.f_a, self.f_north, self.f_company):
            for figure, action in (
                ("closed_won", forecast.action_view_closed_won),
                ("commit_amount", forecast.action_view_commit),
                ("best_case_amount", forecast.action_view_best_case),
                ("pipeline_amount", forecast.action_view_pipeline),
                ("open_amount", forecast.action_view_open),
            ):
                act = action()
                leads = (
                    self.env["crm.lead"]
                    .with_context(**act["context"])
                    .search(act["domain"])
                )
                self.assertAlmostEqual(
                    sum(leads.mapped("expected_revenue")),
                    forecast[figure],
                    msg=f"{figure} of {forecast.display_name}",
                )
            act = forecast.action_view_weighted()
            leads = self.env["crm.lead"].search(act["domain"])
            self.assertAlmostEqual(
                sum(leads.mapped("prorated_revenue")), forecast.weighted_amount
            )
            act = forecast.action_view_target()
            quotas = self.env["sales.quota"].search(act["domain"])
            self.assertEqual(sum(quotas.mapped("effective_target")), forecast.target)

    def test_submissions_adjustments_and_roll_up(self):
        self.add_entry(self.f_a, "submission", 5500, user=self.rep_a)
        self.add_entry(self.f_a, "submission", 6000, user=self.rep_a)
        self.assertEqual(self.f_a.submitted_amount, 6000)
        self.assertEqual(self.f_a.forecast_source, "submission")
        self.assertEqual(self.f_a.forecast_amount, 6000)
        # the team rolls its members' calls up (rep B: closed won + commit)
        self.assertEqual(self.f_north.forecast_source, "rollup")
        self.assertEqual(self.f_north.forecast_amount, 6000 + 4000)
        self.add_entry(
            self.f_a, "leader", 5200, note="Best case slips", user=self.leader
        )
        self.assertEqual(self.f_a.leader_amount, 5200)
        self.assertEqual(self.f_a.leader_note, "Best case slips")
        self.assertEqual(self.f_a.forecast_amount, 5200)
        self.add_entry(self.f_a, "manager", 5100, note="Prudence", user=self.manager)
        self.assertEqual(self.f_a.forecast_amount, 5100)
        self.assertEqual(self.f_a.forecast_source, "manager")
        self.assertEqual(self.f_a.submitted_amount, 6000)
        self.assertEqual(self.f_north.forecast_amount, 5100 + 4000)
        self.assertEqual(self.f_company.forecast_amount, 5100 + 4000 + 6000)
        # a team adjustment replaces the roll-up of its members
        self.add_entry(self.f_north, "leader", 8000, note="Team call", user=self.leader)
        self.assertEqual(self.f_north.forecast_amount, 8000)
        self.assertEqual(self.f_north.rollup_amount, 9100)
        self.assertEqual(self.f_company.forecast_amount, 8000 + 6000)
        self.assertEqual(self.f_company.gap, 20000 - 14000)
        # history: every entry kept, newest first; the chatter tells it
        self.assertEqual(len(self.f_a.entry_ids), 4)
        self.assertIn("Prudence", self.f_a.message_ids[0].body)

    def test_entries_immutable(self):
        entry = self.add_entry(self.f_a, "submission", 5500, user=self.rep_a)
        # not even an administrator changes the history
        with self.assertRaisesRegex(UserError, "kept as history"):
            entry.sudo().amount = 10
        with self.assertRaisesRegex(UserError, "kept as history"):
            entry.sudo().unlink()
        with self.assertRaises(AccessError):
            entry.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.f_a.unlink()

    def test_wizard(self):
        action = self.f_a.with_user(self.rep_a).action_submit()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.rep_a)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.amount, 5000)
        wizard.amount = 4800
        wizard.action_confirm()
        self.assertEqual(self.f_a.submitted_amount, 4800)
        self.assertEqual(self.f_a.submitted_uid, self.rep_a)
        action = self.f_a.with_user(self.leader).action_adjust()
        self.assertEqual(action["context"]["default_kind"], "leader")
        action = self.f_a.with_user(self.manager).action_adjust()
        self.assertEqual(action["context"]["default_kind"], "manager")


@tagged("post_install", "-at_install")
class TestForecastBadInput(ForecastCommon):
    @freeze_time("2026-03-15")
    def test_adjustment_needs_a_note(self):
        forecast = self.forecast_of(self.prepare_sheet(), self.rep_a)
        for note in (None, "", "   "):
            with self.assertRaisesRegex(ValidationError, "a note is required"):
                self.add_entry(forecast, "leader", 100, note=note, user=self.leader)
        self.assertFalse(forecast.entry_ids)

    def test_closed_period(self):
        with freeze_time("2026-03-15"):
            forecast = self.forecast_of(self.prepare_sheet(), self.rep_a)
            forecast.action_close()
            with self.assertRaisesRegex(UserError, "is closed"):
                self.add_entry(forecast, "submission", 100, user=self.rep_a)
            forecast.action_reopen()
            self.add_entry(forecast, "submission", 100, user=self.rep_a)
        with freeze_time("2026-04-02"):
            forecast.invalidate_recordset()
            self.assertTrue(forecast.is_closed)
            self.assertFalse(forecast.with_user(self.rep_a).can_submit)
            with self.assertRaisesRegex(UserError, "is closed"):
                self.add_entry(forecast, "submission", 200, user=self.rep_a)
        self.assertEqual(len(forecast.entry_ids), 1)

    @freeze_time("2026-03-15")
    def test_negative_call(self):
        forecast = self.forecast_of(self.prepare_sheet(), self.rep_a)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.add_entry(forecast, "submission", -1, user=self.rep_a)
