# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SALESMAN, SalesManagementCommon


@tagged("post_install", "-at_install")
class TestCustomerTimeline(SalesManagementCommon):
    """One timeline per customer: orders, invoices, opportunities won and
    lost, activities and messages, newest first, each opening its record,
    read with the rights on the documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Timeline = cls.env["sales.customer.timeline"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "Timeline Customer", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Timeline Buyer", "parent_id": cls.customer.id}
        )
        cls.quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.contact.id,
                "user_id": cls.rep_a.id,
                "team_id": cls.team_north.id,
                "date_order": datetime(2026, 3, 10, 9),
                "order_line": [Command.create({"product_id": cls.service.id})],
            }
        )
        cls.order_north = cls.create_order(
            cls.rep_a, date(2026, 1, 5), [(cls.service, 2, 100)], partner=cls.customer
        )
        cls.order_south = cls.create_order(
            cls.rep_c, date(2026, 1, 20), [(cls.laptop, 1, 1000)], partner=cls.contact
        )
        cls.invoice = cls._invoice(date(2026, 2, 1), "out_invoice", 300)
        cls.refund = cls._invoice(date(2026, 2, 3), "out_refund", 50)
        cls.won = cls.create_opportunity(
            cls.rep_a, 100, 5000, date(2026, 2, 10), won_on=date(2026, 2, 10)
        )
        cls.lost = cls.create_opportunity(cls.rep_c, 30, 700, date(2026, 2, 12))
        (cls.won | cls.lost).partner_id = cls.customer
        cls.lost.action_set_lost()
        cls.lost.date_closed = datetime(2026, 2, 12, 9)
        cls.activity = cls.customer.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=date(2026, 4, 1),
            summary="Call about the renewal",
            user_id=cls.rep_a.id,
        )
        done = cls.order_south.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date(2026, 1, 25),
            summary="Check the delivery",
            user_id=cls.rep_c.id,
        )
        done.action_feedback(feedback="Delivered")
        cls.note = cls.won.message_post(
            body="The buyer wants a second site next year",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.env.flush_all()

    @classmethod
    def _invoice(cls, when, move_type, amount):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.contact.id,
                "invoice_date": when,
                "invoice_user_id": cls.rep_a.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.service.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def rows(self, user=None):
        Timeline = self.Timeline.with_user(user) if user else self.Timeline
        return Timeline.search([("partner_id", "=", self.customer.id)])

    def test_every_kind_newest_first(self):
        rows = self.rows()
        kinds = rows.mapped("kind")
        self.assertEqual(
            set(kinds),
            {
                "quotation",
                "order",
                "invoice",
                "credit_note",
                "won",
                "lost",
                "activity",
                "activity_done",
                "message",
            },
        )
        dates = rows.mapped("date")
        self.assertEqual(dates, sorted(dates, reverse=True))
        by_kind = {row.kind: row for row in rows}
        self.assertAlmostEqual(by_kind["credit_note"].amount, -50.0)
        self.assertAlmostEqual(by_kind["invoice"].amount, 300.0)
        self.assertEqual(by_kind["won"].amount, 5000.0)
        self.assertEqual(by_kind["activity"].name, "Call about the renewal")
        self.assertIn("second site", by_kind["message"].name)
        self.assertEqual(by_kind["message"].res_model, "crm.lead")
        self.assertEqual(by_kind["activity_done"].res_id, self.order_south.id)
        # the contact's documents are the customer's
        self.assertIn(self.order_south.id, rows.filtered("res_id").mapped("res_id"))
        self.assertEqual(set(rows.partner_id.ids), {self.customer.id})

    def test_grouped_by_kind(self):
        groups = dict(
            self.Timeline._read_group(
                [("partner_id", "=", self.customer.id)], ["kind"], ["__count"]
            )
        )
        self.assertEqual(groups["order"], 2)
        self.assertEqual(groups["quotation"], 1)

    def test_each_row_opens_its_record(self):
        expected = {
            "quotation": ("sale.order", self.quotation.id),
            "invoice": ("account.move", self.invoice.id),
            "won": ("crm.lead", self.won.id),
            "lost": ("crm.lead", self.lost.id),
            "activity": ("res.partner", self.customer.id),
            "message": ("crm.lead", self.won.id),
            "activity_done": ("sale.order", self.order_south.id),
        }
        rows = {row.kind: row for row in self.rows()}
        for kind, (model, res_id) in expected.items():
            action = rows[kind].action_open_record()
            self.assertEqual((action["res_model"], action["res_id"]), (model, res_id))

    def test_a_row_gone_says_so(self):
        row = self.rows().filtered(lambda r: r.kind == "activity")
        self.activity.action_feedback(feedback="Called")
        with self.assertRaises(UserError):
            row.action_open_record()

    def test_salesperson_sees_the_rows_of_the_documents_they_see(self):
        # rep_b (North, own documents) reads none of rep_a's or rep_c's
        # orders and leads; the invoices follow the invoicing rights the test
        # users hold (all of them)
        rows = self.rows(self.rep_b)
        self.assertFalse(rows.filtered(lambda r: r.kind in ("order", "quotation")))
        self.assertFalse(rows.filtered(lambda r: r.kind in ("won", "lost")))
        self.assertTrue(rows.filtered(lambda r: r.kind == "invoice"))
        # rep_c: their order (and its done activity), the lost lead
        rows_c = self.rows(self.rep_c)
        orders = rows_c.filtered(lambda r: r.res_model == "sale.order")
        self.assertEqual(set(orders.mapped("res_id")), {self.order_south.id})
        self.assertEqual(
            rows_c.filtered(lambda r: r.kind == "lost").res_id, self.lost.id
        )
        # the leader of North: rep_a's documents, not rep_c's
        leader_orders = self.rows(self.leader).filtered(
            lambda r: r.kind in ("order", "quotation")
        )
        self.assertEqual(
            set(leader_orders.mapped("res_id")),
            {self.quotation.id, self.order_north.id},
        )
        self.assertEqual(len(self.rows(self.manager)), len(self.rows()))
        # the same rights when rows are read by id, counted or grouped
        hidden = self.rows().filtered(lambda r: r.res_id == self.order_north.id)
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep_c).read(["name"])
        with self.assertRaises(AccessError):
            hidden.with_user(self.rep_c).action_open_record()
        count = self.Timeline.with_user(self.rep_c).search_count(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(count, len(rows_c))

    def test_activity_assigned_to_the_user(self):
        """An activity on a document the user cannot read is theirs when it is
        assigned to them (as Odoo's activities are)."""
        activity = self.order_north.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=date(2026, 5, 1),
            summary="Call for rep_c",
            user_id=self.rep_c.id,
        )
        self.env.flush_all()
        rows = self.rows(self.rep_c).filtered(lambda r: r.kind == "activity")
        self.assertIn("Call for rep_c", rows.mapped("name"))
        self.assertEqual(
            rows.filtered(lambda r: r.name == "Call for rep_c").res_id,
            self.order_north.id,
        )
        self.assertTrue(activity)

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Timeline Other Co"})
        self.env["sale.order"].create(
            {"partner_id": self.customer.id, "company_id": other.id}
        )
        self.env.flush_all()
        user = new_test_user(
            self.env,
            login="sm_timeline_all",
            groups=f"base.group_user,{SALESMAN},sales_team.group_sale_salesman_all_leads",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        rows = self.rows(user)
        self.assertEqual(rows.company_id, self.company)
        self.assertEqual(len(rows.filtered(lambda r: r.kind == "quotation")), 1)

    def test_set_based(self):
        """The queries of a page of the timeline do not grow with its rows."""
        Timeline = self.Timeline.with_user(self.manager)

        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Timeline.web_search_read(
                [("partner_id", "=", self.customer.id)],
                {"kind": {}, "date": {}, "name": {}, "amount": {}, "user_id": {}},
                limit=80,
            )
            return self.env.cr.sql_log_count - before

        queries()  # caches of the rules and the users, warm
        few = queries()
        for day in range(1, 21):
            self.create_order(
                self.rep_a, date(2025, 6, day), [(self.service, 1, 10)], self.customer
            )
        self.env.flush_all()
        queries()
        self.assertEqual(queries(), few)

    def test_partner_button(self):
        action = self.contact.action_sm_open_timeline()
        self.assertEqual(action["res_model"], "sales.customer.timeline")
        self.assertEqual(action["domain"], [("partner_id", "=", self.customer.id)])
