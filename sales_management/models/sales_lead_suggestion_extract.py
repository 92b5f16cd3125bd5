# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import date, datetime, time

from odoo import api, fields, models
from odoo.tools.mail import email_split_tuples

from ..tools.extraction import extract, value_key, without_known
from .sales_input_guard import MAX_MAGNITUDE
from .sales_lead_suggestion import RESULT_KEYS

_logger = logging.getLogger(__name__)

# At most this many suggestions of a kind from one message: more is a list
# (a directory, a price list), not details of the lead.
MAX_PER_KIND = 5


class SalesLeadSuggestion(models.Model):
    """Reading emails and call notes into suggestions."""

    _inherit = "sales.lead.suggestion"

    @api.model
    def _suggest_from_text(
        self, lead, text, source="note", message=None, author=None, when=None
    ):
        """The new suggestions of what ``text`` tells about ``lead``.

        :param lead: a ``crm.lead`` record
        :param text: the body of an email or a note (HTML or plain text), or
            the feedback of an activity
        :param source: ``email``, ``note`` or ``activity``
        :param message: the ``mail.message`` the text comes from, if any
        :param author: the ``res.partner`` who wrote it (by default the
            message's author)
        :param when: when it was written (by default the message's date, or
            now): relative dates ("next Tuesday") are read from that day
        :return: the suggestions created (as superuser), in order of
            appearance; an empty recordset when the text tells nothing new

        Details the lead already holds, the details of its company and of its
        salesperson, and those suggested once (accepted or dismissed) are left
        out. Never raises: a failure is logged and the text skipped, so that
        the email or the note it comes from is never lost.
        """
        try:
            with self.env.cr.savepoint():
                return self._sm_create_suggestions(
                    lead, text, source, message, author, when
                )
        except Exception:
            _logger.exception(
                "Suggestions of lead %s not read from a %s: skipped", lead.id, source
            )
            return self.browse()

    @api.model
    def _sm_create_suggestions(self, lead, text, source, message, author, when):
        lead = lead.sudo()
        message = (message or self.env["mail.message"]).sudo()
        when = when or message.date or fields.Datetime.now()
        if not isinstance(when, datetime):
            when = datetime.combine(when, time.min)
        day = when.date()
        country = lead._sm_suggestion_country()
        found = extract(text, default_country=country, today=day)
        found = without_known(found, lead._sm_known_details(), country)
        vals_list = self._sm_suggestion_values(lead, found, country, day)
        if not vals_list:
            return self.browse()
        # the details suggested once are never suggested again
        Suggestion = self.sudo().with_context(active_test=False)
        held = {
            (row.kind, row.value_key)
            for row in Suggestion.search([("lead_id", "=", lead.id)])
        }
        vals_list = [
            vals for vals in vals_list if (vals["kind"], vals["value_key"]) not in held
        ]
        author = author or message.author_id
        common = {
            "lead_id": lead.id,
            "source": source,
            "message_id": message.id or False,
            "author_id": author.id or False,
            "author_name": self._sm_author_name(author, message),
            "source_date": when,
        }
        # by the mail gateway, a note or an activity: no user creates them
        return Suggestion.create([{**common, **vals} for vals in vals_list])

    @api.model
    def _sm_author_name(self, author, message):
        """The author's name, else the name (or address) the email is from."""
        if author:
            return author.sudo().display_name
        for name, address in email_split_tuples(message.email_from or ""):
            return name or address
        return False

    @api.model
    def _sm_suggestion_values(self, lead, found, country, day):
        """Values of the suggestions of ``found`` (a result of ``extract``)."""
        rows = []
        for kind, key in RESULT_KEYS.items():
            values = found.get(key)
            if key == "company":
                values = [values] if values else []
            for value in (values or [])[:MAX_PER_KIND]:
                vals = self._sm_values_of(kind, value, day)
                if vals:
                    vals.setdefault("value_key", value_key(key, vals["value"], country))
                    rows.append({"kind": kind, **vals})
        return rows

    @api.model
    def _sm_values_of(self, kind, value, day):
        """Values of one suggestion, or None for a value not worth suggesting."""
        if kind == "amount":
            amount, code = value
            if not 0 < amount < MAX_MAGNITUDE:
                return None
            currency = self.env["res.currency"]
            if code:
                currency = currency.with_context(active_test=False).search(
                    [("name", "=", code)], limit=1
                )
                if not currency:
                    return None
            text = f"{amount:.2f} {code}" if code else f"{amount:.2f}"
            return {
                "value": text,
                "value_key": text,
                "amount": amount,
                "currency_id": currency.id,
            }
        if kind == "date":
            found = date.fromisoformat(value)
            if found < day:
                return None  # past dates are history, not a deadline
            return {"value": value, "date_value": found}
        return {"value": value[:256]}

    @api.model
    def _suggest_from_activities(self, messages, feedback):
        """Suggestions of the ``feedback`` of activities done, for the leads
        of ``messages`` (the messages Odoo posted: one per activity)."""
        suggestions = self.browse()
        read = set()
        for message in messages.sudo():
            if message.model != "crm.lead" or message.res_id in read:
                continue
            read.add(message.res_id)
            lead = self.env["crm.lead"].sudo().browse(message.res_id).exists()
            if lead:
                suggestions |= self._suggest_from_text(
                    lead, feedback, source="activity", message=message
                )
        return suggestions
