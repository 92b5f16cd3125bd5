"""Shared fixtures of the cross-addon access and input tests.

``AccessCommon.setUpClass`` builds, with no demo data, two companies, the users
of every role, three sales teams and, for every model of the three addons,
fixture records of several owners (``OWNERS``): a record of each role user, of
a salesperson of another team, of a team, of a company and of no company.
``SPECS`` says, for each model, which owners its records have and how to build
one (the builders give the values of a minimal valid record).

Imported by Odoo test modules of tests/ only (after ``pytest.importorskip``).
"""

from collections import namedtuple
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

ADDONS = (
    "sales_management",
    "sales_management_forecast",
    "sales_management_recruiting",
)
# Every date of the fixtures is relative to this day (tests freeze time to it).
TODAY = date(2026, 3, 15)

# Roles: groups, company and the sales team they belong to (or lead).
Role = namedtuple("Role", "groups company team leads")
ROLES = {
    "salesman_own": Role("sales_team.group_sale_salesman", "a", "team_a", False),
    "salesman_all": Role(
        "sales_team.group_sale_salesman_all_leads", "a", "team_a", False
    ),
    "team_leader": Role(
        "sales_management.group_sales_team_leader", "a", "team_a", True
    ),
    "manager": Role("sales_team.group_sale_manager", "a", None, False),
    "other_company": Role("sales_team.group_sale_manager", "b", "team_x", False),
    "portal": Role("base.group_portal", "a", None, False),
}
# Salespeople who are no role: the other team's and the other company's.
EXTRA_USERS = {"rep_b": ("a", "team_b"), "rep_x": ("b", "team_x")}
# Teams: company, leader (a role).
TEAMS = {"team_a": ("a", "team_leader"), "team_b": ("a", None), "team_x": ("b", None)}

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

# Context keys of the scheduled jobs and of period closing: an RPC client can
# send them too, so every attempt of a role carries them (they give no right).
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
        env.invalidate_all()


# ---------------------------------------------------------------------------
# Builders: values of a minimal valid record of an owner.
# ``variant`` 0 is the fixture record, 1 a record that does not collide with it.
# ``actor`` is the user who creates it (the superuser for fixtures).
# ---------------------------------------------------------------------------


def _name(case, owner, variant, what):
    return f"Matrix {what} {owner} {variant}"


def build_competency(case, owner, variant, actor):
    return {
        "name": _name(case, owner, variant, "competency"),
        "company_id": case.owner_company(owner).id,
    }


def build_scoring_rule(case, owner, variant, actor):
    return {
        "name": _name(case, owner, variant, "rule"),
        "company_id": case.owner_company(owner).id,
        "points": 5,
        "domain": "[]",
    }


def build_scoring_grade(case, owner, variant, actor):
    return {"name": _name(case, owner, variant, "grade"), "min_score": 40 + variant}


def other_team(case, owner):
    """A team of the owner's company other than the fixtures' own."""
    return case.teams["team_b" if OWNERS[owner].company == "a" else "team_x"]


def build_scoring_model(case, owner, variant, actor):
    return {
        "company_id": case.owner_company(owner).id,
        "team_id": other_team(case, owner).id if variant else False,
    }


def build_lead_score(case, owner, variant, actor):
    lead = case.leads[owner]
    if variant:
        lead = case.make_lead(owner, f"Spare lead {owner}")
        lead.sm_score_id.sudo().unlink()
    return {"lead_id": lead.id, "score": 50.0, "rule_score": 5}


def build_plan(case, owner, variant, actor):
    return {
        "name": _name(case, owner, variant, "plan"),
        "company_id": case.owner_company(owner).id,
        "metric": "sale",
        "period_type": "month",
        "date_from": date(2026, 1, 1),
        "date_to": date(2026, 12, 31),
    }


def build_quota(case, owner, variant, actor):
    spec = OWNERS[owner]
    vals = {
        "plan_id": case.fixtures["sales.quota.plan"][f"company_{spec.company}"].id,
        "date_from": date(2026, 1 + variant, 1),
        "target_amount": 1000.0,
        "team_id": case.owner_team(owner).id,
    }
    if spec.user:
        vals.update(target_type="user", user_id=case.owner_user(owner).id)
    else:
        vals.update(target_type="team")
    return vals


