# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Interviewers, salespeople and recruiters try, over JSON-RPC, what sales
hiring refuses them: every attempt ends in a clear access or validation error
and changes nothing (see test_rpc_hostile)."""

import pytest

pytest.importorskip(
    "odoo.addons.sales_management_recruiting", reason="the addons are not installed"
)

from rpc_calls import JsonRpcCalls

from odoo.tests import HttpCase, tagged

from odoo.addons.sales_management_recruiting.tests.common import RecruitingCommon


@tagged("post_install", "-at_install")
class TestHostileRpcHiring(JsonRpcCalls, RecruitingCommon, HttpCase):
    """Interviewers, salespeople and recruiters over JSON-RPC on sales hiring."""

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
