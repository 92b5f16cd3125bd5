# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.sales_management.tools.periods import add_months, period_label

from ..tools.forecasting import forecast

# Context key of the job: the only writer of statistical forecasts.
STATISTICAL_JOB = "sales_forecast_statistical_job"
HISTORY_MONTHS = 36
HORIZON_MONTHS = 6
LEVEL = 0.8
# First key of the transaction lock taken while a company is computed.
ADVISORY_LOCK = 7470


class SalesForecastStatistical(models.Model):
    _name = "sales.forecast.statistical"
    _description = "Statistical Sales Forecast"
    _order = "date_from, company_id, owner_type, team_id, user_id"

    owner_type = fields.Selection(
        [("user", "Salesperson"), ("team", "Sales Team"), ("company", "Company")],
        string="Forecast Of",
        required=True,
        readonly=True,
        help="Whose confirmed sales the forecast projects.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        index=True,
        help="The salesperson whose sales are projected.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
        help="The team whose sales are projected (for a salesperson: empty).",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        help="Company of the sales.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Amounts are in the company currency.",
    )
    date_from = fields.Date(
        "Month",
        required=True,
        readonly=True,
        index=True,
        help="First day of the month projected.",
    )
    period_name = fields.Char(
        "Period", readonly=True, help="The month projected (2026-04)."
    )
    amount = fields.Monetary(
        "Statistical Forecast",
        readonly=True,
        help="Projected confirmed sales of the month (untaxed, company "
        "currency), from the monthly history.",
    )
    lower = fields.Monetary(
        "Low",
        readonly=True,
        help="Low end of the prediction interval: eight times out of ten the "
        "month's sales should fall between low and high.",
    )
    upper = fields.Monetary(
        "High",
        readonly=True,
        help="High end of the prediction interval.",
    )
    method = fields.Char(
        readonly=True,
        help="The statistical method that made the projection.",
    )
    computed_date = fields.Datetime(
        "Computed On", readonly=True, help="When the projection was computed."
    )

    # ------------------------------------------------------------------
    # Written by the job only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(STATISTICAL_JOB):
            raise UserError(
                self.env._(
                    "Statistical forecasts are computed, not entered: use "
                    "Compute Statistical Forecasts."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals and not self.env.context.get(STATISTICAL_JOB):
            raise UserError(
                self.env._("Statistical forecasts are computed and cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_job(self):
        if not self.env.context.get(STATISTICAL_JOB):
            raise UserError(
                self.env._(
                    "Statistical forecasts are replaced when computed again; "
                    "they cannot be deleted by hand."
                )
            )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------

    @api.model
    def _get_history(self, company, start, stop):
        """Monthly confirmed sales of each salesperson, team and the company.

        One query with grouping sets: {(owner type, owner id): {month: amount}}
        over [start, stop).
        """
        Figure = self.env["sales.figure"]
        Figure._flush_figures("confirmed")
        # confirmed sales in the company currency, as the targets count them
        orders = Figure._figure_sql(
            "confirmed",
            {"revenue": "revenue"},
            company=company.id,
            date_from=start,
            date_to=stop - timedelta(days=1),
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT CASE WHEN GROUPING(so.user_id) = 0 THEN 'user'
                            WHEN GROUPING(so.team_id) = 0 THEN 'team'
                            ELSE 'company' END,
                       COALESCE(CASE WHEN GROUPING(so.user_id) = 0 THEN so.user_id
                                     WHEN GROUPING(so.team_id) = 0 THEN so.team_id
                                END, 0),
                       date_trunc('month', so.date)::date,
                       SUM(so.revenue)::float
                  FROM (%s) AS so
              GROUP BY GROUPING SETS (
                       (so.user_id, date_trunc('month', so.date)),
                       (so.team_id, date_trunc('month', so.date)),
                       (date_trunc('month', so.date)))
                """,
                orders,
            )
        )
        history = {("company", 0): {}}
        for owner_type, owner_id, month, amount in self.env.cr.fetchall():
            if owner_type != "company" and not owner_id:
                continue  # sales without salesperson or team: company only
            history.setdefault((owner_type, owner_id), {})[month] = amount
        return history

    @api.model
    def _compute_company(self, company, today=None):
        """Project the next months of every owner of ``company``; replace the
        previous projections. Returns the projections created."""
        today = today or fields.Date.context_today(self)
        # one computation per company at a time (scheduled job and button)
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", ADVISORY_LOCK, company.id)
        )
        first_month = today.replace(day=1)
        start = add_months(first_month, -HISTORY_MONTHS)
        months = [add_months(start, index) for index in range(HISTORY_MONTHS)]
        horizon = [add_months(first_month, index) for index in range(HORIZON_MONTHS)]
        history = self._get_history(company, start, first_month)
        now = fields.Datetime.now()
        vals_list = []
        for (owner_type, owner_id), amounts in history.items():
            result = forecast(
                [amounts.get(month, 0.0) for month in months],
                HORIZON_MONTHS,
                season_length=12,
                level=LEVEL,
            )
            for index, month in enumerate(horizon):
                vals_list.append(
                    {
                        "owner_type": owner_type,
                        "user_id": owner_id if owner_type == "user" else False,
                        "team_id": owner_id if owner_type == "team" else False,
                        "company_id": company.id,
                        "date_from": month,
                        "period_name": period_label(month, "month"),
                        "amount": result.mean[index],
                        "lower": result.lower[index],
                        "upper": result.upper[index],
                        "method": result.method,
                        "computed_date": now,
                    }
                )
        Statistical = self.sudo().with_context(**{STATISTICAL_JOB: True})
        Statistical.search([("company_id", "=", company.id)]).unlink()
        return Statistical.create(vals_list).with_env(self.env)

    @api.model
    def _cron_compute(self):
        """Scheduled job: one company per call, the least recently computed."""
        companies = self.env["res.company"].search([])
        self.env.cr.execute(
            SQL(
                """SELECT c.id FROM res_company c
                LEFT JOIN sales_forecast_statistical s ON s.company_id = c.id
                    WHERE c.id = ANY(%s)
                 GROUP BY c.id
                   HAVING MAX(s.computed_date) IS NULL
                       OR MAX(s.computed_date) < %s
                 ORDER BY MAX(s.computed_date) NULLS FIRST, c.id""",
                companies.ids,
                datetime.combine(fields.Date.today(), time.min),
            )
        )
        todo = [row[0] for row in self.env.cr.fetchall()]
        if todo:
            self._compute_company(self.env["res.company"].browse(todo[0]))
        self.env["ir.cron"]._notify_progress(
            done=1 if todo else 0, remaining=max(len(todo) - 1, 0)
        )
        return True

    def action_compute(self):
        """Button of sales managers: project the current company now."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers can compute the statistical forecasts.")
            )
        self._compute_company(self.env.company)
        return {"type": "ir.actions.client", "tag": "reload"}
