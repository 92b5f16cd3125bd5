# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL

from ..models.sales_scorecard_kpi import KPIS


class SalesScorecard(models.Model):
    """Step 2 of the live scorecards: the KPIs of each salesperson and range.

    ``_query_kpis`` turns the sums of the documents (``_query_sums``, in
    ``sales_scorecard_sources.py``) into the KPIs, with the figures shown
    beside them, the salesperson's team and target and the KPI weights of the
    team or the company. ``_query_percentiles`` (``sales_scorecard_ranks.py``)
    ranks these KPIs.
    """

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scorecard"

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
            "g.lost_count, g.open_pipeline, g.opportunities_created, "
            "g.meetings_done, g.calls_done"
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
            "meetings_per_opportunity": SQL(
                """CASE WHEN g.opportunities_created > 0
                        THEN g.meetings_done / g.opportunities_created END"""
            ),
            "calls_per_opportunity": SQL(
                """CASE WHEN g.opportunities_created > 0
                        THEN g.calls_done / g.opportunities_created END"""
            ),
            "meetings_per_won": SQL(
                "CASE WHEN g.won_count > 0 THEN g.meetings_done / g.won_count END"
            ),
            "calls_per_won": SQL(
                "CASE WHEN g.won_count > 0 THEN g.calls_done / g.won_count END"
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
        return self.env["sales.figure"]._figure_targets_sql(
            SQL("g.company_id"),
            SQL("g.d0"),
            SQL("g.d1"),
            SQL("g.user_id"),
            range_revenue=SQL("g.revenue"),
        )
