"""Measurements of the forecasting part (``setup/bench --part forecast``).

a. The forecast sheet of the current month as a sales manager sees it: every
   forecast of the company, of each team and of each salesperson, read as the
   web client reads the sheet's list view (``web_search_read`` with the
   fields of the view), from a fresh ORM cache. Target: median under 300 ms.
   The same sheet as a salesperson (their own row) is shown for information.
b. Checks: the sheet has one row per salesperson, team and company; the
   closed won and commit of every salesperson and of the company equal
   hand-written SQL ``GROUP BY``s; the calls roll up.
c. Information: applying the forecast category mapping to every lead (one
   ``UPDATE``), preparing the sheet, and adding one submission per
   salesperson and one adjustment per team.

The data the measures need (categories, sheet, submissions) is created in
the measuring transaction, which is rolled back at the end: the database
stays as generated. Each timed run comes after one warm-up run.
"""

import time
from datetime import date, datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from .bench import (
    SCREEN_MAX_MS,
    Figure,
    Results,
    _report_figures,
    _user_env,
    measure_screen,
    report_summary,
    view_specification,
)

SHEET_LIST_VIEW = "sales_management_forecast.sales_forecast_view_list"
TOLERANCE = 0.01
SNAPSHOT_MAX_MS = 10_000.0
STATISTICAL_MAX_MS = 10_000.0


def _timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000.0, result


