# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestLeadScoreTable(SalesManagementCommon):
    """Scores live in sales.lead.score and read as fields of the lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.scoring.rule"].search([]).active = False
        Rule = cls.env["sales.scoring.rule"]
        cls.fair = cls.env["utm.source"].create({"name": "Fair"})
        cls.web = cls.env["utm.source"].create({"name": "Web"})
        Rule.create(
            {
                "name": "Fair",
                "domain": f"[('source_id', '=', {cls.fair.id})]",
                "points": 80,
            }
        )
        Rule.create(
            {
                "name": "Web",
                "domain": f"[('source_id', '=', {cls.web.id})]",
                "points": 30,
            }
        )
        Rule.create(
            {"name": "Phone", "domain": "[('phone', '!=', False)]", "points": 5}
        )
        Rule.create(
            {
                "name": "Big deal",
                "domain": "[('expected_revenue', '>=', 10000)]",
                "points": 10,
            }
        )
        cls.grade_a = cls.env.ref("sales_management.scoring_grade_a")
        cls.grade_c = cls.env.ref("sales_management.scoring_grade_c")
        cls.grade_d = cls.env.ref("sales_management.scoring_grade_d")
        Lead = cls.env["crm.lead"]
        cls.hot = Lead.create(
            {"name": "Hot", "user_id": cls.rep_a.id, "source_id": cls.fair.id}
        )
        cls.warm = Lead.create(
            {
                "name": "Warm",
                "user_id": cls.rep_a.id,
                "source_id": cls.web.id,
                "expected_revenue": 20000,
            }
        )
        cls.web_small = Lead.create(
            {"name": "Web small", "user_id": cls.rep_b.id, "source_id": cls.web.id}
        )
        cls.cold = Lead.create({"name": "Cold", "user_id": cls.rep_b.id, "phone": "1"})
        cls.leads = cls.hot | cls.warm | cls.web_small | cls.cold

    def test_one_row_per_scored_lead(self):
        Score = self.env["sales.lead.score"]
        self.assertEqual(Score.search_count([("lead_id", "in", self.leads.ids)]), 4)
        row = self.hot.sm_score_id
        self.assertEqual(row.lead_id, self.hot)
        self.assertEqual(row.score, 80)
        self.assertEqual(row.grade_id, self.grade_a)
        self.assertEqual(row.source, "rules")
        self.assertEqual(self.hot.sm_score, 80)
        # rescoring updates the same row
        self.hot.source_id = self.web
        self.assertEqual(self.hot.sm_score_id, row)
        self.assertEqual(row.score, 30)
        self.assertEqual(self.hot.sm_grade_id, self.grade_c)
        self.assertEqual(Score.search_count([("lead_id", "=", self.hot.id)]), 1)
        # a copy of a lead gets a row of its own
        copy = self.hot.copy()
        self.assertTrue(copy.sm_score_id)
        self.assertNotEqual(copy.sm_score_id, row)

    def test_deleting_a_lead_deletes_its_score(self):
        row = self.cold.sm_score_id
        self.assertTrue(row)
        self.cold.unlink()
        self.assertFalse(row.exists())

    def test_order_and_search_through_the_score(self):
        Lead = self.env["crm.lead"]
        domain = [("id", "in", self.leads.ids)]
        found = Lead.search(domain, order="sm_score desc, id")
        self.assertEqual(found, self.hot | self.warm | self.web_small | self.cold)
        self.assertEqual(list(found), [self.hot, self.warm, self.web_small, self.cold])
        self.assertEqual(
            Lead.search([*domain, ("sm_grade_id", "=", self.grade_c.id)]),
            self.warm | self.web_small,
        )
        self.assertEqual(Lead.search([*domain, ("sm_score", ">", 40)]), self.hot)
        # a lead without a score row is unscored, last in the allocation order
        self.cold.sm_score_id.sudo().unlink()
        self.assertFalse(self.cold.sm_score_id)
        self.assertEqual(Lead.search([*domain, ("sm_score", "=", False)]), self.cold)
        ordered = Lead.with_context(sm_leads_by_score=True).search(domain)
        self.assertEqual(ordered[0], self.hot)
        self.assertEqual(ordered[-1], self.cold)

    def test_read_group_by_grade(self):
        groups = self.env["crm.lead"]._read_group(
            [("id", "in", self.leads.ids)],
            ["sm_grade_id"],
            ["sm_score:avg", "__count"],
        )
        by_grade = {grade: (avg, count) for grade, avg, count in groups}
        self.assertEqual(by_grade[self.grade_a], (80, 1))
        self.assertEqual(by_grade[self.grade_c], (35, 2))
        self.assertEqual(by_grade[self.grade_d], (5, 1))
        # the web client's grouped list
        groups = self.env["crm.lead"].read_group(
            [("id", "in", self.leads.ids)], ["sm_score:avg"], ["sm_grade_id"]
        )
        self.assertEqual(
            {group["sm_grade_id"][0]: group["sm_score"] for group in groups},
            {self.grade_a.id: 80, self.grade_c.id: 35, self.grade_d.id: 5},
        )

    def test_salesperson_reads_own_scores_only(self):
        own = self.hot.with_user(self.rep_a)
        self.assertEqual(own.sm_score, 80)
        self.assertEqual(own.sm_grade_id, self.grade_a)
        self.assertEqual(own.sm_score_id.with_user(self.rep_a).score, 80)
        # leads created by a salesperson are scored all the same
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep_a)
            .create({"name": "Mine", "source_id": self.fair.id})
        )
        self.assertEqual(lead.sm_score, 80)
        Score = self.env["sales.lead.score"].with_user(self.rep_a)
        # rows of the leads they cannot read are out of sight
        self.assertFalse(
            Score.search([("lead_id", "in", (self.cold | self.web_small).ids)])
        )
        with self.assertRaises(AccessError):
            self.cold.sm_score_id.with_user(self.rep_a).read(["score"])
        # nobody changes a score by hand
        with self.assertRaises(AccessError):
            own.sm_score_id.with_user(self.rep_a).write({"score": 100})
        with self.assertRaises(AccessError):
            self.hot.sm_score_id.with_user(self.manager).write({"score": 100})
        with self.assertRaises(AccessError):
            Score.create({"lead_id": self.hot.id, "score": 100})

    def test_one_score_per_lead(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["sales.lead.score"].sudo().create(
                {"lead_id": self.hot.id, "score": 1}
            )
