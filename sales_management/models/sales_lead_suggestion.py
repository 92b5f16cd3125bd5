# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import phonenumbers
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount, format_date, formatLang

from ..tools.extraction import without_known

KINDS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("website", "Website"),
    ("company", "Company Name"),
    ("amount", "Amount"),
    ("date", "Date"),
]
# The lead field a suggestion of each kind fills (a phone: see _compute_target_field)
TARGETS = {
    "email": "email_from",
    "website": "website",
    "company": "partner_name",
    "amount": "expected_revenue",
    "date": "date_deadline",
}
# The key of extract()'s result that each kind comes from
RESULT_KEYS = {
    "phone": "phones",
    "email": "emails",
    "website": "websites",
    "company": "company",
    "amount": "amounts",
    "date": "dates",
}


class SalesLeadSuggestion(models.Model):
    """A detail read in an email or a call note that the lead does not hold.

    Made by the mail gateway, the notes posted on a lead and the activities
    done with feedback (``sales_lead_suggestion_extract.py``), never by a
    user. The salesperson accepts it (the lead's field is written as them,
    with their rights), or dismisses it; either way it stays, so that the same
    detail is never suggested again for that lead (one per lead, kind and
    ``value_key``). Nobody writes suggestions directly: their state changes
    only through the buttons, which check that the user may edit the lead.
    """

    _name = "sales.lead.suggestion"
    _inherit = ["sales.input.guard"]
    _description = "Lead Suggestion"
    _order = "id"
    _rec_name = "value"

    lead_id = fields.Many2one(
        "crm.lead", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    value = fields.Char(
        "Suggested Value",
        required=True,
        readonly=True,
        help="The detail as read: a phone number in international form (E.164), "
        "an address, a website, a company name, an amount with its currency "
        "code or a date (YYYY-MM-DD).",
    )
    value_key = fields.Char(
        required=True,
        readonly=True,
        help="The value as it is compared: a detail is suggested once per lead.",
    )
    amount = fields.Float(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_value = fields.Date("Date", readonly=True)
    source = fields.Selection(
        [("email", "Email"), ("note", "Note"), ("activity", "Activity Done")],
        string="Read In",
        required=True,
        readonly=True,
    )
    message_id = fields.Many2one(
        "mail.message",
        ondelete="set null",
        readonly=True,
        index="btree_not_null",
    )
    author_id = fields.Many2one("res.partner", ondelete="set null", readonly=True)
    author_name = fields.Char(
        "Written By",
        readonly=True,
        help="The author's name, or the sender's name or address when the "
        "sender of an email is no contact.",
    )
    source_date = fields.Datetime("Written On", readonly=True)
    state = fields.Selection(
        [("new", "New"), ("accepted", "Accepted"), ("dismissed", "Dismissed")],
        default="new",
        required=True,
        readonly=True,
        index=True,
    )
    decided_uid = fields.Many2one(
        "res.users", string="Decided By", ondelete="set null", readonly=True
    )
    decided_date = fields.Datetime("Decided On", readonly=True)
    filled_field = fields.Char(
        readonly=True, help="The lead field an accepted suggestion wrote."
    )
    target_field = fields.Selection(
        [
            ("phone", "Phone"),
            ("mobile", "Mobile"),
            ("email_from", "Email"),
            ("website", "Website"),
            ("partner_name", "Company Name"),
            ("expected_revenue", "Expected Revenue"),
            ("date_deadline", "Expected Closing"),
        ],
        string="Fills",
        compute="_compute_target_field",
        help="The field of the lead that Accept writes. A phone number fills "
        "Phone, or Mobile when Phone is set and Mobile is not.",
    )
    value_display = fields.Char("Suggested", compute="_compute_value_display")
    current_display = fields.Char(
        "Now", compute="_compute_target_state", help="What the field holds now."
    )
    needs_confirmation = fields.Boolean(
        compute="_compute_target_state",
        help="The field holds another value, or the amount is converted from "
        "another currency: Replace asks first.",
    )
    can_accept = fields.Boolean(
        compute="_compute_target_state",
        help="False for an amount in a currency without an exchange rate: it "
        "is shown, to be entered by hand, and can only be dismissed.",
    )
    origin = fields.Char("From", compute="_compute_origin")

    _sql_constraints = [
        (
            "lead_kind_value_unique",
            "UNIQUE(lead_id, kind, value_key)",
            "This detail was already suggested for this lead.",
        ),
    ]

    # ------------------------------------------------------------------
    # Display
    # ------------------------------------------------------------------

    @api.depends("kind", "filled_field", "lead_id.phone", "lead_id.mobile")
    def _compute_target_field(self):
        for suggestion in self:
            if suggestion.filled_field:
                suggestion.target_field = suggestion.filled_field
            elif suggestion.kind == "phone":
                lead = suggestion.lead_id
                use_mobile = lead.phone and not lead.mobile
                suggestion.target_field = "mobile" if use_mobile else "phone"
            else:
                suggestion.target_field = TARGETS.get(suggestion.kind, False)

    @api.depends("kind", "value", "amount", "currency_id", "date_value")
    @api.depends_context("lang")
    def _compute_value_display(self):
        for suggestion in self:
            suggestion.value_display = suggestion._format_suggested()

    def _format_suggested(self):
        if self.kind == "phone":
            return self._format_phone(self.value)
        if self.kind == "amount":
            if self.currency_id:
                return format_amount(self.env, self.amount, self.currency_id)
            return formatLang(self.env, self.amount)
        if self.kind == "date" and self.date_value:
            return format_date(self.env, self.date_value)
        return self.value

    @api.model
    def _format_phone(self, number):
        """An E.164 number as people write it internationally."""
        try:
            parsed = phonenumbers.parse(number or "", None)
        except phonenumbers.NumberParseException:
            return number
        return phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )

    @api.depends(
        "target_field",
        "value",
        "amount",
        "currency_id",
        "date_value",
        "lead_id.phone",
        "lead_id.mobile",
        "lead_id.email_from",
        "lead_id.website",
        "lead_id.partner_name",
        "lead_id.expected_revenue",
        "lead_id.date_deadline",
        "lead_id.company_currency",
    )
    @api.depends_context("lang")
    def _compute_target_state(self):
        for suggestion in self:
            lead, name = suggestion.lead_id, suggestion.target_field
            current = lead[name] if lead and name else False
            suggestion.current_display = suggestion._format_current(current)
            suggestion.can_accept = True
            if suggestion.kind == "amount":
                converted = suggestion._converted_amount()
                suggestion.can_accept = converted is not None
                differs = converted is None or (
                    bool(current)
                    and float_compare(current, converted, precision_rounding=0.01)
                )
                suggestion.needs_confirmation = bool(
                    suggestion._is_converted() or differs
                )
            else:
                suggestion.needs_confirmation = bool(current) and not (
                    suggestion._holds_value(current)
                )

    def _format_current(self, current):
        if not current:
            return False
        if self.kind == "amount":
            return format_amount(self.env, current, self.lead_id.company_currency)
        if self.kind == "date":
            return format_date(self.env, current)
        return current

    def _holds_value(self, current):
        """Whether the field's ``current`` value is the suggested one, compared
        as the extraction compares what a lead holds."""
        if self.kind == "date":
            return current == self.date_value
        key = RESULT_KEYS[self.kind]
        found = {key: self.value if key == "company" else [self.value]}
        country = self.lead_id._sm_suggestion_country()
        return not without_known(found, {key: current}, country)[key]

    @api.depends("source", "author_name", "source_date")
    @api.depends_context("lang")
    def _compute_origin(self):
        labels = dict(self._fields["source"]._description_selection(self.env))
        for suggestion in self:
            parts = [labels.get(suggestion.source, ""), suggestion.author_name]
            if suggestion.source_date:
                parts.append(format_date(self.env, suggestion.source_date))
            suggestion.origin = ", ".join(part for part in parts if part)

    # ------------------------------------------------------------------
    # What Accept writes
    # ------------------------------------------------------------------

    def _is_converted(self):
        lead_currency = self.lead_id.company_currency
        return bool(self.currency_id and lead_currency) and (
            self.currency_id != lead_currency
        )

    def _converted_amount(self):
        """The amount in the lead's company currency; None when it has no
        exchange rate for the suggestion's currency (Odoo would take 1:1)."""
        if not self._is_converted():
            return self.amount
        lead = self.lead_id
        company = lead.company_id or self.env.company
        # the rates Odoo converts with: the company's (its root's) or shared
        has_rate = (
            self.env["res.currency.rate"]
            .sudo()
            .search_count(
                [
                    ("currency_id", "=", self.currency_id.id),
                    ("company_id", "in", (False, company.root_id.id)),
                ],
                limit=1,
            )
        )
        if not (has_rate and self.currency_id.sudo().active):
            return None
        return self.currency_id._convert(
            self.amount,
            lead.company_currency,
            company,
            fields.Date.context_today(self),
        )

    def _target_value(self):
        """The value Accept writes to the target field."""
        if self.kind == "phone":
            lead = self.lead_id
            country = (
                lead.country_id or (lead.company_id or self.env.company).country_id
            )
            formatted = lead._phone_format(
                number=self.value, country=country, force_format="INTERNATIONAL"
            )
            return formatted or self.value
        if self.kind == "amount":
            return self._converted_amount()
        if self.kind == "date":
            return self.date_value
        return self.value

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _check_decidable(self):
        """The user may read the suggestions and edit their leads, which wait
        for a decision."""
        self.check_access("read")
        if any(suggestion.state != "new" for suggestion in self):
            raise UserError(
                self.env._("This suggestion was already accepted or dismissed.")
            )
        self.lead_id.check_access("write")

    def _mark(self, state, **vals):
        # the rights were checked by _check_decidable: nobody writes a
        # suggestion otherwise (the state is a workflow field)
        self.sudo().write(
            {
                "state": state,
                "decided_uid": self.env.uid,
                "decided_date": fields.Datetime.now(),
                **vals,
            }
        )

    def action_accept(self):
        """Write the suggested value to the empty (or same) lead field."""
        self.ensure_one()
        self._check_decidable()
        if self.needs_confirmation:
            raise UserError(
                self.env._(
                    "The lead's %(field)s holds another value (%(current)s): "
                    "use Replace to write %(value)s in its place.",
                    field=self._target_label(),
                    current=self.current_display,
                    value=self.value_display,
                )
            )
        return self._accept()

    def action_replace(self):
        """Write the suggested value in place of what the lead holds (the
        button asks for a confirmation first)."""
        self.ensure_one()
        self._check_decidable()
        return self._accept()

    def _accept(self):
        if not self.can_accept:
            raise UserError(
                self.env._(
                    "There is no exchange rate for %(currency)s: enter the "
                    "expected revenue yourself, then dismiss the suggestion.",
                    currency=self.currency_id.name,
                )
            )
        lead, name, value = self.lead_id, self.target_field, self._target_value()
        note = self._accepted_note(value)
        # as the user: their rights on the lead and its fields apply
        lead.write({name: value})
        lead._message_log(body=note)
        self._mark("accepted", filled_field=name)
        return True

    def _target_label(self):
        return dict(self._fields["target_field"]._description_selection(self.env))[
            self.target_field
        ]

    def _accepted_note(self, value):
        if self.kind == "amount":
            shown = format_amount(self.env, value, self.lead_id.company_currency)
            if self._is_converted():
                shown = self.env._(
                    "%(amount)s (%(original)s at the day's rate)",
                    amount=shown,
                    original=self.value_display,
                )
        elif self.kind == "date":
            shown = format_date(self.env, value)
        else:
            shown = value
        sources = {
            "email": self.env._("the email"),
            "note": self.env._("the note"),
            "activity": self.env._("the activity done"),
        }
        text = self.env._(
            "%(field)s set to %(value)s from %(origin)s of %(author)s (%(date)s).",
            field=self._target_label(),
            value=shown,
            origin=sources[self.source],
            author=self.author_name or self.env._("an unknown sender"),
            date=format_date(self.env, self.source_date) if self.source_date else "-",
        )
        return Markup("<p>%s</p>") % text

    def action_dismiss(self):
        """Hide the suggestions for good: the same details are not suggested
        again for their leads."""
        self._check_decidable()
        self._mark("dismissed")
        return True

    def action_schedule_activity(self):
        """Plan a to-do on the suggested date instead of setting the expected
        closing (a date read in a note is often a call back)."""
        self.ensure_one()
        if self.kind != "date":
            raise UserError(self.env._("Only a date can be planned."))
        self._check_decidable()
        lead = self.lead_id
        lead.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_value,
            summary=self.env._("Follow up (%(origin)s)", origin=self.origin),
            user_id=lead.user_id.id or self.env.uid,
        )
        self._mark("accepted")
        return True
