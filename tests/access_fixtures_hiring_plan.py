"""Fixture records of the hiring plan and the quality of hire, by owner (see
access_fixtures.py): the company's records, as AccessCommon builds them with
``create_hiring_plans`` once the hiring fixtures are made."""

from datetime import date, datetime

from access_roles import COMPANY_OWNERS, OWNERS, Spec

# The application hired in each company, and the salesperson it became.
HIRED = {"a": ("interviewer", "rep_b"), "b": ("company_b", "panel_b")}
# The team of each company with a team target.
PLANNED_TEAMS = {"a": "team_a", "b": "team_x"}


def create_hiring_plans(case):
    """Per company: an active target plan of 2026 with targets of the
    company's team from April to June and a hiring plan of those months,
    computed; the interviewed application hired on 2 June 2025, its employee
    a salesperson of the company with a target in June 2025 (an active plan
    of 2025): a row of the quality of hire, its first months over."""
    case.hiring_target_plans = {}
    case.hiring_plans = {}
    for key, company in case.companies.items():
        team = case.teams[PLANNED_TEAMS[key]]
        plan = _target_plan(case, company, 2026)
        case.env["sales.quota"].create(
            [
                {
                    "plan_id": plan.id,
                    "target_type": "team",
                    "team_id": team.id,
                    "date_from": date(2026, month, 1),
                    "target_amount": 5000.0,
                }
                for month in (4, 5, 6)
            ]
        )
        plan.action_activate()
        case.hiring_target_plans[key] = plan
        hiring_plan = (
            case.env["sales.hiring.plan"]
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "quota_plan_id": plan.id,
                    "date_from": date(2026, 4, 1),
                    "period_count": 3,
                }
            )
        )
        hiring_plan.action_compute()
        case.hiring_plans[key] = hiring_plan.with_env(case.env)
        applicant_owner, user_name = HIRED[key]
        user = case.users[user_name]
        applicant = case.hiring_applicants[applicant_owner]
        applicant.candidate_id.employee_id = case.env["hr.employee"].create(
            {"name": user.name, "user_id": user.id, "company_id": company.id}
        )
        applicant.date_closed = datetime(2025, 6, 2, 9)
        past = _target_plan(case, company, 2025)
        case.env["sales.quota"].create(
            {
                "plan_id": past.id,
                "target_type": "user",
                "user_id": user.id,
                "date_from": date(2025, 6, 1),
                "target_amount": 1000.0,
            }
        )
        past.action_activate()


def _target_plan(case, company, year):
    return case.env["sales.quota.plan"].create(
        {
            "name": f"Matrix hiring targets {company.name} {year}",
            "company_id": company.id,
            "metric": "sale",
            "period_type": "month",
            "date_from": date(year, 1, 1),
            "date_to": date(year, 12, 31),
        }
    )


# ---------------------------------------------------------------------------
# Builders and fixtures
# ---------------------------------------------------------------------------


def build_hiring_plan(case, owner, variant, actor):
    key = OWNERS[owner].company
    return {
        "company_id": case.companies[key].id,
        "quota_plan_id": case.hiring_target_plans[key].id,
        "date_from": date(2026, 4 + variant, 1),
        "period_count": 2,
    }


def build_hiring_plan_team(case, owner, variant, actor):
    """A row of the company's team (nobody may create one: the plan does)."""
    key = OWNERS[owner].company
    return {
        "plan_id": case.hiring_plans[key].id,
        "team_id": case.teams[PLANNED_TEAMS[key]].id,
    }


def build_hiring_plan_line(case, owner, variant, actor):
    key = OWNERS[owner].company
    return {
        "plan_team_id": case.hiring_plans[key].team_ids[:1].id,
        "date_from": date(2026, 7 + variant, 1),
    }


def fixtures_hiring_plans(case):
    return {f"company_{key}": plan for key, plan in case.hiring_plans.items()}


def fixtures_hiring_plan_rows(field):
    def fixtures(case):
        return {
            f"company_{key}": plan[field].sorted("id")[:1]
            for key, plan in case.hiring_plans.items()
        }

    return fixtures


def fixtures_quality_of_hire(case):
    return {
        f"company_{key}": case.env["sales.quality.hire"].search(
            [("applicant_id", "=", case.hiring_applicants[applicant].id)]
        )
        for key, (applicant, _user) in HIRED.items()
    }


def fixtures_quality_summary(case):
    Summary = case.env["sales.quality.hire.summary"]
    return {
        f"company_{key}": Summary.search(
            [
                ("company_id", "=", company.id),
                ("competency_id", "=", case.hiring_competencies[0].id),
            ]
        )
        for key, company in case.companies.items()
    }


HIRING_PLAN_SPECS = {
    "sales.hiring.plan": Spec(
        COMPANY_OWNERS,
        build_hiring_plan,
        fixtures_hiring_plans,
        {"lead_time": 3},
    ),
    "sales.hiring.plan.team": Spec(
        COMPANY_OWNERS,
        build_hiring_plan_team,
        fixtures_hiring_plan_rows("team_ids"),
        {"hires_needed": 4},
    ),
    "sales.hiring.plan.line": Spec(
        COMPANY_OWNERS,
        build_hiring_plan_line,
        fixtures_hiring_plan_rows("line_ids"),
        {"gap": 1.0},
    ),
    "sales.quality.hire": Spec(COMPANY_OWNERS, fixtures=fixtures_quality_of_hire),
    "sales.quality.hire.summary": Spec(
        COMPANY_OWNERS, fixtures=fixtures_quality_summary
    ),
}
