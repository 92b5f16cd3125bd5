"""Fixture records of the hiring models, by owner (see access_fixtures.py).

The records themselves are made by access_common.AccessCommon._create_hiring:
a sales job per company, its applications and their interview scorecards.
"""

from access_roles import (
    APPLICANT_OWNERS,
    COMPANY_OWNERS,
    OWNERS,
    PANEL_OWNERS,
    Spec,
    Wizard,
)

# ---------------------------------------------------------------------------
# Builders: values of a minimal valid record of an owner (variant 1: a record
# that does not collide with the fixture).
# ---------------------------------------------------------------------------


def build_job_ramp(case, owner, variant, actor):
    job = case.hiring_jobs[OWNERS[owner].company]
    return {"job_id": job.id, "month": 10 + variant, "percent": 100.0}


def build_job_competency(case, owner, variant, actor):
    job = case.hiring_jobs[OWNERS[owner].company]
    return {
        "job_id": job.id,
        "competency_id": case.spare_job_competency.id,
        "weight": 1.0,
    }


def build_interview_scorecard(case, owner, variant, actor):
    """A scorecard of the owner on the spare application of their company,
    which they interview."""
    return {
        "applicant_id": case.spare_applicants[OWNERS[owner].company][0].id,
        "interviewer_id": case.owner_user(owner).id,
    }


def build_interview_scorecard_line(case, owner, variant, actor):
    """A rating of the competency added to the jobs after the scorecards were
    made, on the owner's draft scorecard of their company's second spare
    application."""
    return {
        "scorecard_id": case.spare_scorecards[owner].id,
        "competency_id": case.spare_rated_competency.id,
        "rating": 3,
    }


def wizard_onboard(case, actor, applicant):
    """The onboarding of an application (none of the fixtures is hired: the
    action refuses them, after the checks of access)."""
    return {"applicant_id": applicant.id}


# ---------------------------------------------------------------------------
# Fixture records
# ---------------------------------------------------------------------------


def fixtures_hiring_jobs(case):
    return {f"company_{key}": job for key, job in case.hiring_jobs.items()}


def fixtures_hiring_job_lines(field):
    def fixtures(case):
        return {
            f"company_{key}": job[field].sorted("id")[:1]
            for key, job in case.hiring_jobs.items()
        }

    return fixtures


def fixtures_applicants(case):
    return dict(case.hiring_applicants)


def fixtures_interview_scorecards(case):
    return dict(case.scorecards)


def fixtures_interview_scorecard_lines(case):
    return {
        owner: card.line_ids.sorted("id")[:1] for owner, card in case.scorecards.items()
    }


def fixtures_comparison(case):
    Comparison = case.env["sales.applicant.comparison"]
    return {
        owner: Comparison.browse(applicant.id)
        for owner, applicant in case.hiring_applicants.items()
    }


def fixtures_competency_matrix(case):
    """The mean rating of the first competency of each company's interviewed
    application (rated by the submitted scorecards)."""
    Matrix = case.env["sales.applicant.competency"]
    applicants = case.hiring_applicants
    return {
        owner: Matrix.search(
            [
                ("applicant_id", "=", applicants[interviewed].id),
                ("competency_id", "=", case.hiring_competencies[0].id),
            ]
        )
        for owner, interviewed in (
            ("company_a", "interviewer"),
            ("company_b", "company_b"),
        )
    }


def fixtures_hiring_analysis(case):
    """The row of each application in the hiring analysis (its id)."""
    Report = case.env["sales.hiring.report"]
    return {
        owner: Report.browse(applicant.id)
        for owner, applicant in case.hiring_applicants.items()
    }


def fixtures_stage_pass_through(case):
    """The row of the first stage each application reached."""
    Report = case.env["sales.hiring.stage.report"]
    return {
        owner: Report.search(
            [("applicant_id", "=", applicant.id)], order="stage_sequence", limit=1
        )
        for owner, applicant in case.hiring_applicants.items()
    }


# The specs and wizards of the hiring models (see access_fixtures.SPECS).
HIRING_SPECS = {
    "sales.job.ramp": Spec(
        COMPANY_OWNERS,
        build_job_ramp,
        fixtures_hiring_job_lines("sales_ramp_ids"),
        {"percent": 30.0},
    ),
    "sales.job.competency": Spec(
        COMPANY_OWNERS,
        build_job_competency,
        fixtures_hiring_job_lines("sales_competency_ids"),
        {"weight": 3.0},
    ),
    "sales.interview.scorecard": Spec(
        PANEL_OWNERS,
        build_interview_scorecard,
        fixtures_interview_scorecards,
        {"notes": "<p>Changed</p>"},
    ),
    "sales.interview.scorecard.line": Spec(
        PANEL_OWNERS,
        build_interview_scorecard_line,
        fixtures_interview_scorecard_lines,
        {"evidence": "Changed"},
    ),
    "sales.applicant.comparison": Spec(APPLICANT_OWNERS, fixtures=fixtures_comparison),
    "sales.applicant.competency": Spec(
        COMPANY_OWNERS, fixtures=fixtures_competency_matrix
    ),
    "sales.hiring.report": Spec(APPLICANT_OWNERS, fixtures=fixtures_hiring_analysis),
    "sales.hiring.stage.report": Spec(
        APPLICANT_OWNERS, fixtures=fixtures_stage_pass_through
    ),
    "hr.job": Spec(
        COMPANY_OWNERS,
        fixtures=fixtures_hiring_jobs,
        write={"sales_territory": "Changed"},
    ),
    "hr.applicant": Spec(
        APPLICANT_OWNERS,
        fixtures=fixtures_applicants,
        write={"sales_claimed_attainment": 110.0},
    ),
}
HIRING_WIZARDS = {
    "sales.applicant.onboard": Wizard(
        "hr.applicant", "applicant_id", wizard_onboard, "action_onboard"
    ),
}
