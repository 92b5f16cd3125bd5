# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SalesManagementCommon


class ScorecardCommon(SalesManagementCommon):
    """March 2026 against February 2026, for the North and South teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["sales.scorecard.period"]
        cls.feb = Period.create(
            {"company_id": cls.company.id, "date_from": date(2026, 2, 1)}
        )
        cls.march = Period.create(
            {"company_id": cls.company.id, "date_from": date(2026, 3, 1)}
        )
        # February: rep B sells more than rep A
        cls.create_order(cls.rep_a, date(2026, 2, 10), [(cls.service, 1, 100)])
        cls.create_order(
            cls.rep_b,
            date(2026, 2, 11),
            [(cls.service, 5, 100)],
            partner=cls.customer_2,
        )
        # March: rep A sells a laptop (margin 400) and 2 services
        cls.order_a = cls.create_order(
            cls.rep_a, date(2026, 3, 5), [(cls.laptop, 1, 1000), (cls.service, 2, 100)]
        )
        cls.create_order(cls.rep_b, date(2026, 3, 6), [(cls.service, 1, 100)])
        cls.create_order(cls.rep_c, date(2026, 3, 7), [(cls.service, 3, 100)])
        # invoices net of credit notes
        cls.create_invoice(cls.rep_a, date(2026, 3, 8), 900)
        cls.create_invoice(cls.rep_a, date(2026, 3, 9), 100, move_type="out_refund")
        # opportunities: rep A wins two (5000 and 1000), loses one
        cls.won_1 = cls.create_opportunity(
            cls.rep_a, 50, 5000, date(2026, 3, 20), won_on=date(2026, 3, 10)
        )
        cls.create_opportunity(
            cls.rep_a, 50, 1000, date(2026, 3, 20), won_on=date(2026, 3, 12)
        )
        lost = cls.create_opportunity(cls.rep_a, 30, 800, date(2026, 3, 20))
        lost.action_set_lost()
        lost.date_closed = datetime(2026, 3, 15, 10, 0)
        # created in March: the pipeline created and the sales cycle
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE user_id = %s",
            ["2026-03-01 10:00:00", cls.rep_a.id],
        )
        cls.env.invalidate_all()
        # target of rep A for March: 2400 (attainment 50 %)
        plan = cls.create_plan("sale")
        cls.create_quota(plan, cls.rep_a, date(2026, 3, 1), 2400)
        plan.action_activate()

    def card(self, user, period=None, as_user=None):
        Scorecard = self.env["sales.scorecard"]
        if as_user:
            Scorecard = Scorecard.with_user(as_user)
        return Scorecard.search(
            [("period_id", "=", (period or self.march).id), ("user_id", "=", user.id)]
        )


@tagged("post_install", "-at_install")
class TestScorecard(ScorecardCommon):
    def test_kpis(self):
        card = self.card(self.rep_a)
        self.assertEqual(len(card), 1)
        self.assertEqual(card.team_id, self.team_north)
        self.assertAlmostEqual(card.revenue, 1200)
        self.assertAlmostEqual(card.invoiced, 800)
        self.assertAlmostEqual(card.target, 2400)
        self.assertAlmostEqual(card.attainment, 50)
        self.assertEqual(card.won_count, 2)
        self.assertEqual(card.lost_count, 1)
        self.assertAlmostEqual(card.win_rate, 200 / 3)
        self.assertAlmostEqual(card.avg_deal_size, 3000)
        self.assertAlmostEqual(card.margin, 400 + 2 * 60)
        self.assertAlmostEqual(card.margin_percent, 100 * 520 / 1200)
        # customer one's first order is rep A's in February
        self.assertEqual(card.new_customers, 0)
        self.assertEqual(self.card(self.rep_a, self.feb).new_customers, 1)
        self.assertEqual(self.card(self.rep_b, self.feb).new_customers, 1)
        self.assertAlmostEqual(card.pipeline_created, 5000 + 1000 + 800)
        # won on the 10th and the 12th, created on the 1st
        self.assertAlmostEqual(card.avg_cycle_days, 10, places=0)
        self.assertFalse(card.forecast_accuracy)

    def test_previous_period_and_percentiles(self):
        card_a, card_b = self.card(self.rep_a), self.card(self.rep_b)
        self.assertAlmostEqual(card_a.revenue_prev, 100)
        self.assertAlmostEqual(card_a.revenue_delta, 1100)
        self.assertAlmostEqual(card_b.revenue_prev, 500)
        self.assertAlmostEqual(card_b.revenue_delta, -400)
        # within North (A, B and the leader): A has the best revenue
        self.assertEqual(card_a.revenue_pct, 100)
        self.assertLess(card_b.revenue_pct, 100)
        # alone in South: no percentile
        self.assertFalse(self.card(self.rep_c).revenue_pct)

    def test_score_ranks_and_movement(self):
        card_a, card_b = self.card(self.rep_a), self.card(self.rep_b)
        self.assertGreater(card_a.score, card_b.score)
        self.assertEqual(card_a.rank_team, 1)
        self.assertGreater(card_b.rank_team, 1)
        feb_a, feb_b = self.card(self.rep_a, self.feb), self.card(self.rep_b, self.feb)
        self.assertGreater(feb_b.score, feb_a.score)
        self.assertEqual(card_a.rank_team_prev, feb_a.rank_team)
        self.assertEqual(card_a.movement, "up")
        self.assertEqual(card_b.movement, "down")
        self.assertEqual(card_a.rank_move, feb_a.rank_team - 1)
        company_ranks = self.env["sales.scorecard"].search(
            [("period_id", "=", self.march.id)], order="rank_company"
        )
        self.assertEqual(company_ranks[0].rank_company, 1)

    def test_team_weights_change_the_score(self):
        before = self.card(self.rep_c).score
        self.env["sales.scorecard.weight"].create(
            {
                "team_id": self.team_south.id,
                **{f"w_{name}": 0.0 for name in self._kpi_names()},
                "w_activities_overdue": 1.0,
            }
        )
        self.env.invalidate_all()
        # nobody has an overdue activity: every percentile is 0
        self.assertNotEqual(self.card(self.rep_c).score, before)

    def _kpi_names(self):
        from ..models.sales_scorecard_kpi import KPIS

        return [kpi.name for kpi in KPIS]

    def test_kpi_columns_follow_kpis(self):
        """The columns and weight of every KPI are those its description gives."""
        from ..models.sales_scorecard_kpi import KPIS

        Weight = self.env["sales.scorecard.weight"]
        for kpi in KPIS:
            for model in ("sales.scorecard", "sales.scorecard.line"):
                columns = self.env[model]._fields
                self.assertEqual(columns[kpi.name].string, kpi.label)
                self.assertEqual(columns[kpi.name].get_digits(self.env), kpi.digits)
                for suffix, label in (
                    ("_prev", "previous"),
                    ("_delta", "change"),
                    ("_pct", "team percentile"),
                ):
                    self.assertEqual(
                        columns[f"{kpi.name}{suffix}"].string,
                        f"{kpi.label} ({label})",
                    )
            weight = Weight._fields[f"w_{kpi.name}"]
            self.assertEqual(weight.string, kpi.label)
            self.assertEqual(weight.default(Weight), kpi.weight)

    def test_weights_summing_to_zero_are_refused(self):
        Weight = self.env["sales.scorecard.weight"]
        with self.assertRaises(ValidationError) as error:
            Weight.create(
                {
                    "team_id": self.team_north.id,
                    **{f"w_{name}": 0.0 for name in self._kpi_names()},
                }
            )
        self.assertIn("add up to zero", str(error.exception))
        self.assertFalse(Weight.search([("team_id", "=", self.team_north.id)]))
        with self.assertRaises(ValidationError) as error:
            Weight.create({"team_id": self.team_north.id, "w_revenue": -1})
        self.assertIn("cannot be negative", str(error.exception))
        self.assertFalse(Weight.search([("team_id", "=", self.team_north.id)]))
        # an existing set of weights cannot be zeroed either
        weights = Weight.create({"team_id": self.team_north.id})
        with self.assertRaises(ValidationError):
            weights.write({f"w_{name}": 0.0 for name in self._kpi_names()})
        self.assertEqual(weights.w_revenue, 3.0)

    def test_period_must_start_on_first_day(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.scorecard.period"].create(
                {"date_from": date(2026, 4, 3), "period_type": "month"}
            )
        self.assertIn("first day", str(error.exception))

    def test_quarter_and_year(self):
        Period = self.env["sales.scorecard.period"]
        periods = Period._ensure_periods(self.company, date(2026, 3, 15))
        self.assertEqual(
            sorted(periods.mapped("period_type")), ["month", "quarter", "year"]
        )
        self.assertIn(self.march, periods)
        quarter = periods.filtered(lambda period: period.period_type == "quarter")
        card = self.card(self.rep_a, quarter)
        self.assertAlmostEqual(card.revenue, 1300)
        self.assertEqual(card.date_to, date(2026, 3, 31))

    def test_figures_open_their_records(self):
        card = self.card(self.rep_a)
        action = card.with_context(scorecard_figure="revenue").action_view_figure()
        orders = self.env[action["res_model"]].search(action["domain"])
        self.assertAlmostEqual(sum(orders.mapped("amount_untaxed")), card.revenue)
        action = card.with_context(scorecard_figure="won_count").action_view_figure()
        self.assertEqual(
            self.env["crm.lead"].search_count(action["domain"]), card.won_count
        )
        action = card.with_context(scorecard_figure="invoiced").action_view_figure()
        moves = self.env["account.move"].search(action["domain"])
        self.assertAlmostEqual(
            sum(moves.mapped("amount_untaxed_signed")), card.invoiced
        )
        feb = self.card(self.rep_a, self.feb)
        action = feb.with_context(scorecard_figure="new_customers").action_view_figure()
        self.assertEqual(
            self.env[action["res_model"]]
            .search(action["domain"])
            .partner_id.commercial_partner_id,
            self.customer_1,
        )
        action = card.with_context(scorecard_figure="attainment").action_view_figure()
        self.assertEqual(self.env["sales.quota"].search_count(action["domain"]), 1)

    def test_leaderboard_action(self):
        action = self.env["sales.scorecard"]._action_open_leaderboard()
        self.assertEqual(action["res_model"], "sales.scorecard")
        periods = self.env["sales.scorecard.period"].search(
            [("date_from", "<=", date.today()), ("date_to", ">=", date.today())]
        )
        self.assertEqual(len(periods), 3)

    def test_leaderboard_grouped_as_the_screen_reads_it(self):
        """The leaderboard opens grouped by team, in the list's rank order."""
        Scorecard = self.env["sales.scorecard"].with_user(self.manager)
        domain = [("period_id", "=", self.feb.id)]
        groups = Scorecard.web_read_group(
            domain,
            ["score:avg", "rank_team:min", "rank_company:min"],
            ["team_id"],
            orderby="rank_team, rank_company",
        )
        self.assertTrue(groups["groups"])
        self.assertEqual(groups["groups"][0]["rank_team"], 1)
        rows = Scorecard.web_search_read(
            domain, {"rank_team": {}, "user_id": {}}, order="rank_team, rank_company"
        )
        self.assertEqual(rows["records"][0]["rank_team"], 1)
