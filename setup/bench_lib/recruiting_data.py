"""The hiring data of the recruiting part (``setup/bench --part recruiting``).

Generated on the part's first run into the benchmark database, committed, and
recorded in a marker of its own (an ``ir.config_parameter``), so that later
runs reuse it; it is generated again when the database was rebuilt or when
``RECRUITING_VERSION`` changes (the applications of an older generation are
deleted first). What it holds:

* a recruiter (``bench.recruiter``) and 4 interviewers;
* one sales job per generated team (*Account Executive - <team>*), with the
  team, a target, a salary range, a ramp plan (25, 50, 75, 100 %), weighted
  competencies (Odoo's five sales competencies of the performance reviews),
  the recruiter and the 4 interviewers;
* the comparison job (that of the first team): 500 applications in progress
  across the stages of the sales hiring pipeline, each with a submitted
  interview scorecard of every interviewer (2,000) rating every competency;
* one hire per generated salesperson (200 at full scale) on the job of their
  team: an ``hr.employee`` linked to the salesperson's user and to the
  application's candidate, hired (``date_closed``) on a day spread over the
  last 24 months inside the generated history (until a month ago), with a
  submitted scorecard of every interviewer rating every competency;
* refused applications on every team's job, some after an offer;
* the stage history of every application as Odoo logs it (a message and a
  ``stage_id`` tracking value per stage change).

The references (users, jobs, employees, competencies, sources) are made with
the ORM; the applications and candidates too (a few hundred), then their
dates, stage history and scorecards are written in SQL (``recruiting_sql``):
the scorecards' workflow (reminder activities, followers, messages) would
take minutes.
"""

import json
import random
import time
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tools import SQL

from . import part_data
from .bulk import _say
from .recruiting_sql import write_history, write_scorecards

RECRUITING_KEY = "sales_management_bench.recruiting"
# Bump when the generated hiring data changes shape: it is then generated again.
RECRUITING_VERSION = 1
SEED = 20261206
APPLICANTS = 500
INTERVIEWERS = 4
REFUSED_PER_JOB = 8
HIRE_MONTHS = 24
RECRUITER_LOGIN = "bench.recruiter"
INTERVIEWER_LOGIN = "bench.interviewer%d"
JOB_NAME = "Account Executive - %s"
# share of the applications in progress at each stage before the hire
# (screening, role-play, panel, references, offer)
PIPELINE_SHARES = (0.40, 0.25, 0.18, 0.10, 0.07)
COMPETENCY_WEIGHTS = (3, 3, 2, 1, 1)
RAMP_PLAN = ((1, 25), (2, 50), (3, 75), (4, 100))
SOURCES = ("LinkedIn", "Referral", "Glassdoor", "Monster", "Craigslist")
MEDIUMS = ("LinkedIn", "Website", "Email", "Direct")
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
STAGES = ("screening", "role_play", "panel", "references", "offer", "hired")


def ensure(registry, marker, log=print):
    """The hiring data of the database, generated and committed when missing."""
    return part_data.ensure(
        registry,
        marker,
        RECRUITING_KEY,
        RECRUITING_VERSION,
        "hiring data",
        generate,
        log,
    )


# ----------------------------------------------------------------------
# References, with the ORM
# ----------------------------------------------------------------------


def _users(env):
    group_user = env.ref("base.group_user")
    recruiter_group = env.ref("hr_recruitment.group_hr_recruitment_user")
    interviewer_group = env.ref("hr_recruitment.group_hr_recruitment_interviewer")
    wanted = [(RECRUITER_LOGIN, "Bench Recruiter", recruiter_group)] + [
        (INTERVIEWER_LOGIN % number, f"Bench Interviewer {number}", interviewer_group)
        for number in range(1, INTERVIEWERS + 1)
    ]
    Users = env["res.users"].with_context(active_test=False)
    users = Users
    for login, name, group in wanted:
        user = Users.search([("login", "=", login)])
        if not user:
            user = Users.create(
                {
                    "name": name,
                    "login": login,
                    "email": f"{login}@example.com",
                    "company_id": env.company.id,
                    "company_ids": [Command.set(env.company.ids)],
                    "tz": "UTC",
                    "groups_id": [Command.set([group_user.id, group.id])],
                }
            )
        users |= user
    return users[0], users[1:]


def _named(env, model, names):
    """Records of ``model`` named ``names`` (created when missing)."""
    Model = env[model]
    records = Model
    for name in names:
        record = Model.search([("name", "=", name)], limit=1)
        records |= record or Model.create({"name": name})
    return records


