# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from .sales_scorecard_kpi import KPIS

# Figures summed from the documents, in the order of the source queries.
SOURCE_COLUMNS = (
    "revenue",
    "margin",
    "invoiced",
    "won_count",
    "won_amount",
    "cycle_days",
    "lost_count",
    "pipeline_created",
    "open_pipeline",
    "activities_done",
    "activities_overdue",
    "new_customers",
)
# Figures shown beside the KPIs (not scored).
EXTRA_FIGURES = ("target", "margin", "won_amount", "lost_count", "open_pipeline")
# Ids of the scorecards: period id * ID_FACTOR + salesperson id.
ID_FACTOR = 10_000_000


class SalesScorecard(models.Model):
    """Scorecards of every salesperson and period, live or closed.

    A reporting model (no table): the rows of closed periods are read from
    the stored scorecards (``sales.scorecard.line``), the rows of open periods
    are computed from the documents by one query: for each open period, one
    pass over its orders, invoices, opportunities and activities gives the
    figures of every salesperson; window functions then give the
    percentiles, the overall score and the ranks. Filters on the period
    (its dates, type, company or id) reach the periods scanned, so that a
    screen showing one month reads only that month's documents. Record rules
    apply to the rows as to any model.
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
        "mail.message": ["author_id", "date", "mail_activity_type_id"],
        "mail.activity": ["active", "date_deadline", "user_id"],
        "sales.quota": [
            "effective_target",
            "user_id",
            "target_type",
            "date_from",
            "date_to",
        ],
        "sales.quota.plan": ["state", "metric", "company_id"],
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
    # The query
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
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        query = super()._search(domain, offset, limit, order, **kwargs)
        ids = self._ids_of_domain(domain)
        if ids and not query.is_empty():
            self._restrict_to_periods(query, ids)
        return query

    def _as_query(self, ordered=True):
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

    @api.model
    def _source_sql(self, user, from_where, **values):
        """One source of figures: rows (user_id, figures in SOURCE_COLUMNS)."""
        return SQL(
            "SELECT %s AS user_id, %s %s",
            user,
            SQL(", ").join(
                SQL("(%s)::float AS %s", values.get(name, SQL("0")), SQL(name))
                for name in SOURCE_COLUMNS
            ),
            from_where,
        )

    @api.model
    def _get_sources_sql(self):
        """Figures of the documents of period ``p`` between ``r.d0`` and ``r.d1``.

        The definitions are the targets' ones (``sales.quota``): confirmed
        orders by order date in the company currency, posted invoices net of
        credit notes, won opportunities by closing date, new customers by
        their first confirmed order.
        """
        Quota = self.env["sales.quota"]
        rate = Quota._currency_rate_sql("so")
        period = SQL("r.d0")
        stop = SQL("(r.d1 + 1)")
        return [
            self._source_sql(
                SQL("so.user_id"),
                SQL(
                    """FROM sale_order so
                      WHERE so.state = 'sale' AND so.company_id = p.company_id
                        AND so.date_order >= %s AND so.date_order < %s
                        AND so.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                revenue=SQL("so.amount_untaxed / %s", rate),
                margin=SQL("COALESCE(so.margin, 0) / %s", rate),
            ),
            self._source_sql(
                SQL("am.invoice_user_id"),
                SQL(
                    """FROM account_move am
                      WHERE am.move_type IN ('out_invoice', 'out_refund')
                        AND am.state = 'posted' AND am.company_id = p.company_id
                        AND am.invoice_date >= %s AND am.invoice_date < %s
                        AND am.invoice_user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                invoiced=SQL("am.amount_untaxed_signed"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                       JOIN crm_stage s ON s.id = l.stage_id
                      WHERE l.type = 'opportunity' AND l.active AND s.is_won
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_closed >= %s AND l.date_closed < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                won_count=SQL("1"),
                won_amount=SQL("COALESCE(l.expected_revenue, 0)"),
                cycle_days=SQL(
                    "GREATEST(EXTRACT(EPOCH FROM l.date_closed - l.create_date), 0)"
                    " / 86400.0"
                ),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity' AND NOT l.active
                        AND l.probability = 0
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_closed >= %s AND l.date_closed < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                lost_count=SQL("1"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity'
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.create_date >= %s AND l.create_date < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                pipeline_created=SQL("COALESCE(l.expected_revenue, 0)"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity' AND l.active
                        AND l.probability < 100
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_deadline >= %s AND l.date_deadline <= r.d1
                        AND l.user_id IS NOT NULL""",
                    period,
                ),
                open_pipeline=SQL("COALESCE(l.prorated_revenue, 0)"),
            ),
            self._source_sql(
                SQL("u.id"),
                SQL(
                    """FROM mail_message m
                       JOIN res_users u ON u.partner_id = m.author_id
                      WHERE m.mail_activity_type_id IS NOT NULL
                        AND (m.record_company_id = p.company_id
                             OR m.record_company_id IS NULL)
                        AND m.date >= %s AND m.date < %s""",
                    period,
                    stop,
                ),
                activities_done=SQL("1"),
            ),
            self._source_sql(
                SQL("a.user_id"),
                SQL(
                    """FROM mail_activity a
                      WHERE a.active AND a.user_id IS NOT NULL
                        AND a.date_deadline >= %s AND a.date_deadline <= r.d1
                        AND a.date_deadline < CURRENT_DATE""",
                    period,
                ),
                activities_overdue=SQL("1"),
            ),
            self._source_sql(
                SQL("so.user_id"),
                SQL(
                    """FROM sale_order so
                       JOIN res_partner rp ON rp.id = so.partner_id
                      WHERE so.state = 'sale' AND so.company_id = p.company_id
                        AND so.date_order >= %s AND so.date_order < %s
                        AND so.user_id IS NOT NULL
                        AND NOT EXISTS (
                            SELECT 1 FROM sale_order o2
                              JOIN res_partner p2 ON p2.id = o2.partner_id
                             WHERE p2.commercial_partner_id = rp.commercial_partner_id
                               AND o2.state = 'sale'
                               AND o2.company_id = so.company_id
                               AND (o2.date_order < so.date_order
                                    OR (o2.date_order = so.date_order
                                        AND o2.id < so.id)))""",
                    period,
                    stop,
                ),
                new_customers=SQL("1"),
            ),
            # every member of a team of the company has a scorecard, if the
            # member works in the company: a team without company does not
            # put its members of other companies on this company's scorecards
            self._source_sql(
                SQL("m.user_id"),
                SQL(
                    """FROM crm_team_member m
                       JOIN crm_team t ON t.id = m.crm_team_id
                      WHERE m.active AND t.active
                        AND (t.company_id = p.company_id OR t.company_id IS NULL)
                        AND EXISTS (
                            SELECT 1 FROM res_company_users_rel cu
                             WHERE cu.user_id = m.user_id
                               AND cu.cid = p.company_id)"""
                ),
            ),
        ]

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
    def _rank_expression(self, kpi):
        """How a KPI orders the salespeople: NULLs and worse values first."""
        column = SQL.identifier("k", kpi.name)
        if kpi.name == "pipeline_coverage":
            # a reached target needs no more pipeline: best coverage
            column = SQL(
                "CASE WHEN k.target > 0 AND k.revenue >= k.target THEN 1e9 ELSE %s END",
                column,
            )
        direction = SQL("ASC" if kpi.higher_is_better else "DESC")
        return SQL("%s %s NULLS FIRST", column, direction)

    @api.model
    def _live_query(self):
        """Rows of the open periods, with the columns of the stored scorecards."""
        sources = SQL(" UNION ALL ").join(self._get_sources_sql())
        sums = SQL(", ").join(
            SQL("SUM(s.%s) AS %s", SQL(name), SQL(name)) for name in SOURCE_COLUMNS
        )
        partition = SQL(
            "k.company_id, k.period_type, k.date_from, k.period_id, k.is_prev"
        )
        team_partition = SQL("%s, k.team_id", partition)
        weights = SQL(", ").join(
            SQL(
                "COALESCE(tw.%(w)s, cw.%(w)s, %(default)s)::float AS %(w)s",
                w=SQL(f"w_{kpi.name}"),
                default=kpi.weight,
            )
            for kpi in KPIS
        )
        percentiles = SQL(", ").join(
            SQL(
                """CASE WHEN COUNT(*) OVER (PARTITION BY %(team)s) > 1
                        THEN 100.0 * PERCENT_RANK() OVER (
                            PARTITION BY %(team)s ORDER BY %(order)s) END
                       AS %(pct)s,
                   PERCENT_RANK() OVER (PARTITION BY %(company)s ORDER BY %(order)s)
                       AS %(cpct)s""",
                team=team_partition,
                company=partition,
                order=self._rank_expression(kpi),
                pct=SQL(f"{kpi.name}_pct"),
                cpct=SQL(f"{kpi.name}_cpct"),
            )
            for kpi in KPIS
        )
        score = SQL(
            "ROUND((100.0 * (%s) / NULLIF(%s, 0))::numeric, 1)::float",
            SQL(" + ").join(
                SQL("c.w_%s * c.%s_cpct", SQL(kpi.name), SQL(kpi.name)) for kpi in KPIS
            ),
            SQL(" + ").join(SQL("c.w_%s", SQL(kpi.name)) for kpi in KPIS),
        )
        cur = SQL("NOT f.is_prev")
        prev = SQL("f.is_prev")

        def pick(column, condition):
            return SQL("MAX(f.%s) FILTER (WHERE %s)", SQL(column), condition)

        figures = [*EXTRA_FIGURES, "forecast_accuracy", "score"]
        figures += [kpi.name for kpi in KPIS]
        current = SQL(", ").join(
            SQL("%s AS %s", pick(name, cur), SQL(name))
            for name in [
                *figures,
                "rank_team",
                "rank_company",
                *[f"{kpi.name}_pct" for kpi in KPIS],
            ]
        )
        previous = SQL(", ").join(
            SQL("%s AS %s", pick(name, prev), SQL(f"{name}_live_prev"))
            for name in ["score", "rank_team", "rank_company"]
            + [kpi.name for kpi in KPIS]
        )
        # previous period: the stored scorecard when that period is closed
        final_prev = SQL(", ").join(
            SQL(
                """CASE WHEN pp.id IS NULL THEN g.%(name)s_live_prev
                        ELSE pl.%(name)s END AS %(alias)s""",
                name=SQL(name),
                alias=SQL(f"{name}_prev"),
            )
            for name in ["score", "rank_team", "rank_company"]
            + [kpi.name for kpi in KPIS]
        )
        deltas = SQL(", ").join(
            SQL(
                """g.%(name)s - CASE WHEN pp.id IS NULL THEN g.%(name)s_live_prev
                                     ELSE pl.%(name)s END AS %(alias)s""",
                name=SQL(name),
                alias=SQL(f"{name}_delta"),
            )
            for name in ["score"] + [kpi.name for kpi in KPIS]
        )
        prev_rank = SQL(
            "CASE WHEN pp.id IS NULL THEN g.rank_team_live_prev ELSE pl.rank_team END"
        )
        prev_company_rank = SQL(
            "CASE WHEN pp.id IS NULL THEN g.rank_company_live_prev "
            "ELSE pl.rank_company END"
        )
        return SQL(
            """
SELECT g.period_id, g.company_id, g.period_type, g.date_from, g.date_to,
       g.user_id, g.team_id,
       %(extra)s, g.forecast_accuracy, g.score,
       %(kpis)s, %(pcts)s,
       g.rank_team, g.rank_company,
       %(final_prev)s,
       %(deltas)s,
       %(prev_rank)s - g.rank_team AS rank_move,
       %(prev_company_rank)s - g.rank_company AS rank_company_move,
       CASE WHEN %(prev_rank)s IS NULL THEN 'new'
            WHEN %(prev_rank)s > g.rank_team THEN 'up'
            WHEN %(prev_rank)s < g.rank_team THEN 'down'
            ELSE 'same' END AS movement
  FROM (
    SELECT f.period_id, f.company_id, f.period_type, f.date_from, f.date_to,
           f.prev_date_from, f.user_id, f.team_id, %(current)s, %(previous)s
      FROM (
        SELECT c.*, %(score)s AS score,
               RANK() OVER (PARTITION BY %(c_team)s ORDER BY %(score)s DESC)::int
                   AS rank_team,
               RANK() OVER (PARTITION BY %(c_company)s ORDER BY %(score)s DESC)::int
                   AS rank_company
          FROM (
            SELECT k.*, %(percentiles)s
              FROM (
                SELECT g.period_id, g.company_id, g.period_type, g.date_from,
                       g.date_to, g.prev_date_from, g.is_prev, g.user_id,
                       tm.team_id,
                       %(extra_src)s,
                       %(forecast)s AS forecast_accuracy,
                       g.revenue, g.invoiced,
                       CASE WHEN tg.target > 0
                            THEN 100.0 * g.revenue / tg.target ELSE 0.0 END
                           AS attainment,
                       g.won_count,
                       CASE WHEN g.won_count + g.lost_count > 0
                            THEN 100.0 * g.won_count / (g.won_count + g.lost_count)
                            ELSE 0.0 END AS win_rate,
                       CASE WHEN g.won_count > 0
                            THEN g.won_amount / g.won_count ELSE 0.0 END
                           AS avg_deal_size,
                       CASE WHEN g.won_count > 0
                            THEN g.cycle_days / g.won_count END AS avg_cycle_days,
                       g.pipeline_created,
                       CASE WHEN tg.target > g.revenue
                            THEN g.open_pipeline / (tg.target - g.revenue) END
                           AS pipeline_coverage,
                       g.activities_done, g.activities_overdue, g.new_customers,
                       CASE WHEN g.revenue <> 0
                            THEN 100.0 * g.margin / g.revenue END AS margin_percent,
                       %(weights)s
                  FROM (
                    SELECT p.id AS period_id, p.company_id, p.period_type,
                           p.date_from, p.date_to, p.prev_date_from, r.is_prev,
                           r.d0, r.d1, s.user_id, %(sums)s
                      FROM sales_scorecard_period p
                     CROSS JOIN LATERAL (
                         VALUES (FALSE, p.date_from, p.date_to),
                                (TRUE, p.prev_date_from, p.date_from - 1)
                     ) AS r (is_prev, d0, d1)
                     CROSS JOIN LATERAL (%(sources)s) AS s
                      JOIN res_users u ON u.id = s.user_id
                     WHERE p.state = 'open' AND NOT u.share AND u.id <> %(superuser)s
                       AND (NOT r.is_prev OR NOT EXISTS (
                            SELECT 1 FROM sales_scorecard_period cp
                             WHERE cp.company_id = p.company_id
                               AND cp.period_type = p.period_type
                               AND cp.date_from = p.prev_date_from
                               AND cp.state = 'closed'))
                  GROUP BY p.id, p.company_id, p.period_type, p.date_from,
                           p.date_to, p.prev_date_from, r.is_prev, r.d0, r.d1,
                           s.user_id
                  ) AS g
                  LEFT JOIN LATERAL (
                      SELECT m.crm_team_id AS team_id
                        FROM crm_team_member m
                        JOIN crm_team t ON t.id = m.crm_team_id
                       WHERE m.user_id = g.user_id AND m.active AND t.active
                         AND (t.company_id = g.company_id OR t.company_id IS NULL)
                    ORDER BY m.id
                       LIMIT 1
                  ) AS tm ON TRUE
                  LEFT JOIN LATERAL (
                      SELECT SUM(q.effective_target) AS target
                        FROM sales_quota q
                        JOIN sales_quota_plan qp ON qp.id = q.plan_id
                       WHERE q.target_type = 'user' AND q.user_id = g.user_id
                         AND qp.metric = 'sale'
                         AND qp.state IN ('active', 'closed')
                         AND qp.company_id = g.company_id
                         AND q.date_from >= g.d0 AND q.date_to <= g.d1
                  ) AS tg ON TRUE
                  LEFT JOIN sales_scorecard_weight tw
                         ON tw.team_id = tm.team_id AND tw.company_id = g.company_id
                  LEFT JOIN sales_scorecard_weight cw
                         ON cw.team_id IS NULL AND cw.company_id = g.company_id
              ) AS k
          ) AS c
      ) AS f
  GROUP BY f.period_id, f.company_id, f.period_type, f.date_from, f.date_to,
           f.prev_date_from, f.user_id, f.team_id
    HAVING BOOL_OR(NOT f.is_prev)
  ) AS g
  LEFT JOIN sales_scorecard_period pp
         ON pp.company_id = g.company_id AND pp.period_type = g.period_type
        AND pp.date_from = g.prev_date_from AND pp.state = 'closed'
  LEFT JOIN sales_scorecard_line pl
         ON pl.period_id = pp.id AND pl.user_id = g.user_id
            """,
            extra=SQL(", ").join(SQL("g.%s", SQL(name)) for name in EXTRA_FIGURES),
            kpis=SQL(", ").join(SQL("g.%s", SQL(kpi.name)) for kpi in KPIS),
            pcts=SQL(", ").join(SQL("g.%s_pct", SQL(kpi.name)) for kpi in KPIS),
            final_prev=final_prev,
            deltas=deltas,
            prev_rank=prev_rank,
            prev_company_rank=prev_company_rank,
            current=current,
            previous=previous,
            score=score,
            c_team=SQL(
                "c.company_id, c.period_type, c.date_from, c.period_id, c.is_prev, "
                "c.team_id"
            ),
            c_company=SQL(
                "c.company_id, c.period_type, c.date_from, c.period_id, c.is_prev"
            ),
            percentiles=percentiles,
            extra_src=SQL(
                "COALESCE(tg.target, 0.0) AS target, g.margin, g.won_amount, "
                "g.lost_count, g.open_pipeline"
            ),
            forecast=self._get_forecast_accuracy_sql(),
            weights=weights,
            sums=sums,
            sources=sources,
            superuser=SUPERUSER_ID,
        )

    # ------------------------------------------------------------------
    # Drill-down: every figure opens the records behind it
    # ------------------------------------------------------------------

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
