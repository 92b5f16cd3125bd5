"""Fixture records of the lead suggestions, by owner (see access_fixtures.py).

A suggestion of a phone number on the lead of each owner (access_common's
leads), made as the mail gateway makes them (by the superuser): nobody
creates, writes or deletes one; whoever edits the lead accepts or dismisses
it ("decide" in access_policy.py).
"""

from access_roles import LEAD_OWNERS, Spec


def build_lead_suggestion(case, owner, variant, actor):
    number = f"+3361234567{variant}"
    return {
        "lead_id": case.leads[owner].id,
        "kind": "phone",
        "value": number,
        "value_key": number,
        "source": "note",
    }


SUGGESTION_SPECS = {
    "sales.lead.suggestion": Spec(
        LEAD_OWNERS, build_lead_suggestion, write={"value": "+33611111111"}
    ),
}
