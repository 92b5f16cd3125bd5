# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key performance indicators of the scorecards.

Each KPI has a column in the reporting view and in the stored scorecards,
its value for the previous period, the change and the percentile within the
team, and a weight in the overall score.
"""

from collections import namedtuple

from odoo import fields

Kpi = namedtuple("Kpi", "name label help higher_is_better weight digits")

KPIS = (
    Kpi(
        "revenue",
        "Confirmed Revenue",
        "Untaxed amount of the sales orders confirmed in the period, by order "
        "date, in the company currency (as the targets count it).",
        True,
        3.0,
        (16, 2),
    ),
    Kpi(
        "invoiced",
        "Invoiced Revenue",
        "Untaxed amount of the customer invoices posted in the period, net of "
        "credit notes, in the company currency.",
        True,
        2.0,
        (16, 2),
    ),
    Kpi(
        "attainment",
        "Target Attainment (%)",
        "Confirmed revenue divided by the salesperson's targets of sales plans "
        "for periods inside this one (0 without a target).",
        True,
        3.0,
        (16, 1),
    ),
    Kpi(
        "won_count",
        "Won Deals",
        "Opportunities won in the period.",
        True,
        2.0,
        (16, 0),
    ),
    Kpi(
        "win_rate",
        "Win Rate (%)",
        "Won opportunities divided by the opportunities won or lost in the period.",
        True,
        2.0,
        (16, 1),
    ),
    Kpi(
        "avg_deal_size",
        "Average Deal Size",
        "Expected revenue of the opportunities won in the period, divided by "
        "their number.",
        True,
        1.0,
        (16, 2),
    ),
    Kpi(
        "avg_cycle_days",
        "Average Sales Cycle (days)",
        "Days from the creation of an opportunity to its win, on average over "
        "the opportunities won in the period: the shorter the better.",
        False,
        1.0,
        (16, 1),
    ),
    Kpi(
        "pipeline_created",
        "Pipeline Created",
        "Expected revenue of the opportunities created in the period.",
        True,
        1.0,
        (16, 2),
    ),
    Kpi(
        "pipeline_coverage",
        "Pipeline Coverage",
        "Weighted open pipeline expected to close in the period, divided by "
        "what remains to reach the target (empty without a target or once it "
        "is reached).",
        True,
        1.0,
        (16, 2),
    ),
    Kpi(
        "activities_done",
        "Activities Done",
        "Activities the salesperson marked as done in the period.",
        True,
        1.0,
        (16, 0),
    ),
    Kpi(
        "activities_overdue",
        "Overdue Activities",
        "Open activities of the salesperson due in the period and already "
        "late: the fewer the better.",
        False,
        1.0,
        (16, 0),
    ),
    Kpi(
        "new_customers",
        "New Customers",
        "Customers whose first confirmed order (of the whole company) is an "
        "order of the salesperson in the period.",
        True,
        1.0,
        (16, 0),
    ),
    Kpi(
        "margin_percent",
        "Margin (%)",
        "Margin of the confirmed orders divided by their untaxed amount.",
        True,
        1.0,
        (16, 1),
    ),
)
KPI_BY_NAME = {kpi.name: kpi for kpi in KPIS}
KPI_SELECTION = [(kpi.name, kpi.label) for kpi in KPIS]


def kpi_figure_fields():
    """Value, previous value, change and team percentile of every KPI."""
    result = {}
    for kpi in KPIS:
        result[kpi.name] = fields.Float(
            kpi.label,
            digits=kpi.digits,
            readonly=True,
            aggregator="avg" if kpi.name not in ("revenue", "invoiced") else "sum",
            help=kpi.help,
        )
        result[f"{kpi.name}_prev"] = fields.Float(
            f"{kpi.label} (previous)",
            digits=kpi.digits,
            readonly=True,
            aggregator="avg" if kpi.name not in ("revenue", "invoiced") else "sum",
            help=f"{kpi.label} in the previous period.",
        )
        result[f"{kpi.name}_delta"] = fields.Float(
            f"{kpi.label} (change)",
            digits=kpi.digits,
            readonly=True,
            aggregator="avg" if kpi.name not in ("revenue", "invoiced") else "sum",
            help=f"{kpi.label} minus its value in the previous period.",
        )
        result[f"{kpi.name}_pct"] = fields.Float(
            f"{kpi.label} (team percentile)",
            digits=(16, 0),
            readonly=True,
            aggregator="avg",
            help=f"Share of the other members of the team whose {kpi.label.lower()} "
            "is worse, in percent (100: best of the team; empty when alone).",
        )
    return result


def kpi_weight_fields():
    """The weight of every KPI in the overall score."""
    return {
        f"w_{kpi.name}": fields.Float(
            kpi.label,
            default=kpi.weight,
            digits=(16, 1),
            help=f"Weight of the {kpi.label.lower()} in the overall score "
            f"(default {kpi.weight:g}; 0 leaves it out).",
        )
        for kpi in KPIS
    }
