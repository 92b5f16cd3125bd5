# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import INTERVIEWER, RECRUITER, SALES_MANAGER
from .common_hires import HiresCommon

APR, MAY, JUN = date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)


@freeze_time("2026-03-15")
@tagged("post_install", "-at_install")
class TestHiringPlan(HiresCommon):
    """A company of its own (no demo data), on 15 March 2026.

    *Closers* (sales job with a 60,000 annual target, ramp plan 50 % then
    100 %): two veterans selling 1,000 and 2,000 a month since January 2025,
    the first month of the company's orders (their start is unknown), and
    three salespeople who started in September, October and November 2025
    (the last one hired through recruitment), selling 100/300/500...,
    200/400/600... and 300/500/700/700. *Starters*: one member who joined
    today and never sold, no sales job. Team targets of April to June:
    6,000, 6,000, 4,000 (Closers) and 1,000 each (Starters).

    With a ramp of two months, a new salesperson sells 200 in their first
    month, 400 in their second (the three who started), then 960: the mean
    monthly sales of the last six months of the five salespeople once past
    their ramp (1,000, 2,000, 500, 600, 700).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.plan_company = cls.env["res.company"].create(
            {"name": "Hiring Plan Co"}
        )
        Team = cls.env["crm.team"]
        cls.closers = Team.create({"name": "Closers", "company_id": company.id})
        cls.starters = Team.create({"name": "Starters", "company_id": company.id})

        def person(login, team):
            return cls.salesperson(login, company, team)

        cls.vet_1 = person("hp_vet_1", cls.closers)
        cls.vet_2 = person("hp_vet_2", cls.closers)
        cls.new_1 = person("hp_new_1", cls.closers)
        cls.new_2 = person("hp_new_2", cls.closers)
        cls.new_3 = person("hp_new_3", cls.closers)
        cls.rookie = person("hp_rookie", cls.starters)
        months = [date(2025, month, 1) for month in range(1, 13)]
        months += [date(2026, 1, 1), date(2026, 2, 1)]
        sales = {
            cls.vet_1: dict.fromkeys(months, 1000),
            cls.vet_2: dict.fromkeys(months, 2000),
            cls.new_1: {day: 500 for day in months[10:]}
            | {months[8]: 100, months[9]: 300},
            cls.new_2: {day: 600 for day in months[11:]}
            | {months[9]: 200, months[10]: 400},
            cls.new_3: {months[10]: 300, months[11]: 500}
            | {day: 700 for day in months[12:]},
        }
        for user, amounts in sales.items():
            for day, amount in amounts.items():
                cls.order(user, day.replace(day=5), amount, team=cls.closers)
        cls.closers_job = cls.env["hr.job"].create(
            {
                "name": "Closer (test)",
                "company_id": company.id,
                "sales_role": "account_executive",
                "sales_team_id": cls.closers.id,
                "sales_annual_target": 60000,
                "no_of_recruitment": 0,
                "sales_ramp_ids": [
                    Command.create({"month": 1, "percent": 50}),
                    Command.create({"month": 2, "percent": 100}),
                ],
            }
        )
        applicant = cls.make_applicant("Nina New", job=cls.closers_job)
        cls.hire(applicant, cls.new_3, date(2025, 11, 3))
        cls.applicant_new_3 = applicant
        cls.plan = cls.target_plan(company)
        cls.targets(cls.plan, cls.closers, {APR: 6000, MAY: 6000, JUN: 4000})
        cls.targets(cls.plan, cls.starters, {APR: 1000, MAY: 1000, JUN: 1000})
        cls.plan.action_activate()

        def planner(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{groups}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.planner_recruiter = planner("hp_recruiter", RECRUITER)
        cls.planner_manager = planner("hp_manager", SALES_MANAGER)
        cls.planner_interviewer = planner("hp_interviewer", INTERVIEWER)
        cls.planner_salesman = cls.salesperson("hp_salesman", company)

    def compute(self, **kwargs):
        kwargs.setdefault("lead_time", 1)
        kwargs.setdefault("ramp_months", 2)
        rows = self.env["sales.hiring.plan"]._sales_compute(
            self.plan_company, APR, 3, **kwargs
        )
        return {row["team_id"]: row for row in rows}

    def new_plan(self, user=None, **vals):
        Plan = self.env["sales.hiring.plan"].with_user(user or self.planner_recruiter)
        return Plan.with_company(self.plan_company).create(
            {"lead_time": 1, "ramp_months": 2, "period_count": 3, **vals}
        )

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------

    def test_team_history_gives_the_hires_and_the_date(self):
        row = self.compute()[self.closers.id]
        self.assertEqual(row["productivity_source"], "team")
        self.assertEqual(row["sample_size"], 3)
        self.assertEqual(row["productivity"], [200.0, 400.0, 960.0])
        self.assertEqual(row["member_count"], 5)
        periods = [
            (p["target"], p["expected"], p["gap"], p["hire_contribution"])
            for p in row["periods"]
        ]
        # members: 1,000 + 2,000 + 500 + 600 + 700 a month (run-rates)
        self.assertEqual(
            periods,
            [(6000, 4800, 1200, 200), (6000, 4800, 1200, 400), (4000, 4800, -800, 960)],
        )
        # 2,400 missing; one hire brings 1,560: two hires, starting in April
        self.assertEqual((row["gap"], row["hire_contribution"]), (2400, 1560))
        self.assertEqual((row["hires_needed"], row["status"]), (2, "hire"))
        self.assertEqual(row["hire_by"], APR)
        self.assertEqual(row["open_by"], date(2026, 3, 1))
        self.assertEqual(row["job_id"], self.closers_job.id)
        self.assertEqual(
            [p["planned_contribution"] for p in row["periods"]], [400, 800, 1920]
        )

    def test_team_without_history_uses_the_company_history(self):
        row = self.compute()[self.starters.id]
        self.assertEqual(row["productivity_source"], "company")
        # the rookie ramps up from March: 400 in April, then 960
        self.assertEqual([p["expected"] for p in row["periods"]], [400, 960, 960])
        self.assertEqual(row["gap"], 680)
        self.assertEqual((row["hires_needed"], row["hire_by"]), (1, APR))
        self.assertFalse(row["job_id"])

    def test_hire_date_starts_the_tenure(self):
        # hired in October, first sale in November: a month 1 without sales
        self.applicant_new_3.date_closed = "2025-10-06 09:00:00"
        row = self.compute()[self.closers.id]
        first, second, full = row["productivity"]
        self.assertEqual(first, 100.0)
        self.assertAlmostEqual(second, 1000 / 3)
        self.assertAlmostEqual(full, (1000 + 2000 + 500 + 600 + 1900 / 3) / 5)

    def test_too_few_salespeople_falls_back_to_the_job_then_flags(self):
        # five months of ramp: only two salespeople reached their fifth month
        rows = self.compute(ramp_months=5)
        closers, starters = rows[self.closers.id], rows[self.starters.id]
        self.assertEqual(closers["productivity_source"], "job")
        self.assertEqual(closers["sample_size"], 0)
        self.assertEqual(closers["productivity"], [2500.0] + [5000.0] * 5)
        self.assertEqual(starters["status"], "no_history")
        self.assertFalse(starters["productivity_source"])
        self.assertIsNone(starters["hires_needed"])

    def test_members_targets_as_basis_agree_with_the_targets(self):
        members = self.vet_1 | self.vet_2 | self.new_1 | self.new_2 | self.new_3
        for user in members:
            self.targets(self.plan, user, {APR: 900, MAY: 900, JUN: 900})
        row = self.compute(basis="targets")[self.closers.id]
        self.assertEqual([p["expected"] for p in row["periods"]], [4500, 4500, 4500])
        self.assertEqual((row["gap"], row["hires_needed"]), (3000, 2))
        # the team targets are those of the targets screen
        quotas = self.env["sales.quota"].search(
            [
                ("plan_id", "=", self.plan.id),
                ("team_id", "=", self.closers.id),
                ("target_type", "=", "team"),
            ]
        )
        self.assertEqual(row["target"], sum(quotas.mapped("effective_target")))

    def test_stored_plan_matches_the_entry_point(self):
        plan = self.new_plan()
        self.assertEqual(plan.quota_plan_id, self.plan)
        self.assertEqual((plan.date_from, plan.date_to), (APR, date(2026, 6, 30)))
        plan.action_compute()
        row = plan.team_ids.filtered(lambda r: r.team_id == self.closers)
        self.assertEqual((row.hires_needed, row.hire_by, row.gap), (2, APR, 2400))
        self.assertEqual(row.productivity_summary, "200 · 400 → 960")
        self.assertEqual(plan.hires_needed, 3)
        self.assertEqual(len(plan.line_ids), 6)
        self.assertEqual(sum(row.line_ids.mapped("gap")), 1600)
        self.assertTrue(plan.computed_on)
        # computing again replaces the figures
        plan.action_compute()
        self.assertEqual(len(plan.line_ids), 6)
        # the capacity chart: a bar per period for the members and the
        # planned hires, stacked, under the target, summed over the teams
        chart = plan.sm_chart
        self.assertEqual(len(chart["labels"]), 3, "6 lines: 2 teams x 3 months")
        members, hires, target = (dataset["data"] for dataset in chart["datasets"])
        lines = plan.line_ids
        self.assertAlmostEqual(sum(members), sum(lines.mapped("expected")))
        self.assertAlmostEqual(sum(hires), sum(lines.mapped("planned_contribution")))
        self.assertAlmostEqual(sum(target), sum(lines.mapped("target")))
        self.assertTrue(chart["stacked"])

    # ------------------------------------------------------------------
    # Set Recruitments
    # ------------------------------------------------------------------

    def test_set_recruitments_writes_the_jobs_with_a_message(self):
        for user in (self.planner_recruiter, self.planner_manager):
            self.closers_job.no_of_recruitment = 0
            plan = self.new_plan(user)
            plan.action_compute()
            result = plan.action_set_recruitments()
            self.assertEqual(self.closers_job.no_of_recruitment, 2)
            # Starters have no sales job: said in the notification
            self.assertIn("Starters", result["params"]["message"])
            bodies = self.closers_job.message_ids.mapped("body")
            self.assertTrue(any("2 new salespeople for Closers" in b for b in bodies))

    def test_rights_of_each_role(self):
        plan = self.new_plan()
        plan.action_compute()
        for user in (self.planner_salesman, self.planner_interviewer):
            Plan = self.env["sales.hiring.plan"].with_user(user)
            with self.assertRaises(AccessError):
                Plan.search([])
            with self.assertRaises(AccessError):
                plan.with_user(user).action_compute()
            with self.assertRaises(AccessError):
                plan.with_user(user).action_set_recruitments()
            with self.assertRaises(AccessError):
                self.env["sales.hiring.plan.line"].with_user(user).search([])
        # a sales manager of another company does not see it
        other = self.env["sales.hiring.plan"].with_user(self.sales_manager)
        self.assertFalse(other.search([("id", "=", plan.id)]))
        # nobody writes the figures
        with self.assertRaises(AccessError):
            plan.team_ids[:1].with_user(self.planner_manager).write({"hires_needed": 9})
        with self.refused("computed with its button", UserError):
            plan.with_user(self.planner_manager).write({"computed_on": "2026-01-01"})

    def test_screens_of_each_role(self):
        plan = self.new_plan()
        plan.action_compute()
        spec = {
            "name": {},
            "quota_plan_id": {"fields": {"display_name": {}}},
            "team_ids": {
                "fields": {
                    "team_id": {"fields": {"display_name": {}}},
                    "job_id": {"fields": {"display_name": {}}},
                    "job_recruitment": {},
                    "productivity_summary": {},
                    "status": {},
                }
            },
            "line_ids": {"fields": {"period_name": {}, "gap": {}}},
        }
        for user in (self.planner_recruiter, self.planner_manager):
            Plan = self.env["sales.hiring.plan"].with_user(user)
            views = Plan.get_views(
                [(False, "list"), (False, "form"), (False, "search")]
            )
            self.assertIn("action_set_recruitments", views["views"]["form"]["arch"])
            data = plan.with_user(user).web_read(spec)[0]
            self.assertEqual(data["quota_plan_id"]["display_name"], self.plan.name)
            self.assertEqual(len(data["team_ids"]), 2)
            Line = self.env["sales.hiring.plan.line"].with_user(user)
            Line.get_views(
                [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
            )
            groups = Line.web_read_group(
                [("plan_id", "=", plan.id)], ["gap:sum"], ["team_id"]
            )
            self.assertEqual(groups["length"], 2)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_horizon_checked(self):
        with self.refused("from 1 to 24 periods"):
            self.new_plan(period_count=0)
        with self.refused("from 1 to 24 periods"):
            self.new_plan(period_count=-3)
        with self.refused("has 9 periods from"):
            self.new_plan(period_count=10)
        with self.refused("first day of one of its periods"):
            self.new_plan(date_from=date(2026, 4, 15))
        with self.refused("time to hire is from 0 to 24"):
            self.new_plan(lead_time=-1)
        with self.refused("time to productivity is from 1 to 24"):
            self.new_plan(ramp_months=0)
        plan = self.new_plan()
        for vals in (
            {"lead_time": "abc"},
            {"period_count": float("nan")},
            {"basis": "x"},
        ):
            with self.refused():
                plan.write(vals)
        Plan = self.env["sales.hiring.plan"]
        for periods in (0, 25, "3", True, None):
            with self.refused("from 1 to 24 periods"):
                Plan._sales_compute(self.plan_company, APR, periods)
        with self.refused("must be a period of the target plan"):
            Plan._sales_compute(self.plan_company, date(2025, 4, 1), 3)
        with self.refused("must be a period of the target plan"):
            Plan._sales_compute(self.plan_company, "not a date", 3)
        # any day of a period starts the plan at that period
        rows = Plan._sales_compute(self.plan_company, "2026-04-17", 3)
        self.assertEqual(rows[0]["periods"][0]["date_from"], APR)

    def test_no_active_plan(self):
        other = self.env["res.company"].create({"name": "No Plan Co"})
        self.target_plan(other)  # a draft
        Plan = self.env["sales.hiring.plan"]
        with self.refused("has no active target plan", UserError):
            Plan._sales_compute(other, APR, 3)
        with self.refused("no active target plan", UserError):
            Plan.with_company(other).create({"company_id": other.id})
        plan = self.new_plan()
        self.plan.action_close()
        with self.refused("is not active", UserError):
            plan.action_compute()
