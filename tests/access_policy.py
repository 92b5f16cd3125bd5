"""The access policy of the three addons: who may do what on every model.

EXPECTED has one entry per model: for each role (access_roles.ROLES), the
scope of each operation. A scope names the fixture records (access_roles.OWNERS)
a role may act on, relative to the role's user:

    -             nothing (refused)
    own           the records of the role's user
    team          the records of the teams the user leads
    unassigned    the records of no salesperson
    company       every record of the user's companies and of no company
    colleague...  the records of a user who is no role (access_roles.EXTRA_USERS)
    a+b, a-b      union, difference: "own+team", "team-own"

Records of another company are never in a scope. test_access_matrix.py checks
every cell; a new role is added to every entry.
"""

NO = "-"
OWN = "own"
TEAM = "own+team"
COMPANY = "company"
YES = "company"  # wizards: may be created
CRUD = ("read", "create", "write", "unlink")

# The team leader level (README, "Who sees what"): team leaders do not get
# Odoo's "All Documents"; on leads and orders they see their own, the
# unassigned ones and their teams'.
LEADER_LEADS = "own+team+unassigned"
# Odoo's "User: Own Documents Only" on leads and orders.
OWN_LEADS = "own+unassigned"

# fmt: off
CONFIGURATION = {
    "ops":           CRUD,
    "salesman_own":  (COMPANY, NO,      NO,      NO),
    "salesman_all":  (COMPANY, NO,      NO,      NO),
    "team_leader":   (COMPANY, NO,      NO,      NO),
    "manager":       (COMPANY, COMPANY, COMPANY, COMPANY),
    "other_company": (COMPANY, COMPANY, COMPANY, COMPANY),
    "portal":        (NO,      NO,      NO,      NO),
    "recruiter":     (NO,      NO,      NO,      NO),
    "interviewer":   (NO,      NO,      NO,      NO),
}
REVIEWS = {  # read once shared; the leader manages the team's, not their own
    "ops":           (*CRUD,                                       "read_draft"),
    "salesman_own":  (OWN,     NO,         NO,         NO,         NO),
    "salesman_all":  (OWN,     NO,         NO,         NO,         NO),
    "team_leader":   (TEAM,    "team-own", "team-own", "team-own", "team-own"),
    "manager":       (COMPANY, COMPANY,    COMPANY,    COMPANY,    COMPANY),
    "other_company": (COMPANY, COMPANY,    COMPANY,    COMPANY,    COMPANY),
    "portal":        (NO,      NO,         NO,         NO,         NO),
    "recruiter":     (NO,      NO,         NO,         NO,         NO),
    "interviewer":   (NO,      NO,         NO,         NO,         NO),
}
REVIEW_SCORECARD = {  # copied from the scorecard into the review: nobody edits it
    "ops":           (*CRUD,                  "read_draft"),
    "salesman_own":  (OWN,     NO, NO, NO,    NO),
    "salesman_all":  (OWN,     NO, NO, NO,    NO),
    "team_leader":   (TEAM,    NO, NO, NO,    "team-own"),
    "manager":       (COMPANY, NO, NO, NO,    COMPANY),
    "other_company": (COMPANY, NO, NO, NO,    COMPANY),
    "portal":        (NO,      NO, NO, NO,    NO),
    "recruiter":     (NO,      NO, NO, NO,    NO),
    "interviewer":   (NO,      NO, NO, NO,    NO),
}
OWNED_READ_ONLY = {  # forecasts' history and projections: nobody writes them
    "ops":           CRUD,
    "salesman_own":  (OWN,     NO, NO, NO),
    "salesman_all":  (OWN,     NO, NO, NO),
    "team_leader":   (TEAM,    NO, NO, NO),
    "manager":       (COMPANY, NO, NO, NO),
    "other_company": (COMPANY, NO, NO, NO),
    "portal":        (NO,      NO, NO, NO),
    "recruiter":     (NO,      NO, NO, NO),
    "interviewer":   (NO,      NO, NO, NO),
}
LEAD_REPORT = {  # SQL views over leads: read like the leads
    "ops":           ("search_read",),
    "salesman_own":  (OWN_LEADS,),
    "salesman_all":  (COMPANY,),
    "team_leader":   (LEADER_LEADS,),
    "manager":       (COMPANY,),
    "other_company": (COMPANY,),
    "portal":        (NO,),
    "recruiter":     (NO,),
    "interviewer":   (NO,),
}
DOCUMENT_ROWS = {  # SQL views read like the documents of their rows (orders)
    "ops":           ("read",),
    "salesman_own":  (OWN_LEADS,),
    "salesman_all":  (COMPANY,),
    "team_leader":   (LEADER_LEADS,),
    "manager":       (COMPANY,),
    "other_company": (COMPANY,),
    "portal":        (NO,),
    "recruiter":     (NO,),
    "interviewer":   (NO,),
}
FOLLOW_UPS = {  # fired by the rules, closed with their activities: seen like leads
    "ops":           CRUD,
    "salesman_own":  (OWN,     NO, NO, NO),
    "salesman_all":  (COMPANY, NO, NO, NO),
    "team_leader":   (TEAM,    NO, NO, NO),
    "manager":       (COMPANY, NO, NO, NO),
    "other_company": (COMPANY, NO, NO, NO),
    "portal":        (NO,      NO, NO, NO),
    "recruiter":     (NO,      NO, NO, NO),
    "interviewer":   (NO,      NO, NO, NO),
}
SALES_READ_ONLY = {  # computed by a scheduled job, read by every salesperson
    "ops":           CRUD,
    "salesman_own":  (COMPANY, NO, NO, NO),
    "salesman_all":  (COMPANY, NO, NO, NO),
    "team_leader":   (COMPANY, NO, NO, NO),
    "manager":       (COMPANY, NO, NO, NO),
    "other_company": (COMPANY, NO, NO, NO),
    "portal":        (NO,      NO, NO, NO),
    "recruiter":     (NO,      NO, NO, NO),
    "interviewer":   (NO,      NO, NO, NO),
}
MANAGER_WIZARD = {
    "ops": ("create",), "salesman_own": (NO,), "salesman_all": (NO,),
    "team_leader": (NO,), "manager": (YES,), "other_company": (YES,), "portal": (NO,),
    "recruiter": (NO,), "interviewer": (NO,),
}
SALES_WIZARD = {
    "ops": ("create",), "salesman_own": (YES,), "salesman_all": (YES,),
    "team_leader": (YES,), "manager": (YES,), "other_company": (YES,), "portal": (NO,),
    "recruiter": (NO,), "interviewer": (NO,),
}

