# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role tries, over JSON-RPC as a web client or script would, what the
security review reproduced: every attempt ends in a clear access or validation
error and changes nothing.

The requests go through Odoo's HTTP layer (``/web/dataset/call_kw`` with a
logged-in session), so what the JSON decoder gives the server (NaN, strings,
lists) is what the models receive.
"""

import json
from datetime import date

import pytest

pytest.importorskip(
    "odoo.addons.sales_management_forecast", reason="the addons are not installed"
)
pytest.importorskip(
    "odoo.addons.sales_management_recruiting", reason="the addons are not installed"
)

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.sales_management.models.sales_recommendation import PRODUCT_SPAN
from odoo.addons.sales_management_forecast.tests.common import (
    ForecastCommon,
)
from odoo.addons.sales_management_recruiting.tests.common import RecruitingCommon

CLEAR_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}


@tagged("post_install", "-at_install")
class TestHostileRpc(ForecastCommon, HttpCase):
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

    def call(self, login, model, method, args, kwargs=None):
        """The JSON-RPC error name of the call, or None when it succeeded."""
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        # json.dumps writes NaN and Infinity as JSON-RPC clients of Python do
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        if "error" not in body:
            return None
        return body["error"]["data"]["name"]

    def assert_refused(self, login, model, method, args, kwargs=None, errors=None):
        error = self.call(login, model, method, args, kwargs)
        self.assertIn(error, errors or CLEAR_ERRORS, f"{login}: {model}.{method}{args}")

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


@tagged("post_install", "-at_install")
class TestHostileRpcHiring(RecruitingCommon, HttpCase):
    """Interviewers, salespeople and recruiters over JSON-RPC on sales hiring."""

    call = TestHostileRpc.call
    assert_refused = TestHostileRpc.assert_refused

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card_a = cls.scorecard(
            cls.applicant_1, cls.interviewer_a, {cls.discovery: 4}
        )
        cls.card_b = cls.scorecard(
            cls.applicant_1, cls.interviewer_b, {cls.discovery: 2}, submit=True
        )

    def test_blind_until_submitted(self):
        login = "sr_interviewer_a"
        self.authenticate(login, login)
        response = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "sales.interview.scorecard",
                "method": "search_read",
                "args": [[("applicant_id", "=", self.applicant_1.id)]],
                "kwargs": {"fields": ["interviewer_id", "recommendation"]},
            },
        )
        self.assertEqual([row["id"] for row in response], self.card_a.ids)
        for model, ids in (
            ("sales.interview.scorecard", self.card_b.ids),
            ("sales.interview.scorecard.line", self.card_b.line_ids.ids),
        ):
            self.assert_refused(
                login,
                model,
                "read",
                [ids, ["id"]],
                errors={"odoo.exceptions.AccessError"},
            )
        for model in (
            "sales.applicant.comparison",
            "sales.applicant.competency",
            "sales.hiring.report",
            "sales.hiring.stage.report",
        ):
            self.assert_refused(
                login,
                model,
                "search_read",
                [[]],
                errors={"odoo.exceptions.AccessError"},
            )

    def test_bad_ratings_and_workflow(self):
        login = "sr_interviewer_a"
        line = self.card_a.line_ids[0]
        for value in (9, 0.5, float("nan"), "abc", [1], -1):
            self.assert_refused(
                login,
                "sales.interview.scorecard.line",
                "write",
                [line.ids, {"rating": value}],
            )
        for vals in ({"state": "submitted"}, {"weighted_score": 5}):
            self.assert_refused(
                login, "sales.interview.scorecard", "write", [self.card_a.ids, vals]
            )
        self.assert_refused(
            login,
            "sales.interview.scorecard.line",
            "write",
            [line.ids, {"weight": 100}],
        )
        self.card_a.invalidate_recordset()
        line.invalidate_recordset()
        self.assertEqual((self.card_a.state, line.rating, line.weight), ("draft", 4, 3))

    def test_scorecards_of_others_refused(self):
        # interviewer_c interviews applicant_3 only
        self.assert_refused(
            "sr_interviewer_c",
            "sales.interview.scorecard",
            "create",
            [{"applicant_id": self.applicant_1.id}],
            errors={"odoo.exceptions.ValidationError"},
        )
        # a second scorecard of the same applicant
        self.assert_refused(
            "sr_interviewer_a",
            "sales.interview.scorecard",
            "create",
            [{"applicant_id": self.applicant_1.id}],
            errors={"odoo.exceptions.ValidationError"},
        )
        # in another interviewer's name
        self.assert_refused(
            "sr_interviewer_a",
            "sales.interview.scorecard",
            "create",
            [
                {
                    "applicant_id": self.applicant_2.id,
                    "interviewer_id": self.interviewer_b.id,
                }
            ],
        )
        # the submitted scorecard of another interviewer
        self.assert_refused(
            "sr_recruiter",
            "sales.interview.scorecard",
            "action_submit",
            [self.card_a.ids],
        )
        self.assertEqual(
            self.env["sales.interview.scorecard"].search_count(
                [("applicant_id", "in", (self.applicant_1 | self.applicant_2).ids)]
            ),
            2,
        )
        self.assertEqual(self.card_a.state, "draft")

    def test_salespeople_see_no_applicant(self):
        for model in ("hr.applicant", "hr.candidate", "sales.interview.scorecard"):
            self.assert_refused(
                "sr_salesman",
                model,
                "search_read",
                [[]],
                errors={"odoo.exceptions.AccessError"},
            )

    def test_ramp_plan_checked_before_the_commit(self):
        """A line written alone is checked once the request's writes are done:
        the error reaches the client and nothing is saved."""
        line = self.job.sales_ramp_ids.sorted("month")[-1]
        self.assert_refused(
            "sr_recruiter",
            "sales.job.ramp",
            "write",
            [line.ids, {"percent": 10}],
            errors={"odoo.exceptions.ValidationError"},
        )
        weights = self.job.sales_competency_ids
        self.assert_refused(
            "sr_sales_manager",
            "sales.job.competency",
            "write",
            [weights.ids, {"weight": 0}],
            errors={"odoo.exceptions.ValidationError"},
        )
        line.invalidate_recordset()
        weights.invalidate_recordset()
        self.assertEqual(line.percent, 100)
        self.assertEqual(sorted(weights.mapped("weight")), [0, 1, 3])
        # a sound plan passes the same way
        self.assertIsNone(
            self.call(
                "sr_recruiter",
                "sales.job.ramp",
                "write",
                [line.ids, {"percent": "100"}],
            )
        )

    def test_onboarding(self):
        """Only recruiters and sales managers onboard; values of the wrong
        type, an applicant not hired and the onboarding record written by
        hand are refused, and nothing changes."""
        for login in ("sr_salesman", "sr_interviewer_a"):
            self.assert_refused(
                login,
                "sales.applicant.onboard",
                "create",
                [{"applicant_id": self.applicant_1.id}],
                errors={"odoo.exceptions.AccessError"},
            )
        for vals in (
            {"period_target": float("nan")},
            {"period_target": "abc"},
            {"start_date": "2027-02-30"},
            {"start_date": [2027, 1, 1]},
            {"target_plan_id": "1"},
            {"applicant_id": 1.5},
        ):
            self.assert_refused(
                "sr_recruiter",
                "sales.applicant.onboard",
                "create",
                [{"applicant_id": self.applicant_1.id, **vals}],
                errors={"odoo.exceptions.ValidationError"},
            )
        # created, but the applicant is not hired
        self.authenticate("sr_recruiter", "sr_recruiter")
        wizard_id = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "sales.applicant.onboard",
                "method": "create",
                "args": [{"applicant_id": self.applicant_1.id}],
                "kwargs": {},
            },
        )
        self.assert_refused(
            "sr_recruiter",
            "sales.applicant.onboard",
            "action_onboard",
            [[wizard_id]],
            errors={"odoo.exceptions.UserError"},
        )
        self.assert_refused(
            "sr_recruiter",
            "hr.applicant",
            "write",
            [self.applicant_1.ids, {"sales_onboarded_date": "2026-12-01 10:00:00"}],
            errors={"odoo.exceptions.UserError"},
        )
        self.applicant_1.invalidate_recordset()
        self.assertFalse(self.applicant_1.sales_onboarded_date)
        self.assertFalse(self.applicant_1.employee_id)

    def test_hiring_plan_and_quality_of_hire(self):
        """Interviewers and salespeople read none of them; wrong values of a
        hiring plan are validation errors and create nothing."""
        models = (
            "sales.hiring.plan",
            "sales.hiring.plan.team",
            "sales.hiring.plan.line",
            "sales.quality.hire",
            "sales.quality.hire.summary",
        )
        for login in ("sr_interviewer_a", "sr_salesman"):
            for model in models:
                self.assert_refused(
                    login,
                    model,
                    "search_read",
                    [[]],
                    errors={"odoo.exceptions.AccessError"},
                )
        count = self.env["sales.hiring.plan"].search_count([])
        for vals in (
            {"period_count": "abc"},
            {"period_count": float("nan")},
            {"period_count": [1]},
            {"lead_time": "1e300"},
            {"ramp_months": True},
            {"basis": 3},
            {"date_from": "2026-02-30"},
            {"quota_plan_id": "x"},
        ):
            self.assert_refused(
                "sr_recruiter",
                "sales.hiring.plan",
                "create",
                [vals],
                errors={"odoo.exceptions.ValidationError"},
            )
        for vals in ({"period_count": 0}, {"period_count": 99}):
            self.assert_refused("sr_recruiter", "sales.hiring.plan", "create", [vals])
        self.assertEqual(self.env["sales.hiring.plan"].search_count([]), count)
