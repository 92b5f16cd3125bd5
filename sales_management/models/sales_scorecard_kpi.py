# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key performance indicators of the scorecards.

Each KPI has a column in the reporting view and in the stored scorecards,
its value for the previous period, the change and the percentile within the
team (``sales_scorecard_figures_kpi.py``), and a weight in the overall score
(``w_<name>`` in ``sales_scorecard_weight.py``). Its SQL, computed from the
figures of the documents, is in ``sales.scorecard._get_kpi_expressions``.

A KPI is described by its field name, its label (the string of its columns),
whether a higher value is better (the order of the percentiles), its default
weight and the digits of its columns.
"""

from collections import namedtuple

Kpi = namedtuple("Kpi", "name label higher_is_better weight digits")

KPIS = (
    Kpi("revenue", "Confirmed Revenue", True, 3.0, (16, 2)),
    Kpi("invoiced", "Invoiced Revenue", True, 2.0, (16, 2)),
    Kpi("attainment", "Target Attainment (%)", True, 3.0, (16, 1)),
    Kpi("won_count", "Won Deals", True, 2.0, (16, 0)),
    Kpi("win_rate", "Win Rate (%)", True, 2.0, (16, 1)),
    Kpi("avg_deal_size", "Average Deal Size", True, 1.0, (16, 2)),
    Kpi("avg_cycle_days", "Average Sales Cycle (days)", False, 1.0, (16, 1)),
    Kpi("pipeline_created", "Pipeline Created", True, 1.0, (16, 2)),
    Kpi("pipeline_coverage", "Pipeline Coverage", True, 1.0, (16, 2)),
    Kpi("activities_done", "Activities Done", True, 1.0, (16, 0)),
    Kpi("activities_overdue", "Overdue Activities", False, 1.0, (16, 0)),
    Kpi("new_customers", "New Customers", True, 1.0, (16, 0)),
    Kpi("margin_percent", "Margin (%)", True, 1.0, (16, 1)),
    # visit and call ratios: shown and ranked, not in the overall score by
    # default (a manager gives them a weight); more contact per opportunity
    # is better, fewer per won deal is better
    Kpi("meetings_per_opportunity", "Meetings per Opportunity", True, 0.0, (16, 2)),
    Kpi("calls_per_opportunity", "Calls per Opportunity", True, 0.0, (16, 2)),
    Kpi("meetings_per_won", "Meetings per Won Deal", False, 0.0, (16, 2)),
    Kpi("calls_per_won", "Calls per Won Deal", False, 0.0, (16, 2)),
)
KPI_BY_NAME = {kpi.name: kpi for kpi in KPIS}
KPI_SELECTION = [(kpi.name, kpi.label) for kpi in KPIS]


def kpi_trend(kpi, before, after, precision=0.005):
    """better, worse or same: the direction a KPI moved, for its kind."""
    if kpi not in KPI_BY_NAME or abs(after - before) < precision:
        return "same"
    up = after > before
    return "better" if up == KPI_BY_NAME[kpi].higher_is_better else "worse"
