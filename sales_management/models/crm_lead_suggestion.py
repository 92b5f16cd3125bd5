# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    """Suggestions read from the emails and call notes of a lead.

    Odoo's mail gateway creates a lead from an email (``message_new``) or
    finds the lead a reply belongs to (``message_update``), then posts the
    email on it: the email is read where it is posted, with the lead as the
    gateway left it (so the sender's address it took is not suggested) and
    the message it becomes (the suggestion says where it comes from). Notes
    that users log are read there too; the feedback of activities done is
    read by ``mail.activity._action_done`` (mail_activity_suggestion.py).
    """

    _inherit = "crm.lead"

    sm_suggestion_ids = fields.One2many(
        "sales.lead.suggestion",
        "lead_id",
        string="Suggestions",
        domain=[("state", "=", "new")],
        help="Phone numbers, addresses, websites, company names, amounts and "
        "dates read in the emails and call notes of the lead, waiting to be "
        "accepted or dismissed.",
    )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        source = self._sm_suggestion_source(msg_vals)
        if source:
            self.env["sales.lead.suggestion"]._suggest_from_text(
                self, msg_vals.get("body") or "", source=source, message=message
            )
        return result

    def _sm_suggestion_source(self, msg_vals):
        """``email`` for an incoming email, ``note`` for a note a user logs,
        else None (messages sent, notifications, tracking: not read)."""
        message_type = msg_vals.get("message_type")
        if message_type == "email":
            return "email"
        if (
            message_type == "comment"
            and msg_vals.get("subtype_id")
            == self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
            and self.env.user._is_internal()
        ):
            return "note"
        return None

    def _sm_suggestion_country(self):
        """ISO code of the country of phone numbers written without "+": the
        lead's, else its company's (or the current company's)."""
        self.ensure_one()
        lead = self.sudo()
        country = (
            lead.country_id or lead.company_id.country_id or self.env.company.country_id
        )
        return country.code or ""

    def _sm_known_details(self):
        """What the lead holds, in the shape of the extraction's result, with
        the details of the salesperson's side (the lead's company, its
        salesperson and the current user): never suggested."""
        self.ensure_one()
        lead = self.sudo()
        company = lead.company_id or self.env.company
        partner = lead.partner_id
        commercial = partner.commercial_partner_id
        own = company.partner_id | lead.user_id.partner_id | self.env.user.partner_id
        revenue = lead.expected_revenue
        return {
            "phones": [
                lead.phone,
                lead.mobile,
                partner.phone,
                partner.mobile,
                *own.mapped("phone"),
                *own.mapped("mobile"),
            ],
            "emails": [lead.email_from, partner.email, company.email]
            + own.mapped("email"),
            "websites": [lead.website, commercial.website, company.website]
            + own.mapped("website"),
            "company": [
                lead.partner_name,
                partner.company_name,
                commercial.is_company and commercial.name,
                company.name,
                self.env.company.name,
            ],
            "amounts": [(revenue, lead.company_currency.name), (revenue, None)]
            if revenue
            else [],
            "dates": [lead.date_deadline.isoformat()] if lead.date_deadline else [],
        }

    def _merge_dependences(self, opportunities):
        """The suggestions of the leads merged into this one move to it, but
        for the details it was suggested itself (its own decision stands)."""
        result = super()._merge_dependences(opportunities)
        Suggestion = self.env["sales.lead.suggestion"].sudo()
        rows = Suggestion.search(
            [("lead_id", "in", (self | opportunities).ids)], order="id"
        )
        held = {(row.kind, row.value_key) for row in rows if row.lead_id == self}
        moved = Suggestion
        for row in rows - rows.filtered(lambda row: row.lead_id == self):
            if (row.kind, row.value_key) not in held:
                held.add((row.kind, row.value_key))
                moved |= row
        moved.write({"lead_id": self.id})
        return result
