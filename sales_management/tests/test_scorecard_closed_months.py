# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .test_scorecard import ScorecardCommon


@tagged("post_install", "-at_install")
class TestScorecardClosedMonths(ScorecardCommon):
    """An open quarter or year reads its closed months as they were closed.

    Q1 2026 (January to March) against Q4 2025, with figures of every kind
    in every month, so that each KPI of the quarter sums several months.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["sales.scorecard.period"]
        cls.customer_3 = cls.env["res.partner"].create({"name": "Customer Three"})
        cls.customer_4 = cls.env["res.partner"].create({"name": "Customer Four"})
        # November 2025 (the previous quarter): orders of reps A and C
        cls.create_order(
            cls.rep_a, date(2025, 11, 4), [(cls.laptop, 2, 900)], partner=cls.customer_4
        )
        cls.create_order(
            cls.rep_c,
            date(2025, 11, 20),
            [(cls.service, 4, 100)],
            partner=cls.customer_4,
        )
        cls.create_invoice(cls.rep_c, date(2025, 12, 3), 400)
        # January: rep C's first customer, rep B's invoice, win and loss
        cls.create_order(
            cls.rep_c, date(2026, 1, 8), [(cls.service, 2, 150)], partner=cls.customer_3
        )
        cls.create_invoice(cls.rep_b, date(2026, 1, 12), 700)
        cls.won_jan = cls.create_opportunity(
            cls.rep_b, 40, 4000, date(2026, 1, 30), won_on=date(2026, 1, 20)
        )
        lost = cls.create_opportunity(cls.rep_c, 20, 900, date(2026, 1, 30))
        lost.action_set_lost()
        lost.date_closed = datetime(2026, 1, 25, 9, 0)
        # February: rep A wins a big deal; rep B has an open one due then
        cls.won_feb = cls.create_opportunity(
            cls.rep_a, 60, 10000, date(2026, 2, 28), won_on=date(2026, 2, 14)
        )
        cls.open_feb = cls.create_opportunity(cls.rep_b, 50, 3000, date(2026, 2, 20))
        cls.create_invoice(cls.rep_a, date(2026, 2, 16), 2500)
        cls.env.flush_all()
        for lead, created in (
            (cls.won_jan, "2026-01-05 08:00:00"),
            (lost, "2026-01-02 08:00:00"),
            (cls.won_feb, "2026-02-01 08:00:00"),
            (cls.open_feb, "2026-02-02 08:00:00"),
        ):
            cls.env.cr.execute(
                "UPDATE crm_lead SET create_date = %s WHERE id = %s", [created, lead.id]
            )
        cls.env.invalidate_all()
        # activities: done by rep B in January, overdue for A and C
        call = cls.env.ref("mail.mail_activity_data_call")
        cls.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": cls.customer_1.id,
                "author_id": cls.rep_b.partner_id.id,
                "mail_activity_type_id": call.id,
                "message_type": "notification",
                "date": datetime(2026, 1, 22, 15, 0),
                "body": "Call done",
            }
        )
        partner_model = cls.env["ir.model"]._get_id("res.partner")
        cls.overdue_jan, cls.overdue_feb = cls.env["mail.activity"].create(
            [
                {
                    "res_model_id": partner_model,
                    "res_id": cls.customer_1.id,
                    "activity_type_id": call.id,
                    "user_id": user.id,
                    "date_deadline": deadline,
                    "summary": "Call back",
                }
                for user, deadline in (
                    (cls.rep_a, date(2026, 1, 15)),
                    (cls.rep_c, date(2026, 2, 10)),
                )
            ]
        )
        cls.jan = Period.create({"date_from": date(2026, 1, 1)})
        cls.oct, cls.nov, cls.dec = Period.create(
            [{"date_from": date(2025, month, 1)} for month in (10, 11, 12)]
        )
        cls.quarter = Period.create(
            {"date_from": date(2026, 1, 1), "period_type": "quarter"}
        )
        cls.year = Period.create({"date_from": date(2026, 1, 1), "period_type": "year"})
        cls.columns = [
            name
            for name in cls.env["sales.scorecard"]._get_stored_columns()
            if name != "user_id"
        ]

    def figures(self, period, as_user=None):
        Scorecard = self.env["sales.scorecard"]
        if as_user:
            Scorecard = Scorecard.with_user(as_user)
        self.env.invalidate_all()
        rows = Scorecard.search_read(
            [("period_id", "=", period.id)], ["user_id", "is_closed", *self.columns]
        )
        return {row["user_id"][0]: row for row in rows}

    def assertSameFigures(self, got, expected):
        self.assertEqual(set(got), set(expected))
        for user_id, row in expected.items():
            for name in self.columns:
                with self.subTest(user=user_id, figure=name):
                    if isinstance(row[name], float):
                        self.assertAlmostEqual(got[user_id][name], row[name], places=6)
                    else:
                        self.assertEqual(got[user_id][name], row[name])

    def close(self, *periods):
        for period in periods:
            period.with_user(self.manager).action_close()

    def test_closed_months_give_the_figures_of_the_documents(self):
        """Every figure of the quarter and of the year, with their previous
        range, percentiles, score and ranks, as computed from the documents."""
        expected = {
            period: self.figures(period) for period in (self.quarter, self.year)
        }
        self.assertTrue(expected[self.quarter][self.rep_a.id]["won_count"])
        self.close(self.oct, self.nov, self.dec, self.jan, self.feb)
        for period, figures in expected.items():
            got = self.figures(period)
            self.assertSameFigures(got, figures)
            self.assertFalse(any(row["is_closed"] for row in got.values()))

    def test_months_closed_out_of_order(self):
        # February closed, January and March open: two runs of open months
        expected = self.figures(self.quarter)
        self.close(self.feb)
        self.assertSameFigures(self.figures(self.quarter), expected)
        # the whole quarter closed month by month, the quarter still open
        self.close(self.march, self.jan)
        self.assertSameFigures(self.figures(self.quarter), expected)

    def test_ratios_from_the_sums_of_the_months(self):
        self.close(self.jan, self.feb)
        card = self.figures(self.quarter)[self.rep_a.id]
        # February: one win of 10000, March: 5000 and 1000 and one loss
        self.assertEqual(card["won_count"], 3)
        self.assertAlmostEqual(card["won_amount"], 16000)
        self.assertAlmostEqual(card["avg_deal_size"], 16000 / 3)
        cycles = [
            datetime(2026, 2, 14) - datetime(2026, 2, 1, 8),
            datetime(2026, 3, 10) - datetime(2026, 3, 1, 10),
            datetime(2026, 3, 12) - datetime(2026, 3, 1, 10),
        ]
        self.assertAlmostEqual(
            card["avg_cycle_days"],
            sum(cycle.total_seconds() for cycle in cycles) / 86400 / 3,
        )
        self.assertAlmostEqual(card["win_rate"], 300 / 4)
        # the orders of February (100) and March (1200, margin 520)
        self.assertAlmostEqual(card["revenue"], 1300)
        self.assertAlmostEqual(card["margin_percent"], 100 * (520 + 60) / 1300)
        self.assertAlmostEqual(card["invoiced"], 2500 + 800)
        # customer one's first order (February) is rep A's
        self.assertEqual(card["new_customers"], 1)

    def test_documents_changed_after_closing(self):
        self.close(self.jan, self.feb)
        before = self.figures(self.quarter)
        feb = self.figures(self.feb)
        # a closed month keeps its figures, and so does the quarter
        order_feb = self.env["sale.order"].search(
            [
                ("user_id", "=", self.rep_a.id),
                ("date_order", ">=", "2026-02-01"),
                ("date_order", "<", "2026-03-01"),
            ]
        )
        order_feb.order_line.price_unit = 999
        self.create_invoice(self.rep_b, date(2026, 1, 28), 5000)
        after = self.figures(self.quarter)
        self.assertAlmostEqual(
            after[self.rep_a.id]["revenue"], before[self.rep_a.id]["revenue"]
        )
        self.assertAlmostEqual(
            after[self.rep_b.id]["invoiced"], before[self.rep_b.id]["invoiced"]
        )
        self.assertAlmostEqual(
            self.figures(self.feb)[self.rep_a.id]["revenue"],
            feb[self.rep_a.id]["revenue"],
        )
        # the open months count their documents
        self.create_order(self.rep_a, date(2026, 3, 20), [(self.service, 1, 250)])
        self.assertAlmostEqual(
            self.figures(self.quarter)[self.rep_a.id]["revenue"],
            before[self.rep_a.id]["revenue"] + 250,
        )
        # what is open is read now, closed months included: rep B's deal of
        # February is lost, rep A's overdue call of January is done
        self.assertAlmostEqual(before[self.rep_b.id]["open_pipeline"], 1500)
        self.assertEqual(before[self.rep_a.id]["activities_overdue"], 1)
        self.open_feb.action_set_lost()
        self.overdue_jan.action_feedback("Called")
        now = self.figures(self.quarter)
        self.assertAlmostEqual(now[self.rep_b.id]["open_pipeline"], 0)
        self.assertEqual(now[self.rep_a.id]["activities_overdue"], 0)
        self.assertEqual(now[self.rep_c.id]["activities_overdue"], 1)
        # the closed month keeps them as they were at its closing
        self.assertAlmostEqual(
            self.figures(self.feb)[self.rep_b.id]["open_pipeline"], 1500
        )

    def test_closing_the_quarter_stores_the_same_figures(self):
        self.close(self.jan, self.feb)
        live = self.figures(self.quarter)
        self.close(self.quarter)
        stored = self.figures(self.quarter)
        self.assertTrue(all(row["is_closed"] for row in stored.values()))
        self.assertSameFigures(stored, live)

    def test_record_rules_and_companies(self):
        expected = self.figures(self.quarter)
        # another company's closed months count for its own quarters only
        other = self.env["res.company"].create({"name": "Other Co"})
        self.rep_a.company_ids |= other
        self.env["sale.order"].create(
            {
                "partner_id": self.customer_1.id,
                "user_id": self.rep_a.id,
                "team_id": False,
                "company_id": other.id,
                "order_line": [Command.create({"product_id": self.service.id})],
            }
        ).action_confirm()
        other_feb = self.env["sales.scorecard.period"].create(
            {"company_id": other.id, "date_from": date(2026, 2, 1)}
        )
        self.env["sale.order"].search(
            [("company_id", "=", other.id)]
        ).date_order = datetime(2026, 2, 3, 10, 0)
        other_feb.action_close()
        self.assertTrue(
            self.env["sales.scorecard.line"].search(
                [("period_id", "=", other_feb.id), ("user_id", "=", self.rep_a.id)]
            )
        )
        self.close(self.jan, self.feb)
        self.assertSameFigures(self.figures(self.quarter), expected)
        # each reads the rows the record rules give, with the same figures
        for user, users in (
            (self.rep_a, self.rep_a),
            (self.leader, self.rep_a | self.rep_b),
            (self.manager, self.env["res.users"].browse(list(expected))),
        ):
            visible = self.figures(self.quarter, as_user=user)
            self.assertEqual(set(visible), set(users.ids))
            self.assertSameFigures(
                visible, {user_id: expected[user_id] for user_id in users.ids}
            )
