# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.sales_recommendation_mining import SUGGESTIONS
from ..models.sales_recommendation_run import MINING_LOCK
from .recommendation_common import RecommendationCommon


@tagged("post_install", "-at_install")
class TestRecommendationMining(RecommendationCommon):
    def test_pairs_support_confidence_lift(self):
        pair = self.pair("desk", "chair")
        self.assertEqual(pair.order_count, 4)
        self.assertAlmostEqual(pair.support, 4 / 7)
        self.assertAlmostEqual(pair.confidence, 4 / 5)
        self.assertAlmostEqual(pair.lift, (4 / 5) / (5 / 7))
        back = self.pair("chair", "desk")
        self.assertAlmostEqual(back.confidence, 4 / 5)
        # found together in two orders only: not kept
        self.assertFalse(self.pair("desk", "lamp"))
        self.assertFalse(self.pair("desk", "paper"))
        self.assertEqual(self.mined.pair_count, 2)
        self.assertEqual(self.mined.order_count, 7)
        self.assertEqual(self.mined.customer_count, 4)
        self.assertEqual(self.mined.product_count, 4)

    def test_customer_suggestions(self):
        rows = self.suggestions_of("three")
        self.assertTrue(rows)
        self.assertLessEqual(len(rows), SUGGESTIONS)
        self.assertEqual(rows.mapped("sequence"), list(range(1, len(rows) + 1)))
        self.assertEqual(rows[0].relative_score, 1.0)
        by_product = {row.product_id: row for row in rows}
        # bought twice (two days): a reorder, due after the usual interval
        chair = by_product[self.products["chair"]]
        self.assertEqual(chair.reason_kind, "reorder")
        self.assertEqual(chair.share, 2.0)
        self.assertEqual(chair.reason, "ordered 2 times before")
        self.assertEqual(chair.due_date, date(2026, 3, 15))
        # the lamp was never bought by "three": learnt from the others
        lamp = by_product.get(self.products["lamp"])
        if lamp:
            self.assertIn(lamp.reason_kind, ("bought_with", "similar_customers"))
            self.assertTrue(lamp.reason_product_id)
            self.assertFalse(lamp.due_date)
        for row in rows:
            self.assertTrue(row.reason)

    def test_refresh_keeps_ids_and_drops_what_is_gone(self):
        before = {row.product_id: row.id for row in self.suggestions_of("one")}
        pair = self.pair("desk", "chair")
        self.Run._sm_mine(self.company)
        after = {row.product_id: row.id for row in self.suggestions_of("one")}
        self.assertEqual(before, after)
        self.assertEqual(self.pair("desk", "chair"), pair)
        # an order of a desk and a chair cancelled: three orders together left
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.customers["one"].id)], order="id", limit=1
        )
        order._action_cancel()
        self.Run._sm_mine(self.company)
        self.assertEqual(self.pair("desk", "chair").order_count, 3)
        # another one: two orders together, the pair is gone
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.customers["two"].id), ("state", "=", "sale")],
            order="id",
            limit=1,
        )
        order._action_cancel()
        self.Run._sm_mine(self.company)
        self.assertFalse(self.pair("desk", "chair").exists())

    def test_dismissed_and_unsellable_products_are_not_stored(self):
        lamp, paper = self.products["lamp"], self.products["paper"]
        self.env["sales.recommendation.feedback"].with_user(self.rep_c)._sm_record(
            self.customers["three"],
            self.company,
            lamp,
            "dismissed",
            "customer",
            {"reason_kind": "bought_with"},
        )
        paper.action_archive()
        self.Run._sm_mine(self.company)
        for name in ("one", "two", "three", "four"):
            products = self.suggestions_of(name).product_id
            self.assertNotIn(paper, products, name)
        self.assertNotIn(lamp, self.suggestions_of("three").product_id)
        # dismissed for "three" only
        self.assertIn(lamp, self.suggestions_of("one").product_id)

    def test_nothing_to_mine(self):
        company = self.env["res.company"].create({"name": "Empty Co"})
        run = self.Run._sm_mine(company)
        self.assertEqual(
            (run.order_count, run.pair_count, run.recommendation_count), (0, 0, 0)
        )
        self.assertFalse(
            self.env["sales.recommendation"].search([("company_id", "=", company.id)])
        )

    def test_job_mines_each_company_once_a_day(self):
        Run = self.Run.sudo()  # as the scheduler runs it
        for _call in range(len(Run.env["res.company"].search([])) + 1):
            if not Run._cron_mine_recommendations():
                break
        self.assertFalse(Run._sm_due_companies())
        self.assertFalse(Run._cron_mine_recommendations())
        # mined when the class was set up, today: not again
        self.assertEqual(Run.search_count([("company_id", "=", self.company.id)]), 1)

    def test_company_mined_by_another_worker_is_skipped(self):
        other = db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(
                SQL(
                    "SELECT pg_advisory_xact_lock(%s, %s)", MINING_LOCK, self.company.id
                )
            )
            self.assertFalse(self.Run._sm_mine_locked(self.company))
        finally:
            other.rollback()
            other.close()
        self.assertTrue(self.Run._sm_mine_locked(self.company))
