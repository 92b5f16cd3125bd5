# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.sales_management.tools.periods import (
    is_period_start,
    period_bounds,
    period_label,
)

# Latest entry of each kind: the one that counts, by increasing precedence.
ENTRY_KINDS = ("submission", "leader", "manager")
# Fields computed from the entries (see _compute_calls).
CALL_FIELDS = [
    "submitted_amount",
    "submitted_uid",
    "submitted_date",
    "leader_amount",
    "leader_note",
    "leader_uid",
    "leader_date",
    "manager_amount",
    "manager_note",
    "manager_uid",
    "manager_date",
    "rollup_amount",
    "forecast_amount",
    "forecast_source",
    "gap",
]
ACCURACY_FIELDS = [
    "accuracy_call",
    "accuracy_actual",
    "accuracy",
    "bias",
    "accuracy_date",
]
# Fields that place a forecast (owner, company, period): frozen once it holds
# submissions or adjustments, which were made for that owner and period.
PLACEMENT_FIELDS = (
    "owner_type",
    "user_id",
    "team_id",
    "company_id",
    "period_type",
    "date_from",
)
# Ended periods the trust factor looks back on.
TRUST_PERIODS = 6
FIGURE_FIELDS = (
    "target",
    "closed_won",
    "commit_amount",
    "best_case_amount",
    "pipeline_amount",
    "weighted_amount",
)