# Sales hiring (README, "Who sees what"): recruiters and sales managers see
# everything; an interviewer the applications they interview and their own
# scorecards, the others' of an application once theirs is submitted
# ("read_submitted": the interviewer role's scorecard submitted first).
JOB_PROFILE_LINES = {  # ramp plans and weighted competencies of the sales jobs
    "ops":           CRUD,
    "salesman_own":  (NO,      NO,      NO,      NO),
    "salesman_all":  (NO,      NO,      NO,      NO),
    "team_leader":   (NO,      NO,      NO,      NO),
    "manager":       (COMPANY, COMPANY, COMPANY, COMPANY),
    "other_company": (COMPANY, COMPANY, COMPANY, COMPANY),
    "portal":        (NO,      NO,      NO,      NO),
    "recruiter":     (COMPANY, COMPANY, COMPANY, COMPANY),
    "interviewer":   (COMPANY, NO,      NO,      NO),
}
SCORECARDS = {  # a draft of its interviewer; submitted, history
    "ops":           (*CRUD,                  "read_submitted"),
    "salesman_own":  (NO,      NO,  NO,  NO,  NO),
    "salesman_all":  (NO,      NO,  NO,  NO,  NO),
    "team_leader":   (NO,      NO,  NO,  NO,  NO),
    "manager":       (COMPANY, NO,  NO,  NO,  COMPANY),
    "other_company": (COMPANY, NO,  NO,  NO,  COMPANY),
    "portal":        (NO,      NO,  NO,  NO,  NO),
    "recruiter":     (COMPANY, OWN, OWN, OWN, COMPANY),
    "interviewer":   (OWN,     OWN, OWN, OWN, "own+colleague"),
}
HIRING_REPORT = {  # sums of every interviewer's ratings, hiring analytics
    "ops":           ("search_read",),
    "salesman_own":  (NO,),
    "salesman_all":  (NO,),
    "team_leader":   (NO,),
    "manager":       (COMPANY,),
    "other_company": (COMPANY,),
    "portal":        (NO,),
    "recruiter":     (COMPANY,),
    "interviewer":   (NO,),
}
ONBOARDING_WIZARD = {  # the hired applicants of sales jobs they may read
    "ops": ("create",), "salesman_own": (NO,), "salesman_all": (NO,),
    "team_leader": (NO,), "manager": (YES,), "other_company": (YES,), "portal": (NO,),
    "recruiter": (YES,), "interviewer": (NO,),
}
HIRING_PLANS = {  # recruiters and sales managers plan the hires of the teams
    "ops":           CRUD,
    "salesman_own":  (NO,      NO,      NO,      NO),
    "salesman_all":  (NO,      NO,      NO,      NO),
    "team_leader":   (NO,      NO,      NO,      NO),
    "manager":       (COMPANY, COMPANY, COMPANY, COMPANY),
    "other_company": (COMPANY, COMPANY, COMPANY, COMPANY),
    "portal":        (NO,      NO,      NO,      NO),
    "recruiter":     (COMPANY, COMPANY, COMPANY, COMPANY),
    "interviewer":   (NO,      NO,      NO,      NO),
}
HIRING_PLAN_ROWS = {  # computed by the plan's button: nobody writes them
    "ops":           CRUD,
    "salesman_own":  (NO,      NO, NO, NO),
    "salesman_all":  (NO,      NO, NO, NO),
    "team_leader":   (NO,      NO, NO, NO),
    "manager":       (COMPANY, NO, NO, NO),
    "other_company": (COMPANY, NO, NO, NO),
    "portal":        (NO,      NO, NO, NO),
    "recruiter":     (COMPANY, NO, NO, NO),
    "interviewer":   (NO,      NO, NO, NO),
}

