# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..models.sales_scorecard_kpi import KPIS

# Figures shown beside the KPIs (not scored).
EXTRA_FIGURES = (
    "target",
    "margin",
    "won_amount",
    "lost_count",
    "open_pipeline",
    "opportunities_created",
    "meetings_done",
    "calls_done",
)
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
    ``sales_scorecard_sources.py``, the KPIs in ``sales_scorecard_kpis.py``,
    their percentiles, the score, the ranks and the changes in
    ``sales_scorecard_ranks.py``, the drill-down from a figure to its records
    in ``sales_scorecard_drilldown.py``.
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
        2. ``_query_kpis`` (``sales_scorecard_kpis.py``): the KPIs from these
           sums, the figures shown beside them and the KPI weights, with the
           salesperson's team and target;
        3. ``_query_percentiles`` (``sales_scorecard_ranks.py``, as the steps
           after it): the percentile of every KPI in the team and in the
           company;
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
