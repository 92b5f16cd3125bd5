# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..tools import hire_quality
from .common import INTERVIEWER, RECRUITER, SALES_MANAGER
from .common_hires import HiresCommon

# The twelve hires: discovery rating, closing rating, role-play, sales in
# their first month (targets: 1,000 in each of their first two months).
DISCOVERY = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 3, 4]
CLOSING = [5, 1, 5, 1, 4, 2, 5, 1, 4, 2, 3, 3]
ROLE_PLAY = [2, 1, 2, 3, 3, 2, 4, 5, 4, 5, 3, 4]
SALES = [
    400 * rating + (100 if index % 2 == 0 else -100)
    for index, rating in enumerate(DISCOVERY)
]
HIRED = date(2025, 3, 3)
MAR, APR = date(2025, 3, 1), date(2025, 4, 1)


@tagged("post_install", "-at_install")
class TestQualityOfHire(HiresCommon):
    """A company of its own (no demo data) measuring hires over their first
    two months: twelve salespeople hired on 3 March 2025 for a job weighing
    discovery 3 and closing 1, each rated by one interviewer; their sales
    follow their discovery rating, not their closing rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.quality_company = cls.env["res.company"].create(
            {"name": "Quality Co", "sales_hire_quality_months": 2}
        )

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{groups}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.q_interviewer = user("qh_interviewer", INTERVIEWER)
        cls.q_recruiter = user("qh_recruiter", RECRUITER)
        cls.q_manager = user("qh_manager", SALES_MANAGER)
        cls.q_team = cls.env["crm.team"].create(
            {"name": "Quality team", "company_id": company.id}
        )
        cls.q_job = cls.env["hr.job"].create(
            {
                "name": "Quality AE (test)",
                "company_id": company.id,
                "sales_role": "account_executive",
                "sales_team_id": cls.q_team.id,
                "interviewer_ids": [Command.set(cls.q_interviewer.ids)],
                "sales_competency_ids": [
                    Command.create({"competency_id": cls.discovery.id, "weight": 3}),
                    Command.create({"competency_id": cls.closing.id, "weight": 1}),
                ],
            }
        )
        cls.plan = cls.target_plan(company, year=2025)
        cls.hires = []
        for index in range(12):
            applicant = cls.make_applicant(f"Hire {index + 1:02d}", job=cls.q_job)
            cls.scorecard(
                applicant,
                cls.q_interviewer,
                {cls.discovery: DISCOVERY[index], cls.closing: CLOSING[index]},
                submit=True,
                role_play_score=ROLE_PLAY[index],
            )
            salesperson = cls.salesperson(f"qh_hire_{index}", company, cls.q_team)
            cls.hire(applicant, salesperson, HIRED)
            cls.targets(cls.plan, salesperson, {MAR: 1000, APR: 1000})
            cls.order(salesperson, date(2025, 3, 10), SALES[index])
            cls.hires.append((applicant, salesperson))
        cls.plan.action_activate()

    def rows(self, **domain):
        Report = self.env["sales.quality.hire"]
        return Report.search(
            [("company_id", "=", self.quality_company.id)]
            + [(name, "=", value) for name, value in domain.items()]
        )

    def summary(self):
        rows = self.env["sales.quality.hire.summary"].search(
            [("company_id", "=", self.quality_company.id)]
        )
        return {row.competency_id or row.predictor: row for row in rows}

    def attainments(self):
        return [SALES[index] / 2000 * 100 for index in range(12)]

    def test_rows_per_hire_and_competency(self):
        rows = self.rows()
        self.assertEqual(len(rows), 24)  # two competencies rated, twelve hires
        applicant, salesperson = self.hires[0]
        first = self.rows(applicant_id=applicant.id)
        self.assertEqual(first.competency_id, self.discovery | self.closing)
        discovery = first.filtered(lambda row: row.competency_id == self.discovery)
        self.assertEqual(discovery.user_id, salesperson)
        self.assertEqual(discovery.team_id, self.q_team)
        self.assertEqual(discovery.hire_date, HIRED)
        self.assertEqual(discovery.date_to, date(2025, 4, 30))
        self.assertTrue(discovery.complete)
        # ratings 1 and 5 weighted 3 and 1; 500 sold of 2,000
        self.assertEqual((discovery.rating, discovery.rating_band), (1.0, 1))
        self.assertEqual(discovery.weighted_score, 2.0)
        self.assertEqual(discovery.role_play_score, 2.0)
        self.assertEqual((discovery.target, discovery.achieved), (2000.0, 500.0))
        self.assertEqual(discovery.attainment, 25.0)

    def test_attainment_agrees_with_the_targets(self):
        for applicant, salesperson in self.hires:
            quotas = self.env["sales.quota"].search(
                [("user_id", "=", salesperson.id), ("plan_id", "=", self.plan.id)]
            )
            expected = (
                100
                * sum(quotas.mapped("achieved"))
                / sum(quotas.mapped("effective_target"))
            )
            for row in self.rows(applicant_id=applicant.id):
                self.assertAlmostEqual(row.attainment, expected, places=1)

    def test_closed_plan_counts_its_frozen_figures(self):
        applicant, salesperson = self.hires[0]
        self.plan.action_close()
        self.order(salesperson, date(2025, 4, 2), 1000)
        self.assertEqual(self.rows(applicant_id=applicant.id)[0].attainment, 25.0)

    def test_what_predicts_performance(self):
        summary = self.summary()
        self.assertEqual(len(summary), 4)
        attainments = self.attainments()
        for key, scores, verdict in (
            (self.discovery, DISCOVERY, "positive"),
            (self.closing, CLOSING, "unclear"),
            ("role_play", ROLE_PLAY, "positive"),
        ):
            row = summary[key]
            expected = hire_quality.correlation(
                list(zip(scores, attainments, strict=True))
            )
            self.assertEqual(row.hire_count, 12)
            self.assertAlmostEqual(row.correlation, expected.r, places=4)
            # shown with two decimals
            self.assertAlmostEqual(row.interval_low, expected.low, places=2)
            self.assertAlmostEqual(row.interval_high, expected.high, places=2)
            self.assertEqual(row.verdict, verdict)
        weighted = summary["weighted_score"]
        self.assertEqual((weighted.hire_count, weighted.verdict), (12, "positive"))
        scores = [(3 * d + c) / 4 for d, c in zip(DISCOVERY, CLOSING, strict=True)]
        self.assertAlmostEqual(weighted.score, sum(scores) / 12, places=2)
        self.assertAlmostEqual(weighted.attainment, sum(attainments) / 12, places=1)
        self.assertEqual(summary[self.closing].display_name, self.closing.name)

    def test_no_verdict_from_few_hires(self):
        for applicant, _user in self.hires[3:]:
            applicant.date_closed = False
        row = self.summary()[self.discovery]
        self.assertEqual(row.hire_count, 3)
        self.assertTrue(row.correlation)
        self.assertEqual(row.verdict, "not_enough")

    def test_hires_still_in_their_first_months_do_not_count(self):
        applicant, _user = self.hires[0]
        applicant.date_closed = (
            date.today().replace(day=1).strftime("%Y-%m-%d 09:00:00")
        )
        self.assertFalse(self.rows(applicant_id=applicant.id)[0].complete)
        self.assertEqual(self.summary()[self.discovery].hire_count, 11)

    def test_rights(self):
        for user in (self.q_recruiter, self.q_manager):
            for model in ("sales.quality.hire", "sales.quality.hire.summary"):
                self.assertTrue(self.env[model].with_user(user).search([]))
        for user in (self.q_interviewer, self.hires[0][1]):
            for model in ("sales.quality.hire", "sales.quality.hire.summary"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
        # the sales manager of another company sees none of these hires
        Report = self.env["sales.quality.hire"].with_user(self.sales_manager)
        self.assertFalse(Report.search([("applicant_id", "=", self.hires[0][0].id)]))

    def test_screens_of_each_role(self):
        for user in (self.q_recruiter, self.q_manager):
            Report = self.env["sales.quality.hire"].with_user(user)
            Report.get_views(
                [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
            )
            groups = Report.web_read_group(
                [("complete", "=", True)], ["attainment:avg"], ["competency_id"]
            )
            self.assertEqual(groups["length"], 2)
            Summary = self.env["sales.quality.hire.summary"].with_user(user)
            Summary.get_views([(False, "list"), (False, "search")])
            rows = Summary.search_read(
                [], ["predictor", "competency_id", "hire_count", "verdict"]
            )
            self.assertEqual(len(rows), 4)
            action = Summary.browse(rows[0]["id"]).action_open_hires()
            self.assertEqual(action["res_model"], "sales.quality.hire")

    def test_months_setting_checked(self):
        for value in (0, 25, "abc", float("nan")):
            with self.refused():
                self.quality_company.write({"sales_hire_quality_months": value})