def build_scorecard_line(case, owner, variant, actor):
    spec = OWNERS[owner]
    return {
        "period_id": case.spare_periods[spec.company].id,
        "company_id": case.owner_company(owner).id,
        "user_id": case.owner_user(owner).id,
        "team_id": case.owner_team(owner).id,
        "period_type": "month",
        "date_from": case.spare_periods[spec.company].date_from,
    }


def build_period(case, owner, variant, actor):
    return {
        "company_id": case.owner_company(owner).id,
        "period_type": "quarter",
        "date_from": date(2025, 4 + 3 * variant, 1),
    }


def build_weight(case, owner, variant, actor):
    return {
        "company_id": case.owner_company(owner).id,
        "team_id": other_team(case, owner).id if variant else False,
        "w_revenue": 3.0,
    }


def build_evaluation(case, owner, variant, actor):
    return {
        "user_id": case.owner_user(owner).id,
        "period_id": case.review_periods[OWNERS[owner].company][variant].id,
    }


def build_evaluation_kpi(case, owner, variant, actor):
    return {"evaluation_id": case.reviews[owner].id, "kpi": "revenue", "value": 1.0}


def build_evaluation_rating(case, owner, variant, actor):
    return {
        "evaluation_id": case.reviews[owner].id,
        "competency_id": case.spare_competency.id,
        "rating": 3,
    }


def build_evaluation_action(case, owner, variant, actor):
    return {
        "evaluation_id": case.reviews[owner].id,
        "name": _name(case, owner, variant, "action"),
        "kpi": "revenue",
    }


def build_mapping(case, owner, variant, actor):
    return {
        "name": _name(case, owner, variant, "mapping"),
        "company_id": case.owner_company(owner).id,
        # one active mapping per company: the second one is archived
        "active": not variant,
        "rule_ids": [
            Command.create(
                {"probability_from": 0, "probability_to": 100, "category": "pipeline"}
            )
        ],
    }


def build_category_rule(case, owner, variant, actor):
    # rows of a stage of their own, covering 0-100 %: the mapping stays valid
    return {
        "mapping_id": case.fixtures["sales.forecast.category.mapping"][owner].id,
        "stage_id": case.spare_stage.id,
        "probability_from": 0,
        "probability_to": 100,
        "category": "commit",
    }


def build_forecast(case, owner, variant, actor):
    spec = OWNERS[owner]
    owner_type = "user" if spec.user else "team" if spec.team else "company"
    return {
        "owner_type": owner_type,
        "user_id": case.owner_user(owner).id,
        "team_id": case.owner_team(owner).id,
        "company_id": case.owner_company(owner).id,
        "period_type": "month",
        "date_from": date(2026, 3 + variant, 1),
    }


def entry_kind(case, forecast, actor):
    """The entry a user adds to a forecast: their own call, else an adjustment."""
    if forecast.owner_type == "user" and forecast.user_id == actor:
        return "submission"
    if actor.has_group("sales_team.group_sale_manager") or actor._is_superuser():
        return "manager"
    if actor.has_group("sales_management.group_sales_team_leader"):
        return "leader"
    return "submission"


def build_forecast_entry(case, owner, variant, actor):
    forecast = case.fixtures["sales.forecast"][owner]
    return {
        "forecast_id": forecast.id,
        "kind": entry_kind(case, forecast, actor),
        "amount": 100.0 + variant,
        "note": "Matrix call",
    }


def build_snapshot(case, owner, variant, actor):
    return {"company_id": case.owner_company(owner).id, "state": "done"}


def build_snapshot_line(case, owner, variant, actor):
    lead = case.leads[owner]
    return {
        "snapshot_id": case.fixtures["sales.forecast.snapshot"][
            "company_" + OWNERS[owner].company
        ].id,
        "company_id": case.owner_company(owner).id,
        "lead_id": lead.id,
        "user_id": lead.user_id.id,
        "team_id": lead.team_id.id,
        "amount": 10.0,
    }