def _setup(env, marker, results, log):
    """Categories, the sheet of the current month and a few calls."""
    elapsed, changed = _timed(lambda: env["crm.lead"]._apply_forecast_mapping())
    results.figures.append(
        Figure(
            "apply the category mapping to every lead (one UPDATE)",
            [elapsed],
            note=f"information: {len(changed):,} leads given a category",
        )
    )
    today = date.today()
    elapsed, sheet = _timed(
        lambda: env["sales.forecast"]._prepare_sheets(env.company, "month", today)
    )
    env.flush_all()
    results.figures.append(
        Figure(
            "prepare the sheet of the current month",
            [elapsed],
            note=f"information: {len(sheet)} forecasts",
        )
    )
    users = sheet.filtered(lambda forecast: forecast.owner_type == "user")
    teams = sheet.filtered(lambda forecast: forecast.owner_type == "team")
    manager = env["res.users"].search([("login", "=", marker["manager_login"])])
    vals_list = [
        {
            "forecast_id": forecast.id,
            "kind": "submission",
            "amount": 1000.0 * (index % 50 + 1),
            "user_id": forecast.user_id.id,
        }
        for index, forecast in enumerate(users)
    ] + [
        {
            "forecast_id": forecast.id,
            "kind": "manager",
            "amount": 20000.0,
            "note": "Benchmark adjustment",
            "user_id": manager.id,
        }
        for forecast in teams[: len(teams) // 2]
    ]
    elapsed, entries = _timed(lambda: env["sales.forecast.entry"].create(vals_list))
    env.flush_all()
    results.figures.append(
        Figure(
            "add the submissions and adjustments",
            [elapsed],
            note=f"information: {len(entries)} entries, one create()",
        )
    )
    log(f"  sheet of {today:%Y-%m}: {len(sheet)} forecasts, {len(entries)} calls")
    return sheet


def _check_figures(env, sheet, results):
    """The sheet's figures against hand-written GROUP BYs."""
    start = min(sheet.mapped("date_from"))
    stop = max(sheet.mapped("date_to")) + timedelta(days=1)
    company = env.company
    env.cr.execute(
        SQL(
            """
            SELECT user_id,
                   SUM(expected_revenue) FILTER (WHERE probability >= 100
                       AND date_closed >= %(start)s AND date_closed < %(stop)s),
                   SUM(expected_revenue) FILTER (WHERE probability < 100
                       AND forecast_category = 'commit'
                       AND date_deadline >= %(start)s AND date_deadline < %(stop)s)
              FROM crm_lead
             WHERE type = 'opportunity' AND active
               AND (company_id = %(company)s OR company_id IS NULL)
          GROUP BY ROLLUP (user_id)
            """,
            start=datetime.combine(start, datetime.min.time()),
            stop=datetime.combine(stop, datetime.min.time()),
            company=company.id,
        )
    )
    expected = {}
    for user_id, won, commit in env.cr.fetchall():
        expected[user_id if user_id else "all"] = (won or 0.0, commit or 0.0)
    env.invalidate_all()
    mismatches = []
    nonzero = 0
    for forecast in sheet:
        if forecast.owner_type == "team":
            continue
        key = forecast.user_id.id if forecast.owner_type == "user" else "all"
        won, commit = expected.get(key, (0.0, 0.0))
        got = (forecast.closed_won, forecast.commit_amount)
        nonzero += bool(won or commit)
        if abs(got[0] - won) > TOLERANCE or abs(got[1] - commit) > TOLERANCE:
            mismatches.append((forecast.display_name, got, (won, commit)))
    detail = f"{len(sheet)} forecasts, {nonzero} with figures"
    if mismatches:
        detail += f"; {len(mismatches)} differ, e.g. {mismatches[:3]}"
    results.checks.append(
        (
            "closed won and commit equal hand-written GROUP BYs (to 0.01)",
            not mismatches and nonzero > 0,
            detail,
        )
    )
    company_row = sheet.filtered(lambda forecast: forecast.owner_type == "company")
    results.checks.append(
        (
            "the company forecast rolls the calls up",
            company_row.forecast_source == "rollup" and company_row.forecast_amount > 0,
            f"{company_row.forecast_amount:,.2f} from {company_row.forecast_source}",
        )
    )


def measure_snapshots(env, results, repeat):
    """The weekly snapshot, and the waterfall between two of them."""
    Snapshot = env["sales.forecast.snapshot"]
    company = env.company
    snapshots = []

    def take():
        env.invalidate_all()
        snapshot = Snapshot._take_snapshot(company)
        env.flush_all()
        snapshots.append(snapshot)
        return snapshot

    take()  # warm-up
    runs = []
    for _run in range(repeat):
        elapsed, snapshot = _timed(take)
        runs.append(elapsed)
    env.cr.execute(
        SQL(
            """SELECT COUNT(*) FROM crm_lead
                WHERE type = 'opportunity' AND active AND probability < 100
                  AND (company_id = %s OR company_id IS NULL)""",
            company.id,
        )
    )
    expected = env.cr.fetchone()[0]
    results.figures.append(
        Figure(
            "weekly snapshot of the open pipeline",
            runs,
            SNAPSHOT_MAX_MS,
            note=f"{snapshot.line_count:,} open opportunities copied",
        )
    )
    results.checks.append(
        (
            "the snapshot holds every open opportunity",
            snapshot.line_count == expected and expected > 0,
            f"{snapshot.line_count:,} of {expected:,}",
        )
    )
    first, last = snapshots[0], snapshots[-1]
    # the second snapshot must come later than the first
    env.cr.execute(
        SQL(
            "UPDATE sales_forecast_snapshot SET date = date - interval '7 days' "
            "WHERE id = %s",
            first.id,
        )
    )
    first.invalidate_recordset(["date"])
    today = date.today()
    wizard = env["sales.forecast.waterfall"].create(
        {
            "snapshot_from_id": first.id,
            "snapshot_to_id": last.id,
            "date_from": today.replace(day=1),
            "date_to": (today.replace(day=28) + timedelta(days=4)).replace(day=1)
            - timedelta(days=1),
        }
    )
    runs, _result = [], None
    wizard.action_compute()
    for _run in range(repeat):
        elapsed, _result = _timed(wizard.action_compute)
        runs.append(elapsed)
    start = wizard.line_ids.filtered(lambda line: line.bucket == "start")
    results.figures.append(
        Figure(
            "waterfall between two snapshots (one query)",
            runs,
            note=f"information: {start.lead_count:,} opportunities in the month",
        )
    )


def measure_statistical(env, marker, results, repeat):
    """Statistical forecasts of every salesperson, team and the company."""
    Statistical = env["sales.forecast.statistical"]

    def compute():
        env.invalidate_all()
        rows = Statistical._compute_company(env.company)
        env.flush_all()
        return rows

    compute()  # warm-up
    runs = []
    for _run in range(repeat):
        elapsed, rows = _timed(compute)
        runs.append(elapsed)
    owners = {(row.owner_type, row.user_id.id, row.team_id.id) for row in rows}
    sizes = marker["sizes"]
    expected = sizes["salespeople"] + sizes["teams"] + 1
    results.figures.append(
        Figure(
            "statistical forecasts of every salesperson, team and the company",
            runs,
            STATISTICAL_MAX_MS,
            note=f"{len(owners)} series, {len(rows):,} monthly projections",
        )
    )
    results.checks.append(
        (
            "every salesperson, team and the company has a statistical forecast",
            len(owners) >= expected,
            f"{len(owners)} of {expected}",
        )
    )


def run(registry, marker, repeat=5, log=print):
    """Measure the forecasting part and print the report; True when every
    target is met."""
    results = Results()
    sizes = marker["sizes"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log(
            f"\nForecasting: measuring on {date.today()} ({repeat} runs of each, "
            "after one warm-up run) ..."
        )
        sheet = _setup(env, marker, results, log)
        expected_rows = sizes["salespeople"] + sizes["teams"] + 1
        results.checks.append(
            (
                f"the sheet has a row per salesperson, team and company "
                f"({expected_rows})",
                len(sheet) >= expected_rows,
                f"{len(sheet)} rows",
            )
        )
        _check_figures(env, sheet, results)
        # the sheet shows the statistical forecasts beside the human ones
        measure_statistical(env, marker, results, repeat)
        domain = [("period_type", "=", "month"), ("date_from", "=", sheet[0].date_from)]
        for role, login, target in (
            ("manager", marker["manager_login"], SCREEN_MAX_MS),
            ("salesperson", marker["salesman_login"], None),
        ):
            user_env = _user_env(env, login)
            spec = view_specification(
                user_env, "sales.forecast", SHEET_LIST_VIEW, "list"
            )
            results.figures.append(
                measure_screen(
                    user_env,
                    f"forecast sheet of the month as {role}",
                    "sales.forecast",
                    spec,
                    repeat,
                    domain=domain,
                    limit=1000,
                    target=target,
                )
            )
        measure_snapshots(env, results, repeat)
        cr.rollback()

    _report_figures(results, log)
    report_summary(results, log, part="forecasting")
    return results.passed
