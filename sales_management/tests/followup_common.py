# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command

from .common import SalesManagementCommon

# every test of the follow-ups runs on this day (freeze_time)
NOW = datetime(2026, 3, 16, 9, 0, 0)
TODAY = NOW.date()


class FollowupCommon(SalesManagementCommon):
    """The users, teams and products of ``SalesManagementCommon``, a rule
    builder and helpers to date messages, stages and orders in the past."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, tracking_disable=True)
        )
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.customer_1.email = "customer.one@example.com"
        cls.Rule = cls.env["sales.followup.rule"]
        cls.Log = cls.env["sales.followup.log"]
        # the rules of the database (demo data) are not the tests'
        cls.Rule.sudo().search([]).active = False

    @classmethod
    def create_rule(cls, kind, **vals):
        return cls.Rule.create(
            {
                "name": f"Rule {kind}",
                "kind": kind,
                "company_id": cls.company.id,
                "activity_type_id": cls.todo.id,
                "summary": "Follow up",
                **vals,
            }
        )

    def run_rules(self, rules=None, **kwargs):
        """Run ``rules`` (every active rule) on ``NOW``; the number fired."""
        with freeze_time(NOW):
            if rules is None:
                return self.Rule._run_all(**kwargs)
            return rules.sudo()._run_rules(**kwargs)[0]

    def activities(self, record, rule=None):
        logs = self.Log.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
            + ([("rule_id", "=", rule.id)] if rule else [])
        )
        return logs.activity_id

    @classmethod
    def ago(cls, days, hour=9):
        return NOW - timedelta(days=days) + timedelta(hours=hour - NOW.hour)

    @classmethod
    def post(cls, record, days_ago, author=None, message_type="comment", note=True):
        """A message on ``record`` ``days_ago`` days before ``NOW``."""
        message = record.message_post(
            body="Hello",
            message_type=message_type,
            subtype_xmlid="mail.mt_note" if note else "mail.mt_comment",
            author_id=(author or cls.env.user.partner_id).id,
        )
        message.sudo().date = cls.ago(days_ago)
        return message

    @classmethod
    def create_lead(cls, user, name="Lead", type="opportunity", stage=None, **vals):
        lead = cls.env["crm.lead"].create(
            {
                "name": name,
                "type": type,
                "user_id": user.id,
                "team_id": user.sale_team_id.id,
                "company_id": cls.company.id,
                "partner_id": cls.customer_1.id,
                "stage_id": (stage or cls.open_stage).id,
                "expected_revenue": 1000.0,
                "probability": 30.0,
                **vals,
            }
        )
        # no message of its creation (only contacts count)
        lead.message_ids.sudo().unlink()
        return lead

    @classmethod
    def create_orders(cls, partner, days_ago, user=None, amount=100.0):
        """Confirmed orders of ``partner`` ``days_ago`` days before today."""
        orders = cls.env["sale.order"]
        for days in days_ago:
            orders |= cls.create_order(
                user or cls.rep_a,
                TODAY - timedelta(days=days),
                [(cls.service, 1, amount)],
                partner=partner,
            )
        return orders

    @classmethod
    def create_quotation(cls, user, days_ago, partner=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer_1).id,
                "user_id": user.id,
                "team_id": user.sale_team_id.id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create({"product_id": cls.service.id, "price_unit": 100})
                ],
            }
        )
        order.action_quotation_sent()
        order.date_order = cls.ago(days_ago)
        order.message_ids.sudo().unlink()
        return order

    @classmethod
    def new_customer(cls, name):
        return cls.env["res.partner"].create({"name": name, "is_company": True})

    @classmethod
    def refresh_cadence(cls, today=TODAY):
        cls.env["sales.customer.cadence"]._refresh_all(cls.company, today=today)
