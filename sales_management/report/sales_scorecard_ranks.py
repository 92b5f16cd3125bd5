# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL

from ..models.sales_scorecard_kpi import KPIS
from .sales_scorecard import EXTRA_FIGURES


class SalesScorecard(models.Model):
    """Steps 3 to 6 of the live scorecards: percentiles, score, ranks, changes.

    From the KPIs of ``_query_kpis`` (``sales_scorecard_kpis.py``): the
    percentile of every KPI in the team and in the company, the overall score
    and the ranks; then one row per period and salesperson with the figures
    of the previous period (stored when that period is closed), the changes
    of the score and of every KPI and the movement in the ranks.
    """

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

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
