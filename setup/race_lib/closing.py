"""Two sales managers press Close on the same record at once.

* ``PeriodClose``: a scorecard period (``sales.scorecard.period``,
  ``action_close``): its scorecards are stored from the live view once;
* ``PlanClose``: a target plan (``sales.quota.plan``, ``action_close``): the
  figures of its targets are frozen once, by the manager who closed it;
* ``TargetAddedWhileClosing``: a manager adds a target to a plan (the
  plan's *Targets* list, a new line saved) while another closes it: the
  target is frozen with the others, or refused because the plan is closed;
  never a closed plan with a target left unfrozen.

Each round closes a period or plan made for it.
"""

import time
from datetime import datetime, timedelta

from .race import Side
from .scenario import Check, Scenario, clear_refusal, m2o_id, same_money, web_save
from .world import MANAGERS, SALESPEOPLE

SIDES = ("a", "b")
# the demo data closes the two months before this one
FIRST_MONTH_BACK = 3


def add_months(day, months):
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


def one_winner(outcomes, words):
    """Checks: exactly one side succeeds, the other one is told ``words``."""
    winners = [o for o in outcomes.values() if o.ok]
    losers = [o for o in outcomes.values() if not o.ok]
    checks = [
        Check(
            "exactly one manager closes it",
            len(winners) == 1,
            ", ".join(f"{o.side}: {o.label()}" for o in outcomes.values()),
        )
    ]
    for loser in losers:
        ok, label = clear_refusal(loser, words)
        checks.append(Check(f'the other one is told "{words}"', ok, label))
    return winners[0] if len(winners) == 1 else None, checks


