# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.sales_order_suggestion import PRODUCT_SPAN
from .recommendation_common import RecommendationCommon


@tagged("post_install", "-at_install")
class TestQuotationSuggestions(RecommendationCommon):
    def suggested(self, order, user=None):
        """The suggestions of the quotation, as a new request reads them."""
        self.env.flush_all()
        order.invalidate_recordset(["sm_suggestion_ids"])
        order = order.with_user(user) if user else order
        return order.sm_suggestion_ids

    def test_basket_suggestions_with_their_reason(self):
        order = self.quotation("four", ["desk"])
        rows = self.suggested(order)
        chair = rows.filtered(lambda r: r.product_id == self.products["chair"])
        self.assertEqual(rows[0], chair)
        self.assertEqual(chair.reason_kind, "bought_with")
        self.assertEqual(chair.reason_product_id, self.products["desk"])
        self.assertAlmostEqual(chair.share, 0.8)
        self.assertEqual(chair.reason, "in 80% of the orders with Desk")
        self.assertEqual(chair.id, order.id * PRODUCT_SPAN + chair.product_id.id)
        # the read method of the quotation gives the same, best first
        first = order.sm_get_suggestions()[0]
        self.assertEqual(first["product_id"], self.products["chair"].id)
        self.assertEqual(first["reason"], chair.reason)
        self.assertEqual(order.sm_get_suggestions(limit=0), [])
        self.assertEqual(order.sm_get_suggestions(limit="5"), [])

    def test_products_of_the_quotation_are_not_suggested(self):
        order = self.quotation("one", ["desk", "chair"])
        self.assertFalse(
            self.suggested(order).product_id
            & (self.products["desk"] | self.products["chair"])
        )
        # the customer's own suggestions fill in
        self.assertIn(self.products["lamp"], self.suggested(order).product_id)

    def test_add(self):
        order = self.quotation("four", ["desk"])
        chair = self.suggested(order).filtered(
            lambda r: r.product_id == self.products["chair"]
        )
        chair.with_user(self.rep_a).action_add()
        self.assertIn(self.products["chair"], order.order_line.product_id)
        self.assertNotIn(self.products["chair"], self.suggested(order).product_id)
        feedback = self.env["sales.recommendation.feedback"].search(
            [("order_id", "=", order.id)]
        )
        self.assertEqual(
            (feedback.action, feedback.reason_kind, feedback.user_id, feedback.origin),
            ("accepted", "bought_with", self.rep_a, "quotation"),
        )
        self.assertEqual(feedback.partner_id, self.customers["four"])
        # clicked again on a page not reloaded: nothing more
        lines = len(order.order_line)
        chair.with_user(self.rep_a).action_add()
        self.assertEqual(len(order.order_line), lines)

    def test_dismiss_is_for_good_until_added_again(self):
        order = self.quotation("four", ["desk"])
        other = self.quotation("four", ["desk"])
        chair = self.suggested(order).filtered(
            lambda r: r.product_id == self.products["chair"]
        )
        chair.with_user(self.rep_a).action_dismiss()
        for quotation in (order, other):
            self.assertNotIn(
                self.products["chair"], self.suggested(quotation).product_id
            )
        self.Run._sm_mine(self.company)
        self.assertNotIn(self.products["chair"], self.suggestions_of("four").product_id)
        # the dismissed row, still on a page not reloaded, is added: the
        # product is on the quotation and offered again elsewhere
        chair.with_user(self.rep_a).action_add()
        self.assertIn(self.products["chair"], order.order_line.product_id)
        self.assertIn(self.products["chair"], self.suggested(other).product_id)
        actions = (
            self.env["sales.recommendation.feedback"]
            .search([("partner_id", "=", self.customers["four"].id)])
            .mapped("action")
        )
        self.assertEqual(actions, ["accepted", "dismissed"])

    def test_only_quotations_take_suggestions(self):
        order = self.quotation("four", ["desk"])
        row = self.suggested(order)[:1]
        order.action_confirm()
        self.assertFalse(self.suggested(order))
        with self.assertRaises(UserError):
            row.action_add()

    def test_archived_products_are_not_suggested(self):
        order = self.quotation("four", ["desk"])
        row = self.suggested(order).filtered(
            lambda r: r.product_id == self.products["chair"]
        )
        self.products["chair"].action_archive()
        self.assertNotIn(self.products["chair"], self.suggested(order).product_id)
        with self.assertRaises(UserError):
            row.action_add()

    def test_rights_of_the_quotation(self):
        order = self.quotation("four", ["desk"], user=self.rep_a)
        rows = self.suggested(order)
        self.assertTrue(rows)
        Suggestion = self.env["sales.order.suggestion"]
        # rep_c (South, own documents) cannot read rep_a's quotation
        self.assertFalse(
            Suggestion.with_user(self.rep_c).search([("order_id", "=", order.id)])
        )
        with self.assertRaises(AccessError):
            rows.with_user(self.rep_c).read(["product_id"])
        with self.assertRaises(AccessError):
            rows[0].with_user(self.rep_c).action_add()
        with self.assertRaises(AccessError):
            order.with_user(self.rep_c).sm_get_suggestions()
        self.assertEqual(self.suggested(order, self.leader), rows)
        self.assertNotIn(self.products["chair"], order.order_line.product_id)

    def test_bad_ids(self):
        Suggestion = self.env["sales.order.suggestion"].with_user(self.rep_a)
        with self.assertRaises(UserError):
            Suggestion.browse(987654 * PRODUCT_SPAN + 1).action_add()
        self.assertFalse(Suggestion.search([("id", "in", [-1, 0])]))


@tagged("post_install", "-at_install")
class TestCustomerSuggestions(RecommendationCommon):
    def test_quote_adds_to_the_open_quotation_or_a_new_one(self):
        row = self.suggestions_of("one").filtered(
            lambda r: r.product_id == self.products["lamp"]
        )
        action = row.with_user(self.rep_a).action_add_to_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.customers["one"])
        self.assertEqual(order.user_id, self.rep_a)
        self.assertIn(self.products["lamp"], order.order_line.product_id)
        paper = self.env["sales.recommendation"].search(
            [
                ("partner_id", "=", self.customers["one"].id),
                ("product_id", "=", self.products["paper"].id),
            ]
        )
        if paper:
            action = paper.with_user(self.rep_a).action_add_to_quotation()
            self.assertEqual(action["res_id"], order.id)
        feedback = self.env["sales.recommendation.feedback"].search(
            [("partner_id", "=", self.customers["one"].id)]
        )
        self.assertEqual(set(feedback.mapped("origin")), {"customer"})

    def test_dismiss_removes_the_row(self):
        row = self.suggestions_of("one")[:1]
        product = row.product_id
        row.with_user(self.rep_a).action_dismiss()
        self.assertFalse(row.exists())
        self.Run._sm_mine(self.company)
        self.assertNotIn(product, self.suggestions_of("one").product_id)
        # a page not reloaded: a clear message, nothing changed
        with self.assertRaises(UserError):
            row.with_user(self.rep_a).action_add_to_quotation()
        with self.assertRaises(UserError):
            row.with_user(self.rep_a).action_dismiss()

    def test_who_sees_the_suggestions_of_a_customer(self):
        """A customer's suggestions follow its salesperson, as orders do."""
        Recommendation = self.env["sales.recommendation"]

        def customers(user):
            rows = Recommendation.with_user(user).search(
                [("partner_id", "in", [c.id for c in self.customers.values()])]
            )
            names = {c.id: name for name, c in self.customers.items()}
            return {names[p.id] for p in rows.partner_id}

        self.assertEqual(customers(self.rep_a), {"one", "two", "four"})
        self.assertEqual(customers(self.rep_c), {"three", "four"})
        self.assertEqual(customers(self.rep_b), {"four"})
        self.assertEqual(customers(self.leader), {"one", "two", "four"})
        self.assertEqual(customers(self.manager), {"one", "two", "three", "four"})
        row = self.suggestions_of("three")[:1]
        with self.assertRaises(AccessError):
            row.with_user(self.rep_a).action_dismiss()
        with self.assertRaises(AccessError):
            row.with_user(self.rep_a).write({"sequence": 3})

    def test_partner_read_method(self):
        rows = self.customers["three"].sm_get_recommendations(limit=3)
        self.assertTrue(0 < len(rows) <= 3)
        self.assertEqual(
            set(rows[0]),
            {
                "product_id",
                "product",
                "company_id",
                "score",
                "reason_kind",
                "reason",
                "due_date",
            },
        )
        self.assertEqual(self.customers["three"].sm_get_recommendations(limit=-1), [])


@tagged("post_install", "-at_install")
class TestAcceptanceReport(RecommendationCommon):
    def test_acceptance_rate_per_kind(self):
        Feedback = self.env["sales.recommendation.feedback"]
        for action, kind in (
            ("accepted", "bought_with"),
            ("dismissed", "bought_with"),
            ("accepted", "bought_with"),
            ("dismissed", "reorder"),
        ):
            Feedback.with_user(self.rep_a)._sm_record(
                self.customers["one"],
                self.company,
                self.products["lamp"],
                action,
                "quotation",
                {"reason_kind": kind},
            )
        groups = {
            kind: (accepted, rate)
            for kind, accepted, rate in Feedback.with_user(self.manager)._read_group(
                [("partner_id", "=", self.customers["one"].id)],
                ["reason_kind"],
                ["accepted_count:sum", "acceptance_rate:avg"],
            )
        }
        self.assertEqual(groups["bought_with"][0], 2)
        self.assertAlmostEqual(groups["bought_with"][1], 200 / 3)
        self.assertEqual(groups["reorder"], (0, 0.0))
        # a salesperson reads their own feedback only, and never writes it
        self.assertEqual(
            Feedback.with_user(self.rep_b).search_count(
                [("partner_id", "=", self.customers["one"].id)]
            ),
            0,
        )
        with self.assertRaises(AccessError):
            Feedback.with_user(self.rep_a).search([], limit=1).write(
                {"action": "accepted"}
            )
        with self.assertRaises(AccessError):
            Feedback.with_user(self.rep_b).create(
                {
                    "partner_id": self.customers["one"].id,
                    "product_id": self.products["lamp"].id,
                    "action": "dismissed",
                    "reason_kind": "popular",
                    "user_id": self.rep_a.id,
                }
            )
