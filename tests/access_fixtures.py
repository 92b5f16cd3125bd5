"""Fixture records of every model of the three addons, by owner.

``SPECS`` says, for each model, which owners (access_roles.OWNERS) its fixture
records have, how to build a minimal valid record of an owner (a builder gives
its values) or how to find the records made otherwise (SQL views, lines),
which harmless values a write sets, and the context an RPC client could send
with it. ``WIZARDS`` does the same for the wizards that take a record.
"""

from datetime import date

from access_fixtures_followup import followup_specs, followup_wizards
from access_fixtures_hiring import HIRING_SPECS, HIRING_WIZARDS
from access_fixtures_hiring_plan import HIRING_PLAN_SPECS
from access_fixtures_recommend import RECOMMEND_SPECS
from access_fixtures_suggestion import SUGGESTION_SPECS
from access_roles import (
    COMPANY_OWNERS,
    JOB_CONTEXT,
    LEAD_OWNERS,
    MEMBER_OWNERS,
    OWNERS,
    TEAM_OWNERS,
    TODAY,
    USER_OWNERS,
    Spec,
    Wizard,
)

from odoo import Command

# ---------------------------------------------------------------------------
# Builders: values of a minimal valid record of an owner.
# ``variant`` 0 is the fixture record, 1 a record that does not collide with it.
# ``actor`` is the user who creates it (the superuser for fixtures).
# ---------------------------------------------------------------------------


def _name(what, owner, variant):
    return f"Matrix {what} {owner} {variant}"


def build_competency(case, owner, variant, actor):
    return {
        "name": _name("competency", owner, variant),
        "company_id": case.owner_company(owner).id,
    }


def build_scoring_rule(case, owner, variant, actor):
    return {
        "name": _name("rule", owner, variant),
        "company_id": case.owner_company(owner).id,
        "points": 5,
        "domain": "[]",
    }


def build_scoring_grade(case, owner, variant, actor):
    return {"name": _name("grade", owner, variant), "min_score": 40 + variant}


def company_team_of(case, owner):
    """A team of the owner's company: the second record of a company has one
    (the first, the fixture, has none)."""
    return case.teams["team_b" if OWNERS[owner].company == "a" else "team_x"]


def build_scoring_model(case, owner, variant, actor):
    return {
        "company_id": case.owner_company(owner).id,
        "team_id": company_team_of(case, owner).id if variant else False,
    }


def build_lead_score(case, owner, variant, actor):
    lead = case.leads[owner]
    if variant:
        lead = case.make_lead(owner, f"Spare lead {owner}")
        lead.sm_score_id.sudo().unlink()
    return {"lead_id": lead.id, "score": 50.0, "rule_score": 5}


def build_plan(case, owner, variant, actor):
    return {
        "name": _name("plan", owner, variant),
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
        "team_id": company_team_of(case, owner).id if variant else False,
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
        "name": _name("action", owner, variant),
        "kpi": "revenue",
    }


def build_mapping(case, owner, variant, actor):
    return {
        "name": _name("mapping", owner, variant),
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

CONFIG_OWNERS = (*COMPANY_OWNERS, "global")
SPECS = {
    "sales.competency": Spec(CONFIG_OWNERS, build_competency, write={"sequence": 5}),
    "sales.scoring.rule": Spec(
        COMPANY_OWNERS, build_scoring_rule, write={"description": "Changed"}
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
    **HIRING_SPECS,
    **SUGGESTION_SPECS,
    # Odoo's documents, whose access the team leader group decides
    "crm.lead": Spec(LEAD_OWNERS, fixtures=fixtures_leads, write={"priority": "2"}),
    "sale.order": Spec(
        LEAD_OWNERS, fixtures=fixtures_orders, write={"client_order_ref": "Changed"}
    ),
    **HIRING_PLAN_SPECS,
    **followup_specs(Spec, COMPANY_OWNERS),
}
SPECS.update({model: Spec(**spec) for model, spec in RECOMMEND_SPECS.items()})

# The order in which fixtures are built: a model after those it refers to.
# ---------------------------------------------------------------------------
# Wizards that take a record: the record's model, the field, the values of a
# wizard on a record for a user, and the button that runs it.
# ---------------------------------------------------------------------------


def company_team(case, company):
    """The fixtures' team of a company."""
    return case.teams["team_a" if company == case.companies["a"] else "team_x"]


def wizard_submit(case, actor, forecast):
    return {
        "forecast_id": forecast.id,
        "kind": entry_kind(case, forecast, actor),
        "amount": 10.0,
        "note": "Matrix",
    }


def wizard_distribute(case, actor, plan):
    return {
        "plan_id": plan.id,
        "team_id": company_team(case, plan.company_id).id,
        "amount": 1200.0,
    }


def wizard_generate(case, actor, period):
    return {
        "period_id": period.id,
        "team_id": company_team(case, actor.company_id).id,
    }


def wizard_waterfall(case, actor, snapshot):
    earlier = next(
        first for first, second in case.snapshots.values() if second == snapshot
    )
    return {
        "company_id": snapshot.company_id.id,
        "snapshot_from_id": earlier.id,
        "snapshot_to_id": snapshot.id,
    }


def wizard_prepare(case, actor, company):
    return {"company_id": company.id, "period_type": "month", "date": TODAY}


def wizard_propensity(case, actor, company):
    return {"company_id": company.id, "product_categ_id": case.category.id}


WIZARDS = {
    "sales.forecast.submit": Wizard(
        "sales.forecast", "forecast_id", wizard_submit, "action_confirm"
    ),
    "sales.quota.distribute": Wizard(
        "sales.quota.plan", "plan_id", wizard_distribute, "action_distribute"
    ),
    "sales.evaluation.generate": Wizard(
        "sales.scorecard.period", "period_id", wizard_generate, "action_generate"
    ),
    "sales.forecast.waterfall": Wizard(
        "sales.forecast.snapshot", "snapshot_to_id", wizard_waterfall, "action_compute"
    ),
    "sales.forecast.prepare": Wizard(
        "res.company", "company_id", wizard_prepare, "action_prepare"
    ),
    "sales.category.propensity": Wizard(
        "res.company", "company_id", wizard_propensity, "action_rank"
    ),
    **HIRING_WIZARDS,
    **followup_wizards(Wizard),
}

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
