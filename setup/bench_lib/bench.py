"""Measurements of the benchmark, run on a database filled by ``generate``.

a. Live attainment of every salesperson target of the plan:
   ``sales.quota._get_attainment_figures()`` as a sales manager, from a fresh
   ORM cache, against one hand-written SQL ``GROUP BY`` giving the same
   achieved amounts; both must agree to 0.01 (and the weighted pipeline
   with a second ``GROUP BY``, shown for information).
b. The screens that show attainment, read as the web client reads them
   (``web_search_read`` with the fields of the view): the targets list and
   the sales team kanban, as a salesperson and as a sales manager.

Every figure is the median of several runs after one warm-up run, so that
PostgreSQL's buffer cache is warm for every query compared; what is compared
runs in turn (``alternate``: ours, the reference, ours, ...), so that a busy
machine weighs on both alike, and a ratio is a ratio of medians.
"""

import os
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.models import PREFETCH_MAX
from odoo.tools import SQL

ATTAINMENT_MAX_RATIO = 1.5
SCREEN_MAX_MS = 300.0
TOLERANCE = 0.01
QUOTA_LIST_VIEW = "sales_management.sales_quota_view_list"
TEAM_KANBAN_VIEW = "sales_team.crm_team_view_kanban_dashboard"
QUOTA_CURRENT_FIELDS = (
    "quota_current_id",
    "quota_current_target",
    "quota_current_achieved",
    "quota_current_attainment",
    "quota_current_pace",
    "quota_current_unit",
)


@dataclass
class Figure:
    label: str
    runs_ms: list
    target_ms: float | None = None
    note: str = ""

    @property
    def median_ms(self):
        return statistics.median(self.runs_ms)

    @property
    def min_ms(self):
        return min(self.runs_ms)

    @property
    def passed(self):
        return self.target_ms is None or self.median_ms <= self.target_ms


@dataclass
class Ratio:
    label: str
    numerator: Figure
    denominator: Figure
    target: float | None  # None: for information

    @property
    def value(self):
        return self.numerator.median_ms / max(self.denominator.median_ms, 1e-6)

    @property
    def passed(self):
        return self.target is None or self.value <= self.target


@dataclass
class Results:
    figures: list = field(default_factory=list)
    ratios: list = field(default_factory=list)
    checks: list = field(default_factory=list)  # (label, passed, detail)

    @property
    def passed(self):
        return (
            all(figure.passed for figure in self.figures)
            and all(ratio.passed for ratio in self.ratios)
            and all(passed for _label, passed, _detail in self.checks)
        )


def _timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000.0, result


def alternate(measures, repeat, after_round=None):
    """Runs of measures taken in turn: A B A B ..., after a warm-up round.

    ``measures``: {name: function(round) returning milliseconds}, where round
    0 is the warm-up, whose runs are not kept; then ``repeat`` rounds call
    every measure once, in order. ``after_round(round, {name: milliseconds})``
    is called after each round. Returns {name: [milliseconds of each run]}.
    """
    runs = {name: [] for name in measures}
    for round_ in range(repeat + 1):
        this_round = {name: function(round_) for name, function in measures.items()}
        if round_:
            for name, elapsed in this_round.items():
                runs[name].append(elapsed)
        if after_round:
            after_round(round_, this_round)
    return runs


def _repeat(function, repeat):
    """One warm-up call, then ``repeat`` timed calls: (timings, last result)."""
    function()
    runs, result = [], None
    for _run in range(repeat):
        elapsed, result = _timed(function)
        runs.append(elapsed)
    return runs, result


def _shorten_arrays(line):
    """Long literal arrays of ids make EXPLAIN unreadable: show their length."""
    return re.sub(
        r"'\{([0-9,]{60,})\}'",
        lambda match: f"'{{<{match.group(1).count(',') + 1} values>}}'",
        line,
    )


def _user_env(env, login):
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        raise RuntimeError(f"The user {login} is missing: regenerate the database.")
    context = user.with_user(user).context_get()
    return api.Environment(env.cr, user.id, dict(context))


# ----------------------------------------------------------------------
# a. Attainment against one hand-written GROUP BY
# ----------------------------------------------------------------------


