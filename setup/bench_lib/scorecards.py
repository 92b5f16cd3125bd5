"""Performance scorecards on the generated data of the benchmark.

Scorecards of every salesperson for the 24 generated months (and the
quarters and years that hold them), in one transaction rolled back at the
end:

a. Closing a month for every salesperson: ``sales.scorecard.period.
   action_close()`` as a sales manager, on the months before the current
   one, oldest first (the first close is the warm-up; the earlier months are
   closed before, untimed, as a company closes every month: every month of
   last year and of this year before the current one ends closed, the
   quarters and years stay open). Target: under 10 s.
b. The leaderboard screen as a sales manager, read as the web client reads
   it: the list grouped by team (``web_read_group`` with the aggregates of
   the view), and the ungrouped list: one page of rows, as many as the
   leaderboard action shows (``web_search_read`` with the fields of the
   view, by team rank); of the current month, the last closed month, the
   current quarter and the current year (open: their closed months are read
   as stored, the current month from the documents). Target: under 500 ms
   each.
c. Checks: one scorecard per salesperson in a month; the confirmed revenue
   of the closed and of the live month and of the live quarter equal a
   hand-written SQL ``GROUP BY`` (to 0.01); every figure of the live
   quarter and year, their months closed, equals the one computed from all
   their documents before any month was closed (to 0.01); the closed month
   still shows its stored revenue after its orders change.

Every figure is the median of several runs after one warm-up run.
"""

import time
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from .bench import (
    Figure,
    Results,
    _repeat,
    _report_figures,
    _user_env,
    report_summary,
    view_specification,
)

CLOSE_MAX_MS = 10_000.0
LEADERBOARD_MAX_MS = 500.0
TOLERANCE = 0.01
LEADERBOARD_VIEW = "sales_management.sales_scorecard_view_list_leaderboard"
LEADERBOARD_ACTION = "sales_management.sales_scorecard_action_leaderboard"


def _month_start(day, months_back=0):
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _handwritten_revenue(cr, company_id, month, stop=None):
    """Revenue per salesperson from ``month`` to ``stop`` (the next month)."""
    next_month = stop or _month_start(month, -1)
    cr.execute(
        SQL(
            """SELECT user_id,
                      SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
                 FROM sale_order
                WHERE state = 'sale' AND company_id = %s AND user_id IS NOT NULL
                  AND date_order >= %s AND date_order < %s
             GROUP BY user_id""",
            company_id,
            month,
            next_month,
        )
    )
    return {user_id: float(amount) for user_id, amount in cr.fetchall()}


def _compare_revenue(label, cards, expected):
    got = {card["user_id"][0]: card["revenue"] for card in cards}
    mismatches = [
        (user_id, got.get(user_id, 0.0), amount)
        for user_id, amount in expected.items()
        if abs(got.get(user_id, 0.0) - amount) > TOLERANCE
    ]
    detail = f"{len(expected)} salespeople compared"
    if mismatches:
        detail += f"; {len(mismatches)} differ, e.g. {mismatches[:3]}"
    return (label, bool(expected) and not mismatches, detail)


def _all_figures(Scorecard, domain):
    """Every stored column of the scorecards of ``domain``, by salesperson."""
    names = Scorecard._get_stored_columns()
    Scorecard.env.invalidate_all()
    return {card["user_id"][0]: card for card in Scorecard.search_read(domain, names)}


def _compare_figures(label, got, expected):
    mismatches = []
    for user_id, card in expected.items():
        other = got.get(user_id) or {}
        for name, value in card.items():
            new = other.get(name)
            if isinstance(value, float) and isinstance(new, float):
                same = abs(value - new) <= TOLERANCE
            else:
                same = value == new
            if not same:
                mismatches.append((user_id, name, value, new))
    figures = len(next(iter(expected.values()), {}))
    detail = f"{len(expected)} scorecards, {figures} figures each"
    if set(got) != set(expected):
        detail += f"; salespeople differ: {sorted(set(got) ^ set(expected))[:5]}"
    if mismatches:
        detail += f"; {len(mismatches)} figures differ, e.g. {mismatches[:3]}"
    same = bool(expected) and set(got) == set(expected) and not mismatches
    return (label, same, detail)


