# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each kind of follow-up rule, on records made by hand: when it fires, when
it does not, escalation, stopping by itself."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .followup_common import NOW, FollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupKinds(FollowupCommon):
    def test_first_contact(self):
        rule = self.create_rule("first_contact", delay_days=3, escalation_days=2)
        forgotten = self.create_lead(self.rep_a, "Forgotten")
        self.post(forgotten, 4)
        recent = self.create_lead(self.rep_a, "Recent")
        self.post(recent, 1)
        answered = self.create_lead(self.rep_a, "Answered")
        self.post(answered, 6)
        self.post(answered, 4, author=self.customer_1, message_type="email")
        planned = self.create_lead(self.rep_b, "Planned")
        self.post(planned, 5)
        planned.activity_schedule(user_id=self.rep_b.id, summary="Call back")
        untouched = self.create_lead(self.rep_a, "Untouched")
        lead_type = self.create_lead(self.rep_c, "A lead", type="lead")
        self.post(lead_type, 8)
        # a tracking message or a note of a rule is no contact
        self.post(recent, 10, message_type="notification")

        self.assertEqual(self.run_rules(rule), 2)
        first = self.activities(forgotten, rule)
        self.assertEqual(first.user_id, self.rep_a)
        self.assertIn("Rule first_contact", first.note)
        self.assertIn("no activity or message for 4 days", first.note)
        self.assertEqual(first.summary, "Follow up")
        self.assertEqual(first.date_deadline, NOW.date())
        # an activity like any other: on the record, in its user's list
        self.assertEqual(first.res_name, "Forgotten")
        self.assertTrue(first.automated)
        self.assertEqual(forgotten.activity_ids, first)
        self.assertIn(first, self.env["mail.activity"].with_user(self.rep_a).search([]))
        for lead in (recent, answered, planned, untouched):
            self.assertFalse(self.activities(lead, rule), lead.name)
        # South has no leader: the escalation is a reminder for the salesperson
        self.assertEqual(self.activities(lead_type, rule).user_id, self.rep_c)

        # two more days: the reminder, still open, goes to the team leader
        with freeze_time(NOW + timedelta(days=1)):
            self.assertEqual(rule.sudo()._run_rules()[0], 1)
        self.assertEqual(forgotten.activity_ids, first, "one open activity")
        self.assertEqual(first.user_id, self.leader)
        self.assertIn("5 days since the first contact", first.note)
        self.assertIn("2 more days: escalated to the team leader", first.note)
        logs = self.Log.search([("res_id", "=", forgotten.id)])
        self.assertEqual(
            sorted(logs.mapped(lambda log: (log.step, log.state))),
            [("escalation", "open"), ("first", "escalated")],
        )
        first.action_feedback(feedback="Talked to the salesperson")
        self.assertEqual(
            sorted(logs.mapped("state")), ["done", "escalated"], "nothing more"
        )
        with freeze_time(NOW + timedelta(days=2)):
            rule.sudo()._run_rules()
        self.assertEqual(len(self.Log.search([("res_id", "=", forgotten.id)])), 2)

    def test_stalled_stage_with_delays_per_stage(self):
        next_stage = self.env["crm.stage"].create({"name": "Proposal (test)"})
        rule = self.create_rule(
            "stalled_stage",
            delay_days=20,
            escalation_days=3,
            stage_delay_ids=[(0, 0, {"stage_id": self.open_stage.id, "days": 10})],
        )
        stuck = self.create_lead(self.rep_a, "Stuck")
        within_default = self.create_lead(self.rep_a, "Within", stage=next_stage)
        long_stuck = self.create_lead(self.rep_b, "Long stuck", stage=next_stage)
        moving = self.create_lead(self.rep_a, "Moving")
        won = self.create_lead(self.rep_a, "Won")
        won.write({"stage_id": self.won_stage.id, "probability": 100})
        for lead, days in (
            (stuck, 12),
            (within_default, 12),
            (long_stuck, 25),
            (moving, 2),
            (won, 40),
        ):
            lead.date_last_stage_update = self.ago(days)
        self.env.flush_all()

        self.assertEqual(self.run_rules(rule), 2)
        activity = self.activities(stuck, rule)
        self.assertEqual(activity.user_id, self.rep_a)
        self.assertIn("in the stage Qualified (test) for 12 days", activity.note)
        self.assertIn("the limit is 10", activity.note)
        # beyond the escalation at once: to the team leader only
        escalated = self.activities(long_stuck, rule)
        self.assertEqual(escalated.user_id, self.leader)
        self.assertIn("5 more days: escalated", escalated.note)
        for lead in (within_default, moving, won):
            self.assertFalse(self.activities(lead, rule), lead.name)

        # the stage moves: a new episode, fired when it lasts in turn (once
        # the first activity is done: never two open at once)
        stuck.stage_id = next_stage
        self.assertEqual(self.run_rules(rule), 0)
        activity.action_feedback(feedback="Sent the proposal")
        stuck.date_last_stage_update = self.ago(21)
        self.assertEqual(self.run_rules(rule), 1)
        self.assertEqual(len(self.Log.search([("res_id", "=", stuck.id)])), 2)

    def test_unanswered_quotation_stops_on_reply(self):
        rule = self.create_rule("unanswered_quotation", delay_days=7, post_note=True)
        waiting = self.create_quotation(self.rep_a, 10)
        young = self.create_quotation(self.rep_a, 3)
        answered = self.create_quotation(self.rep_b, 12)
        self.post(answered, 2, author=self.customer_1, message_type="email")
        chased = self.create_quotation(self.rep_c, 20)
        self.post(chased, 12, author=self.customer_1, message_type="email")
        self.post(chased, 9, author=self.rep_c.partner_id, note=False)
        # an email from an address of nobody known is an answer too
        stranger = self.create_quotation(self.rep_b, 15)
        message = stranger.message_post(
            body="Forwarded to our buyer",
            message_type="email",
            author_id=False,
            email_from="buyer@elsewhere.example.com",
        )
        message.sudo().date = self.ago(3)

        self.assertEqual(self.run_rules(rule), 2)
        activity = self.activities(waiting, rule)
        self.assertEqual(activity.user_id, self.rep_a)
        self.assertIn("sent 10 days ago", activity.note)
        self.assertIn("sent 9 days ago", self.activities(chased, rule).note)
        self.assertFalse(
            self.activities(young, rule)
            | self.activities(answered, rule)
            | self.activities(stranger, rule)
        )
        self.assertIn(
            "sent 10 days ago",
            waiting.message_ids.filtered(lambda m: m.message_type == "notification")[
                :1
            ].body,
        )

        # the customer answers: the chaser stops at once
        log = self.Log.search([("res_id", "=", waiting.id), ("rule_id", "=", rule.id)])
        with freeze_time(NOW):
            waiting.message_post(
                body="We are thinking about it",
                message_type="email",
                author_id=self.customer_1.id,
            )
        self.assertFalse(activity.exists())
        self.assertEqual(log.state, "stopped")
        self.assertEqual(self.run_rules(rule), 0)

    def test_escalation_after_the_reminder_was_done(self):
        rule = self.create_rule("unanswered_quotation", delay_days=7, escalation_days=3)
        order = self.create_quotation(self.rep_a, 8)
        self.run_rules(rule)
        reminder = self.activities(order, rule)
        reminder.action_feedback(feedback="Left a voicemail")
        with freeze_time(NOW + timedelta(days=2)):
            self.assertEqual(rule.sudo()._run_rules()[0], 1)
        escalation = order.activity_ids
        self.assertEqual(escalation.user_id, self.leader)
        self.assertIn("sent 10 days ago", escalation.note)
        logs = self.Log.search([("res_id", "=", order.id)])
        self.assertEqual(
            sorted(logs.mapped(lambda log: (log.step, log.state))),
            [("escalation", "open"), ("first", "done")],
        )

    def test_unanswered_quotation_stops_on_confirmation(self):
        rule = self.create_rule("unanswered_quotation", delay_days=7)
        order = self.create_quotation(self.rep_a, 10)
        self.run_rules(rule)
        activity = self.activities(order, rule)
        self.assertTrue(activity)
        order.action_confirm()
        self.assertFalse(activity.exists())
        log = self.Log.search([("res_id", "=", order.id), ("rule_id", "=", rule.id)])
        self.assertEqual(log.state, "stopped")

    def test_dormant_customer(self):
        rule = self.create_rule("dormant_customer", threshold=0.3, max_idle_days=730)
        monthly_gone = self.new_customer("Gone after a year of orders")
        self.create_orders(monthly_gone, [400, 370, 340, 310, 280])
        regular = self.new_customer("Orders every month")
        self.create_orders(regular, [95, 65, 35, 5])
        one_order = self.new_customer("One order long ago")
        self.create_orders(one_order, [300])
        two_orders = self.new_customer("Two orders, last one recent")
        self.create_orders(two_orders, [60, 20])
        ancient = self.new_customer("Gone for ten years")
        self.create_orders(ancient, [3700, 3650])
        prospect = self.new_customer("Prospect who never ordered")
        lead = self.create_lead(self.rep_b, "Old opportunity", partner_id=prospect.id)
        lead.write({"active": False, "probability": 0})
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            (self.ago(500), lead.id),
        )
        self.refresh_cadence()

        self.assertEqual(self.run_rules(rule), 3)
        activity = self.activities(monthly_gone, rule)
        self.assertEqual(activity.res_name, monthly_gone.display_name)
        note = activity.note
        self.assertIn("no order for 280 days; usually every 30", note)
        self.assertIn(
            "one order only, 300 days ago", self.activities(one_order, rule).note
        )
        prospect_activity = self.activities(prospect, rule)
        self.assertIn(
            "never ordered; last opportunity 500 days ago", prospect_activity.note
        )
        self.assertEqual(prospect_activity.user_id, self.rep_b)
        for customer in (regular, two_orders, ancient):
            self.assertFalse(self.activities(customer, rule), customer.name)

    def test_reorder_due(self):
        rule = self.create_rule("reorder_due", delay_days=3)
        due = self.new_customer("Due in two days")
        self.create_orders(due, [88, 58, 28])
        later = self.new_customer("Due in three weeks")
        self.create_orders(later, [69, 39, 9])
        late = self.new_customer("A month late")
        self.create_orders(late, [150, 120, 90])
        single = self.new_customer("One order")
        self.create_orders(single, [28])
        self.refresh_cadence()

        self.assertEqual(self.run_rules(rule), 1)
        note = self.activities(due, rule).note
        self.assertIn("usually orders every 30 days", note)
        self.assertIn("the last one was 28 days ago", note)
        for customer in (later, late, single):
            self.assertFalse(self.activities(customer, rule), customer.name)

    def test_assignees(self):
        rule = self.create_rule(
            "unanswered_quotation", delay_days=7, assign_to="leader"
        )
        north = self.create_quotation(self.rep_a, 10)
        south = self.create_quotation(self.rep_c, 10)
        nobody = self.create_quotation(self.rep_c, 10)
        nobody.write({"user_id": False, "team_id": False})
        self.run_rules(rule)
        self.assertEqual(self.activities(north, rule).user_id, self.leader)
        # South has no leader: its salesperson
        self.assertEqual(self.activities(south, rule).user_id, self.rep_c)
        # nobody to assign: left out, and not recorded
        self.assertFalse(self.Log.search([("res_id", "=", nobody.id)]))

        named = self.create_rule(
            "unanswered_quotation",
            delay_days=7,
            assign_to="user",
            user_id=self.manager.id,
        )
        self.run_rules(named)
        self.assertEqual(self.activities(nobody, named).user_id, self.manager)

    def test_teams_filter_and_company(self):
        rule = self.create_rule(
            "unanswered_quotation", delay_days=7, team_ids=[(6, 0, self.team_south.ids)]
        )
        north = self.create_quotation(self.rep_a, 10)
        south = self.create_quotation(self.rep_c, 10)
        other = self.env["res.company"].create({"name": "Other company (follow-up)"})
        other_rule = self.create_rule(
            "unanswered_quotation", delay_days=7, company_id=other.id
        )
        self.run_rules(rule | other_rule)
        self.assertFalse(self.activities(north))
        self.assertEqual(self.activities(south).user_id, self.rep_c)
        self.assertEqual(other_rule.last_run_count, 0)

    def test_reason_in_the_language_of_the_assignee(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.rep_a.lang = "fr_FR"
        rule = self.create_rule("unanswered_quotation", delay_days=7)
        french = self.create_quotation(self.rep_a, 10)
        english = self.create_quotation(self.rep_b, 10)
        self.run_rules(rule)
        # the dates are written as the assignee reads them
        self.assertIn(
            "06/03/2026", self.Log.search([("res_id", "=", french.id)]).reason
        )
        self.assertIn(
            "03/06/2026", self.Log.search([("res_id", "=", english.id)]).reason
        )
