# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's sales figures: the cadence stored by the nightly job
equals the engine's, the figures on the form equal sales.figure's sums and
open the records they count, and displaying them writes nothing."""

from datetime import timedelta
from unittest.mock import patch

from odoo.osv import expression
from odoo.tests import tagged
from odoo.tools import SQL

from ..tools.recommendation import cadence
from .followup_common import TODAY, FollowupCommon


@tagged("post_install", "-at_install")
class TestCustomerFigures(FollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.new_customer("Figures Customer")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer", "parent_id": cls.customer.id}
        )
        cls.orders = cls.create_orders(cls.customer, [200, 170, 140], amount=300.0)
        cls.orders |= cls.create_orders(cls.contact, [110, 110, 80], amount=150.0)
        # a cancelled order counts nowhere
        cls.create_orders(cls.customer, [10])[0]._action_cancel()
        cls.won = cls.create_lead(cls.rep_a, "Won", partner_id=cls.contact.id)
        cls.won.write({"stage_id": cls.won_stage.id, "probability": 100})
        cls.lost = cls.create_lead(cls.rep_b, "Lost", partner_id=cls.customer.id)
        cls.lost.action_set_lost()
        cls.open_1 = cls.create_lead(
            cls.rep_a, "Open 1", partner_id=cls.customer.id, expected_revenue=500.0
        )
        cls.open_2 = cls.create_lead(
            cls.rep_c, "Open 2", partner_id=cls.contact.id, expected_revenue=700.0
        )
        cls.refresh_cadence()

    def figure_sum(self, source, measure):
        Figure = self.env["sales.figure"]
        sql = Figure._figure_sql(
            source,
            {"value": measure},
            company=self.company.id,
            extra=[("partner_id", "child_of", self.customer.id)],
        )
        self.env.cr.execute(SQL("SELECT sum(value), count(*) FROM (%s) f", sql))
        return self.env.cr.fetchone()

    def test_cadence_row_equals_the_engine(self):
        row = self.env["sales.customer.cadence"].search(
            [("partner_id", "=", self.customer.id)]
        )
        dates = self.orders.mapped("date_order")
        expected, interval, p_active = cadence.next_order(dates, today=TODAY)
        self.assertEqual(row.order_count, 6)
        self.assertEqual(row.day_count, 5)
        self.assertEqual(row.interval_days, interval)
        self.assertEqual(row.next_date, expected)
        self.assertAlmostEqual(row.p_active, p_active, places=6)
        self.assertEqual(row.last_date, TODAY - timedelta(days=80))
        self.assertEqual(row.user_id, self.rep_a)
        self.assertEqual(row.basis, "orders")

    def test_form_figures_equal_sales_figure(self):
        partner = self.contact.with_user(self.rep_b)
        revenue, count = self.figure_sum("confirmed", "revenue")
        self.assertEqual(
            (partner.sm_lifetime_revenue, partner.sm_order_count), (revenue, count)
        )
        self.assertEqual(count, 6)
        self.assertEqual(revenue, 3 * 300 + 3 * 150)
        self.assertEqual(partner.sm_average_order, revenue / count)
        self.assertEqual(partner.sm_last_order_date, TODAY - timedelta(days=80))
        pipeline, open_count = self.figure_sum("pipeline", "revenue")
        self.assertEqual(
            (partner.sm_open_pipeline, partner.sm_open_count), (pipeline, 2)
        )
        self.assertEqual(pipeline, 1200.0)
        self.assertEqual(partner.sm_closed_count, 2)
        self.assertEqual(partner.sm_win_rate, 50.0)
        best = max((self.open_1 | self.open_2).mapped("sm_score"))
        self.assertEqual(partner.sm_lead_score, best)
        row = self.env["sales.customer.cadence"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(partner.sm_reorder_interval, row.interval_days)
        self.assertEqual(partner.sm_next_order_date, row.next_date)
        self.assertEqual(partner.sm_p_active, row.p_active)

    def test_drill_downs_open_what_is_counted(self):
        partner = self.customer.with_user(self.manager)
        action = partner.action_sm_view_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), self.orders)
        action = partner.action_sm_view_pipeline()
        self.assertEqual(
            self.env["crm.lead"].search(action["domain"]), self.open_1 | self.open_2
        )
        action = partner.action_sm_view_closed()
        self.assertEqual(
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(action["domain"]),
            self.won | self.lost,
        )
        action = partner.action_sm_view_cadence()
        self.assertEqual(action["res_model"], "sale.order")

    def test_displaying_writes_nothing(self):
        """The figures are read in a read-only transaction (a replica)."""
        partner = self.customer.with_user(self.rep_a)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.env.cr.savepoint(flush=False):
            self.env.cr.execute("SET TRANSACTION READ ONLY")
            values = partner.read(
                [name for name in partner._fields if name.startswith("sm_")]
            )[0]
            self.env.cr.execute("SHOW transaction_read_only")
            self.assertEqual(self.env.cr.fetchone()[0], "on")
        self.assertEqual(values["sm_order_count"], 6)

    def test_queries_do_not_grow_with_customers(self):
        names = [name for name in self.customer._fields if name.startswith("sm_")]
        more = self.customer | self.contact
        for index in range(5):
            more |= self.new_customer(f"Customer {index}")
            self.create_orders(more[-1], [30])

        def queries(partners):
            self.env.flush_all()
            self.env.invalidate_all()
            executed = []
            execute = type(self.env.cr).execute

            def logged(cr, query, *args, **kwargs):
                executed.append(str(getattr(query, "code", query))[:100])
                return execute(cr, query, *args, **kwargs)

            with patch.object(type(self.env.cr), "execute", logged):
                partners.read(names)
            return executed

        queries(self.customer)  # warm-up of the caches (rules, groups)
        one, all_of_them = queries(self.customer), queries(more)
        self.assertEqual(len(all_of_them), len(one), "\n".join(all_of_them))

    def test_dormant_flag_and_search(self):
        gone = self.new_customer("Gone")
        self.create_orders(gone, [500, 470])
        self.refresh_cadence()
        self.assertTrue(gone.sm_dormant)
        self.assertFalse(self.customer.sm_dormant)
        found = self.env["res.partner"].search(
            [("sm_dormant", "=", True), ("id", "in", (gone | self.customer).ids)]
        )
        self.assertEqual(found, gone)
        not_dormant = self.env["res.partner"].search(
            [("sm_dormant", "=", False), ("id", "in", (gone | self.customer).ids)]
        )
        self.assertEqual(not_dormant, self.customer)

    def test_prospect_and_stale_rows(self):
        prospect = self.new_customer("Prospect")
        lead = self.create_lead(self.rep_c, "Prospect lead", partner_id=prospect.id)
        self.refresh_cadence()
        row = self.env["sales.customer.cadence"].search(
            [("partner_id", "=", prospect.id)]
        )
        self.assertEqual(
            (row.basis, row.order_count, row.user_id), ("opportunities", 0, self.rep_c)
        )
        self.assertFalse(row.next_date)
        self.assertEqual(prospect.action_sm_view_cadence()["res_model"], "crm.lead")
        # the lead goes: so does the row
        lead.unlink()
        self.refresh_cadence()
        self.assertFalse(row.exists())

    def test_company_figures(self):
        other = self.env["res.company"].create({"name": "Other company (figures)"})
        self.env.user.company_ids |= other
        partner = self.customer.with_company(other)
        self.assertEqual(partner.sm_order_count, 0)
        self.assertEqual(partner.sm_p_active, 0.0)
        self.assertEqual(self.customer.with_company(self.company).sm_order_count, 6)
        domain = self.customer.action_sm_view_orders()["domain"]
        self.assertTrue(expression.is_leaf(domain[0]))

    def test_form_tab_for_salespeople_only(self):
        def arch(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn("sm_lifetime_revenue", arch(self.rep_a))
        self.assertIn("action_sm_view_orders", arch(self.rep_a))
        employee = self.env["res.users"].create(
            {
                "name": "No sales rights",
                "login": "fu_no_sales",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        self.assertNotIn("sm_lifetime_revenue", arch(employee))
