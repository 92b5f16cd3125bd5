# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common_suggestion import raw_email

TOUR_EMAIL = """Hello,

Please send the quote to our purchasing desk, sales@northwind.example.
You can reach me on 06 12 34 56 78.

Best regards,
Marie Laurent
Purchasing Manager, Northwind Traders
www.northwind-traders.example
"""


@tagged("post_install", "-at_install")
class TestLeadSuggestionTour(HttpCase):
    def test_salesperson_decides_from_the_lead(self):
        company = self.env["res.company"].create(
            {"name": "Tour Suggest Co", "country_id": self.env.ref("base.fr").id}
        )
        rep = new_test_user(
            self.env,
            login="sg_tour_rep",
            name="Tour Rep",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="UTC",
        )
        team = self.env["crm.team"].create(
            {
                "name": "Tour Suggest Team",
                "company_id": company.id,
                "member_ids": [Command.set(rep.ids)],
            }
        )
        lead_id = (
            self.env["mail.thread"]
            .sudo()
            .message_process(
                "crm.lead",
                raw_email(TOUR_EMAIL, msg_id="<suggest-tour@northwind.example>"),
                custom_values={
                    "user_id": rep.id,
                    "team_id": team.id,
                    "company_id": company.id,
                    "type": "opportunity",
                },
            )
        )
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(len(lead.sm_suggestion_ids), 4, lead.sm_suggestion_ids)
        self.start_tour(
            f"/odoo/crm/{lead.id}", "sales_management_suggestion_tour", login=rep.login
        )
        self.assertEqual(lead.phone, "+33 6 12 34 56 78")
        self.assertEqual(lead.email_from, "sales@northwind.example")
        self.assertFalse(lead.website)
        self.assertEqual(
            sorted(lead.sm_suggestion_ids.mapped("kind")), ["company"], "left to decide"
        )