def build_statistical(case, owner, variant, actor):
    vals = build_forecast(case, owner, variant, actor)
    if vals["owner_type"] == "user":
        vals["team_id"] = False  # a salesperson's projection has no team
    vals.pop("period_type")
    vals.update(amount=100.0, lower=80.0, upper=120.0, method="Matrix")
    return vals


# ---------------------------------------------------------------------------
# Fixture records of the models whose records are not built one by one.
# ---------------------------------------------------------------------------


def fixtures_leads(case):
    return dict(case.leads)


def fixtures_lead_scores(case):
    return {owner: case.leads[owner].sm_score_id for owner in LEAD_OWNERS}


def fixtures_orders(case):
    return dict(case.orders)


def fixtures_review_children(field):
    def fixtures(case):
        return {owner: review[field][:1] for owner, review in case.reviews.items()}

    return fixtures


def fixtures_category_rules(case):
    mappings = case.fixtures["sales.forecast.category.mapping"]
    return {owner: mapping.rule_ids[:1] for owner, mapping in mappings.items()}


def fixtures_forecast_entries(case):
    return {
        owner: forecast.entry_ids for owner, forecast in case.entry_forecasts.items()
    }


def fixtures_snapshots(case):
    return {f"company_{key}": pair[1] for key, pair in case.snapshots.items()}


def fixtures_snapshot_lines(case):
    Line = case.env["sales.forecast.snapshot.line"]
    result = {}
    for owner in LEAD_OWNERS:
        snapshot = case.snapshots[OWNERS[owner].company][1]
        result[owner] = Line.search(
            [("snapshot_id", "=", snapshot.id), ("lead_id", "=", case.leads[owner].id)]
        )
    return result


def fixtures_scorecard_lines(case):
    Line = case.env["sales.scorecard.line"]
    return {
        owner: Line.search(
            [
                ("period_id", "=", case.closed_periods[OWNERS[owner].company].id),
                ("user_id", "=", case.owner_user(owner).id),
            ]
        )
        for owner in MEMBER_OWNERS
    }


def fixtures_scorecards(case):
    ids = {
        owner: case.review_periods[OWNERS[owner].company][0].id * 10_000_000
        + case.owner_user(owner).id
        for owner in MEMBER_OWNERS
    }
    found = case.env["sales.scorecard"].search([("id", "in", list(ids.values()))])
    return {
        owner: found.filtered(lambda card, i=i: card.id == i)
        for owner, i in ids.items()
    }


def fixtures_funnel(case):
    return {
        owner: case.env["sales.funnel.report"].browse(case.leads[owner].id)
        for owner in LEAD_OWNERS
    }


def fixtures_stage_durations(case):
    Report = case.env["sales.stage.duration.report"]
    return {
        owner: Report.search([("lead_id", "=", case.leads[owner].id)])
        for owner in LEAD_OWNERS
    }


# ---------------------------------------------------------------------------
# Specs: how each model's fixture records are made and written.
# ---------------------------------------------------------------------------

Spec = namedtuple(
    "Spec",
    "owners build fixtures write context",
    defaults=(None, None, None, None),
)
CONFIG_OWNERS = (*COMPANY_OWNERS, "global")
SPECS = {
    "sales.competency": Spec(CONFIG_OWNERS, build_competency, write={"sequence": 5}),
    "sales.scoring.rule": Spec(
        CONFIG_OWNERS, build_scoring_rule, write={"description": "Changed"}
    ),
    "sales.scoring.grade": Spec(
        ("global",), build_scoring_grade, write={"description": "Changed"}
    ),
    "sales.scoring.model": Spec(
        COMPANY_OWNERS, build_scoring_model, write={"min_closed": 60}
    ),
    "sales.lead.score": Spec(
        LEAD_OWNERS, build_lead_score, fixtures_lead_scores, {"rule_score": 7}
    ),
    "sales.quota.plan": Spec(COMPANY_OWNERS, build_plan, write={"name": "Changed"}),
    "sales.quota": Spec(
        (*USER_OWNERS, *TEAM_OWNERS), build_quota, write={"target_amount": 1234.0}
    ),
    "sales.scorecard": Spec(MEMBER_OWNERS, fixtures=fixtures_scorecards),
    "sales.scorecard.line": Spec(
        MEMBER_OWNERS,
        build_scorecard_line,
        fixtures_scorecard_lines,
        {"target": 1.0},
        JOB_CONTEXT,
    ),
    "sales.scorecard.period": Spec(
        COMPANY_OWNERS, build_period, write={"period_type": "quarter"}
    ),
    "sales.scorecard.weight": Spec(
        COMPANY_OWNERS, build_weight, write={"w_revenue": 4.0}
    ),
    "sales.evaluation": Spec(
        USER_OWNERS, build_evaluation, write={"strengths": "<p>Changed</p>"}
    ),
    "sales.evaluation.kpi": Spec(
        USER_OWNERS,
        build_evaluation_kpi,
        fixtures_review_children("kpi_ids"),
        {"value": 2.0},
    ),
    "sales.evaluation.rating": Spec(
        USER_OWNERS,
        build_evaluation_rating,
        fixtures_review_children("rating_ids"),
        {"comment": "Changed"},
    ),
    "sales.evaluation.action": Spec(
        USER_OWNERS,
        build_evaluation_action,
        fixtures_review_children("action_ids"),
        {"name": "Changed"},
    ),
    "sales.forecast.category.mapping": Spec(
        COMPANY_OWNERS, build_mapping, write={"name": "Changed"}
    ),
    "sales.forecast.category.rule": Spec(
        COMPANY_OWNERS,
        build_category_rule,
        fixtures_category_rules,
        {"category": "best_case"},
    ),
    "sales.forecast": Spec(
        (*USER_OWNERS, *TEAM_OWNERS, *COMPANY_OWNERS),
        build_forecast,
        write={"parent_id": False},
    ),
    "sales.forecast.entry": Spec(
        (*USER_OWNERS, *TEAM_OWNERS, *COMPANY_OWNERS),
        build_forecast_entry,
        fixtures_forecast_entries,
        {"note": "Changed"},
    ),
    "sales.forecast.snapshot": Spec(
        COMPANY_OWNERS,
        build_snapshot,
        fixtures_snapshots,
        {"line_count": 0},
        JOB_CONTEXT,
    ),
    "sales.forecast.snapshot.line": Spec(
        LEAD_OWNERS,
        build_snapshot_line,
        fixtures_snapshot_lines,
        {"probability": 1.0},
        JOB_CONTEXT,
    ),
    "sales.forecast.statistical": Spec(
        (*USER_OWNERS, *TEAM_OWNERS, *COMPANY_OWNERS),
        build_statistical,
        write={"amount": 1.0},
        context=JOB_CONTEXT,
    ),
    "sales.funnel.report": Spec(LEAD_OWNERS, fixtures=fixtures_funnel),
    "sales.stage.duration.report": Spec(LEAD_OWNERS, fixtures=fixtures_stage_durations),
    # Odoo's documents, whose access the team leader group decides
    "crm.lead": Spec(LEAD_OWNERS, fixtures=fixtures_leads, write={"priority": "2"}),
    "sale.order": Spec(
        LEAD_OWNERS, fixtures=fixtures_orders, write={"client_order_ref": "Changed"}
    ),
}

# The order in which fixtures are built: a model after those it refers to.
BUILD_ORDER = (
    "sales.scoring.rule",
    "sales.scoring.grade",
    "sales.scoring.model",
    "sales.quota.plan",
    "sales.quota",
    "sales.scorecard.period",
    "sales.scorecard.weight",
    "sales.forecast.category.mapping",
    "sales.forecast.category.rule",
    "sales.forecast",
    "sales.forecast.statistical",
)