class SalesForecast(models.Model):
    _name = "sales.forecast"
    _description = "Sales Forecast"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.input.guard"]
    _order = "date_from desc, company_id, owner_sequence, team_id, user_id, id"
    _check_company_auto = True
    # salespeople and leaders post their calls on forecasts they only read
    _mail_post_access = "read"
    _rec_names_search = ["user_id", "team_id", "period_name"]

    owner_type = fields.Selection(
        [("user", "Salesperson"), ("team", "Sales Team"), ("company", "Company")],
        string="Forecast Of",
        required=True,
        default="user",
        help="A salesperson's forecast counts their opportunities, a team's "
        "those of the team and the company's all of the company.",
    )
    owner_sequence = fields.Integer(
        compute="_compute_owner_sequence",
        store=True,
        help="Company first, then teams, then salespeople.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        # the forecasts are history: archive the user instead
        ondelete="restrict",
        domain="[('share', '=', False)]",
        help="The salesperson whose forecast this is.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The team forecast, or the team of the salesperson: its leader "
        "adjusts the forecast.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose opportunities the forecast counts.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Currency",
        help="Amounts of the forecast are in the company currency.",
    )
    parent_id = fields.Many2one(
        "sales.forecast",
        string="Rolls Up Into",
        index=True,
        ondelete="set null",
        help="The forecast of the team (for a salesperson) or of the company "
        "(for a team) of the same period.",
    )
    child_ids = fields.One2many(
        "sales.forecast",
        "parent_id",
        string="Rolled-up Forecasts",
        help="The forecasts that roll up into this one.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Period",
        required=True,
        default="month",
        help="Length of the forecast period.",
    )
    date_from = fields.Date(
        "Period Start",
        required=True,
        index=True,
        help="First day of the forecast period.",
    )
    date_to = fields.Date(
        "Period End",
        compute="_compute_period",
        store=True,
        precompute=True,
        help="Last day of the forecast period.",
    )
    period_name = fields.Char(
        compute="_compute_period",
        store=True,
        precompute=True,
        index=True,
        help="The month (2026-04) or quarter (Q2 2026) of the forecast.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
        copy=False,
        help="A closed forecast takes no more submissions or adjustments; a "
        "period is also closed once it has ended.",
    )
    is_closed = fields.Boolean(
        "Period Closed",
        compute="_compute_is_closed",
        help="The forecast was closed or its period has ended.",
    )
    entry_ids = fields.One2many(
        "sales.forecast.entry",
        "forecast_id",
        string="Submissions and Adjustments",
        help="Every submission and adjustment, kept as history.",
    )

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

    # Latest submission and adjustments, and the resulting call.
    submitted_amount = fields.Monetary(
        "Submitted",
        compute="_compute_calls",
        help="The salesperson's latest submitted call.",
    )
    submitted_uid = fields.Many2one(
        "res.users", "Submitted By", compute="_compute_calls", help="Its author."
    )
    submitted_date = fields.Datetime(
        "Submitted On", compute="_compute_calls", help="When it was submitted."
    )
    leader_amount = fields.Monetary(
        "Leader Adjustment",
        compute="_compute_calls",
        help="The team leader's latest adjusted call.",
    )
    leader_note = fields.Text(compute="_compute_calls", help="Why the leader adjusted.")
    leader_uid = fields.Many2one(
        "res.users", "Adjusted By (Leader)", compute="_compute_calls", help="Author."
    )
    leader_date = fields.Datetime(
        "Leader Adjusted On", compute="_compute_calls", help="When."
    )
    manager_amount = fields.Monetary(
        "Manager Adjustment",
        compute="_compute_calls",
        help="The sales manager's latest adjusted call.",
    )
    manager_note = fields.Text(
        compute="_compute_calls", help="Why the manager adjusted."
    )
    manager_uid = fields.Many2one(
        "res.users", "Adjusted By (Manager)", compute="_compute_calls", help="Author."
    )
    manager_date = fields.Datetime(
        "Manager Adjusted On", compute="_compute_calls", help="When."
    )
    rollup_amount = fields.Monetary(
        "Rolled-up Call",
        compute="_compute_calls",
        help="Sum of the forecasts that roll up into this one: for each, its "
        "latest adjustment or submission, else closed won plus commit.",
    )
    forecast_amount = fields.Monetary(
        "Forecast",
        compute="_compute_calls",
        help="The call that counts: the manager's adjustment, else the "
        "leader's, else the submission, else the rolled-up call when a "
        "forecast below has one, else closed won plus commit.",
    )
    forecast_source = fields.Selection(
        [
            ("manager", "Manager adjustment"),
            ("leader", "Leader adjustment"),
            ("submission", "Submission"),
            ("rollup", "Rolled up"),
            ("system", "Closed won + commit"),
        ],
        string="Forecast From",
        compute="_compute_calls",
        help="Where the forecast figure comes from.",
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
    # Accuracy: stored once the period has ended (see _store_accuracy).
    accuracy_call = fields.Monetary(
        "Call Before End",
        readonly=True,
        copy=False,
        help="The call that counted some weeks before the end of the period "
        "(see Forecast Accuracy Weeks in the CRM settings).",
    )
    accuracy_actual = fields.Monetary(
        "Actual",
        readonly=True,
        copy=False,
        help="Closed won of the period, stored when the period ended.",
    )
    accuracy = fields.Float(
        "Accuracy (%)",
        readonly=True,
        copy=False,
        digits=(16, 1),
        aggregator="avg",
        help="100 % minus the error of the call before the end, relative to "
        "the actual (never below 0).",
    )
    bias = fields.Float(
        "Bias (%)",
        readonly=True,
        copy=False,
        digits=(16, 1),
        aggregator="avg",
        help="Call before the end minus actual, relative to the actual: "
        "positive when over-calling, negative when under-calling.",
    )
    accuracy_date = fields.Datetime(
        "Accuracy Stored On",
        readonly=True,
        copy=False,
        index=True,
        help="When the accuracy of the ended period was stored.",
    )
    trust_factor = fields.Float(
        compute="_compute_trust",
        digits=(16, 2),
        help="Actual divided by the call before the end over the last six "
        "ended periods of the same owner (1 without history).",
    )
    trust_adjusted_commit = fields.Monetary(
        "Trust-adjusted Commit",
        compute="_compute_trust",
        help="Commit times the trust factor: the commit corrected by how the "
        "owner's past calls turned out.",
    )
    can_submit = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may submit this forecast.",
    )
    can_adjust = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may adjust this forecast.",
    )

    def init(self):
        result = super().init()
        # one forecast per owner and period
        for name, owner_type, columns in (
            ("user", "user", "user_id"),
            ("team", "team", "team_id"),
            ("company", "company", None),
        ):
            self.env.cr.execute(
                SQL(
                    """CREATE UNIQUE INDEX IF NOT EXISTS %s
                           ON sales_forecast (company_id, period_type, date_from%s)
                        WHERE owner_type = %s""",
                    SQL.identifier(f"sales_forecast_{name}_period_uniq"),
                    SQL(", %s", SQL.identifier(columns)) if columns else SQL(),
                    owner_type,
                )
            )
        # the past calls of an owner, for the trust factor (_compute_trust)
        self.env.cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS sales_forecast_trust_index
                       ON sales_forecast (owner_type, COALESCE(user_id, 0), %s,
                                          date_from)
                    WHERE accuracy_call > 0""",
                self._trust_team_key("sales_forecast"),
            )
        )
        return result

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("date_from", "period_type")
    def _check_period_start(self):
        periods = dict(self._fields["period_type"]._description_selection(self.env))
        for forecast in self:
            if forecast.date_from and not is_period_start(
                forecast.date_from, forecast.period_type
            ):
                start, _end = period_bounds(forecast.date_from, forecast.period_type)
                raise ValidationError(
                    self.env._(
                        "A forecast covers a whole %(period)s: start it on the "
                        "first day of the %(period)s (%(start)s), not on "
                        "%(date)s, or its opportunities would count twice.",
                        period=periods[forecast.period_type].lower(),
                        start=format_date(self.env, start),
                        date=format_date(self.env, forecast.date_from),
                    )
                )

    @api.constrains("owner_type", "user_id", "team_id")
    def _check_owner(self):
        for forecast in self:
            if forecast.owner_type == "user" and not forecast.user_id:
                raise ValidationError(
                    self.env._(
                        "Choose the salesperson of the forecast %(forecast)s: "
                        "a salesperson's forecast needs one.",
                        forecast=forecast.display_name,
                    )
                )
            if forecast.owner_type == "team" and not forecast.team_id:
                raise ValidationError(
                    self.env._(
                        "Choose the sales team of the forecast %(forecast)s: "
                        "a team's forecast needs one.",
                        forecast=forecast.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Simple computes
    # ------------------------------------------------------------------

    @api.depends("owner_type")
    def _compute_owner_sequence(self):
        order = {"company": 0, "team": 1, "user": 2}
        for forecast in self:
            forecast.owner_sequence = order.get(forecast.owner_type, 3)

    @api.depends("date_from", "period_type")
    def _compute_period(self):
        for forecast in self:
            if not (forecast.date_from and forecast.period_type):
                forecast.date_to = False
                forecast.period_name = False
                continue
            start, end = period_bounds(forecast.date_from, forecast.period_type)
            forecast.date_to = end
            forecast.period_name = period_label(start, forecast.period_type)

    @api.depends("owner_type", "user_id", "team_id", "company_id", "period_name")
    def _compute_display_name(self):
        for forecast in self:
            owner = {
                "user": forecast.user_id,
                "team": forecast.team_id,
                "company": forecast.company_id,
            }.get(forecast.owner_type)
            forecast.display_name = " / ".join(
                part for part in (owner and owner.name, forecast.period_name) if part
            )

    @api.depends("state", "date_to")
    @api.depends_context("tz")
    def _compute_is_closed(self):
        today = fields.Date.context_today(self)
        for forecast in self:
            forecast.is_closed = forecast.state == "closed" or bool(
                forecast.date_to and forecast.date_to < today
            )

    @api.depends_context("uid")
    def _compute_can_edit(self):
        user = self.env.user
        for forecast in self:
            kinds = (
                forecast._allowed_entry_kinds(user) if not forecast.is_closed else ()
            )
            forecast.can_submit = "submission" in kinds
            forecast.can_adjust = bool({"leader", "manager"} & set(kinds))

    def _allowed_entry_kinds(self, user):
        """The kinds of entries ``user`` may add to this forecast."""
        self.ensure_one()
        kinds = []
        if self.owner_type == "user" and self.user_id == user:
            kinds.append("submission")
        if user.has_group("sales_team.group_sale_manager"):
            kinds.append("manager")
        elif user.has_group("sales_management.group_sales_team_leader") and (
            self.owner_type in ("user", "team") and self.team_id.user_id == user
        ):
            kinds.append("leader")
        return kinds

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

    @api.model
    def _trust_team_key(self, alias):
        """The team of a team forecast; a salesperson's history follows them
        from team to team."""
        return SQL(
            "(CASE WHEN %(t)s.owner_type = 'user' THEN 0 "
            "ELSE COALESCE(%(t)s.team_id, 0) END)",
            t=SQL.identifier(alias),
        )

    def _compute_trust(self):
        """Trust factor of the forecasts' owners, in one query."""
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        rows = {}
        if ids:
            self.flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT f.id, SUM(p.accuracy_actual)::float,
                           SUM(p.accuracy_call)::float
                      FROM sales_forecast f
                      JOIN LATERAL (
                           SELECT p.accuracy_actual, p.accuracy_call
                             FROM sales_forecast p
                            WHERE p.owner_type = f.owner_type
                              AND COALESCE(p.user_id, 0) = COALESCE(f.user_id, 0)
                              AND %(team_key_p)s = %(team_key_f)s
                              AND p.accuracy_call > 0
                              AND p.company_id = f.company_id
                              AND p.period_type = f.period_type
                              AND p.date_to < f.date_from
                         ORDER BY p.date_from DESC
                            LIMIT %(limit)s
                      ) p ON TRUE
                     WHERE f.id = ANY(%(ids)s)
                  GROUP BY f.id
                    """,
                    team_key_p=self._trust_team_key("p"),
                    team_key_f=self._trust_team_key("f"),
                    limit=TRUST_PERIODS,
                    ids=ids,
                )
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for forecast in self:
            actual, call = rows.get(forecast.id, (0.0, 0.0))
            forecast.trust_factor = actual / call if call else 1.0
            forecast.trust_adjusted_commit = (
                forecast.commit_amount * forecast.trust_factor
            )

    def _store_accuracy(self):
        """Store the accuracy of these ended forecasts, in one statement.

        The call is the one that counted ``forecast_accuracy_weeks`` weeks
        before the end of the period (of the forecast's company): the latest
        manager adjustment, else leader adjustment, else submission made
        before then. The actual is the closed won of the period. Forecasts
        without a call then get an accuracy date only.
        """
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        if not ids:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH f AS (
                    SELECT f.id, f.owner_type, f.user_id, f.team_id, f.company_id,
                           f.date_from, f.date_to,
                           (f.date_to + 1
                            - 7 * COALESCE(c.forecast_accuracy_weeks, 0))::timestamp
                               AS cutoff
                      FROM sales_forecast f
                      JOIN res_company c ON c.id = f.company_id
                     WHERE f.id = ANY(%(ids)s)
                ), calls AS (
                    SELECT f.id, e.amount AS call, a.actual
                      FROM f
                 LEFT JOIN LATERAL (
                        SELECT e.amount FROM sales_forecast_entry e
                         WHERE e.forecast_id = f.id AND e.date < f.cutoff
                      ORDER BY CASE e.kind WHEN 'manager' THEN 3
                                           WHEN 'leader' THEN 2 ELSE 1 END DESC,
                               e.date DESC, e.id DESC
                         LIMIT 1
                       ) e ON TRUE
                CROSS JOIN LATERAL (
                        SELECT COALESCE(SUM(l.expected_revenue), 0)::float AS actual
                          FROM crm_lead l
                         WHERE l.type = 'opportunity' AND l.active
                           AND l.probability >= 100
                           AND l.date_closed >= f.date_from
                           AND l.date_closed < f.date_to + 1
                           AND (l.company_id = f.company_id OR l.company_id IS NULL)
                           AND CASE f.owner_type
                                   WHEN 'user' THEN l.user_id = f.user_id
                                   WHEN 'team' THEN l.team_id = f.team_id
                                   ELSE TRUE END
                       ) a
                )
                UPDATE sales_forecast f
                   SET accuracy_call = calls.call,
                       accuracy_actual = CASE WHEN calls.call IS NOT NULL
                                              THEN calls.actual END,
                       accuracy = CASE
                           WHEN calls.call IS NULL THEN NULL
                           WHEN calls.actual > 0 THEN GREATEST(0.0, 100.0 * (1
                                - ABS(calls.call - calls.actual) / calls.actual))
                           WHEN calls.call = 0 THEN 100.0 ELSE 0.0 END,
                       bias = CASE WHEN calls.call IS NOT NULL AND calls.actual > 0
                                   THEN 100.0 * (calls.call - calls.actual)
                                        / calls.actual END,
                       accuracy_date = now() AT TIME ZONE 'UTC'
                  FROM calls
                 WHERE calls.id = f.id
                """,
                ids=ids,
            )
        )
        self.invalidate_recordset(ACCURACY_FIELDS)

    @api.model
    def _cron_store_accuracy(self, batch_size=1000):
        """Store the accuracy of the forecasts whose period has ended, by
        batches (locked, so that parallel workers never take the same)."""
        domain = [
            ("date_to", "<", fields.Date.context_today(self)),
            ("accuracy_date", "=", False),
        ]
        candidates = self.search(domain, limit=batch_size, order="date_to, id")
        batch = self.browse()
        if candidates:
            self.env.cr.execute(
                SQL(
                    """SELECT id FROM sales_forecast WHERE id = ANY(%s)
                        FOR UPDATE SKIP LOCKED""",
                    candidates.ids,
                )
            )
            batch = self.browse(row[0] for row in self.env.cr.fetchall())
            batch._store_accuracy()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return len(batch)

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
    # Calls: latest entries and roll-up
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_calls(self):
        entries, tree = self._get_latest_entries()
        # closed won + commit of the forecasts below that are not in self
        figures = {
            forecast.id: forecast.closed_won + forecast.commit_amount
            for forecast in self
        }
        below = {child for children in tree.values() for child in children}
        missing = [forecast_id for forecast_id in below if forecast_id not in figures]
        for forecast_id, values in self.browse(missing)._get_figures().items():
            figures[forecast_id] = values["closed_won"] + values["commit_amount"]
        calls = {}

        def call(forecast_id):
            """(amount, source, whether an entry decides it)"""
            if forecast_id not in calls:
                latest = entries.get(forecast_id, {})
                kind = next((k for k in reversed(ENTRY_KINDS) if k in latest), None)
                children = [call(child) for child in tree.get(forecast_id, ())]
                if kind:
                    calls[forecast_id] = (latest[kind]["amount"], kind, True)
                elif any(decided for _amount, _source, decided in children):
                    total = sum(amount for amount, _source, _decided in children)
                    calls[forecast_id] = (total, "rollup", True)
                else:
                    calls[forecast_id] = (
                        figures.get(forecast_id, 0.0),
                        "system",
                        False,
                    )
            return calls[forecast_id]

        Users = self.env["res.users"]
        for forecast in self:
            latest = entries.get(forecast.id, {})
            for kind, prefix in (
                ("submission", "submitted"),
                ("leader", "leader"),
                ("manager", "manager"),
            ):
                entry = latest.get(kind, {})
                forecast[f"{prefix}_amount"] = entry.get("amount", 0.0)
                forecast[f"{prefix}_uid"] = Users.browse(entry.get("user_id"))
                forecast[f"{prefix}_date"] = entry.get("date", False)
                if kind != "submission":
                    forecast[f"{prefix}_note"] = entry.get("note", False)
            forecast.rollup_amount = sum(
                call(child)[0] for child in tree.get(forecast.id, ())
            )
            amount, source, _decided = call(forecast.id)
            forecast.forecast_amount = amount
            forecast.forecast_source = source
            forecast.gap = forecast.target - amount

    def _get_latest_entries(self):
        """Latest entry of each kind of the forecasts and those below them.

        The forecasts rolling up into ``self`` (two levels: teams and their
        salespeople) are read in the same query, as their calls add up into
        the figures of ``self`` that the user may read.

        :return: ({forecast id: {kind: {amount, note, user_id, date}}},
                  {forecast id: [child forecast ids]})
        """
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        if not ids:
            return {}, {}
        self.env["sales.forecast.entry"].flush_model()
        self.flush_model(["parent_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH tree AS (
                    SELECT id, parent_id FROM sales_forecast WHERE id = ANY(%(ids)s)
                 UNION
                    SELECT c.id, c.parent_id FROM sales_forecast c
                     WHERE c.parent_id = ANY(%(ids)s)
                 UNION
                    SELECT g.id, g.parent_id FROM sales_forecast g
                      JOIN sales_forecast c ON c.id = g.parent_id
                     WHERE c.parent_id = ANY(%(ids)s)
                )
                SELECT tree.id, tree.parent_id, e.kind, e.amount, e.note, e.user_id,
                       e.date
                  FROM tree
             LEFT JOIN LATERAL (
                    SELECT DISTINCT ON (kind) kind, amount, note, user_id, date
                      FROM sales_forecast_entry
                     WHERE forecast_id = tree.id
                  ORDER BY kind, date DESC, id DESC
                  ) e ON TRUE
                """,
                ids=ids,
            )
        )
        entries, tree, seen = {}, {}, set()
        for (
            forecast_id,
            parent_id,
            kind,
            amount,
            note,
            user_id,
            date,
        ) in self.env.cr.fetchall():
            if parent_id and forecast_id not in seen:
                tree.setdefault(parent_id, []).append(forecast_id)
            seen.add(forecast_id)
            if kind:
                entries.setdefault(forecast_id, {})[kind] = {
                    "amount": amount,
                    "note": note,
                    "user_id": user_id,
                    "date": date,
                }
        return entries, tree

    # ------------------------------------------------------------------
    # Sheets
    # ------------------------------------------------------------------

    @api.model
    def _prepare_sheets(self, companies, period_type, day):
        """Create the missing forecasts of the period of ``day``.

        For each company: one forecast for the company, one for each of its
        sales teams (and of the teams shared by all companies) and one for
        each member of those teams (in their main team), linked for the
        roll-up. Existing forecasts are kept. Returns every forecast of the
        period of these companies.
        """
        start, _end = period_bounds(day, period_type)
        Forecast = self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        )
        domain = [
            ("company_id", "in", companies.ids),
            ("period_type", "=", period_type),
            ("date_from", "=", start),
        ]
        keys = {
            (f.company_id.id, f.owner_type, f.team_id.id, f.user_id.id): f
            for f in Forecast.search(domain)
        }
        base = {"period_type": period_type, "date_from": start}

        def ensure(vals_list):
            missing = [
                vals
                for vals in vals_list
                if (
                    vals["company_id"],
                    vals["owner_type"],
                    vals.get("team_id", False),
                    vals.get("user_id", False),
                )
                not in keys
            ]
            for forecast in Forecast.create(missing):
                key = (
                    forecast.company_id.id,
                    forecast.owner_type,
                    forecast.team_id.id,
                    forecast.user_id.id,
                )
                keys[key] = forecast

        for company in companies:
            teams = self.env["crm.team"].search(
                [("company_id", "in", (company.id, False))]
            )
            members = self.env["crm.team.member"].search(
                [("crm_team_id", "in", teams.ids)]
            )
            ensure([{**base, "owner_type": "company", "company_id": company.id}])
            company_row = keys[(company.id, "company", False, False)]
            ensure(
                [
                    {
                        **base,
                        "owner_type": "team",
                        "company_id": company.id,
                        "team_id": team.id,
                        "parent_id": company_row.id,
                    }
                    for team in teams
                ]
            )
            users = {}
            for member in members:
                user, team = member.user_id, member.crm_team_id
                if company not in user.company_ids:
                    continue
                if user.sale_team_id in teams:
                    team = user.sale_team_id
                users.setdefault(user, team)
            ensure(
                [
                    {
                        **base,
                        "owner_type": "user",
                        "company_id": company.id,
                        "team_id": team.id,
                        "user_id": user.id,
                        "parent_id": keys[(company.id, "team", team.id, False)].id,
                    }
                    for user, team in users.items()
                ]
            )
        return Forecast.search(domain).with_env(self.env)

    @api.model
    def _cron_prepare_sheets(self):
        """Create the forecasts of the current month and quarter (idempotent)."""
        companies = self.env["res.company"].search([])
        today = fields.Date.context_today(self)
        for period_type in ("month", "quarter"):
            self._prepare_sheets(companies, period_type, today)
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)
        return True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            self._check_no_accuracy_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        self._check_no_accuracy_write(vals)
        if any(name in vals for name in PLACEMENT_FIELDS):
            self._check_placement_unchanged(vals)
        return super().write(vals)

    @api.model
    def _check_no_accuracy_write(self, vals):
        """Refuse the stored accuracy fields in ``vals``, from anyone.

        They feed the trust-adjusted commit and the scorecards, so only the
        accuracy job sets them: ``_store_accuracy`` writes them with one SQL
        UPDATE, which never goes through ``create``/``write``. Refusing them
        here unconditionally leaves no way in over RPC; a context key to let
        the job through would not do, as any RPC client can send it.
        """
        names = [name for name in ACCURACY_FIELDS if name in vals]
        if names:
            raise UserError(
                self.env._(
                    "The accuracy of a forecast (%(fields)s) is stored by the "
                    "accuracy job when its period ends; it cannot be entered "
                    "or changed.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in names
                    ),
                )
            )

    def _check_placement_unchanged(self, vals):
        """Raise when ``vals`` moves a forecast holding entries to another
        owner, company or period."""
        self.check_access("write")
        moved = self.browse()
        for forecast in self:
            for name in PLACEMENT_FIELDS:
                if name not in vals:
                    continue
                field = self._fields[name]
                value = field.convert_to_record(
                    field.convert_to_cache(vals[name], forecast), forecast
                )
                if value != forecast[name]:
                    moved |= forecast
                    break
        if not moved:
            return
        # the entries are history the user may not all read (another
        # salesperson's submissions): only whether some exist is read here,
        # after the access check above
        held = (
            self.env["sales.forecast.entry"]
            .sudo()
            ._read_group([("forecast_id", "in", moved.ids)], ["forecast_id"], limit=1)
        )
        if held:
            raise UserError(
                self.env._(
                    "The forecast %(forecast)s holds submissions or adjustments "
                    "made for its owner and period: its owner, company and "
                    "period can no longer change. Prepare the forecast of the "
                    "other owner or period instead.",
                    forecast=held[0][0].with_env(self.env).display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_entries(self):
        for forecast in self:
            if forecast.sudo().entry_ids:
                raise UserError(
                    self.env._(
                        "The forecast %(forecast)s has submissions or adjustments: "
                        "they are kept as history, so it cannot be deleted.",
                        forecast=forecast.display_name,
                    )
                )

    def _check_entry_allowed(self, kind):
        """Raise unless the current user may add an entry of ``kind``."""
        self.ensure_one()
        if self.is_closed:
            raise UserError(
                self.env._(
                    "The period of the forecast %(forecast)s is closed: it takes "
                    "no more submissions or adjustments.",
                    forecast=self.display_name,
                )
            )
        if self.env.su:
            return
        if kind not in self._allowed_entry_kinds(self.env.user):
            messages = {
                "submission": self.env._(
                    "Only %(owner)s can submit the forecast %(forecast)s: "
                    "salespeople submit their own forecast.",
                    owner=self.user_id.name or self.env._("its salesperson"),
                    forecast=self.display_name,
                ),
                "leader": self.env._(
                    "Only the leader of the team %(team)s can adjust the "
                    "forecast %(forecast)s as team leader.",
                    team=self.team_id.name or "-",
                    forecast=self.display_name,
                ),
                "manager": self.env._(
                    "Only sales managers can adjust the forecast %(forecast)s "
                    "as manager.",
                    forecast=self.display_name,
                ),
            }
            raise AccessError(messages[kind])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_close(self):
        for forecast in self:
            if forecast.state == "closed":
                raise UserError(
                    self.env._(
                        "The forecast %(forecast)s is already closed.",
                        forecast=forecast.display_name,
                    )
                )
        self.write({"state": "closed"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    def _open_entry_wizard(self, kind):
        self.ensure_one()
        # the call below is computed in SQL, without the access check of a
        # read: check it first (an RPC client may send any forecast id)
        self.check_access("read")
        self._check_entry_allowed(kind)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_submit_action"
        )
        action["context"] = {
            "default_forecast_id": self.id,
            "default_kind": kind,
            "default_amount": self.forecast_amount,
        }
        return action

    def action_submit(self):
        self.ensure_one()
        return self._open_entry_wizard("submission")

    def action_adjust(self):
        self.ensure_one()
        kinds = self._allowed_entry_kinds(self.env.user)
        kind = "manager" if "manager" in kinds else "leader"
        return self._open_entry_wizard(kind)

    def action_export_xlsx(self):
        if not self:
            raise UserError(self.env._("Select the forecasts to export."))
        return {
            "type": "ir.actions.act_url",
            "url": "/sales_management_forecast/xlsx?ids="
            + ",".join(str(forecast_id) for forecast_id in self.ids),
            "target": "download",
        }

    # Drill-down: every figure opens the opportunities behind it.

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

    def action_view_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_entry_action"
        )
        action["domain"] = [("forecast_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
