"""The hiring plan and the quality of hire in the recruiting part
(``setup/bench --part recruiting``).

e. The hiring plan as a recruiter computes it: *Compute* on a plan of the
   last six months of the active target plan of every salesperson and team
   (the generated teams' targets, their members' history of confirmed sales
   and the generated hires' first months): the teams' targets, what their
   members deliver, the new-hire curve of each team and the hires needed,
   stored as the plan's rows. Target: median under 1 s.
f. The quality of hire as a recruiter opens it: the list of *What Predicts
   Performance* (one row per competency, the weighted score and the
   role-play: correlation, hires behind it, interval), the report the menu
   opens, target: median under 500 ms; and its drill-down, the pivot of
   *Hires by Rating* (competencies by rounded rating, mean attainment),
   which runs the report's query once per grouping of the pivot (four
   times), target: median under 1 s.
g. Checks: the plan covers every team with team targets, and the quality of
   hire relates the generated hires whose first months are over.
"""

from .bench import Figure, _repeat, _user_env, view_specification

HIRING_PLAN_MAX_MS = 1000.0
QUALITY_OF_HIRE_MAX_MS = 500.0
QUALITY_PIVOT_MAX_MS = 1000.0
PLAN_PERIODS = 6
MODULE = "sales_management_recruiting"
QUALITY_LIST_VIEW = f"{MODULE}.sales_quality_hire_summary_view_list"
QUALITY_PIVOT_VIEW = f"{MODULE}.sales_quality_hire_view_pivot"


def _active_plan(env):
    """The active target plan of the company with the most team targets (the
    generated plan of every salesperson and team)."""
    env.cr.execute(
        """SELECT p.id FROM sales_quota_plan p
             JOIN sales_quota q ON q.plan_id = p.id AND q.target_type = 'team'
            WHERE p.state = 'active' AND p.active AND p.company_id = %s
         GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1""",
        (env.company.id,),
    )
    row = env.cr.fetchone()
    return env["sales.quota.plan"].browse(row[0] if row else ())


def measure_hiring_plan(env, data, results, repeat):
    recruiter = _user_env(env, data["recruiter_login"])
    quota_plan = _active_plan(env)
    if not quota_plan:
        results.checks.append(("an active target plan to plan hires", False, ""))
        return
    periods = quota_plan._get_periods()
    count = min(PLAN_PERIODS, len(periods))
    first = periods[len(periods) - count][0]
    plan = recruiter["sales.hiring.plan"].create(
        {
            "name": "Benchmark",
            "quota_plan_id": quota_plan.id,
            "date_from": first,
            "period_count": count,
        }
    )

    def run():
        env.invalidate_all()
        plan.action_compute()
        env.flush_all()

    runs, _result = _repeat(run, repeat)
    env.invalidate_all()
    teams = plan.team_ids
    env.cr.execute(
        "SELECT COUNT(DISTINCT team_id) FROM sales_quota "
        "WHERE plan_id = %s AND target_type = 'team' AND date_from >= %s",
        (quota_plan.id, first),
    )
    expected = env.cr.fetchone()[0]
    results.figures.append(
        Figure(
            f"hiring plan: Compute, {len(teams)} teams x {count} months",
            runs,
            HIRING_PLAN_MAX_MS,
            f"{sum(teams.mapped('hires_needed'))} hires needed in all",
        )
    )
    results.checks.append(
        (
            "the hiring plan covers every team with team targets",
            len(teams) == expected and expected > 0,
            f"{len(teams)} rows for {expected} teams",
        )
    )


def measure_quality_of_hire(env, data, results, repeat):
    # the pivot helpers of the part (imported here: that module imports this one)
    from .recruiting import measure_pivot, pivot_layout

    recruiter = _user_env(env, data["recruiter_login"])
    spec = view_specification(
        recruiter, "sales.quality.hire.summary", QUALITY_LIST_VIEW, "list"
    )
    summary = recruiter["sales.quality.hire.summary"]

    def run_summary():
        env.invalidate_all()
        return summary.web_search_read([], spec, limit=80)

    runs, result = _repeat(run_summary, repeat)
    rows = result["records"]
    hires = max((row.get("hire_count") or 0 for row in rows), default=0)
    results.figures.append(
        Figure(
            "quality of hire: what predicts performance (list)",
            runs,
            QUALITY_OF_HIRE_MAX_MS,
            f"{len(rows)} scores, up to {hires} hires behind one",
        )
    )
    results.figures.append(
        measure_pivot(
            recruiter,
            "quality of hire: hires by rating (pivot)",
            "sales.quality.hire",
            [],
            pivot_layout(recruiter, "sales.quality.hire", QUALITY_PIVOT_VIEW),
            repeat,
            target=QUALITY_PIVOT_MAX_MS,
        )
    )
    results.checks.append(
        (
            "the quality of hire relates the generated hires",
            hires >= 10,
            f"up to {hires} hires behind a score",
        )
    )
