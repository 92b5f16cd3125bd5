# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forecast's methods marked ``@api.readonly`` (the drill-downs of the
forecast sheet and of the snapshots, the snapshot step of the setup panel),
each called as the web client calls it, in a read-only transaction, by the
users its button is for; a method marked without its call here fails the
test (see ``sales_management/tests/test_readonly_methods.py``)."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.sales_management.tests.read_only import (
    ReadonlyCall,
    check_readonly_calls,
    check_readonly_calls_complete,
)

from .common import ForecastCommon

ADDON = "sales_management_forecast"
# the forecast figures that open the opportunities behind them
LEAD_FIGURES = (
    "action_view_closed_won",
    "action_view_commit",
    "action_view_best_case",
    "action_view_pipeline",
    "action_view_weighted",
    "action_view_open",
)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestReadonlyMethods(ForecastCommon):
    """The March 2026 sheet with rep A's targets, opportunities and call,
    and a pipeline snapshot of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.create_plan("sale")
        cls.create_quota(plan, cls.rep_a, date(2026, 3, 1), 10000)
        cls.create_quota(plan, cls.team_north, date(2026, 3, 1), 16000)
        plan.action_activate()
        opportunity = cls.create_opportunity
        opportunity(cls.rep_a, 50, 3000, date(2026, 3, 5), won_on=date(2026, 3, 6))
        opportunity(cls.rep_a, 80, 2000, date(2026, 3, 25))
        opportunity(cls.rep_a, 50, 1000, date(2026, 3, 28))
        opportunity(cls.rep_a, 10, 500, date(2026, 3, 31))
        sheet = cls.prepare_sheet()
        cls.f_a = cls.forecast_of(sheet, cls.rep_a)
        cls.f_north = cls.forecast_of(sheet, cls.team_north)
        cls.add_entry(cls.f_a, "submission", 5500, user=cls.rep_a)
        cls.snapshot = cls.env["sales.forecast.snapshot"]._take_snapshot(cls.company)

    def readonly_calls(self):
        manager, rep, leader = self.manager, self.rep_a, self.leader
        # each forecast as its owner and those above them read it
        sheets = ((self.f_a, (manager, leader, rep)), (self.f_north, (manager, leader)))
        calls = []
        for forecast, users in sheets:
            calls += [
                ReadonlyCall(forecast, method, users, "crm.lead")
                for method in LEAD_FIGURES
            ]
            calls += [
                ReadonlyCall(forecast, "action_view_target", users, "sales.quota"),
                ReadonlyCall(
                    forecast,
                    "action_view_statistical",
                    users,
                    "sales.forecast.statistical",
                ),
                ReadonlyCall(
                    forecast, "action_view_entries", users, "sales.forecast.entry"
                ),
            ]
        calls += [
            ReadonlyCall(
                self.snapshot,
                "action_view_lines",
                (manager, rep),
                "sales.forecast.snapshot.line",
            ),
            ReadonlyCall(
                self.env["onboarding.onboarding.step"],
                "action_open_step_sm_snapshot",
                (manager,),
                "sales.forecast.snapshot",
            ),
        ]
        return calls

    def test_readonly_methods_write_nothing(self):
        self.assertTrue(self.snapshot.line_ids)
        check_readonly_calls(self, self.readonly_calls())

    def test_every_readonly_method_is_called(self):
        check_readonly_calls_complete(self, ADDON, self.readonly_calls())
