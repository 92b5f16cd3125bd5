# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures of the forecast sheet: target, closed won and pipeline by
forecast category, the statistical projection, and the drill-down of each
figure to the records behind it."""

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
        help="Target of the period from the active and closed target plans on "
        "confirmed sales of every product (a team's or the company's: the sum "
        "of the team targets).",
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
        # write the pending changes of the tables the query reads
        self.flush_model()
        self.env["sales.figure"]._flush_figures("won", "pipeline", "targets")
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
                SELECT %(won_user)s AS user_id, %(won_team)s AS team_id,
                       %(won_company)s AS company_id, %(won_date)s::date AS day,
                       SUM(%(won_revenue)s) AS won, 0.0 AS commit_amount,
                       0.0 AS best_case, 0.0 AS pipeline, 0.0 AS weighted
                  FROM %(won_from)s WHERE %(won_where)s
              GROUP BY 1, 2, 3, 4
             UNION ALL
                SELECT %(open_user)s, %(open_team)s, %(open_company)s, %(open_date)s,
                       0.0,
                       SUM(%(open_revenue)s)
                           FILTER (WHERE %(category)s = 'commit'),
                       SUM(%(open_revenue)s)
                           FILTER (WHERE %(category)s = 'best_case'),
                       SUM(%(open_revenue)s)
                           FILTER (WHERE COALESCE(%(category)s, 'pipeline')
                                         = 'pipeline'),
                       SUM(%(open_weighted)s)
                           FILTER (WHERE %(category)s IS DISTINCT FROM 'omitted')
                  FROM %(open_from)s WHERE %(open_where)s
              GROUP BY 1, 2, 3, 4
            ), quota AS MATERIALIZED (
                SELECT %(q_type)s AS target_type, %(q_user)s AS user_id,
                       %(q_team)s AS team_id, %(q_company)s AS company_id,
                       %(q_date_from)s AS date_from, %(q_date_to)s AS date_to,
                       %(q_target)s AS effective_target
                  FROM %(q_from)s WHERE %(q_where)s
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
            **self._get_figures_sources(),
        )

    @api.model
    def _get_figures_sources(self):
        """The pieces of ``_get_figures_query`` read from the sales figures
        (``sales.figure``) between the first and last day of the forecasts
        (CTE ``bounds``): won and open opportunities, and the targets of
        plans on confirmed sales of every product."""
        Figure = self.env["sales.figure"]
        bounds = {
            "date_from": SQL("(SELECT start FROM bounds)"),
            "date_to": SQL("(SELECT stop FROM bounds)"),
        }
        values = {}
        for prefix, source in (("won", "won"), ("open", "pipeline")):
            query = Figure._figure_query(source, **bounds)
            columns = Figure._figure_columns(source, query)
            values.update(
                {
                    f"{prefix}_user": columns["user_id"],
                    f"{prefix}_team": columns["team_id"],
                    f"{prefix}_company": columns["company_id"],
                    f"{prefix}_date": columns["date"],
                    f"{prefix}_revenue": columns["revenue"],
                    f"{prefix}_weighted": columns["weighted"],
                    f"{prefix}_from": query.from_clause,
                    f"{prefix}_where": query.where_clause,
                }
            )
            if prefix == "open":
                values["category"] = SQL.identifier(query.table, "forecast_category")
        query = Figure._figure_query("targets", metric="sale", category=False, **bounds)
        table = query.table
        values.update(
            {
                "q_type": SQL.identifier(table, "target_type"),
                "q_user": SQL.identifier(table, "user_id"),
                "q_team": SQL.identifier(table, "team_id"),
                "q_company": SQL.identifier(table, "company_id"),
                "q_date_from": SQL.identifier(table, "date_from"),
                "q_date_to": SQL.identifier(table, "date_to"),
                "q_target": SQL.identifier(table, "effective_target"),
                "q_from": query.from_clause,
                "q_where": query.where_clause,
            }
        )
        return values

    # ------------------------------------------------------------------
    # Statistical projection
    # ------------------------------------------------------------------

    def _compute_statistical(self):
        """Statistical projections of the forecasts' owners, in one query."""
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        rows = {}
        if ids:
            self.flush_model()
            self.env["sales.forecast.statistical"].flush_model()
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

    @api.readonly
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

    def _figure_owner_bounds(self):
        """Bounds of this forecast's figures (``sales.figure``)."""
        self.ensure_one()
        bounds = {
            "company": self.company_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        if self.owner_type == "user":
            bounds["users"] = [self.user_id.id]
        elif self.owner_type == "team":
            bounds["teams"] = [self.team_id.id]
        return bounds

    def _get_lead_domain(self, figure):
        """Domain of the opportunities behind ``figure`` of this forecast."""
        self.ensure_one()
        Figure = self.env["sales.figure"]
        bounds = self._figure_owner_bounds()
        if figure == "closed_won":
            return Figure._figure_client_domain("won", **bounds)[1]
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
        return Figure._figure_client_domain(
            "pipeline", extra=category[figure], **bounds
        )[1]

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

    @api.readonly
    def action_view_closed_won(self):
        return self._action_view_leads("closed_won", self.env._("Closed Won"))

    @api.readonly
    def action_view_commit(self):
        return self._action_view_leads("commit_amount", self.env._("Commit"))

    @api.readonly
    def action_view_best_case(self):
        return self._action_view_leads("best_case_amount", self.env._("Best Case"))

    @api.readonly
    def action_view_pipeline(self):
        return self._action_view_leads("pipeline_amount", self.env._("Pipeline"))

    @api.readonly
    def action_view_weighted(self):
        return self._action_view_leads(
            "weighted_amount", self.env._("Weighted Pipeline")
        )

    @api.readonly
    def action_view_open(self):
        return self._action_view_leads("open_amount", self.env._("Open Pipeline"))

    @api.readonly
    def action_view_target(self):
        self.ensure_one()
        bounds = self._figure_owner_bounds()
        model, domain = self.env["sales.figure"]._figure_client_domain(
            "targets",
            metric="sale",
            category=False,
            target_type="user" if self.owner_type == "user" else "team",
            **bounds,
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Targets: %(forecast)s", forecast=self.display_name),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }
