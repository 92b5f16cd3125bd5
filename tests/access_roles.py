"""Roles, owners and helpers of the cross-addon access and input tests.

The tests build two companies (``a`` and ``b``), a user per role (``ROLES``)
and three sales teams (``TEAMS``); fixture records belong to the owners of
``OWNERS``: a role user, a salesperson of another team, a team, a company or
nobody (no company). Imported by Odoo test modules of tests/ only, after
``pytest.importorskip("odoo")``.
"""

import re
from collections import namedtuple
from contextlib import contextmanager
from datetime import date

ADDONS = (
    "sales_management",
    "sales_management_forecast",
    "sales_management_recruiting",
)
# Every date of the fixtures is relative to this day (tests freeze time to it).
TODAY = date(2026, 3, 15)

# Roles: their group, their only company and the sales team they are a member of.
# A new role is added here and in every entry of EXPECTED in access_policy.py.
Role = namedtuple("Role", "groups company team")
ROLES = {
    "salesman_own": Role("sales_team.group_sale_salesman", "a", "team_a"),
    "salesman_all": Role("sales_team.group_sale_salesman_all_leads", "a", "team_a"),
    "team_leader": Role("sales_management.group_sales_team_leader", "a", "team_a"),
    "manager": Role("sales_team.group_sale_manager", "a", None),
    "other_company": Role("sales_team.group_sale_manager", "b", "team_x"),
    "portal": Role("base.group_portal", "a", None),
    # Recruitment: Officer and Interviewer (they hold no sales right)
    "recruiter": Role("hr_recruitment.group_hr_recruitment_user", "a", None),
    "interviewer": Role("hr_recruitment.group_hr_recruitment_interviewer", "a", None),
}
# Salespeople who are no role: a member of the other team of company a; a
# salesperson of company a and one of company b who sit on interview panels
# (Odoo makes them interviewers).
EXTRA_USERS = {
    "rep_b": ("a", "team_b"),
    "colleague": ("a", None),
    "panel_b": ("b", None),
}
# Teams: company, leader (a role). The leader of team_a is also its member.
TEAMS = {"team_a": ("a", "team_leader"), "team_b": ("a", None), "team_x": ("b", None)}

# How the fixture records of a model are made (access_fixtures.SPECS): their
# owners, a builder of the values of a record of an owner (or None), the
# records made otherwise (SQL views, lines), the values of a harmless write
# and the context an RPC client could send with it.
Spec = namedtuple(
    "Spec",
    "owners build fixtures write context",
    defaults=(None, None, None, None),
)

# Owners of fixture records: user (a role or an extra user), team, company.
Owner = namedtuple("Owner", "user team company")
OWNERS = {
    "salesman_own": Owner("salesman_own", "team_a", "a"),
    "salesman_all": Owner("salesman_all", "team_a", "a"),
    "team_leader": Owner("team_leader", "team_a", "a"),
    "rep_b": Owner("rep_b", "team_b", "a"),
    "manager": Owner("manager", None, "a"),
    "other_company": Owner("other_company", "team_x", "b"),
    "team_a": Owner(None, "team_a", "a"),
    "team_b": Owner(None, "team_b", "a"),
    "company_a": Owner(None, None, "a"),
    "company_b": Owner(None, None, "b"),
    "global": Owner(None, None, None),
    # interviewers of the hiring fixtures
    "recruiter": Owner("recruiter", None, "a"),
    "interviewer": Owner("interviewer", None, "a"),
    "colleague": Owner("colleague", None, "a"),
    "panel_b": Owner("panel_b", None, "b"),
}
USER_OWNERS = (
    "salesman_own",
    "salesman_all",
    "team_leader",
    "rep_b",
    "manager",
    "other_company",
)
TEAM_OWNERS = ("team_a", "team_b")
COMPANY_OWNERS = ("company_a", "company_b")
# Leads and orders: of each salesperson, of a team without salesperson, of nobody.
LEAD_OWNERS = (*USER_OWNERS, "team_a", "company_a")
# The salespeople with a scorecard: members of a team.
MEMBER_OWNERS = (
    "salesman_own",
    "salesman_all",
    "team_leader",
    "rep_b",
    "other_company",
)

# Hiring: the interviewers of the applicant of each company (the interviewer
# role's own scorecard is a draft, the colleague's and panel_b's submitted),
# and the applications (one the interviewer role interviews, one nobody does,
# one of company b).
PANEL_OWNERS = ("recruiter", "interviewer", "colleague", "panel_b")
APPLICANT_OWNERS = ("interviewer", "company_a", "company_b")

# Context keys of the scheduled jobs and of period closing: an RPC client can
# send them too, so the attempts of the roles on the models they guard carry
# them (they must give no right).
JOB_CONTEXT = {
    "sales_scorecard_closing": True,
    "sales_forecast_snapshot_job": True,
    "sales_forecast_statistical_job": True,
}


def addon_models(env):
    """Names of the models the three addons define (abstract ones left out)."""
    names = env["ir.model.data"].search(
        [("module", "in", ADDONS), ("model", "=", "ir.model")]
    )
    models = env["ir.model"].browse(names.mapped("res_id")).mapped("model")
    return sorted(
        name
        for name in set(models)
        if name in env
        and env[name]._original_module in ADDONS
        and not env[name]._abstract
    )


@contextmanager
def rolled_back(env):
    """Run the block in a savepoint that is always rolled back (cache cleared)."""
    savepoint = env.cr.savepoint()
    try:
        yield
    finally:
        savepoint.close(rollback=True)
        env.invalidate_all(flush=False)


def describe_error(error):
    """An unexpected exception in one line: its type and its first line."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"


def in_scope(scope, owner, role):
    """Whether the fixture record of ``owner`` is in ``role``'s ``scope`` (the
    scopes are described in access_policy.py)."""
    spec, role_def = OWNERS[owner], ROLES[role]
    if spec.company not in (None, role_def.company) or scope == "-":
        return False
    led = {name for name, (_company, leader) in TEAMS.items() if leader == role}
    terms = {
        "own": spec.user == role,
        "team": spec.team in led,
        "unassigned": spec.user is None,
        "company": True,
        # the records of a user who is no role, by name ("own+colleague")
        **{name: spec.user == name for name in EXTRA_USERS},
    }
    result = False
    for sign, term in re.findall(r"([+-]?)([a-z]+)", scope):
        result = (result and not terms[term]) if sign == "-" else result or terms[term]
    return result


def describe(model, role, op, scope, expected, allowed, errors=None):
    """One line of the failure message: what differs from the scope."""
    parts = [f"{model} | {role} | {op}: expected {scope!r}"]
    if more := sorted(allowed - expected):
        parts.append(f"also allowed on {more}")
    if less := sorted(expected - allowed - set(errors or ())):
        parts.append(f"refused on {less}")
    if errors:
        parts.append(f"errors: {errors}")
    return ", ".join(parts)


def probe_field(Model):
    """A plain stored field every reader of the model may read."""
    for name, field in Model._fields.items():
        if (
            field.store
            and field.column_type
            and name != "id"
            and not field.groups
            and field.type not in ("many2one", "binary")
        ):
            return name
    return "id"


# A wizard that takes a record: the record's model, the field, the values of
# a wizard on a record for a user, and the button that runs it.
Wizard = namedtuple("Wizard", "target field build action")