def server_time(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S") if text else None


def within(moment, outcome, slack=2.0):
    """Whether the server time ``moment`` (UTC) falls while ``outcome`` ran."""
    if outcome is None or moment is None:
        return False
    start = datetime.utcfromtimestamp(outcome.started) - timedelta(seconds=slack)
    end = datetime.utcfromtimestamp(outcome.ended) + timedelta(seconds=slack)
    return start <= moment <= end


def close_sides(scenario, model, record_id):
    def act(session, _state):
        return session.call_button(model, "action_close", [record_id])

    return [
        Side(name, scenario.session(name, login), act)
        for name, login in zip(SIDES, MANAGERS, strict=True)
    ]


class PeriodClose(Scenario):
    key = "period_close"
    title = "Two managers close the same scorecard period"
    expected = (
        'one closes it, the other is told "already closed"; the scorecards '
        "are stored once, as many as the live view showed"
    )

    def setup_round(self, number):
        admin = self.world.admin
        start = add_months(self.world.today, -(FIRST_MONTH_BACK + number - 1))
        manager = self.session("a", MANAGERS[0])
        period_id = web_save(
            manager,
            "sales.scorecard.period",
            None,
            {"period_type": "month", "date_from": start.isoformat()},
        )
        live = admin.call_kw(
            "sales.scorecard",
            "search_read",
            [[("period_id", "=", period_id)]],
            {"fields": ["user_id"]},
        )
        return {
            "period_id": period_id,
            "live": sorted(m2o_id(r["user_id"]) for r in live),
        }

    def sides(self, state):
        return close_sides(self, "sales.scorecard.period", state["period_id"])

    def check(self, state, outcomes):
        admin = self.world.admin
        period_id = state["period_id"]
        winner, checks = one_winner(outcomes, "already closed")
        period = admin.call_kw(
            "sales.scorecard.period",
            "read",
            [[period_id], ["state", "closed_by_id", "closed_on"]],
        )[0]
        winner_uid = self.sessions[winner.side].uid if winner else None
        checks.append(
            Check(
                "the period is closed by the manager told it succeeded",
                period["state"] == "closed"
                and m2o_id(period["closed_by_id"]) == winner_uid
                and within(server_time(period["closed_on"]), winner),
                f"{period['state']}, by {period['closed_by_id']}",
            )
        )
        stored = admin.call_kw(
            "sales.scorecard.line",
            "search_read",
            [[("period_id", "=", period_id)]],
            {"fields": ["user_id"]},
        )
        users = sorted(m2o_id(r["user_id"]) for r in stored)
        shown = admin.call_kw(
            "sales.scorecard", "search_count", [[("period_id", "=", period_id)]]
        )
        checks.append(
            Check(
                "its scorecards are stored once: those of the live view, no duplicate",
                users == state["live"] and shown == len(state["live"]),
                f"live {len(state['live'])}, stored {len(users)} "
                f"({len(set(users))} salespeople), shown {shown}",
            )
        )
        return checks


def make_plan(scenario, name, reps):
    """An active plan on won opportunities this month, made by manager a:
    a target for each of ``reps`` and one for the race's team."""
    manager = scenario.session("a", MANAGERS[0])
    world = scenario.world
    start = world.today.replace(day=1)
    end = add_months(start, 1) - timedelta(days=1)
    quotas = [
        (
            0,
            0,
            {
                "target_type": "user",
                "user_id": world.users[rep],
                "date_from": start.isoformat(),
                "target_amount": 3 + index,
            },
        )
        for index, rep in enumerate(reps)
    ]
    quotas.append(
        (
            0,
            0,
            {
                "target_type": "team",
                "team_id": world.team_id,
                "date_from": start.isoformat(),
                "target_amount": 10,
            },
        )
    )
    plan_id = web_save(
        manager,
        "sales.quota.plan",
        None,
        {
            "name": name,
            "metric": "won_count",
            "period_type": "month",
            "date_from": start.isoformat(),
            "date_to": end.isoformat(),
            "quota_ids": quotas,
        },
    )
    manager.call_button("sales.quota.plan", "action_activate", [plan_id])
    return plan_id


class PlanClose(Scenario):
    key = "plan_close"
    title = "Two managers close the same target plan"
    expected = (
        "one closes it, the other is told it is already closed; every target "
        "has its figures frozen once, the plan shows the winner's date and name"
    )

    def setup_round(self, number):
        plan_id = make_plan(self, f"Race plan {number}", SALESPEOPLE)
        live = self.world.admin.call_kw(
            "sales.quota",
            "search_read",
            [[("plan_id", "=", plan_id)]],
            {"fields": ["achieved", "pipeline"]},
        )
        return {"plan_id": plan_id, "live": {row["id"]: row for row in live}}

    def sides(self, state):
        return close_sides(self, "sales.quota.plan", state["plan_id"])

    def check(self, state, outcomes):
        admin = self.world.admin
        plan_id = state["plan_id"]
        winner, checks = one_winner(outcomes, "already closed")
        plan = admin.call_kw(
            "sales.quota.plan",
            "read",
            [[plan_id], ["state", "closed_uid", "closed_date"]],
        )[0]
        closed_on = server_time(plan["closed_date"])
        winner_uid = self.sessions[winner.side].uid if winner else None
        checks.append(
            Check(
                "the plan shows the date and name of the manager told it succeeded",
                plan["state"] == "closed"
                and m2o_id(plan["closed_uid"]) == winner_uid
                and within(closed_on, winner),
                f"{plan['state']}, by {plan['closed_uid']} on {plan['closed_date']}",
            )
        )
        quotas = admin.call_kw(
            "sales.quota",
            "search_read",
            [[("plan_id", "=", plan_id)]],
            {"fields": ["snapshot_achieved", "snapshot_pipeline", "snapshot_date"]},
        )
        dates = {row["snapshot_date"] for row in quotas}
        wrong = [
            row["id"]
            for row in quotas
            if not same_money(
                row["snapshot_achieved"], state["live"][row["id"]]["achieved"]
            )
            or not same_money(
                row["snapshot_pipeline"], state["live"][row["id"]]["pipeline"]
            )
        ]
        frozen = server_time(next(iter(dates))) if len(dates) == 1 else None
        checks.append(
            Check(
                "every target has its figures frozen once, as they were live",
                len(quotas) == len(state["live"])
                and not wrong
                and frozen is not None
                and closed_on is not None
                and frozen <= closed_on,
                f"{len(quotas)} targets, freezing times {sorted(map(str, dates))}, "
                f"figures differing: {wrong}",
            )
        )
        messages = admin.call_kw(
            "mail.message",
            "search_count",
            [
                [
                    ("model", "=", "sales.quota.plan"),
                    ("res_id", "=", plan_id),
                    ("body", "ilike", "Plan closed"),
                ]
            ],
        )
        checks.append(
            Check(
                "the plan's chatter says once that it closed",
                messages == 1,
                f"{messages}",
            )
        )
        return checks


class TargetAddedWhileClosing(Scenario):
    key = "plan_add"
    title = "A manager adds a target to a plan another manager closes"
    expected = (
        "the close succeeds; the new target is frozen with the others, or "
        "refused because the plan is closed; no target of the closed plan "
        "is left unfrozen"
    )

    def setup_round(self, number):
        plan_id = make_plan(
            self, f"Race plan with a late target {number}", SALESPEOPLE[:2]
        )
        return {
            "plan_id": plan_id,
            "delays": [self.rnd.uniform(0.0, 0.12) for _side in range(2)],
        }

    def sides(self, state):
        plan_id = state["plan_id"]
        start = self.world.today.replace(day=1)
        context = {"default_plan_id": plan_id}

        def add(session, _state):
            time.sleep(state["delays"][0])
            return web_save(
                session,
                "sales.quota",
                None,
                {
                    "plan_id": plan_id,
                    "target_type": "user",
                    "user_id": self.world.users[SALESPEOPLE[2]],
                    "date_from": start.isoformat(),
                    "target_amount": 4,
                },
                context,
            )

        def close(session, _state):
            time.sleep(state["delays"][1])
            return session.call_button("sales.quota.plan", "action_close", [plan_id])

        return [
            Side("adding", self.session("a", MANAGERS[0]), add),
            Side("closing", self.session("b", MANAGERS[1]), close),
        ]

    def check(self, state, outcomes):
        admin = self.world.admin
        adding, closing = outcomes["adding"], outcomes["closing"]
        checks = [Check("the close succeeds", closing.ok, closing.label())]
        ok, label = clear_refusal(adding, "is closed")
        checks.append(
            Check(
                "the target is added, or refused: the plan is closed",
                adding.ok or ok,
                label,
            )
        )
        plan = admin.call_kw(
            "sales.quota.plan", "read", [[state["plan_id"]], ["state"]]
        )[0]
        quotas = admin.call_kw(
            "sales.quota",
            "search_read",
            [[("plan_id", "=", state["plan_id"])]],
            {"fields": ["user_id", "snapshot_date", "plan_state"]},
        )
        added = [
            q
            for q in quotas
            if m2o_id(q["user_id"]) == self.world.users[SALESPEOPLE[2]]
        ]
        unfrozen = [
            q["id"]
            for q in quotas
            if not q["snapshot_date"] or q["plan_state"] != "closed"
        ]
        checks.append(
            Check(
                "the plan is closed with every target frozen, the new one there "
                "when it was added",
                plan["state"] == "closed"
                and not unfrozen
                and len(added) == (1 if adding.ok else 0),
                f"{plan['state']}, {len(quotas)} targets, not frozen: {unfrozen}, "
                f"new one there: {bool(added)}",
            )
        )
        return checks
