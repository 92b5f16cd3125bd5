# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.osv import expression


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

    # the sales figure (``sales.figure``) behind each scorecard figure
    KPI_SOURCES = {
        "revenue": "confirmed",
        "margin": "confirmed",
        "margin_percent": "confirmed",
        "invoiced": "invoiced",
        "won_count": "won",
        "won_amount": "won",
        "avg_deal_size": "won",
        "avg_cycle_days": "won",
        "lost_count": "lost",
        "pipeline_created": "created",
        "open_pipeline": "pipeline",
        "pipeline_coverage": "pipeline",
        "new_customers": "new_customers",
        "opportunities_created": "created",
    }

    def _get_kpi_domain(self, figure):
        """(model, domain) of the records behind ``figure``, as counted."""
        self.ensure_one()
        Figure = self.env["sales.figure"]
        bounds = {
            "company": self.company_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "users": [self.user_id.id],
        }
        if figure in self.KPI_SOURCES:
            return Figure._figure_client_domain(self.KPI_SOURCES[figure], **bounds)
        if figure == "win_rate":
            model, won = Figure._figure_client_domain("won", **bounds)
            lost = Figure._figure_client_domain("lost", **bounds)[1]
            return model, expression.OR([won, lost])
        if figure in ("target", "attainment"):
            return Figure._figure_client_domain(
                "targets", target_type="user", metric="sale", category=False, **bounds
            )
        start, stop = self._datetime_bounds()
        if figure == "activities_done":
            return "mail.message", [
                ("mail_activity_type_id", "!=", False),
                ("author_id", "=", self.user_id.partner_id.id),
                ("date", ">=", start),
                ("date", "<", stop),
            ]
        if figure in ("calls_done", "calls_per_opportunity", "calls_per_won"):
            return "mail.message", [
                ("mail_activity_type_id.category", "=", "phonecall"),
                ("author_id", "=", self.user_id.partner_id.id),
                ("date", ">=", start),
                ("date", "<", stop),
            ]
        if figure in ("meetings_done", "meetings_per_opportunity", "meetings_per_won"):
            return "calendar.event", [
                ("user_id", "=", self.user_id.id),
                ("opportunity_id", "!=", False),
                ("opportunity_id.company_id", "in", [self.company_id.id, False]),
                ("start", ">=", start),
                ("start", "<", min(stop, fields.Datetime.now())),
            ]
        if figure == "activities_overdue":
            return "mail.activity", [
                ("user_id", "=", self.user_id.id),
                ("date_deadline", ">=", self.date_from),
                ("date_deadline", "<=", self.date_to),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        return None, None

    @api.readonly
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
            "context": {"create": False, "active_test": False},
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
