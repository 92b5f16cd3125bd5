# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sales_scorecard_kpi import KPIS


class SalesScorecardWeight(models.Model):
    """How much each KPI counts in the overall score of a team.

    The weights without a team are the company's defaults; a team's own
    weights replace them for its salespeople. Without any record, the
    defaults of each KPI apply.
    """

    _name = "sales.scorecard.weight"
    _description = "Scorecard KPI Weights"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "company_id, team_id desc, id"

    name = fields.Char(
        compute="_compute_name", help="The team, or the company defaults."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose scorecards these weights score.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        index=True,
        check_company=True,
        tracking=True,
        help="Team whose scores use these weights; empty: the company defaults "
        "for teams without weights of their own.",
    )
    total_weight = fields.Float(
        compute="_compute_total_weight",
        help="Sum of the weights: each KPI counts for its weight divided by it.",
    )
    # the weight of each KPI, in the order of KPIS
    w_revenue = fields.Float(
        "Confirmed Revenue",
        default=3.0,
        digits=(16, 1),
        help="Weight of the confirmed revenue in the overall score (default 3; 0 "
        "leaves it out).",
    )
    w_invoiced = fields.Float(
        "Invoiced Revenue",
        default=2.0,
        digits=(16, 1),
        help="Weight of the invoiced revenue in the overall score (default 2; 0 leaves "
        "it out).",
    )
    w_attainment = fields.Float(
        "Target Attainment (%)",
        default=3.0,
        digits=(16, 1),
        help="Weight of the target attainment (%) in the overall score (default 3; 0 "
        "leaves it out).",
    )
    w_won_count = fields.Float(
        "Won Deals",
        default=2.0,
        digits=(16, 1),
        help="Weight of the won deals in the overall score (default 2; 0 leaves it "
        "out).",
    )
    w_win_rate = fields.Float(
        "Win Rate (%)",
        default=2.0,
        digits=(16, 1),
        help="Weight of the win rate (%) in the overall score (default 2; 0 leaves it "
        "out).",
    )
    w_avg_deal_size = fields.Float(
        "Average Deal Size",
        default=1.0,
        digits=(16, 1),
        help="Weight of the average deal size in the overall score (default 1; 0 "
        "leaves it out).",
    )
    w_avg_cycle_days = fields.Float(
        "Average Sales Cycle (days)",
        default=1.0,
        digits=(16, 1),
        help="Weight of the average sales cycle (days) in the overall score (default "
        "1; 0 leaves it out).",
    )
    w_pipeline_created = fields.Float(
        "Pipeline Created",
        default=1.0,
        digits=(16, 1),
        help="Weight of the pipeline created in the overall score (default 1; 0 leaves "
        "it out).",
    )
    w_pipeline_coverage = fields.Float(
        "Pipeline Coverage",
        default=1.0,
        digits=(16, 1),
        help="Weight of the pipeline coverage in the overall score (default 1; 0 "
        "leaves it out).",
    )
    w_activities_done = fields.Float(
        "Activities Done",
        default=1.0,
        digits=(16, 1),
        help="Weight of the activities done in the overall score (default 1; 0 leaves "
        "it out).",
    )
    w_activities_overdue = fields.Float(
        "Overdue Activities",
        default=1.0,
        digits=(16, 1),
        help="Weight of the overdue activities in the overall score (default 1; 0 "
        "leaves it out).",
    )
    w_new_customers = fields.Float(
        "New Customers",
        default=1.0,
        digits=(16, 1),
        help="Weight of the new customers in the overall score (default 1; 0 leaves it "
        "out).",
    )
    w_margin_percent = fields.Float(
        "Margin (%)",
        default=1.0,
        digits=(16, 1),
        help="Weight of the margin (%) in the overall score (default 1; 0 leaves it "
        "out).",
    )
    w_meetings_per_opportunity = fields.Float(
        "Meetings per Opportunity",
        default=0.0,
        digits=(16, 1),
        help="Weight of the meetings per opportunity in the overall score (default 0: "
        "shown and ranked, left out of the score).",
    )
    w_calls_per_opportunity = fields.Float(
        "Calls per Opportunity",
        default=0.0,
        digits=(16, 1),
        help="Weight of the calls per opportunity in the overall score (default 0: "
        "shown and ranked, left out of the score).",
    )
    w_meetings_per_won = fields.Float(
        "Meetings per Won Deal",
        default=0.0,
        digits=(16, 1),
        help="Weight of the meetings per won deal in the overall score (default 0: "
        "shown and ranked, left out of the score).",
    )
    w_calls_per_won = fields.Float(
        "Calls per Won Deal",
        default=0.0,
        digits=(16, 1),
        help="Weight of the calls per won deal in the overall score (default 0: "
        "shown and ranked, left out of the score).",
    )

    _sql_constraints = [
        (
            "team_unique",
            "UNIQUE (company_id, team_id)",
            "A team has one set of KPI weights.",
        ),
    ]

    @api.depends("team_id", "company_id")
    def _compute_name(self):
        for weight in self:
            weight.name = weight.team_id.name or self.env._(
                "%(company)s defaults", company=weight.company_id.name
            )

    @api.depends(*[f"w_{kpi.name}" for kpi in KPIS])
    def _compute_total_weight(self):
        for weight in self:
            weight.total_weight = sum(weight[f"w_{kpi.name}"] for kpi in KPIS)

    @api.constrains(*[f"w_{kpi.name}" for kpi in KPIS])
    def _check_weights(self):
        for weight in self:
            negative = [kpi.label for kpi in KPIS if weight[f"w_{kpi.name}"] < 0]
            if negative:
                raise ValidationError(
                    self.env._(
                        "A KPI weight cannot be negative (%(kpis)s in %(weights)s).",
                        kpis=", ".join(negative),
                        weights=weight.name,
                    )
                )
            if sum(weight[f"w_{kpi.name}"] for kpi in KPIS) <= 0:
                raise ValidationError(
                    self.env._(
                        "The KPI weights of %(weights)s add up to zero: give at "
                        "least one KPI a positive weight, or the overall score "
                        "cannot be computed.",
                        weights=weight.name,
                    )
                )

    @api.constrains("company_id", "team_id")
    def _check_one_default(self):
        for weight in self.filtered(lambda weight: not weight.team_id):
            count = self.search_count(
                [("company_id", "=", weight.company_id.id), ("team_id", "=", False)]
            )
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s already has default KPI weights: change "
                        "them instead of adding others.",
                        company=weight.company_id.name,
                    )
                )