class AccessCommon(TransactionCase):
    """Companies, role users, teams, documents and fixture records of every model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.companies = {
            "a": cls.env["res.company"].create({"name": "Matrix Company A"}),
            "b": cls.env["res.company"].create({"name": "Matrix Company B"}),
        }
        cls._create_users()
        cls._create_teams()
        cls.partner = cls.env["res.partner"].create({"name": "Matrix Customer"})
        cls.stage_open = cls.env["crm.stage"].create({"name": "Matrix Open"})
        cls.stage_next = cls.env["crm.stage"].create({"name": "Matrix Next"})
        cls.spare_stage = cls.env["crm.stage"].create({"name": "Matrix Spare"})
        cls.leads = {owner: cls.make_lead(owner) for owner in LEAD_OWNERS}
        cls._track_stage_changes()
        cls.orders = {owner: cls._make_order(owner) for owner in LEAD_OWNERS}
        cls._create_periods()
        cls.fixtures = {}
        for model in BUILD_ORDER:
            cls.fixtures[model] = cls._build_fixtures(model)
        cls._create_reviews()
        cls._create_entries()
        cls._create_snapshots()
        for model in SPECS:
            if model not in cls.fixtures:
                cls.fixtures[model] = cls._build_fixtures(model)
        cls.env.flush_all()

    # -- people and teams ----------------------------------------------------

    @classmethod
    def _create_users(cls):
        cls.users = {}
        for name, role in ROLES.items():
            cls.users[name] = cls._make_user(name, role.groups, role.company)
        for name, (company, _team) in EXTRA_USERS.items():
            cls.users[name] = cls._make_user(
                name, "sales_team.group_sale_salesman", company
            )

    @classmethod
    def _make_user(cls, name, groups, company):
        internal = "base.group_portal" not in groups
        company = cls.companies[company]
        return new_test_user(
            cls.env,
            login=f"matrix_{name}",
            name=f"Matrix {name.replace('_', ' ').title()}",
            groups=f"base.group_user,{groups}" if internal else groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="UTC",
        )

    @classmethod
    def _create_teams(cls):
        cls.teams = {}
        members = {}
        for name, role in ROLES.items():
            if role.team:
                members.setdefault(role.team, []).append(cls.users[name])
        for name, (_company, team) in EXTRA_USERS.items():
            members.setdefault(team, []).append(cls.users[name])
        for name, (company, leader) in TEAMS.items():
            cls.teams[name] = cls.env["crm.team"].create(
                {
                    "name": f"Matrix {name}",
                    "company_id": cls.companies[company].id,
                    "user_id": leader and cls.users[leader].id,
                    "member_ids": [Command.set([u.id for u in members.get(name, [])])],
                }
            )

    @classmethod
    def owner_user(cls, owner):
        name = OWNERS[owner].user
        return cls.users[name] if name else cls.env["res.users"]

    @classmethod
    def owner_team(cls, owner):
        name = OWNERS[owner].team
        return cls.teams[name] if name else cls.env["crm.team"]

    @classmethod
    def owner_company(cls, owner):
        name = OWNERS[owner].company
        return cls.companies[name] if name else cls.env["res.company"]

    # -- documents -----------------------------------------------------------

    @classmethod
    def make_lead(cls, owner, name=None):
        # tracked from its creation: its stage changes are tracked
        Lead = cls.env["crm.lead"].with_context(tracking_disable=False)
        return Lead.create(
            {
                "name": name or f"Matrix lead {owner}",
                "type": "opportunity",
                "partner_id": cls.partner.id,
                "user_id": cls.owner_user(owner).id,
                "team_id": cls.owner_team(owner).id,
                "company_id": cls.owner_company(owner).id,
                "stage_id": cls.stage_open.id,
                "expected_revenue": 1000.0,
                "probability": 40.0,
                "date_deadline": TODAY + timedelta(days=10),
            }
        )

    @classmethod
    def _track_stage_changes(cls):
        """One stage change per lead, tracked: the rows of the time in stage."""
        leads = cls.env["crm.lead"].union(*cls.leads.values())
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        leads.with_context(tracking_disable=False).write(
            {"stage_id": cls.stage_next.id}
        )
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.env.flush_all()
        for lead in leads:
            if not lead.sm_score_id:
                lead.sm_score_id = cls.env["sales.lead.score"].create(
                    {"lead_id": lead.id}
                )

    @classmethod
    def _make_order(cls, owner):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "user_id": cls.owner_user(owner).id,
                "team_id": cls.owner_team(owner).id,
                "company_id": cls.owner_company(owner).id,
            }
        )

    @classmethod
    def _create_periods(cls):
        Period = cls.env["sales.scorecard.period"]

        def period(company, start):
            return Period.create(
                {
                    "company_id": cls.companies[company].id,
                    "period_type": "month",
                    "date_from": start,
                }
            )

        # reviews and live scorecards: January (fixtures) and February
        cls.review_periods = {
            key: (period(key, date(2026, 1, 1)), period(key, date(2026, 2, 1)))
            for key in "ab"
        }
        # stored scorecards: December, closed; November stays open
        cls.closed_periods = {key: period(key, date(2025, 12, 1)) for key in "ab"}
        cls.spare_periods = {key: period(key, date(2025, 11, 1)) for key in "ab"}
        for closed in cls.closed_periods.values():
            closed.action_close()

    @classmethod
    def _build_fixtures(cls, model):
        spec = SPECS[model]
        if spec.fixtures:
            records = spec.fixtures(cls)
        else:
            Model = cls.env[model].with_context(**(spec.context or {}))
            records = {
                owner: Model.create(spec.build(cls, owner, 0, cls.env.user))
                for owner in spec.owners
            }
        missing = [owner for owner in spec.owners if len(records.get(owner, ())) != 1]
        assert not missing, f"{model}: no single fixture record of {missing}"
        return {owner: records[owner].with_env(cls.env) for owner in spec.owners}

    @classmethod
    def _create_reviews(cls):
        # rated by every review (the competencies of the fixtures come after:
        # a rated competency cannot be deleted)
        cls.env["sales.competency"].create({"name": "Matrix rated competency"})
        Review = cls.env["sales.evaluation"]
        cls.reviews = {
            owner: Review.create(build_evaluation(cls, owner, 0, cls.env.user))
            for owner in USER_OWNERS
        }
        for owner, review in cls.reviews.items():
            cls.env["sales.evaluation.action"].create(
                build_evaluation_action(cls, owner, 0, cls.env.user)
            )
            assert review.kpi_ids and review.rating_ids, f"review of {owner}"
        cls.fixtures["sales.evaluation"] = dict(cls.reviews)
        # a competency no review rates yet: ratings of it can be added
        cls.spare_competency = cls.env["sales.competency"].create(
            {"name": "Matrix spare competency"}
        )

    @classmethod
    def _create_entries(cls):
        """An entry on a forecast of each owner, of a period of their own (a
        forecast with entries cannot be deleted: the fixtures have none)."""
        cls.entry_forecasts = {}
        for owner in SPECS["sales.forecast.entry"].owners:
            forecast = cls.env["sales.forecast"].create(
                build_forecast(cls, owner, 2, cls.env.user)
            )
            cls.entry_forecasts[owner] = forecast
            cls.env["sales.forecast.entry"].create(
                {
                    "forecast_id": forecast.id,
                    "kind": "manager",
                    "amount": 100.0,
                    "note": "Matrix call",
                }
            )

    @classmethod
    def _create_snapshots(cls):
        """Two snapshots per company, a week apart (the second one the fixture)."""
        Snapshot = cls.env["sales.forecast.snapshot"]
        cls.snapshots = {}
        for key, company in cls.companies.items():
            first = Snapshot._take_snapshot(company)
            first.with_context(**JOB_CONTEXT).write(
                {"date": first.date - timedelta(days=7)}
            )
            cls.snapshots[key] = (first, Snapshot._take_snapshot(company))

    # -- roles ---------------------------------------------------------------

    def role_scope(self, role):
        """What a role's scopes are made of: its user, companies and teams led."""
        user = self.users[role]
        led = {name for name, (_c, leader) in TEAMS.items() if leader == role}
        return user, ROLES[role].company, led
