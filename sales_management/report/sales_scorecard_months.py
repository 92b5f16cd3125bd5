# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL

from .sales_scorecard_sources import SOURCE_COLUMNS


class SalesScorecard(models.Model):
    """Step 1 over closed months: a closed month is read as it was closed.

    The figures of a range of an open period (the period itself, or the
    previous period when that one is not closed) come from three parts:

    - the documents of the months of the range that are not closed, through
      the sources (``_select_sources``), one run of consecutive months at a
      time;
    - for each closed month of the range (a closed month period of the
      company), the sums stored when it was closed (``_get_stored_sums``);
    - for each closed month too, the figures that are not sums of the month
      but of what is open at the time of reading (the weighted open pipeline
      and the overdue activities), from the documents.

    The KPIs are then computed from these sums as for any range: the ratios
    (attainment, win rate, average deal size and sales cycle, pipeline
    coverage, margin %) from the summed numerators and denominators, never
    as averages of the months; the target and the forecast accuracy are read
    for the whole range. With nothing changed since the closing of its
    months, an open quarter or year shows the figures computed from all of
    its documents, only faster.

    A change of the documents of a closed month after its closing changes
    neither the month (its stored scorecards are its official figures) nor
    the open quarter or year that holds it, which counts the month as it
    was closed; the open pipeline and the overdue activities are always
    those of now. A salesperson is on the scorecards of the range when on
    those of one of its closed months or with figures in the rest of it.
    """

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

    @api.model
    def _get_stored_sums(self):
        """How the stored scorecard ``l`` of a closed month gives back the
        sums of its documents, per figure of ``SOURCE_COLUMNS``.

        A figure missing here is computed from the documents of the closed
        months as well: the open pipeline and the overdue activities, which
        the month stored as they were at its closing.
        """
        return {
            "revenue": SQL("l.revenue"),
            "margin": SQL("l.margin"),
            "invoiced": SQL("l.invoiced"),
            "won_count": SQL("l.won_count"),
            "won_amount": SQL("l.won_amount"),
            # the month stored the average: back to the sum of the days
            "cycle_days": SQL("l.avg_cycle_days * l.won_count"),
            "lost_count": SQL("l.lost_count"),
            "pipeline_created": SQL("l.pipeline_created"),
            "activities_done": SQL("l.activities_done"),
            "opportunities_created": SQL("l.opportunities_created"),
            "meetings_done": SQL("l.meetings_done"),
            "calls_done": SQL("l.calls_done"),
            # a customer is new in the one month of its first order: the
            # months add up
            "new_customers": SQL("l.new_customers"),
        }

    @api.model
    def _where_closed_months(self):
        """The closed month periods ``cm`` of the company of period ``p``
        inside range ``r``."""
        return SQL(
            """cm.company_id = p.company_id AND cm.period_type = 'month'
               AND cm.state = 'closed' AND cm.date_from >= r.d0
               AND cm.date_to <= r.d1"""
        )

    @api.model
    def _query_open_runs(self):
        """The runs of consecutive months of range ``r`` that are not closed:
        rows (is_prev, d0, d1), the gap before each closed month and the one
        before the end of the range (the whole range when no month is
        closed).

        Written so that the planner expects one run per range (the gaps are
        filtered after the window function): expecting more would multiply
        the expected cost of the sources, past the point where PostgreSQL
        compiles the query (JIT), which takes seconds.
        """
        return SQL(
            """SELECT r.is_prev, g.d0, g.d1
                 FROM (
                     SELECT COALESCE(LAG(b.date_to) OVER (ORDER BY b.date_from) + 1,
                                     r.d0) AS d0,
                            b.date_from - 1 AS d1
                       FROM (
                           SELECT cm.date_from, cm.date_to
                             FROM sales_scorecard_period cm
                            WHERE %s
                        UNION ALL
                           SELECT r.d1 + 1, r.d1 + 1
                       ) AS b
                 ) AS g
                WHERE g.d0 <= g.d1""",
            self._where_closed_months(),
        )

    @api.model
    def _query_range_figures(self):
        """Rows (user_id, figures in ``SOURCE_COLUMNS``) of range ``r`` of
        period ``p``: the sources over the runs of months not closed, the
        stored sums of the closed months and, over the closed months, the
        sources of the figures not stored.

        The sources read the dates of a run or of a closed month as ``r.d0``
        and ``r.d1``. Over the closed months, the condition on the figures
        not stored excludes, when the query is planned, every source that
        gives none of them: their documents are not read.
        """
        stored = self._get_stored_sums()
        live = [name for name in SOURCE_COLUMNS if name not in stored]
        sources = SQL(" UNION ALL ").join(self._select_sources())
        parts = [
            SQL(
                """SELECT s.user_id, %s
                     FROM (%s) AS r (is_prev, d0, d1)
                     CROSS JOIN LATERAL (%s) AS s""",
                SQL(", ").join(SQL.identifier("s", name) for name in SOURCE_COLUMNS),
                self._query_open_runs(),
                sources,
            ),
            SQL(
                """SELECT l.user_id, %s
                     FROM sales_scorecard_period cm
                     JOIN sales_scorecard_line l ON l.period_id = cm.id
                    WHERE %s""",
                SQL(", ").join(
                    SQL(
                        "COALESCE((%s)::float, 0.0) AS %s",
                        stored.get(name, SQL("0")),
                        SQL.identifier(name),
                    )
                    for name in SOURCE_COLUMNS
                ),
                self._where_closed_months(),
            ),
        ]
        if live:
            parts.append(
                SQL(
                    """SELECT s.user_id, %s
                         FROM (SELECT r.is_prev, cm.date_from, cm.date_to
                                 FROM sales_scorecard_period cm
                                WHERE %s) AS r (is_prev, d0, d1)
                         CROSS JOIN LATERAL (%s) AS s
                        WHERE %s""",
                    SQL(", ").join(
                        SQL.identifier("s", name)
                        if name in live
                        else SQL("0.0::float AS %s", SQL.identifier(name))
                        for name in SOURCE_COLUMNS
                    ),
                    self._where_closed_months(),
                    sources,
                    SQL(" OR ").join(
                        SQL("%s <> 0", SQL.identifier("s", name)) for name in live
                    ),
                )
            )
        return SQL(" UNION ALL ").join(parts)