EXPECTED = {
    # -- configuration -------------------------------------------------------
    "sales.competency": {  # rated by interviewers too
        **CONFIGURATION,
        "recruiter":     (COMPANY, NO, NO, NO),
        "interviewer":   (COMPANY, NO, NO, NO),
    },
    "sales.scoring.rule": CONFIGURATION,
    "sales.scoring.grade": CONFIGURATION,
    "sales.scoring.model": CONFIGURATION,
    "sales.scorecard.weight": CONFIGURATION,
    "sales.forecast.category.mapping": CONFIGURATION,
    "sales.forecast.category.rule": CONFIGURATION,
    # -- targets ---------------------------------------------------------------
    "sales.quota.plan": CONFIGURATION,
    "sales.quota": {
        "ops":           CRUD,
        "salesman_own":  (OWN,     NO,      NO,      NO),
        "salesman_all":  (OWN,     NO,      NO,      NO),
        "team_leader":   (TEAM,    NO,      NO,      NO),
        "manager":       (COMPANY, COMPANY, COMPANY, COMPANY),
        "other_company": (COMPANY, COMPANY, COMPANY, COMPANY),
        "portal":        (NO,      NO,      NO,      NO),
        "recruiter":     (NO,      NO,      NO,      NO),
        "interviewer":   (NO,      NO,      NO,      NO),
    },
    # -- scoring: scores follow the leads, nobody writes them --------------------
    "sales.lead.score": {
        "ops":           CRUD,
        "salesman_own":  (OWN_LEADS,    NO, NO, NO),
        "salesman_all":  (COMPANY,      NO, NO, NO),
        "team_leader":   (LEADER_LEADS, NO, NO, NO),
        "manager":       (COMPANY,      NO, NO, NO),
        "other_company": (COMPANY,      NO, NO, NO),
        "portal":        (NO,           NO, NO, NO),
        "recruiter":     (NO,           NO, NO, NO),
        "interviewer":   (NO,           NO, NO, NO),
    },
    # -- suggestions read in emails and notes: read like their leads, decided
    # (accepted or dismissed) by whoever edits the lead, written by nobody
    "sales.lead.suggestion": {
        "ops":           (*CRUD,                     "decide"),
        "salesman_own":  (OWN_LEADS,    NO, NO, NO,  OWN_LEADS),
        "salesman_all":  (COMPANY,      NO, NO, NO,  COMPANY),
        "team_leader":   (LEADER_LEADS, NO, NO, NO,  LEADER_LEADS),
        "manager":       (COMPANY,      NO, NO, NO,  COMPANY),
        "other_company": (COMPANY,      NO, NO, NO,  COMPANY),
        "portal":        (NO,           NO, NO, NO,  NO),
        "recruiter":     (NO,           NO, NO, NO,  NO),
        "interviewer":   (NO,           NO, NO, NO,  NO),
    },
    # -- performance -----------------------------------------------------------
    "sales.scorecard": {  # SQL view
        "ops":           ("search_read",),
        "salesman_own":  (OWN,),
        "salesman_all":  (OWN,),
        "team_leader":   (TEAM,),
        "manager":       (COMPANY,),
        "other_company": (COMPANY,),
        "portal":        (NO,),
        "recruiter":     (NO,),
        "interviewer":   (NO,),
    },
    "sales.scorecard.line": {  # stored by closing a period only
        "ops":           CRUD,
        "salesman_own":  (NO,      NO, NO, NO),
        "salesman_all":  (NO,      NO, NO, NO),
        "team_leader":   (NO,      NO, NO, NO),
        "manager":       (COMPANY, NO, NO, NO),
        "other_company": (COMPANY, NO, NO, NO),
        "portal":        (NO,      NO, NO, NO),
        "recruiter":     (NO,      NO, NO, NO),
        "interviewer":   (NO,      NO, NO, NO),
    },
    "sales.scorecard.period": {  # closed with its button only, then kept
        "ops":           (*CRUD, "write_state", "unlink_closed"),
        "salesman_own":  (COMPANY, NO,      NO,      NO,      NO,            NO),
        "salesman_all":  (COMPANY, NO,      NO,      NO,      NO,            NO),
        "team_leader":   (COMPANY, NO,      NO,      NO,      NO,            NO),
        "manager":       (COMPANY, COMPANY, COMPANY, COMPANY, NO,            NO),
        "other_company": (COMPANY, COMPANY, COMPANY, COMPANY, NO,            NO),
        "portal":        (NO,      NO,      NO,      NO,      NO,            NO),
        "recruiter":     (NO,      NO,      NO,      NO,      NO,            NO),
        "interviewer":   (NO,      NO,      NO,      NO,      NO,            NO),
    },
    "sales.evaluation": REVIEWS,
    "sales.evaluation.kpi": REVIEW_SCORECARD,
    "sales.evaluation.rating": REVIEWS,
    "sales.evaluation.action": REVIEWS,
    # -- forecasting -----------------------------------------------------------
    "sales.forecast": {
        "ops":           CRUD,
        "salesman_own":  (OWN,     NO,      NO,      NO),
        "salesman_all":  (OWN,     NO,      NO,      NO),
        "team_leader":   (TEAM,    NO,      NO,      NO),
        "manager":       (COMPANY, COMPANY, COMPANY, COMPANY),
        "other_company": (COMPANY, COMPANY, COMPANY, COMPANY),
        "portal":        (NO,      NO,      NO,      NO),
        "recruiter":     (NO,      NO,      NO,      NO),
        "interviewer":   (NO,      NO,      NO,      NO),
    },
    "sales.forecast.entry": {  # a submission by its owner, an adjustment above
        "ops":           CRUD,
        "salesman_own":  (OWN,     OWN,     NO, NO),
        "salesman_all":  (OWN,     OWN,     NO, NO),
        "team_leader":   (TEAM,    TEAM,    NO, NO),
        "manager":       (COMPANY, COMPANY, NO, NO),
        "other_company": (COMPANY, COMPANY, NO, NO),
        "portal":        (NO,      NO,      NO, NO),
        "recruiter":     (NO,      NO,      NO, NO),
        "interviewer":   (NO,      NO,      NO, NO),
    },
    "sales.forecast.snapshot": {  # the company totals are for managers
        "ops":           (*CRUD,                  "read_totals"),
        "salesman_own":  (COMPANY, NO, NO, NO,    NO),
        "salesman_all":  (COMPANY, NO, NO, NO,    NO),
        "team_leader":   (COMPANY, NO, NO, NO,    NO),
        "manager":       (COMPANY, NO, NO, NO,    COMPANY),
        "other_company": (COMPANY, NO, NO, NO,    COMPANY),
        "portal":        (NO,      NO, NO, NO,    NO),
        "recruiter":     (NO,      NO, NO, NO,    NO),
        "interviewer":   (NO,      NO, NO, NO,    NO),
    },
    "sales.forecast.snapshot.line": OWNED_READ_ONLY,
    "sales.forecast.statistical": OWNED_READ_ONLY,
    "sales.funnel.report": LEAD_REPORT,
    "sales.stage.duration.report": LEAD_REPORT,
    # -- follow-ups --------------------------------------------------------------
    "sales.followup.rule": CONFIGURATION,
    "sales.followup.rule.stage": CONFIGURATION,
    "sales.followup.log": FOLLOW_UPS,
    "sales.customer.cadence": SALES_READ_ONLY,
    # -- wizards ---------------------------------------------------------------
    "sales.quota.distribute": MANAGER_WIZARD,
    "sales.quota.distribute.line": MANAGER_WIZARD,
    "sales.category.propensity": MANAGER_WIZARD,
    "sales.category.propensity.line": MANAGER_WIZARD,
    "sales.forecast.prepare": MANAGER_WIZARD,
    "sales.evaluation.generate": {  # "All Documents" includes the team leader level
        "ops": ("create",), "salesman_own": (NO,), "salesman_all": (YES,),
        "team_leader": (YES,), "manager": (YES,), "other_company": (YES,),
        "portal": (NO,),
        "recruiter": (NO,),
        "interviewer": (NO,),
    },
    "sales.forecast.submit": SALES_WIZARD,
    "sales.forecast.waterfall": SALES_WIZARD,
    "sales.forecast.waterfall.line": SALES_WIZARD,
    "sales.followup.preview": MANAGER_WIZARD,
    "sales.followup.preview.line": MANAGER_WIZARD,
    # -- hiring ----------------------------------------------------------------
    "sales.job.ramp": JOB_PROFILE_LINES,
    "sales.job.competency": JOB_PROFILE_LINES,
    "sales.interview.scorecard": SCORECARDS,
    "sales.interview.scorecard.line": SCORECARDS,
    "sales.applicant.comparison": HIRING_REPORT,
    "sales.applicant.competency": HIRING_REPORT,
    "sales.hiring.report": HIRING_REPORT,
    "sales.hiring.stage.report": HIRING_REPORT,
    "sales.applicant.onboard": ONBOARDING_WIZARD,
    "sales.hiring.plan": HIRING_PLANS,
    "sales.hiring.plan.team": HIRING_PLAN_ROWS,
    "sales.hiring.plan.line": HIRING_PLAN_ROWS,
    "sales.quality.hire": HIRING_REPORT,
    "sales.quality.hire.summary": HIRING_REPORT,
    "hr.job": {  # sales managers edit the sales jobs' profiles
        "ops":           ("read",  "write"),
        "salesman_own":  (NO,      NO),
        "salesman_all":  (NO,      NO),
        "team_leader":   (NO,      NO),
        "manager":       (COMPANY, COMPANY),
        "other_company": (COMPANY, COMPANY),
        "portal":        (NO,      NO),
        "recruiter":     (COMPANY, COMPANY),
        "interviewer":   (COMPANY, NO),
    },
    "hr.applicant": {  # salespeople see none; interviewers theirs (Odoo's rule)
        "ops":           ("read",  "write"),
        "salesman_own":  (NO,      NO),
        "salesman_all":  (NO,      NO),
        "team_leader":   (NO,      NO),
        "manager":       (COMPANY, NO),
        "other_company": (COMPANY, NO),
        "portal":        (NO,      NO),
        "recruiter":     (COMPANY, COMPANY),
        "interviewer":   (OWN,     OWN),
    },
    # -- customer timeline and recommendations ----------------------------------
    # rows of SQL views read with the rights on their documents (the orders)
    "sales.customer.timeline": DOCUMENT_ROWS,
    "sales.order.suggestion": DOCUMENT_ROWS,
    "sales.recommendation": {  # SQL view: follow the customer's salesperson
        "ops":           ("read",),
        "salesman_own":  (OWN_LEADS,),
        "salesman_all":  (COMPANY,),
        "team_leader":   (LEADER_LEADS,),
        "manager":       (COMPANY,),
        "other_company": (COMPANY,),
        "portal":        (NO,),
        "recruiter":     (NO,),
        "interviewer":   (NO,),
    },
    "sales.recommendation.list": {  # what the job stores, for managers to check
        "ops":           CRUD,
        "salesman_own":  (NO,      NO, NO, NO),
        "salesman_all":  (NO,      NO, NO, NO),
        "team_leader":   (NO,      NO, NO, NO),
        "manager":       (COMPANY, NO, NO, NO),
        "other_company": (COMPANY, NO, NO, NO),
        "portal":        (NO,      NO, NO, NO),
        "recruiter":     (NO,      NO, NO, NO),
        "interviewer":   (NO,      NO, NO, NO),
    },
    "sales.recommendation.feedback": {  # history of the Add and Dismiss buttons
        "ops":           CRUD,
        "salesman_own":  (OWN,     OWN,     NO, NO),
        "salesman_all":  (TEAM,    OWN,     NO, NO),
        "team_leader":   (TEAM,    OWN,     NO, NO),
        "manager":       (COMPANY, COMPANY, NO, COMPANY),
        "other_company": (COMPANY, COMPANY, NO, COMPANY),
        "portal":        (NO,      NO,      NO, NO),
        "recruiter":     (NO,      NO,      NO, NO),
        "interviewer":   (NO,      NO,      NO, NO),
    },
    "sales.product.pair": {  # mined by the job, read by every salesperson
        "ops":           CRUD,
        "salesman_own":  (COMPANY, NO, NO, NO),
        "salesman_all":  (COMPANY, NO, NO, NO),
        "team_leader":   (COMPANY, NO, NO, NO),
        "manager":       (COMPANY, NO, NO, NO),
        "other_company": (COMPANY, NO, NO, NO),
        "portal":        (NO,      NO, NO, NO),
        "recruiter":     (NO,      NO, NO, NO),
        "interviewer":   (NO,      NO, NO, NO),
    },
    "sales.recommendation.run": {  # the job's refreshes, for managers
        "ops":           CRUD,
        "salesman_own":  (NO,      NO, NO, NO),
        "salesman_all":  (NO,      NO, NO, NO),
        "team_leader":   (NO,      NO, NO, NO),
        "manager":       (COMPANY, NO, NO, NO),
        "other_company": (COMPANY, NO, NO, NO),
        "portal":        (NO,      NO, NO, NO),
        "recruiter":     (NO,      NO, NO, NO),
        "interviewer":   (NO,      NO, NO, NO),
    },
    # -- Odoo's documents, as the team leader group leaves them ----------------
    "crm.lead": {
        "ops":           ("read",       "write"),
        "salesman_own":  (OWN_LEADS,    OWN_LEADS),
        "salesman_all":  (COMPANY,      COMPANY),
        "team_leader":   (LEADER_LEADS, LEADER_LEADS),
        "manager":       (COMPANY,      COMPANY),
        "other_company": (COMPANY,      COMPANY),
        "portal":        (NO,           NO),
        "recruiter":     (NO,           NO),
        "interviewer":   (NO,           NO),
    },
    "sale.order": {
        "ops":           ("read",       "write"),
        "salesman_own":  (OWN_LEADS,    OWN_LEADS),
        "salesman_all":  (COMPANY,      COMPANY),
        "team_leader":   (LEADER_LEADS, LEADER_LEADS),
        "manager":       (COMPANY,      COMPANY),
        "other_company": (COMPANY,      COMPANY),
        "portal":        (NO,           NO),
        "recruiter":     (NO,           NO),
        "interviewer":   (NO,           NO),
    },
}
# fmt: on
