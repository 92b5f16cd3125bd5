# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_suggestion import EMAIL_BODY, SuggestionCommon


@tagged("post_install", "-at_install")
class TestLeadSuggestion(SuggestionCommon):
    """Suggestions read from incoming emails, notes and activities done."""

    def test_email_creates_lead_with_suggestions(self):
        lead = self.receive(EMAIL_BODY)
        self.assertEqual(lead.name, "Quote for 40 licences")
        self.assertEqual(
            self.suggested(lead),
            {
                "phone": ["+33612345678"],
                "website": ["https://www.northwind-traders.example"],
                "company": ["Northwind Traders"],
                "amount": ["25000.00 EUR"],
                # the end of next month, next Tuesday (from the email's date)
                "date": ["2026-04-30", "2026-03-17"],
            },
        )
        phone = self.suggestion(lead, "phone")
        email = lead.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(phone.message_id, email)
        self.assertEqual(phone.source, "email")
        self.assertEqual(phone.author_id, email.author_id)
        # the sender is no contact: their name is kept
        self.assertFalse(email.author_id)
        self.assertEqual(phone.author_name, "Marie Laurent")
        self.assertEqual(phone.origin, "Email, Marie Laurent, 03/10/2026")
        self.assertEqual(phone.source_date, datetime(2026, 3, 10, 9, 0))
        self.assertEqual(phone.target_field, "phone")
        self.assertEqual(phone.value_display, "+33 6 12 34 56 78")
        amount = self.suggestion(lead, "amount")
        self.assertEqual(amount.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(amount.target_field, "expected_revenue")
        self.assertFalse(amount.needs_confirmation)
        dates = self.Suggestion.search(
            [("lead_id", "=", lead.id), ("kind", "=", "date")]
        )
        self.assertEqual(
            dates.mapped("date_value"), [date(2026, 4, 30), date(2026, 3, 17)]
        )
        # the sender's address, which the gateway put on the lead: not suggested
        self.assertEqual(lead.email_normalized, "marie.laurent@northwind.example")

    def test_reply_adds_only_new_details(self):
        lead = self.receive(EMAIL_BODY)
        before = self.Suggestion.search([("lead_id", "=", lead.id)])
        reply = self.receive(
            "Hello again,\n\nMy mobile is 06 12 34 56 78, the office 01 44 55 66 77."
            "\nOur site: www.northwind-traders.example\n\nMarie",
            lead=lead,
            msg_id="<suggest-2@northwind.example>",
        )
        self.assertEqual(reply, lead)
        added = self.Suggestion.search([("lead_id", "=", lead.id)]) - before
        self.assertEqual(added.mapped("value"), ["+33144556677"])

    def test_known_details_are_not_suggested(self):
        lead = self.make_lead(
            phone="06 12 34 56 78",
            website="northwind-traders.example",
            partner_name="NORTHWIND TRADERS",
            expected_revenue=25000,
            email_from="Marie <marie.laurent@northwind.example>",
        )
        found = self.Suggestion._suggest_from_text(
            lead,
            "Marie (marie.laurent@northwind.example, 06 12 34 56 78) of "
            "Northwind Traders, www.northwind-traders.example: budget 25 k€. "
            # our own company and salesperson
            "Call us on +33 1 40 00 00 00 or +33 6 99 88 77 66, "
            "contact@suggest.example, sg_rep_a@suggest.example.",
            when=datetime(2026, 3, 10, 9, 0),
        )
        self.assertFalse(found)

    def test_suggested_once_per_lead(self):
        lead = self.make_lead()
        text = "Call Marie on 06 12 34 56 78."
        first = self.Suggestion._suggest_from_text(lead, text)
        self.assertEqual(first.mapped("kind"), ["phone"])
        first.with_user(self.rep_a).action_dismiss()
        self.assertFalse(self.Suggestion._suggest_from_text(lead, text))
        self.assertFalse(
            self.Suggestion._suggest_from_text(lead, "Marie: +33 (0)6 12-34-56-78")
        )
        # another lead may get it
        other = self.make_lead()
        self.assertTrue(self.Suggestion._suggest_from_text(other, text))

    def test_note_is_read(self):
        lead = self.make_lead()
        lead.with_user(self.rep_a).message_post(
            body="Called Jean: budget 12 k€, rappeler mardi prochain au 06 11 22 33 44",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        rows = self.Suggestion.search([("lead_id", "=", lead.id)])
        self.assertEqual(
            sorted(rows.mapped("kind")),
            ["amount", "date", "phone"],
            rows.mapped("value"),
        )
        self.assertEqual(set(rows.mapped("source")), {"note"})
        self.assertEqual(rows.author_id, self.rep_a.partner_id)

    def test_messages_sent_are_not_read(self):
        lead = self.make_lead()
        lead.with_user(self.rep_a).message_post(
            body="Our offer: call me on 06 11 22 33 44.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        lead.with_user(self.rep_a).message_post(
            body="A notification with 06 11 22 33 44", message_type="notification"
        )
        self.assertFalse(self.Suggestion.search([("lead_id", "=", lead.id)]))

    def test_activity_done_with_feedback_is_read(self):
        lead = self.make_lead()
        activity = lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep_a.id
        )
        activity.with_user(self.rep_a).action_feedback(
            feedback="Spoke to Paul, new number 07 88 77 66 55, budget 30 000 €"
        )
        rows = self.Suggestion.search([("lead_id", "=", lead.id)])
        self.assertEqual(sorted(rows.mapped("kind")), ["amount", "phone"])
        self.assertEqual(set(rows.mapped("source")), {"activity"})
        self.assertEqual(rows.message_id.mail_activity_type_id.category, "phonecall")
        # an activity done without feedback: nothing to read
        other = self.make_lead()
        other.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep_a.id
        ).with_user(self.rep_a).action_feedback()
        self.assertFalse(self.Suggestion.search([("lead_id", "=", other.id)]))

    def test_email_without_text(self):
        lead = self.receive("", subject="Empty")
        self.assertTrue(lead)
        self.assertTrue(lead.message_ids.filtered(lambda m: m.message_type == "email"))
        self.assertFalse(self.Suggestion.search([("lead_id", "=", lead.id)]))

    def test_email_in_unknown_encoding(self):
        body = "Rappelez-moi au 06 12 34 56 78, société Dupont.".encode("latin-1")
        lead = self.receive(body, subject="Encoding", charset="x-no-such-charset")
        self.assertTrue(lead, "the email is not lost")
        email = lead.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertTrue(email)
        # read as Windows-1252, the usual charset of such mislabelled emails
        self.assertIn("société Dupont", email.body)
        self.assertEqual(self.suggested(lead)["phone"], ["+33612345678"])

    def test_extraction_failure_never_blocks(self):
        lead = self.make_lead()
        with (
            patch(
                "odoo.addons.sales_management.models."
                "sales_lead_suggestion_extract.extract",
                side_effect=RuntimeError("broken"),
            ),
            mute_logger(
                "odoo.addons.sales_management.models.sales_lead_suggestion_extract"
            ),
        ):
            message = lead.with_user(self.rep_a).message_post(
                body="Call 06 12 34 56 78",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertTrue(message.exists())
        self.assertFalse(self.Suggestion.search([("lead_id", "=", lead.id)]))

    def test_past_dates_and_big_amounts_are_left_out(self):
        lead = self.make_lead()
        found = self.Suggestion._suggest_from_text(
            lead,
            "We met on 02/03/2026. Budget 5 000 000 000 000 000 €.",
            when=datetime(2026, 3, 10, 9, 0),
        )
        self.assertFalse(found)

    def test_company_lead_country_reads_local_numbers(self):
        belgian = self.make_lead(country_id=self.env.ref("base.be").id)
        found = self.Suggestion._suggest_from_text(belgian, "Bel me op 02 290 34 90")
        self.assertEqual(found.mapped("value"), ["+3222903490"])

    def test_merged_leads_keep_their_suggestions(self):
        master = self.make_lead(name="Master")
        other = self.make_lead(name="Other")
        self.Suggestion._suggest_from_text(master, "Call 06 12 34 56 78")
        self.Suggestion._suggest_from_text(
            other, "Call 06 12 34 56 78 or 07 81 22 33 44, www.northwind.example"
        )
        self.suggestion(master, "phone").with_user(self.rep_a).action_dismiss()
        merged = (master | other).with_user(self.rep_a).merge_opportunity()
        self.assertEqual(merged, master)
        self.assertEqual(
            self.suggested(master, "dismissed"), {"phone": ["+33612345678"]}
        )
        self.assertEqual(
            self.suggested(master),
            {"phone": ["+33781223344"], "website": ["https://www.northwind.example"]},
        )
