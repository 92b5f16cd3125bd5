# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .sales_scorecard_period import PERIOD_TYPES

MOVEMENTS = [
    ("up", "Up"),
    ("down", "Down"),
    ("same", "Same"),
    ("new", "New"),
]


class SalesScorecardFigures(models.AbstractModel):
    """Columns shared by the live scorecards and the stored (closed) ones.

    The period, the salesperson, the figures shown beside the KPIs, the
    overall score and the ranks; the columns of each KPI are declared in
    ``sales_scorecard_figures_kpi.py``.
    """

    _name = "sales.scorecard.figures"
    _description = "Scorecard Figures"

    period_id = fields.Many2one(
        "sales.scorecard.period",
        readonly=True,
        index=True,
        help="The month, quarter or year the scorecard measures.",
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, index=True, help="Company of the period."
    )
    period_type = fields.Selection(
        PERIOD_TYPES, readonly=True, help="A month, a quarter or a year."
    )
    date_from = fields.Date(
        "Period Start", readonly=True, index=True, help="First day of the period."
    )
    date_to = fields.Date("Period End", readonly=True, help="Last day of the period.")
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        readonly=True,
        index=True,
        help="The salesperson the scorecard measures.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        readonly=True,
        index=True,
        help="The salesperson's sales team (first membership in the company).",
    )
    target = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Targets of the salesperson in sales plans (confirmed revenue) "
        "for periods inside this one.",
    )
    margin = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Margin of the orders confirmed in the period, in the company currency.",
    )
    won_amount = fields.Float(
        "Won Revenue",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Expected revenue of the opportunities won in the period.",
    )
    lost_count = fields.Float(
        "Lost Deals",
        readonly=True,
        digits=(16, 0),
        aggregator="sum",
        help="Opportunities lost in the period.",
    )
    open_pipeline = fields.Float(
        "Weighted Open Pipeline",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Open opportunities expected to close in the period, weighted by "
        "their probability.",
    )
    opportunities_created = fields.Float(
        readonly=True,
        digits=(16, 0),
        aggregator="sum",
        help="Opportunities of the salesperson created in the period.",
    )
    meetings_done = fields.Float(
        "Meetings",
        readonly=True,
        digits=(16, 0),
        aggregator="sum",
        help="Calendar events of the salesperson about an opportunity, held in "
        "the period (visits and meetings with the customer).",
    )
    calls_done = fields.Float(
        readonly=True,
        digits=(16, 0),
        aggregator="sum",
        help="Activities of a Call type the salesperson marked as done in the period.",
    )
    forecast_accuracy = fields.Float(
        "Forecast Accuracy (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="How close the salesperson's forecast came to the result (given "
        "by the forecasting addon; empty without it).",
    )
    score = fields.Float(
        "Overall Score",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Weighted average of the salesperson's percentile in the company "
        "on every KPI, from 0 to 100, with the KPI weights of the team.",
    )
    score_prev = fields.Float(
        "Overall Score (previous)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Overall score in the previous period.",
    )
    score_delta = fields.Float(
        "Overall Score (change)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Overall score minus the one of the previous period.",
    )
    rank_team = fields.Integer(
        "Team Rank",
        readonly=True,
        # the best rank of a group: the leaderboard orders its groups by it
        aggregator="min",
        help="Rank by overall score within the team (1: best).",
    )
    rank_company = fields.Integer(
        "Company Rank",
        readonly=True,
        # the best rank of a group: the leaderboard orders its groups by it
        aggregator="min",
        help="Rank by overall score within the company (1: best).",
    )
    rank_team_prev = fields.Integer(
        "Team Rank (previous)",
        readonly=True,
        aggregator=False,
        help="Rank within the team in the previous period.",
    )
    rank_company_prev = fields.Integer(
        "Company Rank (previous)",
        readonly=True,
        aggregator=False,
        help="Rank within the company in the previous period.",
    )
    rank_move = fields.Integer(
        "Team Rank Movement",
        readonly=True,
        aggregator=False,
        help="Places gained (positive) or lost (negative) in the team since "
        "the previous period.",
    )
    rank_company_move = fields.Integer(
        "Company Rank Movement",
        readonly=True,
        aggregator=False,
        help="Places gained (positive) or lost (negative) in the company since "
        "the previous period.",
    )
    movement = fields.Selection(
        MOVEMENTS,
        readonly=True,
        help="Up or down in the team ranking against the previous period; new "
        "when the salesperson had no rank then.",
    )

    @api.model
    def _get_stored_columns(self):
        """Columns the closing of a period copies from the live rows."""
        return [
            name
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and name
            not in (
                "id",
                "create_uid",
                "create_date",
                "write_uid",
                "write_date",
                "is_closed",
            )
        ]
