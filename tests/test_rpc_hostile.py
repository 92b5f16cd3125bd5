# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role tries, over JSON-RPC as a web client or script would, what the
security review reproduced: every attempt ends in a clear access or validation
error and changes nothing.

The requests go through Odoo's HTTP layer (``/web/dataset/call_kw`` with a
logged-in session), so what the JSON decoder gives the server (NaN, strings,
lists) is what the models receive.
"""

from datetime import date

import pytest

pytest.importorskip(
    "odoo.addons.sales_management_forecast", reason="the addons are not installed"
)
pytest.importorskip(
    "odoo.addons.sales_management_recruiting", reason="the addons are not installed"
)

from rpc_calls import JsonRpcCalls

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.sales_management.models.sales_recommendation import PRODUCT_SPAN
from odoo.addons.sales_management_forecast.tests.common import (
    ForecastCommon,
)


@tagged("post_install", "-at_install")
class TestHostileRpc(JsonRpcCalls, ForecastCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Co (RPC)"})
        # the current month: submissions are open, so a refusal is about access
        cls.sheet = cls.prepare_sheet(day=date.today())
        cls.forecast_b = cls.forecast_of(cls.sheet, cls.rep_b)
        cls.forecast_company = cls.forecast_of(cls.sheet, cls.company)
        cls.plan = cls.create_plan("sale")
        cls.quota = cls.create_quota(cls.plan, cls.rep_a, date(2026, 3, 1), 1000)
        cls.plan.action_activate()
        cls.plan.action_close()
        cls.rule = cls.env["sales.scoring.rule"].create(
            {"name": "RPC rule", "domain": "[]", "points": 5}
        )
        cls.period = cls.env["sales.scorecard.period"].create(
            {"company_id": cls.company.id, "date_from": date(2026, 1, 1)}
        )
        cls.period.action_close()
        cls.review = cls.env["sales.evaluation"].create(
            {
                "user_id": cls.rep_a.id,
                "period_id": cls.period.id,
                "team_id": cls.team_north.id,
            }
        )
        cls.review.with_user(cls.leader).action_share()

    def test_salesperson_reads_no_colleague_figures(self):
        forecast_a = self.forecast_of(self.sheet, self.rep_a)
        self.assertIsNone(
            self.call(
                "sm_rep_a",
                "sales.forecast.submit",
                "create",
                [{"forecast_id": forecast_a.id, "amount": 1}],
            )
        )
        self.assert_refused(
            "sm_rep_a",
            "sales.forecast.submit",
            "create",
            [{"forecast_id": self.forecast_b.id, "amount": 1}],
            errors={"odoo.exceptions.AccessError"},
        )
        self.assert_refused(
            "sm_rep_a",
            "sales.forecast.submit",
            "create",
            [{"forecast_id": self.forecast_company.id, "amount": 1}],
            errors={"odoo.exceptions.AccessError"},
        )
        self.assert_refused(
            "sm_rep_a",
            "sales.forecast.snapshot",
            "search_read",
            [[]],
            {"fields": ["amount_total", "weighted_total"]},
        )
        self.assert_refused(
            "sm_rep_a",
            "sales.forecast.category.mapping",
            "action_apply",
            [self.mapping.ids],
        )

    def test_context_keys_grant_nothing(self):
        self.assert_refused(
            "sm_manager",
            "sales.scorecard.period",
            "write",
            [self.period.ids, {"state": "open"}],
            {"context": {"sales_scorecard_closing": True}},
        )
        self.assert_refused(
            "sm_manager", "sales.scorecard.period", "unlink", [self.period.ids]
        )
        self.assertEqual(self.period.state, "closed")

    def test_frozen_history_stays_frozen(self):
        self.assert_refused(
            "sm_manager",
            "sales.quota",
            "write",
            [self.quota.ids, {"snapshot_achieved": 1e6}],
        )
        self.assert_refused(
            "sm_manager",
            "sales.forecast",
            "write",
            [self.forecast_b.ids, {"accuracy": 99}],
        )
        for vals in ({"state": "acknowledged"}, {"state": "done"}, {"state": "draft"}):
            self.assert_refused(
                "sm_leader", "sales.evaluation", "write", [self.review.ids, vals]
            )
        self.assertEqual(self.review.state, "shared")
        self.assertEqual(self.quota.snapshot_achieved, 0)

    def test_wrong_types_are_validation_errors(self):
        for value in (float("nan"), float("inf"), 1e300, "abc", [1], {"a": 1}):
            for field in ("decay_per_week", "points"):
                self.assert_refused(
                    "sm_manager",
                    "sales.scoring.rule",
                    "write",
                    [self.rule.ids, {field: value}],
                )
        self.rule.invalidate_recordset()
        self.assertEqual((self.rule.decay_per_week, self.rule.points), (0, 5))
        # the same channel writes a sound value
        self.assertIsNone(
            self.call(
                "sm_manager",
                "sales.scoring.rule",
                "write",
                [self.rule.ids, {"decay_per_week": "1.5"}],
            )
        )
        self.rule.invalidate_recordset()
        self.assertEqual(self.rule.decay_per_week, 1.5)

    def test_follow_up_rules(self):
        rule = self.env["sales.followup.rule"].create(
            {"name": "RPC follow-up", "kind": "dormant_customer"}
        )
        for login in ("sm_rep_a", "sm_leader"):
            for method, args in (
                ("action_run_now", [rule.ids]),
                ("action_preview", [rule.ids]),
                ("write", [rule.ids, {"max_idle_days": 1}]),
            ):
                self.assert_refused(
                    login,
                    "sales.followup.rule",
                    method,
                    args,
                    errors={"odoo.exceptions.AccessError"},
                )
        for value in (float("nan"), float("inf"), "abc", [1], -5, 1e300):
            self.assert_refused(
                "sm_manager",
                "sales.followup.rule",
                "write",
                [rule.ids, {"max_idle_days": value}],
            )
        for value in (2, 0, float("nan")):
            self.assert_refused(
                "sm_manager",
                "sales.followup.rule",
                "write",
                [rule.ids, {"threshold": value}],
            )
        self.assert_refused(
            "sm_manager",
            "sales.followup.log",
            "create",
            [
                {
                    "rule_id": rule.id,
                    "res_model": "res.partner",
                    "res_id": 1,
                    "episode": "x",
                }
            ],
            errors={"odoo.exceptions.AccessError"},
        )
        rule.invalidate_recordset()
        self.assertEqual((rule.max_idle_days, rule.threshold), (730, 0.3))

    def test_other_company_refused(self):
        self.assert_refused(
            "sm_manager",
            "sales.category.propensity",
            "create",
            [{"company_id": self.other_company.id, "product_categ_id": 1}],
        )

    def test_lead_suggestions(self):
        """Suggestions are made by the mail gateway and the notes, decided by
        whoever edits the lead, written by nobody."""
        lead = self.env["crm.lead"].create(
            {"name": "RPC lead", "user_id": self.rep_b.id}
        )
        Suggestion = self.env["sales.lead.suggestion"]
        phone = Suggestion._suggest_from_text(lead, "Call +33 6 12 34 56 78")
        self.assertEqual(phone.kind, "phone")
        for method in ("action_accept", "action_dismiss", "read"):
            self.assert_refused(
                "sm_rep_a",
                "sales.lead.suggestion",
                method,
                [phone.ids],
                errors={"odoo.exceptions.AccessError"},
            )
        for method, args in (
            ("write", [phone.ids, {"state": "accepted"}]),
            ("write", [phone.ids, {"lead_id": lead.id, "value": "+33611111111"}]),
            ("create", [{"lead_id": lead.id, "kind": "phone", "value": "1"}]),
            ("unlink", [phone.ids]),
            ("_suggest_from_text", [lead.id, "Call +33 6 11 11 11 11"]),
        ):
            self.assert_refused(
                "sm_rep_b",
                "sales.lead.suggestion",
                method,
                args,
                errors={"odoo.exceptions.AccessError"},
            )
        self.assertEqual(phone.state, "new")
        self.assertIsNone(
            self.call(
                "sm_rep_b", "sales.lead.suggestion", "action_dismiss", [phone.ids]
            )
        )
        phone.invalidate_recordset()
        self.assertEqual((phone.state, phone.decided_uid), ("dismissed", self.rep_b))
        self.assertEqual(Suggestion.search_count([("lead_id", "=", lead.id)]), 1)

    def test_suggestions_and_timeline_of_records_not_seen(self):
        """A salesperson sends the ids of another's quotation's suggestions
        and timeline lines, and ids that no line has: clear refusals, and
        nothing added, dismissed or recorded."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_2.id,
                "user_id": self.rep_c.id,
                "order_line": [Command.create({"product_id": self.laptop.id})],
            }
        )
        self.env["sales.recommendation.list"].sudo().create(
            {
                "partner_id": self.customer_2.id,
                "company_id": order.company_id.id,
                "suggestions": [
                    [self.service.id, 1.0, 1.0, "popular", None, 0.5, None]
                ],
            }
        )
        suggestion = order.id * PRODUCT_SPAN + self.service.id
        for method in ("action_add", "action_dismiss"):
            self.assert_refused(
                "sm_rep_a",
                "sales.order.suggestion",
                method,
                [[suggestion]],
                errors={"odoo.exceptions.AccessError"},
            )
            for junk in ("abc", -5, 987654 * PRODUCT_SPAN + 1):
                self.assert_refused(
                    "sm_rep_a", "sales.order.suggestion", method, [[junk]]
                )
        self.assert_refused(
            "sm_rep_a",
            "sales.customer.timeline",
            "action_open_record",
            [[order.id * 8]],
            errors={"odoo.exceptions.AccessError"},
        )
        for junk in ("abc", 0, 7 * 8 + 5):
            self.assert_refused(
                "sm_rep_a", "sales.customer.timeline", "action_open_record", [[junk]]
            )
        order.invalidate_recordset()
        self.assertEqual(order.order_line.product_id, self.laptop)
        self.assertFalse(
            self.env["sales.recommendation.feedback"].search(
                [("partner_id", "=", self.customer_2.id)]
            )
        )