def _jobs(env, teams, recruiter, interviewers, competencies):
    """The sales job of each team: found by name, or created."""
    Job = env["hr.job"].with_context(active_test=False)
    jobs = Job
    for team in teams:
        name = JOB_NAME % team.name
        job = Job.search([("name", "=", name)], limit=1)
        values = {
            "user_id": recruiter.id,
            "interviewer_ids": [Command.set(interviewers.ids)],
            "sales_role": "account_executive",
            "sales_team_id": team.id,
            "sales_annual_target": 600_000,
            "sales_base_salary_min": 45_000,
            "sales_base_salary_max": 60_000,
            "sales_variable_pay": 40_000,
            "no_of_recruitment": 2,
        }
        if not job:
            job = Job.create(
                {
                    "name": name,
                    "company_id": env.company.id,
                    **values,
                    "sales_ramp_ids": [
                        Command.create({"month": month, "percent": percent})
                        for month, percent in RAMP_PLAN
                    ],
                    "sales_competency_ids": [
                        Command.create(
                            {
                                "competency_id": competency.id,
                                "weight": weight,
                                "sequence": index,
                            }
                        )
                        for index, (competency, weight) in enumerate(
                            zip(competencies, COMPETENCY_WEIGHTS, strict=False)
                        )
                    ],
                }
            )
        else:
            job.write(values)
        jobs |= job
    return jobs


def _employees(env, salespeople, job_of_team):
    """The employee of each salesperson (created when missing)."""
    Employee = env["hr.employee"].with_context(active_test=False)
    existing = {
        employee.user_id.id: employee
        for employee in Employee.search([("user_id", "in", salespeople.ids)])
    }
    missing = salespeople.filtered(lambda user: user.id not in existing)
    created = Employee.create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "company_id": env.company.id,
                "work_email": user.email,
                "job_id": job_of_team[user.sale_team_id.id].id,
            }
            for user in missing
        ]
    )
    for employee in created:
        existing[employee.user_id.id] = employee
    return {user.id: existing[user.id] for user in salespeople}


# ----------------------------------------------------------------------
# The applications: a plan in Python, then the ORM and SQL
# ----------------------------------------------------------------------


def _path(rnd, furthest, skip_share=0.12):
    """Indexes of the stages an application went through up to ``furthest``
    (0 = screening), the role-play skipped now and then."""
    path = list(range(furthest + 1))
    if furthest >= 2 and rnd.random() < skip_share:
        path.remove(1)
    return path


def _plan(rnd, now, start, jobs, salespeople, employees):
    """One dict per application: job, path of stages, dates, outcome."""
    first = jobs[0]
    job_of_team = {job.sales_team_id.id: job for job in jobs}
    plans = []
    weights = list(PIPELINE_SHARES)
    for index in range(APPLICANTS):
        furthest = rnd.choices(range(len(weights)), weights)[0]
        # late enough for its stage changes to be in the past
        applied = now - timedelta(days=rnd.uniform(5 + 10 * furthest, 150))
        plans.append(
            {
                "name": f"Bench Candidate {index + 1:04d}",
                "job": first,
                "path": _path(rnd, furthest),
                "applied": applied,
                "outcome": "ongoing",
            }
        )
    # the hires: spread over the last 24 months inside the generated history
    hired_from = max(start, now - timedelta(days=HIRE_MONTHS * 365 / 12))
    hired_to = now - timedelta(days=30)
    span = (hired_to - hired_from).total_seconds()
    for index, user in enumerate(salespeople):
        hired = hired_from + timedelta(
            seconds=span * (index + rnd.random()) / len(salespeople)
        )
        plans.append(
            {
                "name": user.name,
                "job": job_of_team[user.sale_team_id.id],
                "path": _path(rnd, 5, 0.15),
                "applied": hired - timedelta(days=rnd.uniform(20, 60)),
                "hired": hired,
                "outcome": "hired",
                "employee": employees[user.id],
            }
        )
    # refused applications, some after an offer (declined)
    for job in jobs:
        for index in range(REFUSED_PER_JOB):
            furthest = (0, 1, 2, 2, 3, 4, 4, 1)[index % 8]
            applied = hired_from + rnd.random() * (
                hired_to - timedelta(days=40) - hired_from
            )
            plans.append(
                {
                    "name": f"Bench Refused {job.id}-{index + 1}",
                    "job": job,
                    "path": _path(rnd, furthest),
                    "applied": applied,
                    "outcome": "refused",
                }
            )
    for plan in plans:
        # a stage change every few days; a hire's spread until the hire date
        steps = len(plan["path"]) - 1
        if plan["outcome"] == "hired":
            gap = (plan["hired"] - plan["applied"]) / steps
            plan["changes"] = [
                plan["applied"] + gap * (step + rnd.uniform(0.6, 1.0))
                for step in range(steps - 1)
            ] + [plan["hired"]]
        else:
            changes, moment = [], plan["applied"]
            for _step in range(steps):
                moment += timedelta(days=rnd.uniform(2, 9), hours=rnd.uniform(0, 8))
                changes.append(moment)
            plan["changes"] = changes
        plan["quality"] = rnd.gauss(3.3, 0.6)
    return plans


