# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestForecastSecurity(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_opportunity(cls.rep_a, 80, 2000, date(2026, 3, 25))
        cls.create_opportunity(cls.rep_b, 80, 3000, date(2026, 3, 25))
        cls.sheet = cls.prepare_sheet()
        cls.f_a = cls.forecast_of(cls.sheet, cls.rep_a)
        cls.f_b = cls.forecast_of(cls.sheet, cls.rep_b)
        cls.f_c = cls.forecast_of(cls.sheet, cls.rep_c)
        cls.f_north = cls.forecast_of(cls.sheet, cls.team_north)
        cls.f_south = cls.forecast_of(cls.sheet, cls.team_south)
        cls.f_company = cls.forecast_of(cls.sheet, cls.company)

    def visible(self, user):
        return (
            self.env["sales.forecast"]
            .with_user(user)
            .search([("id", "in", self.sheet.ids)])
        )

    def test_read_rules(self):
        self.assertEqual(self.visible(self.rep_a), self.f_a)
        self.assertEqual(self.visible(self.leader), self.f_a | self.f_b | self.f_north)
        self.assertEqual(self.visible(self.manager), self.sheet)
        with self.assertRaises(AccessError):
            self.f_b.with_user(self.rep_a).read(["commit_amount"])
        # figures as the salesperson: their own, computed like the manager's
        self.assertEqual(self.f_a.with_user(self.rep_a).commit_amount, 2000)

    def test_salesperson_submits_their_own_only(self):
        self.add_entry(self.f_a, "submission", 100, user=self.rep_a)
        # another's forecast: not even readable
        with self.assertRaises(AccessError):
            self.add_entry(self.f_b, "submission", 100, user=self.rep_a)
        with self.assertRaisesRegex(AccessError, "leader of the team North"):
            self.add_entry(self.f_a, "leader", 100, note="x", user=self.rep_a)
        with self.assertRaises(AccessError):
            self.add_entry(self.f_a, "manager", 100, note="x", user=self.rep_a)
        self.assertTrue(self.f_a.with_user(self.rep_a).can_submit)
        self.assertFalse(self.f_a.with_user(self.rep_a).can_adjust)

    def test_leader_adjusts_their_team(self):
        self.add_entry(self.f_a, "leader", 100, note="ok", user=self.leader)
        self.add_entry(self.f_north, "leader", 100, note="ok", user=self.leader)
        with self.assertRaises(AccessError):
            self.add_entry(self.f_c, "leader", 100, note="x", user=self.leader)
        with self.assertRaises(AccessError):
            self.add_entry(self.f_company, "leader", 100, note="x", user=self.leader)
        with self.assertRaises(AccessError):
            self.add_entry(self.f_a, "manager", 100, note="x", user=self.leader)
        with self.assertRaisesRegex(AccessError, "salespeople submit their own"):
            self.add_entry(self.f_a, "submission", 100, user=self.leader)
        self.assertTrue(self.f_a.with_user(self.leader).can_adjust)

    def test_manager_adjusts_all(self):
        for forecast in (self.f_a, self.f_c, self.f_south, self.f_company):
            self.add_entry(forecast, "manager", 100, note="ok", user=self.manager)
        self.assertEqual(self.f_company.with_user(self.manager).manager_amount, 100)

    def test_record_rules_alone_protect_entries(self):
        """Even without the checks in Python, the record rules refuse."""
        Forecast = type(self.env["sales.forecast"])
        with patch.object(Forecast, "_check_entry_allowed", lambda self, kind: None):
            with self.assertRaises(AccessError):
                self.add_entry(self.f_b, "submission", 1, user=self.rep_a)
            with self.assertRaises(AccessError):
                self.add_entry(self.f_c, "leader", 1, note="x", user=self.leader)
            with self.assertRaises(AccessError):
                self.add_entry(self.f_a, "manager", 1, note="x", user=self.leader)
            self.add_entry(self.f_a, "submission", 1, user=self.rep_a)

    def test_entries_read_like_their_forecast(self):
        mine = self.add_entry(self.f_a, "submission", 100, user=self.rep_a)
        theirs = self.add_entry(self.f_b, "submission", 200, user=self.rep_b)
        Entry = self.env["sales.forecast.entry"]
        self.assertEqual(
            Entry.with_user(self.rep_a).search([("id", "in", (mine | theirs).ids)]),
            mine,
        )
        self.assertEqual(
            Entry.with_user(self.leader).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        for user in (self.rep_a, self.leader, self.manager):
            with self.assertRaises(AccessError):
                mine.with_user(user).unlink()

    def test_only_managers_prepare_and_map(self):
        with self.assertRaises(AccessError):
            self.env["sales.forecast"].with_user(self.leader).create(
                {"owner_type": "company", "date_from": date(2026, 5, 1)}
            )
        with self.assertRaises(AccessError):
            self.mapping.with_user(self.leader).write({"name": "x"})
        self.mapping.with_user(self.manager).write({"name": "Renamed"})

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other forecasting company"})
        other_sheet = self.env["sales.forecast"]._prepare_sheets(
            other, "month", date(2026, 3, 15)
        )
        self.manager.write({"company_ids": [Command.link(other.id)]})
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        visible = Forecast.with_context(allowed_company_ids=self.company.ids).search(
            [("id", "in", (other_sheet | self.sheet).ids)]
        )
        self.assertEqual(visible, self.sheet)
        outsider = new_test_user(
            self.env,
            login="sm_outsider",
            groups="base.group_user,sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(
            self.env["sales.forecast"]
            .with_user(outsider)
            .search([("id", "in", self.sheet.ids)])
        )

    # ------------------------------------------------------------------
    # Submission wizard: no figure of a forecast the user may not read
    # ------------------------------------------------------------------

    def other_company_sheet(self):
        other = self.env["res.company"].create({"name": "Other forecasting company"})
        self.env["crm.lead"].create(
            {
                "name": "Opportunity of the other company",
                "type": "opportunity",
                "company_id": other.id,
                "user_id": False,
                "team_id": False,
                "expected_revenue": 7000,
                "probability": 80,
                "date_deadline": date(2026, 3, 25),
            }
        )
        return self.env["sales.forecast"]._prepare_sheets(
            other, "month", date(2026, 3, 15)
        )

    def test_submit_wizard_refuses_foreign_forecasts(self):
        Wizard = self.env["sales.forecast.submit"].with_user(self.rep_a)
        other_company = self.forecast_of(self.other_company_sheet(), self.company)
        foreign = (self.f_b, self.f_north, self.f_company, other_company)
        figures = ("target", "closed_won", "commit_amount", "best_case_amount")
        spec = {name: {} for name in ("forecast_id", "kind", *figures)}
        for forecast in foreign:
            with self.assertRaises(AccessError, msg=forecast.display_name):
                Wizard.create({"forecast_id": forecast.id, "amount": 1})
            with self.assertRaises(AccessError, msg=forecast.display_name):
                Wizard.with_context(default_forecast_id=forecast.id).default_get(
                    list(spec)
                )
            # the form computes the figures of whatever id the client sends
            values = Wizard.onchange(
                {"forecast_id": forecast.id}, ["forecast_id"], spec
            )
            for name in figures:
                self.assertFalse(values["value"].get(name), forecast.display_name)
        # moved onto a colleague's forecast after its creation
        wizard = Wizard.create({"forecast_id": self.f_a.id, "amount": 1})
        self.assertEqual(wizard.commit_amount, 2000)
        with self.assertRaises(AccessError):
            wizard.write({"forecast_id": self.f_b.id})
        # a readable forecast, but not the user's to adjust
        with self.assertRaises(AccessError):
            Wizard.create({"forecast_id": self.f_a.id, "kind": "manager", "amount": 1})
        with self.assertRaises(AccessError):
            self.env["sales.forecast.submit"].with_user(self.leader).create(
                {"forecast_id": self.f_c.id, "kind": "leader", "amount": 1}
            )

    def test_wizards_are_read_by_their_author_only(self):
        wizard = (
            self.env["sales.forecast.submit"]
            .with_user(self.rep_a)
            .create({"forecast_id": self.f_a.id, "amount": 1234})
        )
        Snapshot = self.env["sales.forecast.snapshot"]
        first = Snapshot._take_snapshot(self.company)
        with freeze_time("2026-03-16"):
            second = Snapshot._take_snapshot(self.company)
        waterfall = (
            self.env["sales.forecast.waterfall"]
            .with_user(self.manager)
            .create({"snapshot_from_id": first.id, "snapshot_to_id": second.id})
        )
        waterfall.action_compute()
        self.assertEqual(waterfall.line_ids[-1:].amount, 5000)
        for model, records in (
            ("sales.forecast.submit", wizard),
            ("sales.forecast.waterfall", waterfall),
            ("sales.forecast.waterfall.line", waterfall.line_ids),
        ):
            self.assertFalse(
                self.env[model]
                .with_user(self.rep_b)
                .search_read([("id", "in", records.ids)], ["display_name"]),
                model,
            )

    # ------------------------------------------------------------------
    # Snapshot totals: the company's for managers, one's own for others
    # ------------------------------------------------------------------

    def test_snapshot_totals_by_role(self):
        self.create_opportunity(self.rep_c, 50, 4000, date(2026, 3, 20))
        Snapshot = self.env["sales.forecast.snapshot"]
        first = Snapshot._take_snapshot(self.company)
        with freeze_time("2026-03-16"):
            snapshot = Snapshot._take_snapshot(self.company)
        self.assertGreaterEqual(snapshot.amount_total, 2000 + 3000 + 4000)
        # a salesperson: their own figures, never the company's
        mine = snapshot.with_user(self.rep_a)
        self.assertEqual(mine.visible_amount_total, 2000)
        self.assertEqual(mine.visible_weighted_total, 1600)
        self.assertEqual(mine.visible_line_count, 1)
        for name in ("amount_total", "weighted_total", "line_count"):
            with self.assertRaises(AccessError):
                mine.read([name])
            with self.assertRaises(AccessError):
                Snapshot.with_user(self.rep_a).search_read([], [name])
            with self.assertRaises(AccessError):
                Snapshot.with_user(self.rep_a).read_group([], [f"{name}:sum"], [])
            with self.assertRaises(AccessError):
                Snapshot.with_user(self.rep_a).search([(name, ">", 0)])
        views = Snapshot.with_user(self.rep_a).get_views(
            [(False, "list"), (False, "form")]
        )["views"]
        for view in views.values():
            self.assertNotIn('name="amount_total"', view["arch"])
            self.assertIn('name="visible_amount_total"', view["arch"])
        # a team leader: their team's
        leader = snapshot.with_user(self.leader)
        self.assertEqual(leader.visible_amount_total, 2000 + 3000)
        self.assertEqual(leader.visible_line_count, 2)
        with self.assertRaises(AccessError):
            leader.read(["amount_total"])
        # a sales manager: the company's
        manager = snapshot.with_user(self.manager)
        self.assertEqual(
            manager.read(["amount_total"])[0]["amount_total"], snapshot.amount_total
        )
        self.assertEqual(manager.visible_amount_total, snapshot.amount_total)
        # the waterfall's SQL reads the same lines
        for user, expected in ((self.rep_a, 2000), (self.leader, 5000)):
            waterfall = (
                self.env["sales.forecast.waterfall"]
                .with_user(user)
                .create({"snapshot_from_id": first.id, "snapshot_to_id": snapshot.id})
            )
            waterfall.action_compute()
            end = waterfall.line_ids.filtered(lambda line: line.bucket == "end")
            self.assertEqual(end.amount, expected, user.name)

    # ------------------------------------------------------------------
    # Category mapping: applied by sales managers, in their companies
    # ------------------------------------------------------------------

    def test_only_managers_apply_the_mapping_in_their_companies(self):
        other = self.env["res.company"].create({"name": "Other mapping company"})
        Lead = self.env["crm.lead"]
        mine = self.create_opportunity(self.rep_a, 80, 100, date(2026, 3, 25))
        theirs = Lead.create(
            {
                "name": "Opportunity of the other company",
                "type": "opportunity",
                "company_id": other.id,
                "user_id": False,
                "team_id": False,
                "probability": 80,
            }
        )
        self.assertEqual((mine | theirs).mapped("forecast_category"), ["commit"] * 2)

        def make_stale():
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE crm_lead SET forecast_category = 'omitted' WHERE id = ANY(%s)",
                [(mine | theirs).ids],
            )
            (mine | theirs).invalidate_recordset(["forecast_category"])

        make_stale()
        for user in (self.rep_a, self.leader):
            with self.assertRaisesRegex(AccessError, "Only sales managers"):
                self.mapping.with_user(user).action_apply()
        self.assertEqual(mine.forecast_category, "omitted")
        self.mapping.with_user(self.manager).action_apply()
        self.assertEqual(mine.forecast_category, "commit")
        # the manager works in one company: the other's leads are not theirs
        self.assertEqual(theirs.forecast_category, "omitted")
        # editing a row applies the mapping the same way
        make_stale()
        self.mapping.rule_ids[:1].with_user(self.manager).write(
            {"category": "pipeline"}
        )
        self.assertEqual(mine.forecast_category, "commit")
        self.assertEqual(theirs.forecast_category, "omitted")

    def test_actions_on_foreign_forecasts(self):
        # the submission action carries the call of the forecast
        self.assertEqual(
            self.f_a.with_user(self.rep_a).action_submit()["context"]["default_amount"],
            2000,
        )
        for forecast in (self.f_b, self.f_north, self.f_company):
            with self.assertRaises(AccessError, msg=forecast.display_name):
                forecast.with_user(self.rep_a).action_submit()
            with self.assertRaises(AccessError, msg=forecast.display_name):
                forecast.with_user(self.rep_a).action_adjust()
        with self.assertRaises(AccessError):
            self.f_c.with_user(self.leader).action_adjust()

    def test_prepare_sheets_of_own_companies_only(self):
        other = self.env["res.company"].create({"name": "Other preparing company"})
        Prepare = self.env["sales.forecast.prepare"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Prepare.create(
                {"company_id": other.id, "date": date(2026, 4, 1)}
            ).action_prepare()
        self.assertFalse(
            self.env["sales.forecast"].search([("company_id", "=", other.id)])
        )
        action = Prepare.create({"date": date(2026, 4, 1)}).action_prepare()
        self.assertTrue(self.env["sales.forecast"].search(action["domain"]))
