# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesScorecardFigures(models.AbstractModel):
    """The KPI columns of the scorecards, in the order of ``KPIS``.

    Each KPI has four columns: its value in the period, its value in the
    previous period (``_prev``), the change between them (``_delta``) and the
    salesperson's percentile within the team (``_pct``). The revenues add up
    in a group; the other KPIs average.
    """

    _inherit = "sales.scorecard.figures"

    # Confirmed Revenue
    revenue = fields.Float(
        "Confirmed Revenue",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Untaxed amount of the sales orders confirmed in the period, by order "
        "date, in the company currency (as the targets count it).",
    )
    revenue_prev = fields.Float(
        "Confirmed Revenue (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Confirmed Revenue in the previous period.",
    )
    revenue_delta = fields.Float(
        "Confirmed Revenue (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Confirmed Revenue minus its value in the previous period.",
    )
    revenue_pct = fields.Float(
        "Confirmed Revenue (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose confirmed revenue is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Invoiced Revenue
    invoiced = fields.Float(
        "Invoiced Revenue",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Untaxed amount of the customer invoices posted in the period, net of "
        "credit notes, in the company currency.",
    )
    invoiced_prev = fields.Float(
        "Invoiced Revenue (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Invoiced Revenue in the previous period.",
    )
    invoiced_delta = fields.Float(
        "Invoiced Revenue (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="sum",
        help="Invoiced Revenue minus its value in the previous period.",
    )
    invoiced_pct = fields.Float(
        "Invoiced Revenue (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose invoiced revenue is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Target Attainment (%)
    attainment = fields.Float(
        "Target Attainment (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Confirmed revenue divided by the salesperson's targets of sales plans "
        "for periods inside this one (0 without a target).",
    )
    attainment_prev = fields.Float(
        "Target Attainment (%) (previous)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Target Attainment (%) in the previous period.",
    )
    attainment_delta = fields.Float(
        "Target Attainment (%) (change)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Target Attainment (%) minus its value in the previous period.",
    )
    attainment_pct = fields.Float(
        "Target Attainment (%) (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose target attainment (%) is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
    # Won Deals
    won_count = fields.Float(
        "Won Deals",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Opportunities won in the period.",
    )
    won_count_prev = fields.Float(
        "Won Deals (previous)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Won Deals in the previous period.",
    )
    won_count_delta = fields.Float(
        "Won Deals (change)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Won Deals minus its value in the previous period.",
    )
    won_count_pct = fields.Float(
        "Won Deals (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose won deals is worse, in "
        "percent (100: best of the team; empty when alone).",
    )
    # Win Rate (%)
    win_rate = fields.Float(
        "Win Rate (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Won opportunities divided by the opportunities won or lost in the "
        "period.",
    )
    win_rate_prev = fields.Float(
        "Win Rate (%) (previous)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Win Rate (%) in the previous period.",
    )
    win_rate_delta = fields.Float(
        "Win Rate (%) (change)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Win Rate (%) minus its value in the previous period.",
    )
    win_rate_pct = fields.Float(
        "Win Rate (%) (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose win rate (%) is worse, in "
        "percent (100: best of the team; empty when alone).",
    )
    # Average Deal Size
    avg_deal_size = fields.Float(
        "Average Deal Size",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Expected revenue of the opportunities won in the period, divided by "
        "their number.",
    )
    avg_deal_size_prev = fields.Float(
        "Average Deal Size (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Average Deal Size in the previous period.",
    )
    avg_deal_size_delta = fields.Float(
        "Average Deal Size (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Average Deal Size minus its value in the previous period.",
    )
    avg_deal_size_pct = fields.Float(
        "Average Deal Size (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose average deal size is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Average Sales Cycle (days)
    avg_cycle_days = fields.Float(
        "Average Sales Cycle (days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Days from the creation of an opportunity to its win, on average over the "
        "opportunities won in the period: the shorter the better.",
    )
    avg_cycle_days_prev = fields.Float(
        "Average Sales Cycle (days) (previous)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Average Sales Cycle (days) in the previous period.",
    )
    avg_cycle_days_delta = fields.Float(
        "Average Sales Cycle (days) (change)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Average Sales Cycle (days) minus its value in the previous period.",
    )
    avg_cycle_days_pct = fields.Float(
        "Average Sales Cycle (days) (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose average sales cycle (days) "
        "is worse, in percent (100: best of the team; empty when alone).",
    )
    # Pipeline Created
    pipeline_created = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Expected revenue of the opportunities created in the period.",
    )
    pipeline_created_prev = fields.Float(
        "Pipeline Created (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Pipeline Created in the previous period.",
    )
    pipeline_created_delta = fields.Float(
        "Pipeline Created (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Pipeline Created minus its value in the previous period.",
    )
    pipeline_created_pct = fields.Float(
        "Pipeline Created (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose pipeline created is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Pipeline Coverage
    pipeline_coverage = fields.Float(
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Weighted open pipeline expected to close in the period, divided by what "
        "remains to reach the target (empty without a target or once it is reached).",
    )
    pipeline_coverage_prev = fields.Float(
        "Pipeline Coverage (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Pipeline Coverage in the previous period.",
    )
    pipeline_coverage_delta = fields.Float(
        "Pipeline Coverage (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Pipeline Coverage minus its value in the previous period.",
    )
    pipeline_coverage_pct = fields.Float(
        "Pipeline Coverage (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose pipeline coverage is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Activities Done
    activities_done = fields.Float(
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Activities the salesperson marked as done in the period.",
    )
    activities_done_prev = fields.Float(
        "Activities Done (previous)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Activities Done in the previous period.",
    )
    activities_done_delta = fields.Float(
        "Activities Done (change)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Activities Done minus its value in the previous period.",
    )
    activities_done_pct = fields.Float(
        "Activities Done (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose activities done is worse, "
        "in percent (100: best of the team; empty when alone).",
    )
    # Overdue Activities
    activities_overdue = fields.Float(
        "Overdue Activities",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Open activities of the salesperson due in the period and already late: "
        "the fewer the better.",
    )
    activities_overdue_prev = fields.Float(
        "Overdue Activities (previous)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Overdue Activities in the previous period.",
    )
    activities_overdue_delta = fields.Float(
        "Overdue Activities (change)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Overdue Activities minus its value in the previous period.",
    )
    activities_overdue_pct = fields.Float(
        "Overdue Activities (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose overdue activities is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
    # New Customers
    new_customers = fields.Float(
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Customers whose first confirmed order (of the whole company) is an order "
        "of the salesperson in the period.",
    )
    new_customers_prev = fields.Float(
        "New Customers (previous)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="New Customers in the previous period.",
    )
    new_customers_delta = fields.Float(
        "New Customers (change)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="New Customers minus its value in the previous period.",
    )
    new_customers_pct = fields.Float(
        "New Customers (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose new customers is worse, in "
        "percent (100: best of the team; empty when alone).",
    )
    # Margin (%)
    margin_percent = fields.Float(
        "Margin (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Margin of the confirmed orders divided by their untaxed amount.",
    )
    margin_percent_prev = fields.Float(
        "Margin (%) (previous)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Margin (%) in the previous period.",
    )
    margin_percent_delta = fields.Float(
        "Margin (%) (change)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Margin (%) minus its value in the previous period.",
    )
    margin_percent_pct = fields.Float(
        "Margin (%) (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose margin (%) is worse, in "
        "percent (100: best of the team; empty when alone).",
    )
    # Meetings per Opportunity
    meetings_per_opportunity = fields.Float(
        "Meetings per Opportunity",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings (calendar events about an opportunity, held in the period) per "
        "opportunity created in the period: the visits behind each new deal.",
    )
    meetings_per_opportunity_prev = fields.Float(
        "Meetings per Opportunity (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings per Opportunity in the previous period.",
    )
    meetings_per_opportunity_delta = fields.Float(
        "Meetings per Opportunity (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings per Opportunity minus its value in the previous period.",
    )
    meetings_per_opportunity_pct = fields.Float(
        "Meetings per Opportunity (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose meetings per opportunity is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
    # Calls per Opportunity
    calls_per_opportunity = fields.Float(
        "Calls per Opportunity",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls done (activities of a Call type marked done in the period) per "
        "opportunity created in the period.",
    )
    calls_per_opportunity_prev = fields.Float(
        "Calls per Opportunity (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls per Opportunity in the previous period.",
    )
    calls_per_opportunity_delta = fields.Float(
        "Calls per Opportunity (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls per Opportunity minus its value in the previous period.",
    )
    calls_per_opportunity_pct = fields.Float(
        "Calls per Opportunity (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose calls per opportunity is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
    # Meetings per Won Deal
    meetings_per_won = fields.Float(
        "Meetings per Won Deal",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings held in the period per opportunity won in the period: the "
        "fewer, the less effort a deal takes.",
    )
    meetings_per_won_prev = fields.Float(
        "Meetings per Won Deal (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings per Won Deal in the previous period.",
    )
    meetings_per_won_delta = fields.Float(
        "Meetings per Won Deal (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Meetings per Won Deal minus its value in the previous period.",
    )
    meetings_per_won_pct = fields.Float(
        "Meetings per Won Deal (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose meetings per won deal is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
    # Calls per Won Deal
    calls_per_won = fields.Float(
        "Calls per Won Deal",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls done in the period per opportunity won in the period: the fewer, "
        "the less effort a deal takes.",
    )
    calls_per_won_prev = fields.Float(
        "Calls per Won Deal (previous)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls per Won Deal in the previous period.",
    )
    calls_per_won_delta = fields.Float(
        "Calls per Won Deal (change)",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Calls per Won Deal minus its value in the previous period.",
    )
    calls_per_won_pct = fields.Float(
        "Calls per Won Deal (team percentile)",
        readonly=True,
        digits=(16, 0),
        aggregator="avg",
        help="Share of the other members of the team whose calls per won deal is "
        "worse, in percent (100: best of the team; empty when alone).",
    )