def handwritten_sql(company_id, year):
    return SQL(
        """
        SELECT user_id, date_trunc('month', date_order)::date,
               SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
          FROM sale_order
         WHERE state = 'sale' AND company_id = %s
           AND date_order >= %s AND date_order < %s
      GROUP BY 1, 2""",
        company_id,
        datetime(year, 1, 1),
        datetime(year + 1, 1, 1),
    )


def handwritten_pipeline_sql(company_id, year):
    """Weighted open pipeline by salesperson and month (for information)."""
    return SQL(
        """
        SELECT user_id, date_trunc('month', date_deadline)::date,
               SUM(prorated_revenue)
          FROM crm_lead
         WHERE type = 'opportunity' AND active AND probability < 100
           AND (company_id = %s OR company_id IS NULL)
           AND date_deadline >= %s AND date_deadline < %s
      GROUP BY 1, 2""",
        company_id,
        date(year, 1, 1),
        date(year + 1, 1, 1),
    )


def _compare(label, key, figures, rows, owners):
    """Check that the addon's figures ``key`` equal the hand-written ones."""
    expected = {(user_id, month): float(amount) for user_id, month, amount in rows}
    mismatches = []
    for quota_id, (user_id, month) in owners.items():
        got = figures.get(quota_id, {}).get(key, 0.0)
        want = expected.get((user_id, month), 0.0)
        if abs(got - want) > TOLERANCE:
            mismatches.append((quota_id, user_id, str(month), got, want))
    nonzero = sum(1 for owner in owners.values() if owner in expected)
    detail = f"{len(owners)} targets compared, {nonzero} not zero"
    if mismatches:
        detail += f"; {len(mismatches)} differ, e.g. {mismatches[:3]}"
    return (label, not mismatches and nonzero > 0, detail)


def measure_attainment(env, marker, results, repeat, explain=False, log=print):
    manager_env = _user_env(env, marker["manager_login"])
    Quota = manager_env["sales.quota"]
    plan = manager_env["sales.quota.plan"].browse(marker["plan_id"])
    quotas = Quota.search([("plan_id", "=", plan.id), ("target_type", "=", "user")])
    expected_count = marker["sizes"]["salespeople"] * 12
    results.checks.append(
        (
            f"the plan has {expected_count} salesperson targets",
            len(quotas) == expected_count,
            f"{len(quotas)} found",
        )
    )
    ids = quotas.ids
    owners = {quota.id: (quota.user_id.id, quota.date_from) for quota in quotas}
    handwritten = handwritten_sql(plan.company_id.id, plan.date_from.year)
    pipeline = handwritten_pipeline_sql(plan.company_id.id, plan.date_from.year)
    addon_query = Quota.browse(ids)._get_attainment_query(plan)
    cr = env.cr

    def run_figures():
        manager_env.invalidate_all()
        return Quota.browse(ids)._get_attainment_figures()

    def run_query(query):
        cr.execute(query)
        return cr.fetchall()

    # ours and the hand-written queries in turn, after a warm-up round
    rows = {}

    def measure(name, function):
        def run(_round):
            elapsed, rows[name] = _timed(function)
            return elapsed

        return run

    runs = alternate(
        {
            "figures": measure("figures", run_figures),
            **{
                name: measure(name, lambda query=query: run_query(query))
                for name, query in (
                    ("handwritten", handwritten),
                    ("pipeline", pipeline),
                    ("addon", addon_query),
                )
            },
        },
        repeat,
    )
    figures = rows["figures"]
    results.checks += [
        _compare(
            "achieved equals the hand-written GROUP BY (to 0.01)",
            "achieved",
            figures,
            rows["handwritten"],
            owners,
        ),
        _compare(
            "weighted pipeline equals a hand-written GROUP BY (to 0.01)",
            "pipeline",
            figures,
            rows["pipeline"],
            owners,
        ),
    ]

    orm = Figure(
        f"attainment of {len(ids)} targets: _get_attainment_figures()",
        runs["figures"],
        note="as sales manager, fresh ORM cache",
    )
    addon_sql = Figure(
        "  of which the SQL of _get_attainment_query()",
        runs["addon"],
        note="information: achieved and weighted pipeline in one query",
    )
    sql = Figure("same achieved: one hand-written SQL GROUP BY", runs["handwritten"])
    both = Figure(
        "  both hand-written GROUP BYs: achieved + pipeline",
        [a + b for a, b in zip(runs["handwritten"], runs["pipeline"], strict=True)],
        note="information: both figures that _get_attainment_figures() returns",
    )
    results.figures += [orm, addon_sql, sql, both]
    results.ratios += [
        Ratio("attainment / hand-written SQL", orm, sql, ATTAINMENT_MAX_RATIO),
        Ratio(
            "attainment / both hand-written GROUP BYs (information)", orm, both, None
        ),
    ]

    # Information: the computed fields of the same targets, as a screen reads
    # them (Odoo computes them by batches of its prefetch size).
    def run_fields():
        manager_env.invalidate_all()
        return Quota.browse(ids).mapped("attainment")

    runs, _values = _repeat(run_fields, repeat)
    results.figures.append(
        Figure(
            f"compute the attainment fields of {len(ids)} targets",
            runs,
            note=f"information: _compute_attainment by batches of {PREFETCH_MAX}",
        )
    )

    if explain:
        for title, query in (
            ("sales.quota._get_attainment_query", addon_query),
            ("the hand-written GROUP BY", handwritten),
        ):
            cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
            log(f"\nEXPLAIN ANALYZE of {title}:")
            log("\n".join(f"  {_shorten_arrays(row[0])}" for row in cr.fetchall()))


# ----------------------------------------------------------------------
# b. Screens, read as the web client reads them
# ----------------------------------------------------------------------


def view_specification(env, model, view_xmlid, view_type):
    """The ``web_search_read`` specification of a view, as the web client has it.

    Fields the user may not see (``groups``) are already removed by
    ``get_views``; many2one fields fetch their display name.
    """
    view = env.ref(view_xmlid)
    views = env[model].get_views([(view.id, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    spec = {}
    for node in arch.iter("field"):
        # Fields of an embedded sub-view belong to another model.
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        relational = env[model]._fields[name].type == "many2one" or node.get(
            "widget"
        ) in ("many2many_tags", "many2many_avatar_user")
        spec[name] = {"fields": {"display_name": {}}} if relational else {}
    return spec


def measure_screen(env, label, model, spec, repeat, domain=(), limit=80, target=None):
    """Median time of ``web_search_read`` with ``spec``, from a fresh ORM cache."""
    records = env[model].with_context(bin_size=True)

    def run():
        env.invalidate_all()
        return records.web_search_read(
            list(domain), spec, limit=limit, count_limit=10001
        )

    runs, result = _repeat(run, repeat)
    count = len(result["records"])
    note = f"{count} of {result['length']} records, {len(spec)} fields"
    return Figure(label, runs, target, note)


def measure_screens(env, marker, results, repeat):
    current_targets = [("plan_state", "=", "active"), ("is_current_period", "=", True)]
    for role, login in (
        ("salesperson", marker["salesman_login"]),
        ("manager", marker["manager_login"]),
    ):
        user_env = _user_env(env, login)
        list_spec = view_specification(user_env, "sales.quota", QUOTA_LIST_VIEW, "list")
        results.figures.append(
            measure_screen(
                user_env,
                f"targets list as {role}",
                "sales.quota",
                list_spec,
                repeat,
                domain=current_targets,
                limit=80,
                target=SCREEN_MAX_MS,
            )
        )

        kanban_spec = view_specification(
            user_env, "crm.team", TEAM_KANBAN_VIEW, "kanban"
        )
        missing = [name for name in QUOTA_CURRENT_FIELDS if name not in kanban_spec]
        results.checks.append(
            (
                f"the team kanban of the {role} shows the current target",
                not missing,
                f"not in the view: {', '.join(missing)}"
                if missing
                else "all quota_current_* fields in the view",
            )
        )
        # The target applies to what the addon puts on the cards; the whole
        # dashboard also computes Odoo's own figures (graph, invoicing, ...).
        addon_spec = {"name": {}, **{name: {} for name in QUOTA_CURRENT_FIELDS}}
        addon_spec["quota_current_id"] = {"fields": {"display_name": {}}}
        odoo_spec = {
            name: spec
            for name, spec in kanban_spec.items()
            if name not in QUOTA_CURRENT_FIELDS
        }
        for label, spec, target in (
            (f"team kanban, name + quota_current_* as {role}", addon_spec, True),
            (f"team kanban, whole dashboard view as {role}", kanban_spec, False),
            (f"  of which Odoo's own fields as {role}", odoo_spec, False),
        ):
            results.figures.append(
                measure_screen(
                    user_env,
                    label,
                    "crm.team",
                    spec,
                    repeat,
                    limit=40,
                    target=SCREEN_MAX_MS if target else None,
                )
            )


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------


def _status(passed):
    return "PASS" if passed else "FAIL"


def _report_figures(results, log):
    log("\nTimings (milliseconds; median and fastest run, then every run):")
    width = max(len(figure.label) for figure in results.figures)
    header = f"{'measure':<{width}}  {'median':>8}  {'min':>8}  {'target':>6}"
    log(f"  {header}  result  runs")
    for figure in results.figures:
        target = f"{figure.target_ms:.0f}" if figure.target_ms is not None else "-"
        status = _status(figure.passed) if figure.target_ms is not None else "info"
        runs = " ".join(f"{run:.0f}" for run in figure.runs_ms)
        numbers = f"{figure.median_ms:>8.1f}  {figure.min_ms:>8.1f}  {target:>6}"
        log(f"  {figure.label:<{width}}  {numbers}  {status:<6}  {runs}")
        if figure.note:
            log(f"  {'':<{width}}    ({figure.note})")


def report(results, sizes, marker, load_note="", log=print):
    log("\nData sizes (rows):")
    width = max(len(label) for label in sizes)
    for label, count in sizes.items():
        log(f"  {label:<{width}}  {count:>10,}")
    seconds = marker.get("seconds", {})
    if seconds:
        log("\nGeneration of the data (when the database was built):")
        for label, value in seconds.items():
            log(f"  {label:<{width}}  {value:>9.1f} s")

    _report_figures(results, log)

    report_ratios(results, log)
    report_summary(results, log, load_note=load_note)


def report_ratios(results, log, seconds=False):
    """One line per ratio of medians, in milliseconds (or seconds)."""

    def duration(figure):
        if seconds:
            return f"{figure.median_ms / 1000:.2f} s"
        return f"{figure.median_ms:.1f} ms"

    log("\nRatios (of the medians):")
    for ratio in results.ratios:
        line = (
            f"  {ratio.label}: {duration(ratio.numerator)} / "
            f"{duration(ratio.denominator)} = {ratio.value:.2f}x"
        )
        if ratio.target is not None:
            line += f" (target <= {ratio.target:.2f}x)  {_status(ratio.passed)}"
        log(line)


def report_summary(results, log, part=None, load_note="", every_check=False):
    """Checks, then one line per target and the overall verdict.

    ``part``: the name the summary carries; ``every_check``: list the passed
    checks in the summary too (otherwise only the failed ones).
    """
    log("\nChecks:")
    for label, passed, detail in results.checks:
        log(f"  {_status(passed)}  {label} ({detail})")
    if load_note:
        log(f"\n{load_note}")
    suffix = f" ({part})" if part else ""
    log(f"\nSummary{suffix}:")
    for ratio in results.ratios:
        if ratio.target is not None:
            value = f"{ratio.value:.2f}x <= {ratio.target:.2f}x"
            log(f"  {_status(ratio.passed)}  {ratio.label} {value}")
    for figure in results.figures:
        if figure.target_ms is not None:
            value = f"{figure.median_ms:.0f} ms < {figure.target_ms:.0f} ms"
            log(f"  {_status(figure.passed)}  {figure.label} {value}")
    for label, passed, _detail in results.checks:
        if every_check or not passed:
            log(f"  {_status(passed)}  {label}")
    log(f"\nOverall{suffix}: {_status(results.passed)}")


def _load_note(load_before, load_after):
    if load_before is None:
        return ""
    cpus = os.cpu_count() or 1
    note = f"Load average: {load_before:.1f} before, {load_after:.1f} after, "
    note += f"on {cpus} CPU(s)"
    if max(load_before, load_after) > 0.75 * cpus:
        note += ": other processes competed for the CPU, timings are pessimistic"
    return note + "."


def _load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def run(registry, marker, sizes_function, repeat=5, explain=False, log=print):
    """Run every measurement and print the report; True when every target is met."""
    results = Results()
    load_before = _load()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        sizes = sizes_function(cr)
        log(
            f"Measuring on {date.today()} ({repeat} runs of each, "
            "after one warm-up run) ..."
        )
        measure_attainment(env, marker, results, repeat, explain=explain, log=log)
        measure_screens(env, marker, results, repeat)
        cr.rollback()
    report(results, sizes, marker, _load_note(load_before, _load()), log=log)
    return results.passed
