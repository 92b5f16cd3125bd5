"""What a salesperson does to an opportunity, as the web client does it.

* **win**: the *Won* button (``action_set_won_rainbowman``);
* **lose**: the *Lost* button: the *Mark Lost* dialog with a reason
  (``crm.lead.lost``: ``web_save``, then ``action_lost_reason_apply``);
* **amount** / **probability** / **stage**: the form saved with a new
  expected revenue, probability or another stage (``web_save``).

``act_on_leads`` performs a list of them, in order.
"""

from .scenario import web_save


def win(world, session, lead_id):
    session.call_button("crm.lead", "action_set_won_rainbowman", [lead_id])


def lose(world, session, lead_id):
    context = {
        "active_model": "crm.lead",
        "active_id": lead_id,
        "active_ids": [lead_id],
        "default_lead_ids": [lead_id],
    }
    wizard = web_save(
        session,
        "crm.lead.lost",
        None,
        {"lost_reason_id": world.lost_reason_id},
        context=context,
    )
    session.call_button("crm.lead.lost", "action_lost_reason_apply", [wizard], context)


def amount(world, session, lead_id):
    web_save(
        session,
        "crm.lead",
        lead_id,
        {"expected_revenue": round(world.rnd.uniform(500, 90000), 2)},
    )


def probability(world, session, lead_id):
    web_save(session, "crm.lead", lead_id, {"probability": world.rnd.randint(5, 95)})


def stage(world, session, lead_id):
    stages = world.open_stage_ids
    current = session.call_kw("crm.lead", "read", [[lead_id], ["stage_id"]])[0]
    current_id = current["stage_id"][0] if current["stage_id"] else None
    following = [s for s in stages if s != current_id]
    web_save(session, "crm.lead", lead_id, {"stage_id": world.rnd.choice(following)})


ACTIONS = {
    "win": win,
    "lose": lose,
    "amount": amount,
    "probability": probability,
    "stage": stage,
}
# the actions that close the opportunity
CLOSING = frozenset({"win", "lose"})


def act_on_leads(world, session, plan):
    """Perform ``plan``, a list of (action name, lead id), in order; returns
    the ids of the leads."""
    for name, lead_id in plan:
        ACTIONS[name](world, session, lead_id)
    return [lead_id for _name, lead_id in plan]
