# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..models import sales_quota_attainment as attainment
from .common import SalesManagementCommon


@tagged("post_install", "-at_install")
class TestQuotaAttainment(SalesManagementCommon):
    def test_sale_attainment_per_salesperson_and_team(self):
        plan = self.create_plan("sale")
        q_a = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 10000)
        q_b = self.create_quota(plan, self.rep_b, date(2026, 3, 1), 4000)
        q_team = self.create_quota(plan, self.team_north, date(2026, 3, 1), 20000)
        self.create_order(self.rep_a, date(2026, 3, 5), [(self.laptop, 3, 1000)])
        self.create_order(self.rep_a, date(2026, 3, 31), [(self.service, 10, 100)])
        self.create_order(self.rep_b, date(2026, 3, 15), [(self.laptop, 1, 1000)])
        # outside the period or not confirmed: not counted
        self.create_order(self.rep_a, date(2026, 4, 1), [(self.laptop, 5, 1000)])
        draft = self.env["sale.order"].create(
            {
                "partner_id": self.customer_1.id,
                "user_id": self.rep_a.id,
                "order_line": [(0, 0, {"product_id": self.laptop.id, "price_unit": 9})],
            }
        )
        self.assertEqual(draft.state, "draft")

        quotas = q_a | q_b | q_team
        self.assertEqual(q_a.achieved, 4000)
        self.assertAlmostEqual(q_a.attainment, 40.0)
        self.assertEqual(q_a.remaining, 6000)
        self.assertEqual(q_b.achieved, 1000)
        self.assertEqual(q_team.achieved, 5000)
        self.assertEqual(q_team.members_target, 14000)
        self.assertEqual(q_team.allocation_gap, 6000)
        self.assertEqual(q_team.allocation_status, "under")
        self.assertEqual(quotas.mapped("achieved"), [4000, 1000, 5000])

    def test_ramp_factor(self):
        plan = self.create_plan("sale")
        quota = self.create_quota(
            plan, self.rep_a, date(2026, 3, 1), 10000, ramp_factor=50
        )
        self.create_order(self.rep_a, date(2026, 3, 5), [(self.laptop, 2, 1000)])
        self.assertEqual(quota.effective_target, 5000)
        self.assertAlmostEqual(quota.attainment, 40.0)

    def test_one_query_per_plan(self):
        """The number of queries does not grow with the number of targets."""
        plan = self.create_plan("sale")
        quotas = self.env["sales.quota"]
        for month in range(1, 13):
            for rep in (self.rep_a, self.rep_b, self.rep_c):
                quotas |= self.create_quota(plan, rep, date(2026, month, 1), 1000)
        self.create_order(self.rep_a, date(2026, 5, 5), [(self.laptop, 1, 1000)])
        one = quotas[0]
        quotas.invalidate_recordset()
        with self.assertQueryCount(4):
            # targets by plan, the plan's bounds, ONE query for all figures,
            # and reading the targets
            quotas.mapped("attainment")
        one.invalidate_recordset()
        with self.assertQueryCount(4):
            one.mapped("attainment")
        self.assertEqual(quotas.filtered("achieved").achieved, 1000)

    def test_currency_conversion(self):
        other = self.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        plan = self.create_plan("sale")
        quota = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 10000)
        order = self.create_order(
            self.rep_a, date(2026, 3, 5), [(self.laptop, 1, 3000)], currency=other
        )
        self.assertEqual(order.currency_id, other)
        self.assertAlmostEqual(quota.achieved, 1500.0)

    def test_product_category_restriction(self):
        plan = self.create_plan("sale", product_categ_id=self.categ_hw.id)
        quota = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 10000)
        self.create_order(
            self.rep_a,
            date(2026, 3, 5),
            [(self.laptop, 2, 1000), (self.service, 5, 100)],
        )
        # laptops are in a subcategory of Hardware: counted; services are not
        self.assertEqual(quota.achieved, 2000)
        model, domain = quota._get_achieved_domain()
        self.assertEqual(model, "sale.order.line")
        lines = self.env[model].search(domain)
        self.assertEqual(sum(lines.mapped("price_subtotal")), 2000)

    def test_margin(self):
        plan = self.create_plan("margin")
        quota = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 1000)
        self.create_order(
            self.rep_a,
            date(2026, 3, 5),
            [(self.laptop, 2, 1000), (self.service, 5, 100)],
        )
        # (1000 - 600) * 2 + (100 - 40) * 5
        self.assertAlmostEqual(quota.achieved, 1100.0)

    def test_invoiced_revenue_minus_credit_notes(self):
        plan = self.create_plan("invoice")
        quota = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 1000)
        self.create_invoice(self.rep_a, date(2026, 3, 2), 700)
        self.create_invoice(self.rep_a, date(2026, 3, 20), 100, move_type="out_refund")
        self.create_invoice(self.rep_a, date(2026, 2, 27), 900)
        draft = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_1.id,
                "invoice_date": date(2026, 3, 3),
                "invoice_user_id": self.rep_a.id,
                "invoice_line_ids": [(0, 0, {"name": "x", "price_unit": 5000})],
            }
        )
        self.assertEqual(draft.state, "draft")
        self.assertAlmostEqual(quota.achieved, 600.0)
        model, domain = quota._get_achieved_domain()
        moves = self.env[model].search(domain)
        self.assertAlmostEqual(sum(moves.mapped("amount_untaxed_signed")), 600.0)

    def test_won_opportunities_and_pipeline(self):
        plan = self.create_plan("won_count", period_type="quarter")
        quota = self.create_quota(plan, self.rep_a, date(2026, 4, 1), 4)
        self.create_opportunity(
            self.rep_a, 100, 5000, date(2026, 5, 1), won_on=date(2026, 5, 2)
        )
        self.create_opportunity(
            self.rep_a, 100, 5000, date(2026, 6, 1), won_on=date(2026, 6, 30)
        )
        self.create_opportunity(
            self.rep_a, 100, 5000, date(2026, 3, 1), won_on=date(2026, 3, 31)
        )
        self.create_opportunity(self.rep_a, 50, 1000, date(2026, 6, 10))
        self.create_opportunity(self.rep_a, 20, 1000, date(2026, 5, 10))
        lost = self.create_opportunity(self.rep_a, 40, 1000, date(2026, 5, 10))
        lost.action_set_lost()
        self.assertEqual(quota.achieved, 2)
        self.assertAlmostEqual(quota.pipeline, 0.7)
        self.assertAlmostEqual(quota.coverage, 0.35)
        model, domain = quota._get_achieved_domain()
        self.assertEqual(self.env[model].search_count(domain), 2)
        self.assertEqual(
            self.env["crm.lead"].search_count(quota._get_pipeline_domain()), 2
        )

    def test_weighted_pipeline_amount(self):
        plan = self.create_plan("sale")
        quota = self.create_quota(plan, self.rep_a, date(2026, 6, 1), 10000)
        self.create_opportunity(self.rep_a, 50, 8000, date(2026, 6, 15))
        self.create_opportunity(self.rep_a, 10, 10000, date(2026, 6, 30))
        self.create_opportunity(self.rep_a, 90, 10000, date(2026, 7, 1))
        self.assertAlmostEqual(quota.pipeline, 5000.0)
        self.assertAlmostEqual(quota.coverage, 0.5)

    def test_new_customers(self):
        plan = self.create_plan("new_customer", period_type="quarter")
        quota = self.create_quota(plan, self.rep_a, date(2026, 4, 1), 3)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer_2.id}
        )
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        # customer_1 bought before the quarter: not new
        self.create_order(self.rep_a, date(2026, 1, 10), [(self.service, 1, 100)])
        self.create_order(self.rep_a, date(2026, 5, 10), [(self.service, 1, 100)])
        # customer_2 buys first through a contact, then again
        self.create_order(
            self.rep_a, date(2026, 4, 10), [(self.service, 1, 100)], partner=contact
        )
        self.create_order(
            self.rep_a,
            date(2026, 6, 10),
            [(self.service, 1, 100)],
            partner=self.customer_2,
        )
        # first order of the newcomer was taken by another salesperson
        self.create_order(
            self.rep_b, date(2026, 4, 11), [(self.service, 1, 100)], partner=newcomer
        )
        self.create_order(
            self.rep_a, date(2026, 4, 12), [(self.service, 1, 100)], partner=newcomer
        )
        self.assertEqual(quota.achieved, 1)
        model, domain = quota._get_achieved_domain()
        # the drill-down lists the first orders of the new customers
        self.assertEqual(
            self.env[model].search(domain).partner_id.commercial_partner_id,
            self.customer_2,
        )

    @freeze_time("2026-03-16")
    def test_pace(self):
        plan = self.create_plan("sale")
        behind = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 3100)
        ahead = self.create_quota(plan, self.rep_b, date(2026, 3, 1), 3100)
        future = self.create_quota(plan, self.rep_a, date(2026, 4, 1), 3100)
        plan.action_activate()
        self.create_order(self.rep_a, date(2026, 3, 2), [(self.service, 5, 100)])
        self.create_order(self.rep_b, date(2026, 3, 2), [(self.service, 20, 100)])
        # 16 of 31 days elapsed
        self.assertAlmostEqual(behind.expected_attainment, 100 * 16 / 31, places=1)
        self.assertEqual(behind.pace_status, "behind")
        self.assertEqual(ahead.pace_status, "ahead")
        self.assertEqual(future.expected_attainment, 0)
        self.assertEqual(future.pace_status, "on")
        found = self.env["sales.quota"].search(
            [("plan_id", "=", plan.id), ("is_behind_pace", "=", True)]
        )
        self.assertEqual(found, behind)
        current = self.env["sales.quota"].search(
            [("plan_id", "=", plan.id), ("is_current_period", "=", True)]
        )
        self.assertEqual(current, behind | ahead)

    def test_plan_totals_and_team_card(self):
        plan = self.create_plan("sale")
        self.create_quota(plan, self.rep_a, date(2026, 3, 1), 1000)
        self.create_quota(plan, self.rep_b, date(2026, 3, 1), 1000)
        team_quota = self.create_quota(plan, self.team_north, date(2026, 3, 1), 4000)
        plan.action_activate()
        self.create_order(self.rep_a, date(2026, 3, 5), [(self.service, 5, 100)])
        self.assertEqual(plan.quota_count, 2)
        self.assertEqual(plan.target_total, 2000)
        self.assertEqual(plan.achieved_total, 500)
        self.assertAlmostEqual(plan.attainment_total, 25.0)
        with freeze_time("2026-03-20"):
            self.team_north.invalidate_recordset()
            self.assertEqual(self.team_north.quota_current_id, team_quota)
            self.assertEqual(self.team_north.quota_current_achieved, 500)
            self.assertAlmostEqual(self.team_north.quota_current_attainment, 12.5)
            self.assertFalse(self.team_south.quota_current_id)

    def test_drill_down_matches_figure(self):
        plan = self.create_plan("sale")
        quota = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 10000)
        self.create_order(self.rep_a, date(2026, 3, 1), [(self.laptop, 1, 1000)])
        self.create_order(self.rep_a, date(2026, 3, 31), [(self.laptop, 2, 1000)])
        self.create_order(self.rep_a, date(2026, 4, 1), [(self.laptop, 4, 1000)])
        action = quota.action_view_achieved()
        orders = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(len(orders), 2)
        self.assertEqual(sum(orders.mapped("amount_untaxed")), quota.achieved)
        pipeline = quota.action_view_pipeline()
        self.assertEqual(pipeline["res_model"], "crm.lead")

    def test_many_owners_read_without_owner_filter(self):
        """A plan of many owners reads the period's documents without the owner
        filter: the figures are the same, others' documents are left out."""
        for metric in ("sale", "invoice", "won_count", "new_customer"):
            plan = self.create_plan(metric)
            quotas = self.create_quota(plan, self.rep_a, date(2026, 3, 1), 10)
            quotas |= self.create_quota(plan, self.team_south, date(2026, 3, 1), 10)
            self.create_order(self.rep_a, date(2026, 3, 5), [(self.laptop, 1, 1000)])
            self.create_order(self.rep_b, date(2026, 3, 6), [(self.laptop, 2, 1000)])
            self.create_order(self.rep_c, date(2026, 3, 7), [(self.laptop, 4, 1000)])
            self.create_invoice(self.rep_b, date(2026, 3, 8), 700)
            self.create_opportunity(
                self.rep_b, 50, 900, date(2026, 3, 20), won_on=date(2026, 3, 9)
            )
            filtered = quotas._get_attainment_figures()
            with patch.object(attainment, "OWNER_FILTER_LIMIT", 0):
                unfiltered = quotas._get_attainment_figures()
            self.assertEqual(unfiltered, filtered, metric)
            if metric == "sale":
                self.assertEqual(filtered[quotas[0].id]["achieved"], 1000)
                self.assertEqual(filtered[quotas[1].id]["achieved"], 4000)
