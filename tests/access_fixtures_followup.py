"""Fixture records of the follow-up models, by owner (see access_fixtures.py).

Rules and their delays per stage belong to a company; the follow-ups they
fired belong to the salesperson they were assigned to (on the owner's lead);
the cadence rows are the matrix customer's, one per company.
"""

from access_roles import OWNERS, USER_OWNERS

# ---------------------------------------------------------------------------
# Builders: values of a minimal valid record of an owner (variant 1: a record
# that does not collide with the fixture).
# ---------------------------------------------------------------------------


def build_followup_rule(case, owner, variant, actor):
    return {
        "name": f"Matrix follow-up rule {owner} {variant}",
        "company_id": case.owner_company(owner).id,
        "kind": "first_contact",
        "delay_days": 3 + variant,
    }


def build_followup_rule_stage(case, owner, variant, actor):
    return {
        "rule_id": case.fixtures["sales.followup.rule"][owner].id,
        "stage_id": (case.stage_next if variant else case.stage_open).id,
        "days": 5,
    }


def build_followup_log(case, owner, variant, actor):
    company = OWNERS[owner].company
    return {
        "rule_id": case.fixtures["sales.followup.rule"][f"company_{company}"].id,
        "company_id": case.owner_company(owner).id,
        "res_model": "crm.lead",
        "res_id": case.leads[owner].id,
        "episode": f"Matrix episode {variant}",
        "user_id": case.owner_user(owner).id,
        "team_id": case.owner_team(owner).id,
        "reason": "Matrix reason",
        "state": "done",
    }


def build_customer_cadence(case, owner, variant, actor):
    partner = case.partner
    if variant:
        partner = case.env["res.partner"].create({"name": "Matrix spare customer"})
    return {
        "partner_id": partner.id,
        "company_id": case.owner_company(owner).id,
        "order_count": 2,
        "p_active": 0.5,
    }


def wizard_followup_preview(case, actor, rule):
    return {"rule_id": rule.id}


def followup_specs(Spec, company_owners):
    """The entries of access_fixtures.SPECS (in the order they are built)."""
    return {
        "sales.followup.rule": Spec(
            company_owners, build_followup_rule, write={"delay_days": 5}
        ),
        "sales.followup.rule.stage": Spec(
            company_owners, build_followup_rule_stage, write={"days": 6}
        ),
        "sales.followup.log": Spec(
            USER_OWNERS, build_followup_log, write={"reason": "Changed"}
        ),
        "sales.customer.cadence": Spec(
            company_owners, build_customer_cadence, write={"p_active": 0.25}
        ),
    }


def followup_wizards(Wizard):
    """The entries of access_fixtures.WIZARDS."""
    return {
        "sales.followup.preview": Wizard(
            "sales.followup.rule", "rule_id", wizard_followup_preview, "action_refresh"
        ),
    }
