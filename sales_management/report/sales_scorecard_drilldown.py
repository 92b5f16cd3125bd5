# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class SalesScorecard(models.Model):
    """Drill-down: every figure of a scorecard opens the records behind it."""

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

    def _datetime_bounds(self):
        self.ensure_one()
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to + timedelta(days=1), time.min),
        )

    def _get_kpi_domain(self, figure):
        """(model, domain) of the records behind ``figure``, as counted."""
        self.ensure_one()
        start, stop = self._datetime_bounds()
        company = self.company_id.id
        user = self.user_id.id
        lead_company = ["|", ("company_id", "=", company), ("company_id", "=", False)]
        if figure in ("revenue", "margin", "margin_percent"):
            return "sale.order", [
                ("state", "=", "sale"),
                ("company_id", "=", company),
                ("user_id", "=", user),
                ("date_order", ">=", start),
                ("date_order", "<", stop),
            ]
        if figure == "invoiced":
            return "account.move", [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("company_id", "=", company),
                ("invoice_user_id", "=", user),
                ("invoice_date", ">=", self.date_from),
                ("invoice_date", "<=", self.date_to),
            ]
        if figure in ("won_count", "won_amount", "avg_deal_size", "avg_cycle_days"):
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", True),
                ("user_id", "=", user),
                ("date_closed", ">=", start),
                ("date_closed", "<", stop),
                *lead_company,
            ]
        if figure in ("lost_count", "win_rate"):
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("user_id", "=", user),
                ("date_closed", ">=", start),
                ("date_closed", "<", stop),
                "|",
                ("stage_id.is_won", "=", True),
                "&",
                ("active", "=", False),
                ("probability", "=", 0),
                *lead_company,
            ]
        if figure == "pipeline_created":
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("user_id", "=", user),
                ("create_date", ">=", start),
                ("create_date", "<", stop),
                ("active", "in", (True, False)),
                *lead_company,
            ]
        if figure in ("open_pipeline", "pipeline_coverage"):
            return "crm.lead", [
                ("type", "=", "opportunity"),
                ("user_id", "=", user),
                ("probability", "<", 100),
                ("date_deadline", ">=", self.date_from),
                ("date_deadline", "<=", self.date_to),
                *lead_company,
            ]
        if figure == "activities_done":
            return "mail.message", [
                ("mail_activity_type_id", "!=", False),
                ("author_id", "=", self.user_id.partner_id.id),
                ("date", ">=", start),
                ("date", "<", stop),
            ]
        if figure == "activities_overdue":
            return "mail.activity", [
                ("user_id", "=", user),
                ("date_deadline", ">=", self.date_from),
                ("date_deadline", "<=", self.date_to),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        if figure in ("target", "attainment"):
            return "sales.quota", [
                ("target_type", "=", "user"),
                ("user_id", "=", user),
                ("metric", "=", "sale"),
                ("plan_state", "in", ("active", "closed")),
                ("company_id", "=", company),
                ("date_from", ">=", self.date_from),
                ("date_to", "<=", self.date_to),
            ]
        if figure == "new_customers":
            query = SQL(
                """SELECT f.partner_id FROM (%s) f
                    WHERE f.date_order >= %s AND f.date_order < %s
                      AND f.user_id = %s""",
                self.env["sales.quota"]._first_orders_sql(company),
                start,
                stop,
                user,
            )
            self.env.cr.execute(query)
            return "res.partner", [
                ("id", "in", [row[0] for row in self.env.cr.fetchall()])
            ]
        return None, None

    def action_view_figure(self):
        """Open the records behind the figure named in the context."""
        self.ensure_one()
        figure = self.env.context.get("scorecard_figure")
        model, domain = self._get_kpi_domain(figure)
        if not model:
            return False
        label = self._fields[figure].string if figure in self._fields else figure
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(figure)s: %(scorecard)s", figure=label, scorecard=self.display_name
            ),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False, "active_test": False}
            if model == "crm.lead" and figure == "pipeline_created"
            else {"create": False},
        }

    @api.model
    def _action_open_leaderboard(self):
        """Leaderboard of the current month (the current periods are created)."""
        company = self.env.company
        self.env["sales.scorecard.period"].sudo()._ensure_periods(
            company, fields.Date.context_today(self)
        )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.sales_scorecard_action_leaderboard"
        )
