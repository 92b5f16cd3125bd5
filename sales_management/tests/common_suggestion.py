# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user

SALESMAN = "sales_team.group_sale_salesman"
LEADER = "sales_management.group_sales_team_leader"
MANAGER = "sales_team.group_sale_manager"

# Tuesday 10 March 2026: "next Tuesday" is the 17th
EMAIL_DATE = "Tue, 10 Mar 2026 09:00:00 +0000"


def raw_email(
    body,
    subject="Quote for 40 licences",
    sender="Marie Laurent <marie.laurent@northwind.example>",
    msg_id="<suggest-1@northwind.example>",
    charset="utf-8",
    content_type="text/plain",
    date=EMAIL_DATE,
):
    """An email as the gateway receives it (bytes: the body may be in any
    charset)."""
    head = (
        f"From: {sender}\r\n"
        "To: sales@suggest.example\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {date}\r\n"
        f"Message-Id: {msg_id}\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: {content_type}; charset="{charset}"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    if isinstance(body, str):
        body = body.replace("\n", "\r\n").encode(charset)
    return head.encode("ascii") + body


EMAIL_BODY = """Hello,

Thank you for the demo. We would like a quote for 40 licences; our budget
is around 25 k€ and we plan to decide by the end of next month.

Could you call me back next Tuesday? My direct line is 06 12 34 56 78.

Best regards,
Marie Laurent
Purchasing Manager, Northwind Traders
www.northwind-traders.example
"""


class SuggestionCommon(TransactionCase):
    """A French company in euros, its sales team North (leader ``leader``,
    salespeople ``rep_a`` and ``rep_b``), team South (``rep_c``), a manager,
    and a second company with its own manager. No demo data is used."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        euro = cls.env.ref("base.EUR")
        euro.active = True
        cls.company = cls.env["res.company"].create(
            {
                "name": "Suggest Sales Co",
                "currency_id": euro.id,
                "country_id": cls.env.ref("base.fr").id,
                "phone": "+33 1 40 00 00 00",
                "email": "contact@suggest.example",
                "website": "https://www.suggest.example",
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {"name": "Suggest Other Co", "currency_id": euro.id}
        )

        def user(login, group, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                name=login.replace("_", " ").title(),
                email=f"{login}@suggest.example",
                groups=f"base.group_user,{group}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                tz="UTC",
            )

        cls.manager = user("sg_manager", MANAGER)
        cls.leader = user("sg_leader", LEADER)
        cls.rep_a = user("sg_rep_a", SALESMAN)
        cls.rep_b = user("sg_rep_b", SALESMAN)
        cls.rep_c = user("sg_rep_c", SALESMAN)
        cls.manager_b = user("sg_manager_b", MANAGER, cls.company_b)
        cls.rep_a.partner_id.phone = "+33 6 99 88 77 66"
        cls.team_north = cls.env["crm.team"].create(
            {
                "name": "Suggest North",
                "user_id": cls.leader.id,
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.rep_a | cls.rep_b).ids)],
            }
        )
        cls.team_south = cls.env["crm.team"].create(
            {
                "name": "Suggest South",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.rep_c.ids)],
            }
        )
        cls.Suggestion = cls.env["sales.lead.suggestion"]

    @classmethod
    def make_lead(cls, user=None, **vals):
        user = user or cls.rep_a
        return cls.env["crm.lead"].create(
            {
                "name": "Suggest lead",
                "type": "opportunity",
                "user_id": user.id,
                "team_id": (cls.team_south if user == cls.rep_c else cls.team_north).id,
                "company_id": cls.company.id,
                **vals,
            }
        )

    def receive(self, body, lead=None, **options):
        """Process an email through the gateway: a new lead of ``rep_a`` (or a
        reply on ``lead``). Returns the lead."""
        Thread = self.env["mail.thread"].sudo()
        custom = {
            "user_id": self.rep_a.id,
            "team_id": self.team_north.id,
            "company_id": self.company.id,
        }
        lead_id = Thread.message_process(
            "crm.lead",
            raw_email(body, **options),
            custom_values=None if lead else custom,
            thread_id=lead.id if lead else None,
        )
        return self.env["crm.lead"].browse(lead_id)

    def suggested(self, lead, state="new"):
        """{kind: [values]} of the suggestions of ``lead`` in ``state``."""
        rows = self.Suggestion.search(
            [("lead_id", "=", lead.id), ("state", "=", state)], order="id"
        )
        result = {}
        for row in rows:
            result.setdefault(row.kind, []).append(row.value)
        return result

    def suggestion(self, lead, kind, user=None):
        found = self.Suggestion.search(
            [("lead_id", "=", lead.id), ("kind", "=", kind), ("state", "=", "new")]
        )
        self.assertEqual(len(found), 1, f"one new {kind} suggestion")
        return found.with_user(user) if user else found