def _leaderboard_figures(manager_env, label, domain, repeat, target):
    Scorecard = manager_env["sales.scorecard"]
    spec = view_specification(manager_env, "sales.scorecard", LEADERBOARD_VIEW, "list")
    aggregates = [
        f"{name}:{Scorecard._fields[name].aggregator}"
        for name in spec
        if Scorecard._fields[name].aggregator
        and Scorecard._fields[name].type in ("float", "integer", "monetary")
    ]

    def grouped():
        manager_env.invalidate_all()
        # ordered like the list view, as the web client asks for its groups
        return Scorecard.web_read_group(
            domain, aggregates, ["team_id"], orderby="rank_team, rank_company"
        )

    # the rows of one page, as many as the leaderboard action shows
    limit = manager_env.ref(LEADERBOARD_ACTION).sudo().limit

    def listed():
        manager_env.invalidate_all()
        return Scorecard.web_search_read(
            domain,
            spec,
            limit=limit,
            order="rank_team, rank_company",
            count_limit=10001,
        )

    runs, groups = _repeat(grouped, repeat)
    group_figure = Figure(
        f"leaderboard {label}, grouped by team",
        runs,
        target,
        note=f"web_read_group as sales manager: {groups['length']} teams",
    )
    runs, rows = _repeat(listed, repeat)
    list_figure = Figure(
        f"leaderboard {label}, one page of rows",
        runs,
        target,
        note=f"web_search_read as sales manager: {len(rows['records'])} of "
        f"{rows['length']} scorecards, {len(spec)} fields",
    )
    return [group_figure, list_figure]


