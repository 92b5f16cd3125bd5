# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models
from odoo.tools import SQL

from ..models.sales_figure import SOURCES

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
    "opportunities_created",
    "meetings_done",
    "calls_done",
)


class SalesScorecard(models.Model):
    """Step 1 of the live scorecards: the figures of the documents.

    Each source reads one kind of document (orders, invoices, opportunities,
    activities, team memberships) of an open period and gives its figures
    per salesperson (``SOURCE_COLUMNS``); ``_query_sums`` adds them up per
    period, salesperson and range. ``_live_query`` builds the scorecards
    from these sums.
    """

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

    @api.model
    def _source_sql(self, user, from_where, **values):
        """One source of figures: a row per salesperson (user_id, figures in
        SOURCE_COLUMNS), summed in the source, so that the sums of the
        sources add up a few rows per salesperson rather than every
        document (a month's done activities alone are tens of thousands).
        The figures a source does not give stay the constant 0, so that a
        condition on them rules the source out when the query is planned
        (see ``_query_range_figures``)."""
        return SQL(
            "SELECT %s AS user_id, %s %s GROUP BY 1",
            user,
            SQL(", ").join(
                SQL("SUM((%s)::float) AS %s", values[name], SQL(name))
                if name in values
                else SQL("0::float AS %s", SQL(name))
                for name in SOURCE_COLUMNS
            ),
            from_where,
        )

    @api.model
    def _figure_source_sql(self, source, **measures):
        """A source read from a sales figure (``sales.figure``) of period
        ``p`` between ``r.d0`` and ``r.d1``, per salesperson: ``measures``
        maps the columns of ``SOURCE_COLUMNS`` to the figure's measures."""
        Figure = self.env["sales.figure"]
        query = Figure._figure_query(
            source,
            company=SQL("p.company_id"),
            date_from=SQL("r.d0"),
            date_to=SQL("r.d1"),
            extra=[(SOURCES[source].user, "!=", False)],
        )
        columns = Figure._figure_columns(source, query)
        return self._source_sql(
            columns["user_id"],
            SQL("FROM %s WHERE %s", query.from_clause, query.where_clause),
            **{name: columns[measure] for name, measure in measures.items()},
        )

    @api.model
    def _select_sources(self):
        """Figures of the documents of period ``p`` between ``r.d0`` and ``r.d1``.

        The sales figures are those of ``sales.figure``, as for the targets
        and the forecast: confirmed orders by order date in the company
        currency, posted invoices net of credit notes, won and lost
        opportunities by closing date, new customers by their first
        confirmed order.
        """
        return [
            self._figure_source_sql("confirmed", revenue="revenue", margin="margin"),
            self._figure_source_sql("invoiced", invoiced="revenue"),
            self._figure_source_sql(
                "won",
                won_count="count",
                won_amount="revenue",
                cycle_days="cycle_days",
            ),
            self._figure_source_sql("lost", lost_count="count"),
            self._figure_source_sql(
                "created", pipeline_created="revenue", opportunities_created="count"
            ),
            self._figure_source_sql("pipeline", open_pipeline="weighted"),
            # done activities; the calls among them: a Call type (Odoo's
            # phonecall category)
            self._source_sql(
                SQL("u.id"),
                SQL(
                    """FROM mail_message m
                       JOIN res_users u ON u.partner_id = m.author_id
                       LEFT JOIN mail_activity_type t
                              ON t.id = m.mail_activity_type_id
                      WHERE m.mail_activity_type_id IS NOT NULL
                        AND (m.record_company_id = p.company_id
                             OR m.record_company_id IS NULL)
                        AND m.date >= r.d0 AND m.date < r.d1 + 1"""
                ),
                activities_done=SQL("1"),
                calls_done=SQL("CASE WHEN t.category = 'phonecall' THEN 1 ELSE 0 END"),
            ),
            # meetings (visits): calendar events of the salesperson about an
            # opportunity of the company, held in the range
            self._source_sql(
                SQL("e.user_id"),
                SQL(
                    """FROM calendar_event e
                       JOIN crm_lead ol ON ol.id = e.opportunity_id
                      WHERE e.active AND e.user_id IS NOT NULL
                        AND (ol.company_id = p.company_id OR ol.company_id IS NULL)
                        AND e.start >= r.d0 AND e.start < r.d1 + 1
                        AND e.start < now() AT TIME ZONE 'UTC'"""
                ),
                meetings_done=SQL("1"),
            ),
            self._source_sql(
                SQL("a.user_id"),
                SQL(
                    """FROM mail_activity a
                      WHERE a.active AND a.user_id IS NOT NULL
                        AND a.date_deadline >= r.d0 AND a.date_deadline <= r.d1
                        AND a.date_deadline < CURRENT_DATE"""
                ),
                activities_overdue=SQL("1"),
            ),
            self._figure_source_sql("new_customers", new_customers="count"),
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

    # The sums of the sources

    @api.model
    def _query_sums(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s GROUP BY %s",
            self._select_sums(),
            self._from_sums(),
            self._where_sums(),
            self._group_by_sums(),
        )

    @api.model
    def _select_sums(self):
        return SQL(
            """p.id AS period_id, p.company_id, p.period_type, p.date_from,
               p.date_to, p.prev_date_from, r.is_prev, r.d0, r.d1, s.user_id, %s""",
            SQL(", ").join(
                SQL("SUM(s.%s) AS %s", SQL(name), SQL(name)) for name in SOURCE_COLUMNS
            ),
        )

    @api.model
    def _from_sums(self):
        """Each open period ``p``, once for itself and once for the previous
        period (range ``r``: ``is_prev``, from ``d0`` to ``d1``), with the
        rows of figures in that range (``s``: the sources, or the stored
        scorecards of its closed months, see ``_query_range_figures``) and
        their users (``u``)."""
        return SQL(
            """sales_scorecard_period p
               CROSS JOIN LATERAL (
                   VALUES (FALSE, p.date_from, p.date_to),
                          (TRUE, p.prev_date_from, p.date_from - 1)
               ) AS r (is_prev, d0, d1)
               CROSS JOIN LATERAL (%s) AS s
               JOIN res_users u ON u.id = s.user_id""",
            self._query_range_figures(),
        )

    @api.model
    def _where_sums(self):
        """Open periods; internal users but the superuser; the previous range
        only when the previous period is not closed (its stored scorecards
        are read instead)."""
        return SQL(
            """p.state = 'open' AND NOT u.share AND u.id <> %s
               AND (NOT r.is_prev OR NOT EXISTS (
                    SELECT 1 FROM sales_scorecard_period cp
                     WHERE cp.company_id = p.company_id
                       AND cp.period_type = p.period_type
                       AND cp.date_from = p.prev_date_from
                       AND cp.state = 'closed'))""",
            SUPERUSER_ID,
        )

    @api.model
    def _group_by_sums(self):
        return SQL(
            """p.id, p.company_id, p.period_type, p.date_from, p.date_to,
               p.prev_date_from, r.is_prev, r.d0, r.d1, s.user_id"""
        )
