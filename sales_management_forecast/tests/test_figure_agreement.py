# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One definition per figure: the target screen, the scorecard, the forecast
sheet and the drill-downs give the same figures for the same salesperson and
month, and each figure is the sum of the records its drill-down opens."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .common import ForecastCommon

MARCH = date(2026, 3, 1)


@tagged("post_install", "-at_install")
class TestFigureAgreement(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rep = cls.rep_a
        # a second currency (2 EUR for 1 of the company's) and a second company
        cls.eur = cls.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        cls.other_company = cls.setup_other_company(name="Other Company")["company"]
        rep.company_ids = [Command.link(cls.other_company.id)]
        # confirmed orders: 1,200 + 400 EUR (200): 1,400; the first order of
        # customer one and two: two new customers
        cls.create_order(rep, date(2026, 3, 3), [(cls.laptop, 1, 1000)])
        cls.create_order(rep, date(2026, 3, 4), [(cls.service, 2, 100)])
        cls.create_order(
            rep,
            date(2026, 3, 5),
            [(cls.service, 4, 100)],
            partner=cls.customer_2,
            currency=cls.eur,
        )
        # an order of the other company: counted nowhere here
        other_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_1.id,
                "user_id": rep.id,
                "team_id": False,
                "company_id": cls.other_company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.service.id,
                            "product_uom_qty": 1,
                            "price_unit": 700,
                        }
                    )
                ],
            }
        )
        other_order.with_company(cls.other_company).action_confirm()
        other_order.date_order = datetime(2026, 3, 6, 10)
        # invoices net of credit notes: 900 - 100
        cls.create_invoice(rep, date(2026, 3, 8), 900)
        cls.create_invoice(rep, date(2026, 3, 9), 100, move_type="out_refund")
        # opportunities: won 5,000; lost 800; open 10,000 at 40 %; one at
        # 100 % without a won stage (neither won nor open, anywhere)
        cls.create_opportunity(rep, 50, 5000, date(2026, 3, 20), won_on=MARCH)
        lost = cls.create_opportunity(rep, 30, 800, date(2026, 3, 20))
        lost.action_set_lost()
        lost.date_closed = datetime(2026, 3, 15, 10)
        cls.create_opportunity(rep, 40, 10000, date(2026, 3, 25))
        cls.at_100 = cls.create_opportunity(rep, 40, 7000, date(2026, 3, 26))
        cls.at_100.probability = 100
        # targets: an active plan (2,000), a closed plan (1,000, frozen), an
        # archived plan (never counted)
        active = cls.create_plan("sale")
        cls.quota = cls.create_quota(active, rep, MARCH, 2000)
        active.action_activate()
        closed = cls.create_plan("sale", name="Closed plan")
        cls.closed_quota = cls.create_quota(closed, rep, MARCH, 1000)
        closed.action_activate()
        closed.action_close()
        archived = cls.create_plan("sale", name="Archived plan")
        cls.create_quota(archived, rep, MARCH, 5000)
        archived.action_activate()
        archived.active = False
        # a sale after the closing: live for the active plan only
        cls.create_order(rep, date(2026, 3, 10), [(cls.service, 1, 100)])
        cls.period = cls.env["sales.scorecard.period"].create(
            {"company_id": cls.company.id, "date_from": MARCH}
        )
        cls.env.flush_all()

    def _scorecard(self):
        return self.env["sales.scorecard"].search(
            [("period_id", "=", self.period.id), ("user_id", "=", self.rep_a.id)]
        )

    def _forecast(self):
        return self.forecast_of(self.prepare_sheet(), self.rep_a)

    def _drill(self, action):
        return (
            self.env[action["res_model"]]
            .with_context(active_test=False)
            .search(action["domain"])
        )

    def test_revenue(self):
        card = self._scorecard()
        self.assertAlmostEqual(self.quota.achieved, 1500.0)
        self.assertAlmostEqual(card.revenue, 1500.0)
        orders = self._drill(self.quota.action_view_achieved())
        self.assertAlmostEqual(
            sum(o.amount_untaxed / (o.currency_rate or 1.0) for o in orders), 1500.0
        )
        card_orders = self._drill(
            card.with_context(scorecard_figure="revenue").action_view_figure()
        )
        self.assertEqual(orders, card_orders)

    def test_invoiced_net_of_credit_notes(self):
        card = self._scorecard()
        self.assertAlmostEqual(card.invoiced, 800.0)
        moves = self._drill(
            card.with_context(scorecard_figure="invoiced").action_view_figure()
        )
        self.assertAlmostEqual(sum(moves.mapped("amount_untaxed_signed")), 800.0)

    def test_won(self):
        card = self._scorecard()
        forecast = self._forecast()
        self.assertEqual(card.won_count, 1)
        self.assertAlmostEqual(card.won_amount, 5000.0)
        self.assertAlmostEqual(forecast.closed_won, 5000.0)
        leads = self._drill(forecast.action_view_closed_won())
        self.assertNotIn(self.at_100, leads)
        self.assertAlmostEqual(sum(leads.mapped("expected_revenue")), 5000.0)
        card_leads = self._drill(
            card.with_context(scorecard_figure="won_count").action_view_figure()
        )
        self.assertEqual(leads, card_leads)
        # the lead at 100 % without a won stage is not closed in the forecast
        self.assertNotEqual(self.at_100.forecast_category, "closed")

    def test_lost(self):
        card = self._scorecard()
        self.assertEqual(card.lost_count, 1)
        leads = self._drill(
            card.with_context(scorecard_figure="lost_count").action_view_figure()
        )
        self.assertEqual(len(leads), 1)

    def test_pipeline(self):
        card = self._scorecard()
        forecast = self._forecast()
        self.assertAlmostEqual(self.quota.pipeline, 4000.0)
        self.assertAlmostEqual(card.open_pipeline, 4000.0)
        self.assertAlmostEqual(forecast.weighted_amount, 4000.0)
        for action in (
            self.quota.action_view_pipeline(),
            forecast.action_view_weighted(),
            card.with_context(scorecard_figure="open_pipeline").action_view_figure(),
        ):
            leads = self._drill(action)
            self.assertNotIn(self.at_100, leads)
            self.assertAlmostEqual(sum(leads.mapped("prorated_revenue")), 4000.0)

    def test_targets(self):
        card = self._scorecard()
        forecast = self._forecast()
        # active and closed plans, not the archived one
        self.assertAlmostEqual(card.target, 3000.0)
        self.assertAlmostEqual(forecast.target, 3000.0)
        for action in (
            forecast.action_view_target(),
            card.with_context(scorecard_figure="target").action_view_figure(),
        ):
            targets = self._drill(action)
            self.assertEqual(targets, self.quota | self.closed_quota)
            self.assertAlmostEqual(sum(targets.mapped("effective_target")), 3000.0)

    def test_attainment_of_a_closed_plan_is_frozen(self):
        card = self._scorecard()
        # the closed plan froze 1,400 (the sale after the closing is not in it)
        self.assertAlmostEqual(self.closed_quota.achieved, 1400.0)
        self.assertAlmostEqual(self.quota.achieved, 1500.0)
        self.assertAlmostEqual(card.attainment, 100.0 * (1500 + 1400) / 3000)

    def test_new_customers(self):
        card = self._scorecard()
        plan = self.create_plan("new_customer", name="New customers")
        quota = self.create_quota(plan, self.rep_a, MARCH, 4)
        plan.action_activate()
        self.assertEqual(card.new_customers, 2)
        self.assertEqual(quota.achieved, 2)
        for action in (
            quota.action_view_achieved(),
            card.with_context(scorecard_figure="new_customers").action_view_figure(),
        ):
            orders = self._drill(action)
            self.assertEqual(len(orders), 2)
            self.assertEqual(
                orders.partner_id.commercial_partner_id,
                self.customer_1 | self.customer_2,
            )