def measure(env, marker, results, repeat, log=print):
    manager_env = _user_env(env, marker["manager_login"])
    company = env["sales.quota.plan"].browse(marker["plan_id"]).company_id
    manager_env = manager_env(
        context=dict(manager_env.context, allowed_company_ids=company.ids)
    )
    today = date.today()
    Period = env["sales.scorecard.period"]
    year = marker["year"]
    months = [date(y, m, 1) for y in (year - 1, year) for m in range(1, 13)]
    # every month of last year and of this year up to the current one, even
    # when the data were generated in an earlier year
    months += [
        _month_start(today, back)
        for back in range(today.month + 11, -1, -1)
        if _month_start(today, back) not in months
    ]
    started = time.perf_counter()
    for month in months:
        Period._ensure_periods(company, month)
    env.flush_all()
    log(
        f"  {len(Period.search([('company_id', '=', company.id)]))} periods "
        f"ready in {time.perf_counter() - started:.1f} s"
    )
    current = _month_start(today)
    to_close = [_month_start(today, back) for back in range(repeat + 1, 0, -1)]
    periods = {
        month: Period.search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_from", "=", month),
            ]
        )
        for month in [*to_close, current]
    }

    # the leaderboards of the quarter and the year computed from all their
    # documents, before any month is closed: the figures to find again
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    open_domains = {
        "quarter": [("period_type", "=", "quarter"), ("date_from", "=", quarter_start)],
        "year": [
            ("period_type", "=", "year"),
            ("date_from", "=", date(today.year, 1, 1)),
        ],
    }
    from_documents = {
        label: _all_figures(manager_env["sales.scorecard"], domain)
        for label, domain in open_domains.items()
    }

    # the earlier months are closed first, as a company closes every month
    earlier = Period.search(
        [
            ("company_id", "=", company.id),
            ("period_type", "=", "month"),
            ("state", "=", "open"),
            ("date_from", "<", to_close[0]),
        ],
        order="date_from",
    )
    started = time.perf_counter()
    for period in earlier:
        period.with_env(manager_env).action_close()
    manager_env.flush_all()
    log(
        f"  closed the {len(earlier)} earlier months in "
        f"{time.perf_counter() - started:.1f} s"
    )

    # a. closing a month, oldest first; the first close is the warm-up
    close_runs = []
    for month in to_close:
        period = periods[month].with_env(manager_env)
        started = time.perf_counter()
        period.action_close()
        manager_env.flush_all()
        close_runs.append((time.perf_counter() - started) * 1000.0)
        log(f"  closed {period.name} in {close_runs[-1] / 1000:.2f} s")
    salespeople = marker["sizes"]["salespeople"]
    last_closed = periods[to_close[-1]]
    stored = env["sales.scorecard.line"].search_count(
        [("period_id", "=", last_closed.id)]
    )
    results.figures.append(
        Figure(
            f"close a month for every salesperson ({stored} scorecards)",
            close_runs[1:],
            CLOSE_MAX_MS,
            note="sales.scorecard.period.action_close() as sales manager",
        )
    )

    # b. the leaderboard screens
    Scorecard = manager_env["sales.scorecard"]
    domains = {
        "this month (live)": [
            ("period_type", "=", "month"),
            ("date_from", "=", current),
        ],
        "last month (closed)": [
            ("period_type", "=", "month"),
            ("date_from", "=", to_close[-1]),
        ],
        "this quarter (live)": open_domains["quarter"],
        "this year (live)": open_domains["year"],
    }
    for label, domain in domains.items():
        results.figures += _leaderboard_figures(
            manager_env, label, domain, repeat, LEADERBOARD_MAX_MS
        )

    # c. checks
    live_cards = Scorecard.search_read(
        domains["this month (live)"], ["user_id", "revenue"]
    )
    closed_cards = Scorecard.search_read(
        domains["last month (closed)"], ["user_id", "revenue"]
    )
    results.checks.append(
        (
            f"every salesperson ({salespeople}) has a scorecard this month",
            len(live_cards) >= salespeople,
            f"{len(live_cards)} scorecards",
        )
    )
    results.checks.append(
        (
            "the closed month stored every scorecard",
            stored == len(closed_cards) and stored >= salespeople,
            f"{stored} stored, {len(closed_cards)} read",
        )
    )
    results.checks.append(
        _compare_revenue(
            "revenue of the live month equals a hand-written GROUP BY (to 0.01)",
            live_cards,
            _handwritten_revenue(env.cr, company.id, current),
        )
    )
    results.checks.append(
        _compare_revenue(
            "revenue of the closed month equals a hand-written GROUP BY (to 0.01)",
            closed_cards,
            _handwritten_revenue(env.cr, company.id, to_close[-1]),
        )
    )
    quarter_cards = Scorecard.search_read(
        domains["this quarter (live)"], ["user_id", "revenue"]
    )
    results.checks.append(
        _compare_revenue(
            "revenue of the live quarter equals a hand-written GROUP BY (to 0.01)",
            quarter_cards,
            _handwritten_revenue(
                env.cr, company.id, quarter_start, _month_start(quarter_start, -3)
            ),
        )
    )
    for label, domain in open_domains.items():
        results.checks.append(
            _compare_figures(
                f"every figure of the live {label}, its months closed, equals "
                "the one computed from all its documents (to 0.01)",
                _all_figures(Scorecard, domain),
                from_documents[label],
            )
        )
    env.cr.execute(
        SQL(
            """UPDATE sale_order SET amount_untaxed = amount_untaxed + 1000
                WHERE state = 'sale' AND company_id = %s
                  AND date_order >= %s AND date_order < %s""",
            company.id,
            to_close[-1],
            current,
        )
    )
    env.invalidate_all()
    after = Scorecard.search_read(
        domains["last month (closed)"], ["user_id", "revenue"]
    )
    results.checks.append(
        (
            "a closed month keeps its figures when its orders change",
            {card["user_id"][0]: card["revenue"] for card in after}
            == {card["user_id"][0]: card["revenue"] for card in closed_cards},
            f"{len(after)} scorecards unchanged",
        )
    )


def _sizes(cr):
    sizes = {}
    for label, table in (
        ("confirmed orders", "sale_order"),
        ("invoices and credit notes", "account_move"),
        ("opportunities", "crm_lead"),
        ("messages", "mail_message"),
        ("activities", "mail_activity"),
    ):
        cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
        sizes[label] = cr.fetchone()[0]
    return sizes


def run(registry, marker, repeat=5, log=print):
    """Measure the scorecards and print the report; True when every target is met."""
    results = Results()
    log("\nPerformance scorecards")
    log(
        f"Measuring on {date.today()} ({repeat} runs of each, "
        "after one warm-up run) ..."
    )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        sizes = _sizes(cr)
        measure(env, marker, results, repeat, log=log)
        cr.rollback()
    log("\nData sizes (rows):")
    width = max(len(label) for label in sizes)
    for label, count in sizes.items():
        log(f"  {label:<{width}}  {count:>10,}")
    _report_figures(results, log)
    report_summary(results, log, part="scorecards")
    return results.passed
