# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures of the forecast sheet: target, closed won and pipeline by
forecast category, the statistical projection, and the drill-down of each
figure to the records behind it."""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .sales_forecast import FIGURE_FIELDS


class SalesForecast(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.forecast"

    # Figures, computed set-based for every forecast of a request.
    target = fields.Monetary(
        compute="_compute_figures",
        help="Target of the period from the active target plans on confirmed "
        "sales (a team's or the company's: the sum of the team targets).",
    )
    closed_won = fields.Monetary(
        compute="_compute_figures",
        help="Expected revenue of the opportunities won in the period.",
    )
    commit_amount = fields.Monetary(
        "Commit",
        compute="_compute_figures",
        help="Expected revenue of the open opportunities in the Commit "
        "category expected to close in the period.",
    )
    best_case_amount = fields.Monetary(
        "Best Case",
        compute="_compute_figures",
        help="Expected revenue of the open opportunities in the Best Case "
        "category expected to close in the period.",
    )
    pipeline_amount = fields.Monetary(
        "Pipeline",
        compute="_compute_figures",
        help="Expected revenue of the open opportunities in the Pipeline "
        "category expected to close in the period.",
    )
    weighted_amount = fields.Monetary(
        "Weighted Pipeline",
        compute="_compute_figures",
        help="Expected revenue times probability of the open opportunities "
        "expected to close in the period, omitted ones left out.",
    )
    open_amount = fields.Monetary(
        "Open Pipeline",
        compute="_compute_figures",
        help="Commit, best case and pipeline together.",
    )
    gap = fields.Monetary(
        "Gap to Target",
        compute="_compute_calls",
        help="Target minus the forecast: what is still missing (negative "
        "when the forecast is above target).",
    )
    coverage = fields.Float(
        "Pipeline Coverage",
        compute="_compute_figures",
        digits=(16, 2),
        help="Open pipeline divided by what remains to win to reach the "
        "target (target minus closed won); 0 when the target is reached.",
    )
    statistical_amount = fields.Monetary(
        "Statistical Forecast",
        compute="_compute_statistical",
        help="Confirmed sales projected from the monthly history (sum of the "
        "months of the period that are projected).",
    )
    statistical_lower = fields.Monetary(
        "Statistical Low",
        compute="_compute_statistical",
        help="Low end of the 80 % prediction interval (for a quarter, the sum "
        "of its months' low ends: a cautious, wider range).",
    )
    statistical_upper = fields.Monetary(
        "Statistical High",
        compute="_compute_statistical",
        help="High end of the 80 % prediction interval.",
    )
    statistical_method = fields.Char(
        compute="_compute_statistical",
        help="The statistical method that made the projection.",
    )

    # ------------------------------------------------------------------
    # Figures: one SQL query for every forecast of the request
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_figures(self):
        figures = self._get_figures()
        for forecast in self:
            values = figures.get(forecast.id, {})
            for name in FIGURE_FIELDS:
                forecast[name] = values.get(name, 0.0)
            forecast.open_amount = (
                forecast.commit_amount
                + forecast.best_case_amount
                + forecast.pipeline_amount
            )
            remaining = max(forecast.target - forecast.closed_won, 0.0)
            forecast.coverage = remaining and forecast.open_amount / remaining

    def _get_figures(self):
        """Target and pipeline figures of every forecast in ``self``.

        ``self`` holds only forecasts the user may read (record rules applied
        by the ORM); each forecast counts the opportunities of its own owner
        and company, in one query for all of them.

        :return: {forecast id: {figure name: amount}}
        """
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(self._get_figures_query(ids))
        columns = ("id", *FIGURE_FIELDS)
        return {
            row[0]: dict(zip(columns[1:], row[1:], strict=True))
            for row in self.env.cr.fetchall()
        }

    @api.model
    def _get_figures_query(self, ids):
        """(forecast id, target, closed won, commit, best case, pipeline, weighted).

        Opportunities are aggregated by salesperson, team, company and day in
        one pass over the periods of the forecasts, then matched with the
        forecasts by owner (one join per kind of owner).
        """
        owner_joins = SQL(" UNION ALL ").join(
            SQL(
                """SELECT f.id, s.won, s.commit_amount, s.best_case, s.pipeline,
                          s.weighted, 0.0 AS target
                     FROM f JOIN src s ON %s
                      AND s.day BETWEEN f.date_from AND f.date_to
                      AND (s.company_id = f.company_id OR s.company_id IS NULL)""",
                condition,
            )
            for condition in (
                SQL("f.owner_type = 'user' AND s.user_id = f.user_id"),
                SQL("f.owner_type = 'team' AND s.team_id = f.team_id"),
                SQL("f.owner_type = 'company'"),
            )
        )
        return SQL(
            """
            WITH f AS MATERIALIZED (
                SELECT id, owner_type, user_id, team_id, company_id, date_from, date_to
                  FROM sales_forecast
                 WHERE id = ANY(%(ids)s)
            ), bounds AS (
                SELECT MIN(date_from) AS start, MAX(date_to) AS stop FROM f
            ), src AS MATERIALIZED (
                SELECT l.user_id, l.team_id, l.company_id, l.date_closed::date AS day,
                       SUM(l.expected_revenue) AS won, 0.0 AS commit_amount,
                       0.0 AS best_case, 0.0 AS pipeline, 0.0 AS weighted
                  FROM crm_lead l, bounds b
                 WHERE l.type = 'opportunity' AND l.active AND l.probability >= 100
                   AND l.date_closed >= b.start AND l.date_closed < b.stop + 1
              GROUP BY 1, 2, 3, 4
             UNION ALL
                SELECT l.user_id, l.team_id, l.company_id, l.date_deadline, 0.0,
                       SUM(l.expected_revenue)
                           FILTER (WHERE l.forecast_category = 'commit'),
                       SUM(l.expected_revenue)
                           FILTER (WHERE l.forecast_category = 'best_case'),
                       SUM(l.expected_revenue)
                           FILTER (WHERE COALESCE(l.forecast_category, 'pipeline')
                                         = 'pipeline'),
                       SUM(l.prorated_revenue)
                           FILTER (WHERE l.forecast_category IS DISTINCT FROM 'omitted')
                  FROM crm_lead l, bounds b
                 WHERE l.type = 'opportunity' AND l.active AND l.probability < 100
                   AND l.date_deadline BETWEEN b.start AND b.stop
              GROUP BY 1, 2, 3, 4
            ), quota AS MATERIALIZED (
                SELECT q.target_type, q.user_id, q.team_id, q.company_id, q.date_from,
                       q.date_to, q.effective_target
                  FROM sales_quota q
                  JOIN sales_quota_plan p ON p.id = q.plan_id, bounds b
                 WHERE q.date_from >= b.start AND q.date_from <= b.stop
                   AND p.active AND p.metric = 'sale'
                   AND p.state IN ('active', 'closed')
            ), targets AS (
                SELECT f.id, 0.0, 0.0, 0.0, 0.0, 0.0, q.effective_target
                  FROM f
                  JOIN quota q
                    ON q.company_id = f.company_id
                   AND q.date_from >= f.date_from AND q.date_to <= f.date_to
                   AND q.target_type = CASE WHEN f.owner_type = 'user' THEN 'user'
                                            ELSE 'team' END
                   AND (f.owner_type = 'company'
                        OR (f.owner_type = 'user' AND q.user_id = f.user_id)
                        OR (f.owner_type = 'team' AND q.team_id = f.team_id))
            ), figures AS (
                %(owner_joins)s
             UNION ALL
                SELECT * FROM targets
            ), totals AS MATERIALIZED (
                -- summed once per forecast before the join: the planner
                -- cannot re-run the figures for each forecast
                SELECT id, SUM(target) AS target, SUM(won) AS won,
                       SUM(commit_amount) AS commit_amount,
                       SUM(best_case) AS best_case, SUM(pipeline) AS pipeline,
                       SUM(weighted) AS weighted
                  FROM figures
              GROUP BY id
            )
            SELECT f.id,
                   COALESCE(x.target, 0.0)::float,
                   COALESCE(x.won, 0.0)::float,
                   COALESCE(x.commit_amount, 0.0)::float,
                   COALESCE(x.best_case, 0.0)::float,
                   COALESCE(x.pipeline, 0.0)::float,
                   COALESCE(x.weighted, 0.0)::float
              FROM f LEFT JOIN totals x ON x.id = f.id
            """,
            ids=list(ids),
            owner_joins=owner_joins,
        )

    # ------------------------------------------------------------------
    # Statistical projection
    # ------------------------------------------------------------------

    def _compute_statistical(self):
        """Statistical projections of the forecasts' owners, in one query."""
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        rows = {}
        if ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT f.id, SUM(s.amount)::float, SUM(s.lower)::float,
                           SUM(s.upper)::float, MIN(s.method)
                      FROM sales_forecast f
                      JOIN sales_forecast_statistical s
                        ON s.company_id = f.company_id
                       AND s.owner_type = f.owner_type
                       -- one equality on the owner, whatever its kind: a hash join
                       AND COALESCE(CASE s.owner_type WHEN 'user' THEN s.user_id
                                    WHEN 'team' THEN s.team_id END, 0)
                         = COALESCE(CASE f.owner_type WHEN 'user' THEN f.user_id
                                    WHEN 'team' THEN f.team_id END, 0)
                       AND s.date_from BETWEEN f.date_from AND f.date_to
                     WHERE f.id = ANY(%s)
                  GROUP BY f.id
                    """,
                    ids,
                )
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for forecast in self:
            amount, lower, upper, method = rows.get(forecast.id, (0.0, 0.0, 0.0, False))
            forecast.statistical_amount = amount
            forecast.statistical_lower = lower
            forecast.statistical_upper = upper
            forecast.statistical_method = method

    def action_view_statistical(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("owner_type", "=", self.owner_type),
            ("date_from", ">=", self.date_from),
            ("date_from", "<=", self.date_to),
        ]
        if self.owner_type == "user":
            domain.append(("user_id", "=", self.user_id.id))
        elif self.owner_type == "team":
            domain.append(("team_id", "=", self.team_id.id))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Statistical Forecast: %(forecast)s", forecast=self.display_name
            ),
            "res_model": "sales.forecast.statistical",
            "views": [(False, "list")],
            "domain": domain,
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Drill-down: every figure opens the records behind it
    # ------------------------------------------------------------------

    def _get_lead_domain(self, figure):
        """Domain of the opportunities behind ``figure`` of this forecast."""
        self.ensure_one()
        domain = [
            ("type", "=", "opportunity"),
            ("company_id", "in", (self.company_id.id, False)),
        ]
        if self.owner_type == "user":
            domain.append(("user_id", "=", self.user_id.id))
        elif self.owner_type == "team":
            domain.append(("team_id", "=", self.team_id.id))
        if figure == "closed_won":
            return [
                *domain,
                ("probability", ">=", 100),
                ("date_closed", ">=", datetime.combine(self.date_from, time.min)),
                (
                    "date_closed",
                    "<",
                    datetime.combine(self.date_to + timedelta(days=1), time.min),
                ),
            ]
        domain += [
            ("probability", "<", 100),
            ("date_deadline", ">=", self.date_from),
            ("date_deadline", "<=", self.date_to),
        ]
        category = {
            "commit_amount": [("forecast_category", "=", "commit")],
            "best_case_amount": [("forecast_category", "=", "best_case")],
            "pipeline_amount": [("forecast_category", "in", ("pipeline", False))],
            "weighted_amount": [("forecast_category", "!=", "omitted")],
            "open_amount": [
                ("forecast_category", "in", ("commit", "best_case", "pipeline", False))
            ],
        }
        if figure not in category:
            raise UserError(
                self.env._("Unknown forecast figure: %(figure)s", figure=figure)
            )
        return domain + category[figure]

    def _action_view_leads(self, figure, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(figure)s: %(forecast)s", figure=title, forecast=self.display_name
            ),
            "res_model": "crm.lead",
            "views": [(False, "list"), (False, "form")],
            "domain": self._get_lead_domain(figure),
            "context": {"create": False, "active_test": figure != "closed_won"},
        }

    def action_view_closed_won(self):
        return self._action_view_leads("closed_won", self.env._("Closed Won"))

    def action_view_commit(self):
        return self._action_view_leads("commit_amount", self.env._("Commit"))

    def action_view_best_case(self):
        return self._action_view_leads("best_case_amount", self.env._("Best Case"))

    def action_view_pipeline(self):
        return self._action_view_leads("pipeline_amount", self.env._("Pipeline"))

    def action_view_weighted(self):
        return self._action_view_leads(
            "weighted_amount", self.env._("Weighted Pipeline")
        )

    def action_view_open(self):
        return self._action_view_leads("open_amount", self.env._("Open Pipeline"))

    def action_view_target(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("plan_id.metric", "=", "sale"),
            ("plan_state", "in", ("active", "closed")),
            ("date_from", ">=", self.date_from),
            ("date_to", "<=", self.date_to),
        ]
        if self.owner_type == "user":
            domain += [("target_type", "=", "user"), ("user_id", "=", self.user_id.id)]
        elif self.owner_type == "team":
            domain += [("target_type", "=", "team"), ("team_id", "=", self.team_id.id)]
        else:
            domain += [("target_type", "=", "team")]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Targets: %(forecast)s", forecast=self.display_name),
            "res_model": "sales.quota",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }
