"""Measurements of the recruiting part (``setup/bench --part recruiting``).

The hiring data (``recruiting_data``) is generated on the part's first run
and committed; the measures run in a transaction rolled back at the end.

a. The candidate comparison of the comparison job (500 applications in
   progress, 2,000 submitted interview scorecards) as a recruiter opens it
   from the job's *Compare Candidates* button: ``web_search_read`` with the
   fields of the list view (the competency summary included), filtered on
   the job and *In Progress*, one page of 80 rows by rank; and the cards a
   phone shows (kanban, 40 rows). Target: median under 300 ms.
b. Its competency matrix: the ``read_group`` calls of the pivot view
   (applicants by competency, mean rating). Target: under 500 ms.
c. The hiring analytics as a recruiter opens them: the pivots of *Hiring
   Analysis* (by job), *Source Effectiveness* (by source) and *Stage
   Pass-Through* (stages by job), each the ``read_group`` calls of its pivot
   view with the measures of its action. Target: under 500 ms each.
d. Checks: the generated data is complete (the applications, the
   scorecards rating every competency, the hires with their employees,
   spread over the last 24 months), the comparison ranks and scores as a
   hand-written query does, the analytics count the hires.

e-g. The hiring plan and the quality of hire: see ``recruiting_plan``.
Every figure is the median of several runs
after one warm-up run, each from a fresh ORM cache.
"""

import ast
from datetime import date, datetime

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from . import recruiting_data, recruiting_plan
from .bench import (
    SCREEN_MAX_MS,
    Figure,
    Results,
    _repeat,
    _report_figures,
    _user_env,
    report_summary,
    view_specification,
)

REPORT_MAX_MS = 500.0
TOLERANCE = 0.01
MODULE = "sales_management_recruiting"
COMPARISON_LIST_VIEW = f"{MODULE}.sales_applicant_comparison_view_list"
COMPARISON_KANBAN_VIEW = f"{MODULE}.sales_applicant_comparison_view_kanban"
MATRIX_PIVOT_VIEW = f"{MODULE}.sales_applicant_competency_view_pivot"
HIRING_PIVOT_VIEW = f"{MODULE}.sales_hiring_report_view_pivot"
STAGE_PIVOT_VIEW = f"{MODULE}.sales_hiring_stage_report_view_pivot"
SOURCE_ACTION = f"{MODULE}.sales_hiring_report_action_source"


# ----------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------


def pivot_layout(env, model, view_xmlid):
    """(rows, cols, measures) of a pivot view, as the web client reads it."""
    view = env.ref(view_xmlid)
    arch = env[model].get_views([(view.id, "pivot")])["views"]["pivot"]["arch"]
    layout = {"row": [], "col": [], "measure": []}
    for node in etree.fromstring(arch).iter("field"):
        layout.setdefault(node.get("type"), []).append(node.get("name"))
    return layout["row"], layout["col"], layout["measure"]


def read_pivot(env, model, domain, rows, cols, measures):
    """The ``read_group`` calls of a pivot view: one per pair of a prefix of
    its row and of its column group-bys, every measure each time."""
    Model = env[model]
    specs = [
        f"{name}:{Model._fields[name].aggregator or 'sum'}"
        for name in measures
        if name != "__count"
    ] + ["__count"]
    groups = []
    for row in range(len(rows) + 1):
        for col in range(len(cols) + 1):
            groups.append(
                Model.read_group(domain, specs, rows[:row] + cols[:col], lazy=False)
            )
    return groups


def measure_pivot(env, label, model, domain, layout, repeat, target=REPORT_MAX_MS):
    rows, cols, measures = layout

    def run():
        env.invalidate_all()
        return read_pivot(env, model, domain, rows, cols, measures)

    runs, groups = _repeat(run, repeat)
    cells = sum(len(result) for result in groups)
    return Figure(
        label,
        runs,
        target,
        note=f"{len(groups)} read_group calls, {cells} cells, {len(measures)} "
        f"measures, rows {'+'.join(rows) or '-'}, columns {'+'.join(cols) or '-'}",
    )


def measure_list(env, label, model, spec, domain, order, limit, repeat, target):
    """``web_search_read`` of one page of a list or kanban view."""
    records = env[model].with_context(bin_size=True)

    def run():
        env.invalidate_all()
        return records.web_search_read(
            domain, spec, order=order, limit=limit, count_limit=10001
        )

    runs, result = _repeat(run, repeat)
    note = f"{len(result['records'])} of {result['length']} rows, {len(spec)} fields"
    return Figure(label, runs, target, note), result


# ----------------------------------------------------------------------
# a, b. The candidate comparison and its competency matrix
# ----------------------------------------------------------------------


def measure_comparison(env, data, results, repeat):
    recruiter = _user_env(env, data["recruiter_login"])
    job = recruiter["hr.job"].browse(data["job_id"])
    action = job.action_open_sales_comparison()
    # the action's domain and its default filter (In Progress)
    domain = [*action["domain"], ("hired", "=", False)]
    order = "job_id, rank"
    Comparison = "sales.applicant.comparison"
    list_spec = view_specification(recruiter, Comparison, COMPARISON_LIST_VIEW, "list")
    figure, page = measure_list(
        recruiter,
        f"candidate comparison of {data['applicants']} applicants, one page",
        Comparison,
        list_spec,
        domain,
        order,
        80,
        repeat,
        SCREEN_MAX_MS,
    )
    figure.note = f"web_search_read as recruiter: {figure.note}"
    results.figures.append(figure)
    kanban_spec = view_specification(
        recruiter, Comparison, COMPARISON_KANBAN_VIEW, "kanban"
    )
    figure, _cards = measure_list(
        recruiter,
        "candidate comparison, cards of a phone",
        Comparison,
        kanban_spec,
        domain,
        order,
        40,
        repeat,
        SCREEN_MAX_MS,
    )
    figure.note = f"web_search_read as recruiter: {figure.note}"
    results.figures.append(figure)
    _check_comparison(env, data, page, results)

    matrix = "sales.applicant.competency"
    matrix_domain = (
        recruiter["sales.applicant.comparison"]
        .with_context(default_job_id=job.id)
        .action_open_competency_matrix()["domain"]
    )
    results.figures.append(
        measure_pivot(
            recruiter,
            "competency matrix of the job (pivot)",
            matrix,
            matrix_domain,
            pivot_layout(recruiter, matrix, MATRIX_PIVOT_VIEW),
            repeat,
        )
    )


def _check_comparison(env, data, page, results):
    """The page holds every application in progress, ranked by the weighted
    score that a hand-written query computes."""
    env.cr.execute(
        SQL(
            """
            SELECT l.applicant_id,
                   SUM(l.weight * l.rating) / NULLIF(SUM(l.weight), 0)
              FROM sales_interview_scorecard_line l
              JOIN hr_applicant a ON a.id = l.applicant_id
             WHERE a.job_id = %s AND l.state = 'submitted'
               AND l.rating > 0 AND l.weight > 0
          GROUP BY l.applicant_id""",
            data["job_id"],
        )
    )
    expected = {row[0]: float(row[1]) for row in env.cr.fetchall()}
    rows = page["records"]
    wrong = [
        (row["id"], row["weighted_score"], expected.get(row["id"]))
        for row in rows
        if abs(row["weighted_score"] - expected.get(row["id"], 0.0)) > TOLERANCE
    ]
    ranked = [row["weighted_score"] for row in rows]
    best = max(expected.values(), default=0.0)
    detail = f"{page['length']} rows, best score {best:.2f}"
    if wrong:
        detail += f"; {len(wrong)} scores differ, e.g. {wrong[:3]}"
    results.checks.append(
        (
            f"the comparison shows the {data['applicants']} applications in "
            "progress, ranked by the weighted score of a hand-written query "
            "(to 0.01)",
            page["length"] == data["applicants"]
            and not wrong
            and ranked == sorted(ranked, reverse=True)
            and abs(ranked[0] - best) <= TOLERANCE,
            detail,
        )
    )


# ----------------------------------------------------------------------
# c. The hiring analytics
# ----------------------------------------------------------------------


def measure_hiring_analytics(env, data, results, repeat):
    recruiter = _user_env(env, data["recruiter_login"])
    hiring = "sales.hiring.report"
    stages = "sales.hiring.stage.report"
    results.figures.append(
        measure_pivot(
            recruiter,
            "hiring analysis by job (pivot)",
            hiring,
            [],
            pivot_layout(recruiter, hiring, HIRING_PIVOT_VIEW),
            repeat,
        )
    )
    context = ast.literal_eval(recruiter.ref(SOURCE_ACTION).sudo().context)
    results.figures.append(
        measure_pivot(
            recruiter,
            "source effectiveness by source (pivot)",
            hiring,
            [],
            (context["pivot_row_groupby"], [], context["pivot_measures"]),
            repeat,
        )
    )
    results.figures.append(
        measure_pivot(
            recruiter,
            "stage pass-through, stages by job (pivot)",
            stages,
            [],
            pivot_layout(recruiter, stages, STAGE_PIVOT_VIEW),
            repeat,
        )
    )
    _check_analytics(env, recruiter, results)


def _check_analytics(env, recruiter, results):
    env.cr.execute(
        """
        SELECT COUNT(*) FILTER (WHERE a.date_closed IS NOT NULL),
               COUNT(*) FILTER (WHERE s.sales_pipeline)
          FROM hr_applicant a
          JOIN hr_job j ON j.id = a.job_id AND j.sales_role IS NOT NULL
          LEFT JOIN hr_recruitment_stage s ON s.id = a.stage_id"""
    )
    hires, in_pipeline = env.cr.fetchone()
    recruiter.invalidate_all()
    counted = recruiter["sales.hiring.report"].read_group(
        [], ["hired_count:sum", "__count"], [], lazy=False
    )[0]
    screening = recruiter.ref(f"{MODULE}.stage_sales_screening")
    reached = recruiter["sales.hiring.stage.report"].read_group(
        [("stage_id", "=", screening.id)], ["reached_count:sum"], [], lazy=False
    )[0]
    results.checks.append(
        (
            "the hiring analysis counts every hire; every application in the "
            "pipeline reached the screening",
            counted["hired_count"] == hires
            and reached["reached_count"] == in_pipeline
            and hires > 0,
            f"{counted['hired_count']} hires of {hires}, {counted['__count']} "
            f"applications, {reached['reached_count']} reached the screening "
            f"of {in_pipeline} in the pipeline",
        )
    )


# ----------------------------------------------------------------------
# d. The generated data is complete
# ----------------------------------------------------------------------


def check_data(env, data, marker, results):
    cr = env.cr
    cr.execute(
        SQL(
            """
            SELECT COUNT(DISTINCT a.id), COUNT(DISTINCT c.id)
              FROM hr_applicant a
              JOIN hr_recruitment_stage s ON s.id = a.stage_id
              LEFT JOIN sales_interview_scorecard c
                     ON c.applicant_id = a.id AND c.state = 'submitted'
             WHERE a.job_id = %s AND a.active AND a.date_closed IS NULL
               AND s.sales_pipeline""",
            data["job_id"],
        )
    )
    applicants, scorecards = cr.fetchone()
    results.checks.append(
        (
            f"the comparison job has {data['applicants']} applications in the "
            f"pipeline and {data['scorecards']:,} submitted scorecards",
            applicants == data["applicants"] and scorecards == data["scorecards"],
            f"{applicants} applications, {scorecards:,} scorecards",
        )
    )
    # every submitted scorecard rates every competency of its job
    cr.execute(
        SQL(
            """
            SELECT COUNT(*) FROM sales_interview_scorecard c
             WHERE c.job_id = ANY(%s) AND c.state = 'submitted'
               AND (SELECT COUNT(*) FROM sales_interview_scorecard_line l
                     WHERE l.scorecard_id = c.id AND l.rating > 0)
                   <> (SELECT COUNT(*) FROM sales_job_competency w
                        WHERE w.job_id = c.job_id)""",
            data["job_ids"],
        )
    )
    incomplete = cr.fetchone()[0]
    results.checks.append(
        (
            "every submitted scorecard rates every competency of its job",
            incomplete == 0,
            f"{incomplete} scorecards with a competency not rated",
        )
    )
    # the hires: the salespeople, over the last 24 months of the history
    cr.execute(
        SQL(
            """
            SELECT COUNT(*), COUNT(DISTINCT u.id),
                   COUNT(DISTINCT date_trunc('month', a.date_closed)),
                   MIN(a.date_closed), MAX(a.date_closed),
                   COUNT(*) FILTER (WHERE NOT EXISTS (
                       SELECT 1 FROM sales_interview_scorecard c
                        WHERE c.applicant_id = a.id AND c.state = 'submitted'))
              FROM hr_applicant a
              JOIN hr_candidate cand ON cand.id = a.candidate_id
              JOIN hr_employee e ON e.id = cand.employee_id
              JOIN res_users u ON u.id = e.user_id AND u.login LIKE %s
             WHERE a.job_id = ANY(%s) AND a.date_closed IS NOT NULL""",
            "bench.rep%",
            data["job_ids"],
        )
    )
    hires, salespeople, months, first, last, unscored = cr.fetchone()
    start = datetime(marker["year"] - 1, 1, 1)
    expected = marker["sizes"]["salespeople"]
    results.checks.append(
        (
            f"{expected} hires: each salesperson's employee, hired inside the "
            "history over the last 24 months, with submitted scorecards",
            hires == salespeople == expected
            and not unscored
            and first >= start
            and months >= min(12, expected),
            f"{hires} hires of {salespeople} salespeople over {months} months "
            f"({first:%Y-%m-%d} to {last:%Y-%m-%d}), {unscored} without a scorecard",
        )
    )


# ----------------------------------------------------------------------
# The part
# ----------------------------------------------------------------------

# The measures of the part, in order: each is ``measure(env, data, results,
# repeat)`` (``data``: the record of the generated hiring data).
MEASURES = [
    measure_comparison,
    measure_hiring_analytics,
    recruiting_plan.measure_hiring_plan,
    recruiting_plan.measure_quality_of_hire,
]


def _sizes(cr, data):
    sizes = dict(data["sizes"])
    cr.execute("SELECT COUNT(*) FROM hr_employee WHERE user_id IS NOT NULL")
    sizes["employees with a user"] = cr.fetchone()[0]
    cr.execute("SELECT COUNT(*) FROM hr_job WHERE sales_role IS NOT NULL AND active")
    sizes["sales jobs"] = cr.fetchone()[0]
    return sizes


def run(registry, marker, repeat=5, log=print):
    """Measure the recruiting screens and print the report; True when every
    target is met."""
    results = Results()
    log("\nRecruiting")
    data = recruiting_data.ensure(registry, marker, log=log)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        log(
            f"Measuring on {date.today()} ({repeat} runs of each, "
            "after one warm-up run) ..."
        )
        sizes = _sizes(cr, data)
        check_data(env, data, marker, results)
        for measure in MEASURES:
            measure(env, data, results, repeat)
        cr.rollback()
    log("\nData sizes (rows):")
    width = max(len(label) for label in sizes)
    for label, count in sizes.items():
        log(f"  {label:<{width}}  {count:>10,}")
    log(f"  (hiring data generated in {data['seconds']} s on {data['generated_on']})")
    _report_figures(results, log)
    report_summary(results, log, part="recruiting")
    return results.passed
