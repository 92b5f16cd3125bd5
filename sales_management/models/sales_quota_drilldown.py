# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Drill-down of the figures of a target: every figure opens the records
behind it, with the same definition as the figure."""

from datetime import datetime, time, timedelta

from odoo import models
from odoo.tools import SQL


class SalesQuota(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.quota"

    def _owner_domain(self, user_field="user_id", team_field="team_id"):
        self.ensure_one()
        if self.target_type == "user":
            return [(user_field, "=", self.user_id.id)]
        return [(team_field, "=", self.team_id.id)]

    def _period_datetime_domain(self, field):
        self.ensure_one()
        return [
            (field, ">=", datetime.combine(self.date_from, time.min)),
            (field, "<", datetime.combine(self.date_to + timedelta(days=1), time.min)),
        ]

    def _get_achieved_domain(self):
        """(model, domain) of the documents counted in ``achieved``."""
        self.ensure_one()
        plan = self.plan_id
        company = [("company_id", "=", plan.company_id.id)]
        categ = plan.product_categ_id
        if plan.metric in ("sale", "margin"):
            if categ:
                return "sale.order.line", [
                    ("order_id.state", "=", "sale"),
                    ("display_type", "=", False),
                    ("product_id.categ_id", "child_of", categ.id),
                    *company,
                    *[
                        ("order_id." + leaf[0], *leaf[1:])
                        for leaf in self._period_datetime_domain("date_order")
                        + self._owner_domain()
                    ],
                ]
            return "sale.order", [
                ("state", "=", "sale"),
                *company,
                *self._period_datetime_domain("date_order"),
                *self._owner_domain(),
            ]
        if plan.metric == "invoice":
            move_domain = [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", self.date_from),
                ("invoice_date", "<=", self.date_to),
                *self._owner_domain(user_field="invoice_user_id"),
            ]
            if categ:
                return "account.move.line", [
                    ("display_type", "=", "product"),
                    ("product_id.categ_id", "child_of", categ.id),
                    *company,
                    *[("move_id." + leaf[0], *leaf[1:]) for leaf in move_domain],
                ]
            return "account.move", [*company, *move_domain]
        if plan.metric == "won_count":
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", True),
                ("company_id", "in", (plan.company_id.id, False)),
                *self._period_datetime_domain("date_closed"),
                *self._owner_domain(),
            ]
        # new customers: the partners whose first confirmed order is in the period
        self.env.cr.execute(
            SQL(
                """SELECT f.partner_id FROM (%s) f
                    WHERE f.date_order >= %s AND f.date_order < %s AND %s""",
                self._first_orders_sql(plan.company_id.id),
                self.date_from,
                self.date_to + timedelta(days=1),
                SQL("f.user_id = %s", self.user_id.id)
                if self.target_type == "user"
                else SQL("f.team_id = %s", self.team_id.id),
            )
        )
        return "res.partner", [("id", "in", [row[0] for row in self.env.cr.fetchall()])]

    def _get_pipeline_domain(self):
        self.ensure_one()
        return [
            ("type", "=", "opportunity"),
            ("probability", "<", 100),
            ("company_id", "in", (self.plan_id.company_id.id, False)),
            ("date_deadline", ">=", self.date_from),
            ("date_deadline", "<=", self.date_to),
            *self._owner_domain(),
        ]

    def action_view_achieved(self):
        self.ensure_one()
        model, domain = self._get_achieved_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Achieved: %(quota)s", quota=self.display_name),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }

    def action_view_pipeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pipeline: %(quota)s", quota=self.display_name),
            "res_model": "crm.lead",
            "views": [(False, "list"), (False, "form")],
            "domain": self._get_pipeline_domain(),
            "context": {"create": False},
        }