def _create_applications(env, plans, stages, sources, mediums, rnd):
    """Candidates and applications with the ORM (their computed fields)."""
    candidates = env["hr.candidate"].create(
        [
            {
                "partner_name": plan["name"],
                "company_id": env.company.id,
                "employee_id": plan["employee"].id if plan.get("employee") else False,
            }
            for plan in plans
        ]
    )
    applicants = env["hr.applicant"].create(
        [
            {
                "candidate_id": candidate.id,
                "job_id": plan["job"].id,
                "stage_id": stages[plan["path"][-1]].id,
                "source_id": rnd.choice(sources).id,
                "medium_id": rnd.choice(mediums).id,
                "salary_expected": round(rnd.uniform(80_000, 115_000), -3),
                "salary_proposed": round(rnd.uniform(85_000, 100_000), -3)
                if plan["path"][-1] >= 4
                else 0.0,
            }
            for plan, candidate in zip(plans, candidates, strict=True)
        ]
    )
    env.flush_all()
    return applicants


def _clear(env, job_ids):
    """Delete the applications (and their candidates, scorecards and stage
    history) of an earlier generation."""
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT id, candidate_id FROM hr_applicant WHERE job_id = ANY(%s)",
            list(job_ids),
        )
    )
    rows = cr.fetchall()
    if not rows:
        return
    applicant_ids = [row[0] for row in rows]
    candidate_ids = sorted({row[1] for row in rows})
    cr.execute(
        SQL(
            """DELETE FROM mail_message
                WHERE model = 'hr.applicant' AND res_id = ANY(%s)""",
            applicant_ids,
        )
    )
    cr.execute(SQL("DELETE FROM hr_applicant WHERE id = ANY(%s)", applicant_ids))
    cr.execute(SQL("DELETE FROM hr_candidate WHERE id = ANY(%s)", candidate_ids))
    env.invalidate_all()


def generate(env, marker, previous, log=print):
    """Generate the hiring data into the database of ``env`` (superuser) and
    record it; the caller commits."""
    started = time.perf_counter()
    rnd = random.Random(SEED)
    env = env(context={**env.context, **QUIET_CONTEXT})
    if previous and previous.get("job_ids"):
        _clear(env, previous["job_ids"])
    salespeople = env["res.users"].search(
        [("login", "=like", "bench.rep%")], order="login"
    )
    teams = env["crm.team"].search([("name", "=like", "Bench Team %")], order="name")
    if not salespeople or not teams:
        raise RuntimeError("No generated salespeople or teams: rebuild the database.")
    recruiter, interviewers = _users(env)
    competencies = env["sales.competency"].search([], order="sequence, id", limit=5)
    jobs = _jobs(env, teams, recruiter, interviewers, competencies)
    job_of_team = {job.sales_team_id.id: job for job in jobs}
    employees = _employees(env, salespeople, job_of_team)
    sources = _named(env, "utm.source", SOURCES)
    mediums = _named(env, "utm.medium", MEDIUMS)
    stages = [
        env.ref(f"sales_management_recruiting.stage_sales_{name}") for name in STAGES
    ]
    refuse = env["hr.applicant.refuse.reason"]
    reasons = {
        "early": refuse.search([], order="sequence, id", limit=1),
        "late": refuse.search([("name", "ilike", "salary")], limit=1)
        or refuse.search([], order="sequence, id", limit=1),
    }
    _say(log, "  references: %d jobs, %d employees", len(jobs), len(employees))
    now = fields.Datetime.now().replace(microsecond=0)
    start = datetime(marker["year"] - 1, 1, 1)
    plans = _plan(rnd, now, start, jobs, salespeople, employees)
    step = time.perf_counter()
    applicants = _create_applications(env, plans, stages, sources, mediums, rnd)
    orm_seconds = time.perf_counter() - step
    messages = write_history(env, plans, applicants, stages, reasons, recruiter)
    cards, lines = write_scorecards(env, plans, applicants, stages, interviewers, rnd)
    env.cr.execute(
        "ANALYZE hr_applicant, hr_candidate, sales_interview_scorecard, "
        "sales_interview_scorecard_line, mail_message, mail_tracking_value"
    )
    env.invalidate_all()
    hires = sum(1 for plan in plans if plan["outcome"] == "hired")
    seconds = time.perf_counter() - started
    _say(
        log,
        "  %d applications (%.1f s with the ORM), %d stage changes, "
        "%d scorecards with %d ratings, %d hires, in %.1f s",
        len(applicants),
        orm_seconds,
        messages,
        cards,
        lines,
        hires,
        seconds,
    )
    data = {
        "version": RECRUITING_VERSION,
        "base": marker.get("generated_on"),
        "generated_on": fields.Datetime.to_string(now),
        "job_id": jobs[0].id,
        "job_ids": jobs.ids,
        "recruiter_login": recruiter.login,
        "interviewer_logins": interviewers.mapped("login"),
        "applicants": APPLICANTS,
        "scorecards": APPLICANTS * INTERVIEWERS,
        "hires": hires,
        "sizes": {
            "applications": len(applicants),
            "stage changes": messages,
            "interview scorecards": cards,
            "competency ratings": lines,
        },
        "seconds": round(seconds, 1),
    }
    env["ir.config_parameter"].sudo().set_param(RECRUITING_KEY, json.dumps(data))
    env.flush_all()
    return data
