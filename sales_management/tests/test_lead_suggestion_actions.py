# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_suggestion import SuggestionCommon


@tagged("post_install", "-at_install")
class TestLeadSuggestionActions(SuggestionCommon):
    """Accept, Replace, Dismiss and Plan a To-Do, and who may see and use them."""

    def suggest(self, lead, text):
        return self.Suggestion._suggest_from_text(lead, text, source="note")

    def test_accept_fills_the_field_and_logs_a_note(self):
        lead = self.make_lead()
        self.suggest(lead, "Marie, 06 12 34 56 78.\nCompany: Northwind Traders")
        phone = self.suggestion(lead, "phone", self.rep_a)
        self.assertFalse(phone.needs_confirmation)
        phone.action_accept()
        self.assertEqual(lead.phone, "+33 6 12 34 56 78")
        self.assertEqual(phone.state, "accepted")
        self.assertEqual(phone.decided_uid, self.rep_a)
        self.assertTrue(phone.decided_date)
        note = lead.message_ids[0]
        self.assertIn("Phone set to +33 6 12 34 56 78 from the note", note.body)
        self.assertEqual(note.author_id, self.rep_a.partner_id)
        self.assertNotIn(phone, lead.sm_suggestion_ids)
        with self.assertRaises(UserError):
            phone.action_dismiss()
        company = self.suggestion(lead, "company", self.rep_a)
        company.action_accept()
        self.assertEqual(lead.partner_name, "Northwind Traders")

    def test_second_phone_fills_mobile(self):
        lead = self.make_lead(phone="+33 1 44 55 66 77")
        self.suggest(lead, "Mobile 06 12 34 56 78")
        phone = self.suggestion(lead, "phone", self.rep_a)
        self.assertEqual(phone.target_field, "mobile")
        phone.action_accept()
        self.assertEqual(lead.mobile, "+33 6 12 34 56 78")
        self.assertEqual(lead.phone, "+33 1 44 55 66 77")

    def test_different_value_is_replaced_only_when_asked(self):
        lead = self.make_lead(email_from="old@northwind.example")
        self.suggest(lead, "Write to marie@northwind.example from now on.")
        email = self.suggestion(lead, "email", self.rep_a)
        self.assertTrue(email.needs_confirmation)
        self.assertEqual(email.current_display, "old@northwind.example")
        with self.assertRaises(UserError):
            email.action_accept()
        self.assertEqual(lead.email_from, "old@northwind.example")
        email.action_replace()
        self.assertEqual(lead.email_from, "marie@northwind.example")
        self.assertEqual(email.state, "accepted")

    def test_amount_in_another_currency(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        lead = self.make_lead()
        self.suggest(lead, "Budget: $10,000.")
        amount = self.suggestion(lead, "amount", self.rep_a)
        self.assertEqual(amount.currency_id, usd)
        self.env["res.currency.rate"].search([("currency_id", "=", usd.id)]).unlink()
        # a rate of another company is not the lead company's
        self.env["res.currency.rate"].create(
            {
                "currency_id": usd.id,
                "company_id": self.company_b.id,
                "name": date(2020, 1, 1),
                "rate": 3.0,
            }
        )
        amount.invalidate_recordset()
        self.assertFalse(amount.can_accept, "no exchange rate: shown, not accepted")
        with self.assertRaises(UserError):
            amount.action_replace()
        # 1 EUR = 2 USD in the company
        self.env["res.currency.rate"].create(
            {
                "currency_id": usd.id,
                "company_id": self.company.id,
                "name": date(2020, 1, 1),
                "rate": 2.0,
            }
        )
        amount.invalidate_recordset()
        self.assertTrue(amount.can_accept)
        self.assertTrue(amount.needs_confirmation, "converted: asked first")
        amount.with_company(self.company).action_replace()
        self.assertAlmostEqual(lead.expected_revenue, 5000.0)
        self.assertIn("at the day's rate", lead.message_ids[0].body)

    def test_dismissed_for_good(self):
        lead = self.make_lead()
        self.suggest(lead, "Site: www.northwind.example")
        website = self.suggestion(lead, "website", self.rep_a)
        website.action_dismiss()
        self.assertEqual(website.state, "dismissed")
        self.assertFalse(lead.website)
        self.assertFalse(self.suggest(lead, "Our site is https://northwind.example/"))

    def test_date_accepted_or_planned(self):
        lead = self.make_lead()
        self.Suggestion._suggest_from_text(
            lead,
            "Decision on 30/04/2026, call back on 17/03/2026.",
            when=date(2026, 3, 10),
        )
        closing, call = self.Suggestion.search(
            [("lead_id", "=", lead.id), ("kind", "=", "date")], order="id"
        ).with_user(self.rep_a)
        self.assertEqual(closing.target_field, "date_deadline")
        closing.action_accept()
        self.assertEqual(lead.date_deadline, date(2026, 4, 30))
        call.action_schedule_activity()
        self.assertEqual(call.state, "accepted")
        activity = lead.activity_ids
        self.assertEqual(activity.date_deadline, date(2026, 3, 17))
        self.assertEqual(activity.user_id, self.rep_a)
        self.assertEqual(lead.date_deadline, date(2026, 4, 30))

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------

    def test_salespeople_see_the_suggestions_of_the_leads_they_see(self):
        lead = self.make_lead()
        self.suggest(lead, "Call 06 12 34 56 78")
        phone = self.suggestion(lead, "phone")
        for user in (self.rep_a, self.leader, self.manager):
            self.assertTrue(phone.with_user(user).value_display, user.name)
            self.assertEqual(lead.with_user(user).sm_suggestion_ids, phone)
        for user in (self.rep_b, self.rep_c, self.manager_b):
            with self.assertRaises(AccessError, msg=user.name):
                phone.with_user(user).read(["value"])
            self.assertFalse(
                self.Suggestion.with_user(user).search([("id", "=", phone.id)])
            )

    @mute_logger("odoo.models")
    def test_only_those_who_edit_the_lead_decide(self):
        lead = self.make_lead()
        self.suggest(lead, "Call 06 12 34 56 78, www.northwind.example")
        phone = self.suggestion(lead, "phone")
        for user in (self.rep_c, self.rep_b, self.manager_b):
            for action in ("action_accept", "action_dismiss"):
                with self.assertRaises(AccessError, msg=f"{user.name} {action}"):
                    getattr(phone.with_user(user), action)()
        self.assertEqual(phone.state, "new")
        self.assertFalse(lead.phone)
        phone.with_user(self.leader).action_accept()
        self.assertEqual(lead.phone, "+33 6 12 34 56 78")

    def test_nobody_writes_or_creates_suggestions(self):
        lead = self.make_lead()
        self.suggest(lead, "Call 06 12 34 56 78")
        phone = self.suggestion(lead, "phone")
        for user in (self.rep_a, self.manager):
            with self.assertRaises(AccessError):
                phone.with_user(user).write({"state": "accepted"})
            with self.assertRaises(AccessError):
                self.Suggestion.with_user(user).create(
                    {
                        "lead_id": lead.id,
                        "kind": "phone",
                        "value": "+33611111111",
                        "value_key": "+33611111111",
                        "source": "note",
                    }
                )
            with self.assertRaises(AccessError):
                phone.with_user(user).unlink()

    def test_other_company(self):
        lead_b = self.env["crm.lead"].create(
            {"name": "Lead b", "company_id": self.company_b.id, "user_id": False}
        )
        self.suggest(lead_b, "Call +33 6 12 34 56 78")
        phone = self.suggestion(lead_b, "phone")
        self.assertEqual(phone.company_id, self.company_b)
        self.assertFalse(
            self.Suggestion.with_user(self.manager).search([("id", "=", phone.id)])
        )
        self.assertTrue(
            self.Suggestion.with_user(self.manager_b).search([("id", "=", phone.id)])
        )
