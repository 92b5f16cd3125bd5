# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Visit and call ratios of the scorecards: meetings (calendar events about
an opportunity, held) and calls (done activities of a Call type) per
opportunity created and per deal won, with their drill-down."""

from datetime import datetime

from odoo.tests import tagged

from ..models.sales_scorecard_kpi import KPI_BY_NAME
from .test_scorecard import ScorecardCommon


@tagged("post_install", "-at_install")
class TestScorecardContacts(ScorecardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Event = cls.env["calendar.event"]
        # rep A: three meetings about opportunities held in March, one in
        # April (not March), one without opportunity (not a customer visit)
        for day in (3, 10, 17):
            Event.create(
                {
                    "name": f"Visit {day}",
                    "user_id": cls.rep_a.id,
                    "opportunity_id": cls.won_1.id,
                    "start": datetime(2026, 3, day, 9),
                    "stop": datetime(2026, 3, day, 10),
                }
            )
        Event.create(
            {
                "name": "Visit in April",
                "user_id": cls.rep_a.id,
                "opportunity_id": cls.won_1.id,
                "start": datetime(2026, 4, 2, 9),
                "stop": datetime(2026, 4, 2, 10),
            }
        )
        Event.create(
            {
                "name": "Team lunch",
                "user_id": cls.rep_a.id,
                "start": datetime(2026, 3, 4, 12),
                "stop": datetime(2026, 3, 4, 13),
            }
        )
        # two calls done in March by rep A, one email done (not a call)
        call_type = cls.env["mail.activity.type"].search(
            [("category", "=", "phonecall")], limit=1
        )
        email_type = cls.env.ref("mail.mail_activity_data_email")
        cls.calls = cls.env["mail.message"]
        for activity_type in (call_type, call_type, email_type):
            activity = cls.won_1.activity_schedule(
                activity_type_id=activity_type.id, user_id=cls.rep_a.id
            )
            activity.with_user(cls.rep_a).action_feedback(feedback="done")
        cls.env.flush_all()
        # done in March (their messages are dated now)
        cls.env.cr.execute(
            """UPDATE mail_message SET date = '2026-03-11 15:00:00'
                WHERE model = 'crm.lead' AND res_id = %s
                  AND mail_activity_type_id IS NOT NULL""",
            [cls.won_1.id],
        )
        cls.env.invalidate_all()

    def test_ratios(self):
        card = self.card(self.rep_a)
        # three opportunities created in March, two won
        self.assertEqual(card.opportunities_created, 3)
        self.assertEqual(card.meetings_done, 3)
        self.assertEqual(card.calls_done, 2)
        self.assertAlmostEqual(card.meetings_per_opportunity, 1.0)
        self.assertAlmostEqual(card.calls_per_opportunity, 2 / 3, places=2)
        self.assertAlmostEqual(card.meetings_per_won, 1.5)
        self.assertAlmostEqual(card.calls_per_won, 1.0)
        # not in the overall score by default: the weights are 0
        for name in ("meetings_per_opportunity", "calls_per_won"):
            self.assertEqual(KPI_BY_NAME[name].weight, 0.0)
        # rep B: no opportunity, no meeting: no ratio
        card_b = self.card(self.rep_b)
        self.assertFalse(card_b.meetings_per_opportunity)
        self.assertFalse(card_b.calls_per_won)

    def test_drill_down(self):
        card = self.card(self.rep_a)
        action = card.with_context(
            scorecard_figure="meetings_per_won"
        ).action_view_figure()
        events = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertEqual(
            sorted(events.mapped("name")), ["Visit 10", "Visit 17", "Visit 3"]
        )
        action = card.with_context(scorecard_figure="calls_done").action_view_figure()
        calls = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(len(calls), 2)
        action = card.with_context(
            scorecard_figure="opportunities_created"
        ).action_view_figure()
        self.assertEqual(
            self.env[action["res_model"]]
            .with_context(active_test=False)
            .search_count(action["domain"]),
            3,
        )

    def test_closed_month_keeps_its_contacts(self):
        self.march.action_close()
        card = self.card(self.rep_a)
        self.assertTrue(card.is_closed)
        self.assertEqual(card.meetings_done, 3)
        self.assertAlmostEqual(card.meetings_per_won, 1.5)
        # a meeting added later does not change the closed month
        self.env["calendar.event"].create(
            {
                "name": "Late entry",
                "user_id": self.rep_a.id,
                "opportunity_id": self.won_1.id,
                "start": datetime(2026, 3, 25, 9),
                "stop": datetime(2026, 3, 25, 10),
            }
        )
        self.assertEqual(self.card(self.rep_a).meetings_done, 3)
