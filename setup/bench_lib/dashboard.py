"""The dashboards on the generated data of the benchmark.

The Sales Management dashboard and the Sales Forecast dashboard, read as the
web client reads them (``sales_management.tools.dashboard``: one
``read_group`` per pivot and level of rows, one ``web_search_read`` per list,
one ``read_group`` per Odoo chart) with the filters' defaults (this month;
this year for the forecast), in one transaction rolled back at the end. The
scorecard periods of the last 12 months are created first and the 11 before
this one closed, as a company closes its months.

a. The whole dashboard as a sales manager: every request one after the
   other (the web client sends them together; their sum is what one worker
   spends). Target: under 1 s each dashboard.
b. Each chart's request (the open pipeline by stage; the spreadsheet charts
   read cells, not the server), and the trends of a salesperson's scorecard
   of this month (each KPI over 12 months beside the team median, the 11
   months before this one closed). Target: under 300 ms.
c. As a salesperson (information).
d. Checks: the revenue of the month is the sum of the scorecards' revenue;
   the won deals of the month are the won opportunities closed this month.

Every figure is the median of several runs after one warm-up run.
"""

import json
import time
from datetime import date

from odoo import SUPERUSER_ID, api

from odoo.addons.sales_management.tools.dashboard import (
    dashboard_requests,
    read_requests,
)
from odoo.addons.sales_management.tools.periods import add_months, period_bounds

from .bench import Figure, Results, _repeat, _report_figures, _user_env, report_summary

DASHBOARD_MAX_MS = 1000.0
CHART_MAX_MS = 300.0
TREND_MONTHS = 12
DASHBOARDS = (
    ("Sales Management", "sales_management.spreadsheet_dashboard_sales_management"),
    (
        "Sales Forecast",
        "sales_management_forecast.spreadsheet_dashboard_sales_forecast",
    ),
)


def _prepare_periods(env, company, manager_env, log):
    """The periods of the last 12 months, the 11 before this one closed
    (oldest first), as a company closes its months."""
    Period = env["sales.scorecard.period"]
    current = date.today().replace(day=1)
    months = [add_months(current, -back) for back in range(TREND_MONTHS - 1, -1, -1)]
    started = time.perf_counter()
    for month in months:
        Period._ensure_periods(company, month)
    env.flush_all()
    for month in months[:-1]:
        period = Period.search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_from", "=", month),
                ("state", "=", "open"),
            ]
        )
        if period:
            period.with_env(manager_env).action_close()
    env.flush_all()
    log(
        f"  periods of {months[0]:%Y-%m} to {current:%Y-%m} ready, those before "
        f"{current:%Y-%m} closed, in {time.perf_counter() - started:.1f} s"
    )


def _measure_trend(user_env, role, salesman, repeat, results, target):
    """The trends of a salesperson's scorecard of this month."""
    card = user_env["sales.scorecard"].search(
        [
            ("period_type", "=", "month"),
            ("date_from", "=", date.today().replace(day=1)),
            ("user_id", "=", salesman.id),
        ]
    )

    def trend():
        user_env.invalidate_all()
        return card.sm_trend_chart

    runs, chart = _repeat(trend, repeat)
    results.figures.append(
        Figure(f"scorecard trends (12 months) as {role}", runs, target)
    )
    revenue = next(c for c in chart["choices"] if c["key"] == "revenue")
    own = revenue["datasets"][0]["data"]
    results.checks.append(
        (
            f"the trends as {role} end with this month's revenue of the scorecard",
            abs((own[-1] or 0.0) - card.revenue) < 0.01 and len(own) == TREND_MONTHS,
            f"{len(own)} months, {own[-1] or 0.0:,.2f} / {card.revenue:,.2f}",
        )
    )


def _measure_dashboard(user_env, title, xmlid, role, repeat, results, target):
    data = json.loads(user_env.ref(xmlid).sudo().spreadsheet_data)
    requests = dashboard_requests(
        data,
        lambda model: user_env[model].fields_get(),
        date.today(),
        user_env.user.tz,
    )
    runs, figures = _repeat(lambda: read_requests(user_env, requests), repeat)
    results.figures.append(
        Figure(
            f"{title} dashboard as {role} ({len(requests)} requests)",
            runs,
            target,
        )
    )
    for request in requests:
        if request.name.startswith("chart"):
            chart_runs, _result = _repeat(
                lambda request=request: read_requests(user_env, [request]), repeat
            )
            results.figures.append(
                Figure(
                    f"{title}: chart {request.model} by "
                    f"{','.join(request.args[2])} as {role}",
                    chart_runs,
                    CHART_MAX_MS if target else None,
                )
            )
    return figures


def _check(env, manager_env, figures, results):
    today = date.today()
    month = today.replace(day=1)
    cards = manager_env["sales.scorecard"].search(
        [("period_type", "=", "month"), ("date_from", "=", month)]
    )
    revenue = figures["pivot 1"][0]["revenue"] or 0.0
    expected = sum(cards.mapped("revenue"))
    results.checks.append(
        (
            "the dashboard's revenue of the month is the scorecards' sum",
            abs(revenue - expected) < 0.01,
            f"{revenue:,.2f} / {expected:,.2f}",
        )
    )
    won = figures["pivot 3"][0]["__count"]
    first, last = period_bounds(today, "month")
    domain = env["sales.figure"]._figure_domain("won", date_from=first, date_to=last)
    expected_won = manager_env["crm.lead"].search_count(domain)
    results.checks.append(
        (
            "the dashboard's won deals of the month are the won opportunities",
            won == expected_won,
            f"{won} / {expected_won}",
        )
    )


def run(registry, marker, repeat=5, log=print):
    """Measure the dashboards and print the report; True when every target
    is met."""
    results = Results()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log(
            f"\nDashboards: measuring on {date.today()} ({repeat} runs of each, "
            "after one warm-up run) ..."
        )
        company = env["sales.quota.plan"].browse(marker["plan_id"]).company_id
        manager_env = _user_env(env, marker["manager_login"])
        manager_env = manager_env(
            context=dict(manager_env.context, allowed_company_ids=company.ids)
        )
        _prepare_periods(env, company, manager_env, log)
        for title, xmlid in DASHBOARDS:
            figures = _measure_dashboard(
                manager_env, title, xmlid, "manager", repeat, results, DASHBOARD_MAX_MS
            )
            if title == "Sales Management":
                _check(env, manager_env, figures, results)
        salesman_env = _user_env(env, marker["salesman_login"])
        salesman = salesman_env.user
        _measure_trend(manager_env, "manager", salesman, repeat, results, CHART_MAX_MS)
        _measure_trend(salesman_env, "salesperson", salesman, repeat, results, None)
        _measure_dashboard(
            salesman_env,
            "Sales Management",
            DASHBOARDS[0][1],
            "salesperson",
            repeat,
            results,
            None,
        )
        cr.rollback()

    _report_figures(results, log)
    report_summary(results, log, part="dashboards")
    return results.passed
