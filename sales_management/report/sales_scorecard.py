# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..models.sales_scorecard_kpi import KPIS

# Figures shown beside the KPIs (not scored).
EXTRA_FIGURES = ("target", "margin", "won_amount", "lost_count", "open_pipeline")
# Ids of the scorecards: period id * ID_FACTOR + salesperson id.
ID_FACTOR = 10_000_000


class SalesScorecard(models.Model):
    """Scorecards of every salesperson and period, live or closed.

    A reporting model (no table): the rows of closed periods are read from
    the stored scorecards (``sales.scorecard.line``), the rows of open periods
    are computed by one query: for each open period, one pass over its
    orders, invoices, opportunities and activities gives the figures of
    every salesperson, except in its closed months, whose stored sums are
    read instead (``sales_scorecard_months.py``: an open quarter or year
    counts its closed months as they were closed); window functions then
    give the percentiles, the overall score and the ranks. Filters on the
    period (its dates, type, company or id) reach the periods scanned, so
    that a screen showing one month reads only that month's documents.
    Record rules apply to the rows as to any model.

    The live query is built from named pieces (see ``_live_query``) that
    other addons extend one by one; the sources of the figures are in
    ``sales_scorecard_sources.py``, the drill-down from a figure to its
    records in ``sales_scorecard_drilldown.py``.
    """

    _name = "sales.scorecard"
    _inherit = ["sales.scorecard.figures"]
    _description = "Sales Scorecard"
    _auto = False
    _order = "date_from desc, period_type, rank_company, user_id"
    _rec_names_search = ["user_id", "team_id"]
    _depends = {
        "sale.order": [
            "state",
            "company_id",
            "date_order",
            "user_id",
            "partner_id",
            "amount_untaxed",
            "margin",
            "currency_rate",
        ],
        "account.move": [
            "state",
            "move_type",
            "company_id",
            "invoice_date",
            "invoice_user_id",
            "amount_untaxed_signed",
        ],
        "crm.lead": [
            "type",
            "stage_id",
            "active",
            "probability",
            "company_id",
            "date_closed",
            "date_deadline",
            "user_id",
            "expected_revenue",
            "prorated_revenue",
        ],
        "crm.stage": ["is_won"],
        "res.partner": ["commercial_partner_id"],
        "mail.message": ["author_id", "date", "mail_activity_type_id"],
        "mail.activity": ["active", "date_deadline", "user_id"],
        "sales.quota": [
            "effective_target",
            "user_id",
            "target_type",
            "date_from",
            "date_to",
            "company_id",
            "metric",
            "plan_state",
            "snapshot_achieved",
        ],
        "sales.quota.plan": [
            "state",
            "metric",
            "company_id",
            "active",
            "product_categ_id",
        ],
        "sales.scorecard.period": ["state", "date_from", "date_to", "period_type"],
        "sales.scorecard.weight": [
            "team_id",
            "company_id",
            *[f"w_{kpi.name}" for kpi in KPIS],
        ],
        "crm.team.member": ["user_id", "crm_team_id", "active"],
        "crm.team": ["company_id", "active"],
        "res.users": ["share", "partner_id", "company_ids"],
    }

    is_closed = fields.Boolean(
        "Closed",
        readonly=True,
        help="The scorecard of a closed period, stored as it was at closing.",
    )

    def init(self):
        # The live scorecards read a period's done activities and closed
        # opportunities by date: index them by date.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS mail_message_sales_management_activity_index
                   ON mail_message (date) WHERE mail_activity_type_id IS NOT NULL"""
        )
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS crm_lead_sales_management_closed_index
                   ON crm_lead (date_closed) WHERE type = 'opportunity'"""
        )

    @api.depends("user_id", "period_id")
    def _compute_display_name(self):
        for card in self:
            card.display_name = " / ".join(
                part
                for part in (card.user_id.name, card.period_id.name)
                if part  # a scorecard always has both; kept safe for new rows
            )

    # ------------------------------------------------------------------
    # Reading: closed rows stored, open rows computed
    # ------------------------------------------------------------------

    @api.model
    def _get_period_ids(self, ids):
        """The periods of scorecard ids (an id is period id * ID_FACTOR + user id)."""
        return tuple(
            sorted(
                {
                    record_id // ID_FACTOR
                    for record_id in ids
                    if isinstance(record_id, int)
                }
            )
        )

    @api.model
    def _ids_of_domain(self, domain):
        """Ids an all-AND domain restricts to (None when it does not)."""
        domain = list(domain or [])
        if any(isinstance(leaf, str) and leaf in ("|", "!") for leaf in domain):
            return None
        for leaf in domain:
            if (
                isinstance(leaf, list | tuple)
                and len(leaf) == 3
                and leaf[0] == "id"
                and leaf[1] in ("=", "in")
            ):
                values = leaf[2] if isinstance(leaf[2], list | tuple) else [leaf[2]]
                if all(isinstance(value, int) for value in values):
                    return values
        return None

    def _restrict_to_periods(self, query, ids):
        """Reading rows by id: tell the query their periods, so that only the
        open periods of these rows are computed."""
        periods = self._get_period_ids(ids)
        if periods:
            query.add_where(
                SQL("%s IN %s", SQL.identifier(query.table, "period_id"), periods)
            )
        return query

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # every column comes out of one computation of the figures: fetch them
        # all with the search, rather than computing the figures again for
        # the columns a screen reads next
        columns = [
            name
            for name, field in self._fields.items()
            if field.store and field.column_type and field.prefetch is True
        ]
        return super().search_fetch(
            domain, list({*field_names, *columns}), offset, limit, order
        )

    @api.model
    def _without_jit(self):
        """The scorecards are one large query whose cost PostgreSQL estimates
        above the threshold of its JIT compilation (``jit_above_cost``):
        compiling takes 0.5-0.7 s and saves nothing on a query of 0.2 s.
        Turned off for the rest of the transaction (a request), as many Odoo
        servers turn it off for good (``jit = off``)."""
        self.env.cr.execute("SET LOCAL jit = off")

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        self._without_jit()
        query = super()._search(domain, offset, limit, order, **kwargs)
        ids = self._ids_of_domain(domain)
        if ids and not query.is_empty():
            self._restrict_to_periods(query, ids)
        return query

    def _as_query(self, ordered=True):
        self._without_jit()
        query = super()._as_query(ordered)
        return self._restrict_to_periods(query, self._ids)

    @property
    def _table_query(self):
        columns = self._get_stored_columns()
        stored = SQL(", ").join(SQL.identifier("l", name) for name in columns)
        live = SQL(", ").join(SQL.identifier("v", name) for name in columns)
        return SQL(
            """SELECT l.period_id::bigint * %(factor)s + l.user_id AS id,
                      TRUE AS is_closed, %(stored)s
                 FROM sales_scorecard_line l
            UNION ALL
               SELECT v.period_id::bigint * %(factor)s + v.user_id AS id,
                      FALSE AS is_closed, %(live)s
                 FROM (%(query)s) AS v""",
            factor=ID_FACTOR,
            stored=stored,
            live=live,
            query=self._live_query(),
        )

    # ------------------------------------------------------------------
    # The live query, from named pieces
    # ------------------------------------------------------------------

    @api.model
    def _live_query(self):
        """Rows of the open periods, with the columns of the stored scorecards.

        Each step is a subquery of the next one:

        1. ``_query_sums`` (``sales_scorecard_sources.py``): the figures of
           the documents summed per open period, salesperson and range: the
           period itself, and the previous period when it is not closed;
           the closed months of a range give their stored sums
           (``sales_scorecard_months.py``);
        2. ``_query_kpis``: the KPIs from these sums, the figures shown beside
           them and the KPI weights, with the salesperson's team and target;
        3. ``_query_percentiles``: the percentile of every KPI in the team
           and in the company;
        4. ``_query_ranks``: the overall score and the ranks;
        5. ``_query_by_user``: one row per period and salesperson, the
           figures of the period beside those of the previous range;
        6. this query: the previous figures are the stored ones when the
           previous period is closed; the changes and the movements.
        """
        return SQL(
            "SELECT %s, %s, %s FROM %s",
            self._select_live(),
            self._select_previous(),
            self._select_changes(),
            self._from_previous_closed(self._query_by_user()),
        )

    # 2. The KPIs of each salesperson and range

    @api.model
    def _query_kpis(self):
        return SQL(
            """SELECT g.period_id, g.company_id, g.period_type, g.date_from,
                      g.date_to, g.prev_date_from, g.is_prev, g.user_id,
                      tm.team_id, %s, %s AS forecast_accuracy, %s, %s
                 FROM %s""",
            self._select_extra_figures(),
            self._get_forecast_accuracy_sql(),
            self._select_kpis(),
            self._select_weights(),
            self._from_kpis(self._query_sums()),
        )

    @api.model
    def _select_extra_figures(self):
        """The figures shown beside the KPIs (``EXTRA_FIGURES``)."""
        return SQL(
            "COALESCE(tg.target, 0.0) AS target, g.margin, g.won_amount, "
            "g.lost_count, g.open_pipeline"
        )

    @api.model
    def _get_forecast_accuracy_sql(self):
        """Forecast accuracy (%) of salesperson ``g.user_id`` between ``g.d0``
        and ``g.d1`` of company ``g.company_id``.

        Hook for the forecasting addon, which overrides it (and puts
        ``scorecard_forecast_accuracy`` in the context of the scorecard
        actions to show the column); without it the figure stays empty and
        the column is hidden.
        """
        return SQL("NULL::float")

    @api.model
    def _get_kpi_expressions(self):
        """The SQL of every KPI of ``KPIS``, by name, from the sums ``g`` of
        ``_query_sums`` and the target ``tg.target``."""
        return {
            "revenue": SQL("g.revenue"),
            "invoiced": SQL("g.invoiced"),
            "attainment": SQL(
                """CASE WHEN tg.target > 0
                        THEN 100.0 * tg.achieved / tg.target ELSE 0.0 END"""
            ),
            "won_count": SQL("g.won_count"),
            "win_rate": SQL(
                """CASE WHEN g.won_count + g.lost_count > 0
                        THEN 100.0 * g.won_count / (g.won_count + g.lost_count)
                        ELSE 0.0 END"""
            ),
            "avg_deal_size": SQL(
                "CASE WHEN g.won_count > 0 THEN g.won_amount / g.won_count ELSE 0.0 END"
            ),
            "avg_cycle_days": SQL(
                "CASE WHEN g.won_count > 0 THEN g.cycle_days / g.won_count END"
            ),
            "pipeline_created": SQL("g.pipeline_created"),
            "pipeline_coverage": SQL(
                """CASE WHEN tg.target > tg.achieved
                        THEN g.open_pipeline / (tg.target - tg.achieved) END"""
            ),
            "activities_done": SQL("g.activities_done"),
            "activities_overdue": SQL("g.activities_overdue"),
            "new_customers": SQL("g.new_customers"),
            "margin_percent": SQL(
                "CASE WHEN g.revenue <> 0 THEN 100.0 * g.margin / g.revenue END"
            ),
        }

    @api.model
    def _select_kpis(self):
        expressions = self._get_kpi_expressions()
        return SQL(", ").join(
            SQL("%s AS %s", expressions[kpi.name], SQL.identifier(kpi.name))
            for kpi in KPIS
        )

    @api.model
    def _select_weights(self):
        """The weight of every KPI: the team's, else the company's, else the
        KPI's default."""
        return SQL(", ").join(
            SQL(
                "COALESCE(tw.%(w)s, cw.%(w)s, %(default)s)::float AS %(w)s",
                w=SQL.identifier(f"w_{kpi.name}"),
                default=kpi.weight,
            )
            for kpi in KPIS
        )

    @api.model
    def _from_kpis(self, sums):
        """The sums ``g`` with the salesperson's team ``tm`` (first active
        membership in the company), target ``tg`` (targets of sales plans for
        periods inside the range) and the team's and company's weights
        (``tw``, ``cw``)."""
        return SQL(
            """(%s) AS g
               LEFT JOIN LATERAL (
                   SELECT m.crm_team_id AS team_id
                     FROM crm_team_member m
                     JOIN crm_team t ON t.id = m.crm_team_id
                    WHERE m.user_id = g.user_id AND m.active AND t.active
                      AND (t.company_id = g.company_id OR t.company_id IS NULL)
                 ORDER BY m.id
                    LIMIT 1
               ) AS tm ON TRUE
               LEFT JOIN LATERAL (%s) AS tg ON TRUE
               LEFT JOIN sales_scorecard_weight tw
                      ON tw.team_id = tm.team_id AND tw.company_id = g.company_id
               LEFT JOIN sales_scorecard_weight cw
                      ON cw.team_id IS NULL AND cw.company_id = g.company_id""",
            sums,
            self._select_targets(),
        )

    @api.model
    def _select_targets(self):
        """Target and achieved of salesperson ``g.user_id`` in range ``g.d0``
        to ``g.d1``: their targets of plans on confirmed sales of every
        product inside the range (``sales.figure``), each achieved as on the
        target screen: frozen at closing for a closed plan; live otherwise,
        which for a target of the range itself is the range's revenue
        ``g.revenue`` (same definition, owner and dates), and for a shorter
        one the confirmed sales of its own period."""
        Figure = self.env["sales.figure"]
        targets = Figure._figure_query(
            "targets",
            company=SQL("g.company_id"),
            date_from=SQL("g.d0"),
            date_to=SQL("g.d1"),
            users=SQL("g.user_id"),
            target_type="user",
            metric="sale",
            category=False,
        )

        def column(name):
            return SQL.identifier(targets.table, name)

        live = Figure._figure_sql(
            "confirmed",
            {"revenue": "revenue"},
            company=column("company_id"),
            date_from=column("date_from"),
            date_to=column("date_to"),
            users=column("user_id"),
        )
        return SQL(
            """SELECT SUM(%(target)s) AS target,
                      SUM(CASE WHEN %(state)s = 'closed' THEN %(frozen)s
                               WHEN %(date_from)s = g.d0 AND %(date_to)s = g.d1
                               THEN g.revenue
                               ELSE (SELECT COALESCE(SUM(c.revenue), 0.0)
                                       FROM (%(live)s) AS c) END) AS achieved
                 FROM %(from)s WHERE %(where)s""",
            target=column("effective_target"),
            state=column("plan_state"),
            frozen=column("snapshot_achieved"),
            date_from=column("date_from"),
            date_to=column("date_to"),
            live=live,
            **{"from": targets.from_clause, "where": targets.where_clause},
        )

    # 3. The percentiles of every KPI

    @api.model
    def _query_percentiles(self):
        return SQL(
            "SELECT k.*, %s FROM (%s) AS k",
            self._select_percentiles(),
            self._query_kpis(),
        )

    @api.model
    def _ranking_partition(self, alias, by_team=False):
        """The rows compared together: one range of one period, in the
        company or (``by_team``) in the team."""
        columns = ["company_id", "period_type", "date_from", "period_id", "is_prev"]
        if by_team:
            columns.append("team_id")
        return SQL(", ").join(SQL.identifier(alias, column) for column in columns)

    @api.model
    def _rank_expression(self, kpi):
        """How a KPI orders the salespeople: NULLs and worse values first."""
        column = SQL.identifier("k", kpi.name)
        if kpi.name == "pipeline_coverage":
            # a reached target needs no more pipeline: best coverage
            column = SQL(
                "CASE WHEN k.target > 0 AND k.attainment >= 100 THEN 1e9 ELSE %s END",
                column,
            )
        direction = SQL("ASC" if kpi.higher_is_better else "DESC")
        return SQL("%s %s NULLS FIRST", column, direction)

    @api.model
    def _select_percentiles(self):
        """Per KPI: the percentile in the team (``_pct``, shown; empty when
        alone) and in the company (``_cpct``, for the overall score)."""
        return SQL(", ").join(
            SQL(
                """CASE WHEN COUNT(*) OVER (PARTITION BY %(team)s) > 1
                        THEN 100.0 * PERCENT_RANK() OVER (
                            PARTITION BY %(team)s ORDER BY %(order)s) END
                       AS %(pct)s,
                   PERCENT_RANK() OVER (PARTITION BY %(company)s ORDER BY %(order)s)
                       AS %(cpct)s""",
                team=self._ranking_partition("k", by_team=True),
                company=self._ranking_partition("k"),
                order=self._rank_expression(kpi),
                pct=SQL.identifier(f"{kpi.name}_pct"),
                cpct=SQL.identifier(f"{kpi.name}_cpct"),
            )
            for kpi in KPIS
        )

    # 4. The overall score and the ranks

    @api.model
    def _query_ranks(self):
        return SQL(
            "SELECT c.*, %s AS score, %s FROM (%s) AS c",
            self._select_score(),
            self._select_ranks(),
            self._query_percentiles(),
        )

    @api.model
    def _select_score(self):
        """The weighted average of the company percentiles, 0 to 100."""
        return SQL(
            "ROUND((100.0 * (%s) / NULLIF(%s, 0))::numeric, 1)::float",
            SQL(" + ").join(
                SQL(
                    "%s * %s",
                    SQL.identifier("c", f"w_{kpi.name}"),
                    SQL.identifier("c", f"{kpi.name}_cpct"),
                )
                for kpi in KPIS
            ),
            SQL(" + ").join(SQL.identifier("c", f"w_{kpi.name}") for kpi in KPIS),
        )

    @api.model
    def _select_ranks(self):
        return SQL(
            """RANK() OVER (PARTITION BY %(team)s ORDER BY %(score)s DESC)::int
                   AS rank_team,
               RANK() OVER (PARTITION BY %(company)s ORDER BY %(score)s DESC)::int
                   AS rank_company""",
            team=self._ranking_partition("c", by_team=True),
            company=self._ranking_partition("c"),
            score=self._select_score(),
        )

    # 5. One row per period and salesperson

    @api.model
    def _get_compared_columns(self):
        """The columns shown with their value in the previous period."""
        return ["score", "rank_team", "rank_company", *[kpi.name for kpi in KPIS]]

    @api.model
    def _query_by_user(self):
        return SQL(
            """SELECT f.period_id, f.company_id, f.period_type, f.date_from,
                      f.date_to, f.prev_date_from, f.user_id, f.team_id, %s, %s
                 FROM (%s) AS f
             GROUP BY f.period_id, f.company_id, f.period_type, f.date_from,
                      f.date_to, f.prev_date_from, f.user_id, f.team_id
               HAVING BOOL_OR(NOT f.is_prev)""",
            self._select_current(),
            self._select_live_previous(),
            self._query_ranks(),
        )

    @api.model
    def _select_current(self):
        """The figures of the period itself."""
        names = [
            *EXTRA_FIGURES,
            "forecast_accuracy",
            "score",
            *[kpi.name for kpi in KPIS],
            "rank_team",
            "rank_company",
            *[f"{kpi.name}_pct" for kpi in KPIS],
        ]
        return SQL(", ").join(
            SQL(
                "MAX(%s) FILTER (WHERE NOT f.is_prev) AS %s",
                SQL.identifier("f", name),
                SQL.identifier(name),
            )
            for name in names
        )

    @api.model
    def _select_live_previous(self):
        """The figures of the previous range, computed from the documents
        (``<name>_live_prev``)."""
        return SQL(", ").join(
            SQL(
                "MAX(%s) FILTER (WHERE f.is_prev) AS %s",
                SQL.identifier("f", name),
                SQL.identifier(f"{name}_live_prev"),
            )
            for name in self._get_compared_columns()
        )

    # 6. The previous period and the changes

    @api.model
    def _select_live(self):
        return SQL(
            """g.period_id, g.company_id, g.period_type, g.date_from, g.date_to,
               g.user_id, g.team_id, %s, g.forecast_accuracy, g.score, %s, %s,
               g.rank_team, g.rank_company""",
            SQL(", ").join(SQL.identifier("g", name) for name in EXTRA_FIGURES),
            SQL(", ").join(SQL.identifier("g", kpi.name) for kpi in KPIS),
            SQL(", ").join(SQL.identifier("g", f"{kpi.name}_pct") for kpi in KPIS),
        )

    @api.model
    def _previous_value(self, name):
        """The value of a compared column in the previous period: the stored
        scorecard (``pl``) when that period is closed (``pp``)."""
        return SQL(
            "CASE WHEN pp.id IS NULL THEN %s ELSE %s END",
            SQL.identifier("g", f"{name}_live_prev"),
            SQL.identifier("pl", name),
        )

    @api.model
    def _select_previous(self):
        return SQL(", ").join(
            SQL("%s AS %s", self._previous_value(name), SQL.identifier(f"{name}_prev"))
            for name in self._get_compared_columns()
        )

    @api.model
    def _select_changes(self):
        """The change of the score and of every KPI, the places gained in the
        team and the company, and the movement in the team."""
        deltas = SQL(", ").join(
            SQL(
                "%s - %s AS %s",
                SQL.identifier("g", name),
                self._previous_value(name),
                SQL.identifier(f"{name}_delta"),
            )
            for name in ["score", *[kpi.name for kpi in KPIS]]
        )
        return SQL(
            """%(deltas)s,
               %(prev_rank)s - g.rank_team AS rank_move,
               %(prev_company_rank)s - g.rank_company AS rank_company_move,
               CASE WHEN %(prev_rank)s IS NULL THEN 'new'
                    WHEN %(prev_rank)s > g.rank_team THEN 'up'
                    WHEN %(prev_rank)s < g.rank_team THEN 'down'
                    ELSE 'same' END AS movement""",
            deltas=deltas,
            prev_rank=self._previous_value("rank_team"),
            prev_company_rank=self._previous_value("rank_company"),
        )

    @api.model
    def _from_previous_closed(self, by_user):
        """The rows ``g`` with the previous period when it is closed (``pp``)
        and the salesperson's stored scorecard of it (``pl``)."""
        return SQL(
            """(%s) AS g
               LEFT JOIN sales_scorecard_period pp
                      ON pp.company_id = g.company_id
                     AND pp.period_type = g.period_type
                     AND pp.date_from = g.prev_date_from AND pp.state = 'closed'
               LEFT JOIN sales_scorecard_line pl
                      ON pl.period_id = pp.id AND pl.user_id = g.user_id""",
            by_user,
        )
