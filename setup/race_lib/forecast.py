"""Races of the forecast addon.

* ``CallSubmit``: a salesperson submits the same forecast twice at once
  (two browser tabs: *Submit* on the forecast, the dialog saved, then
  *Confirm* pressed in both at the same moment). A submission is history
  (``sales.forecast.entry`` is never changed, a correction is a new entry)
  and the latest one is the call: both are recorded, one after the other,
  and the forecast shows the latest, in the order of its entries (date,
  then id). Each round submits the forecast of another month.
* ``SnapshotWhileEditing``: a manager presses *Take a Snapshot Now* while
  two salespeople win, lose and edit opportunities. The snapshot is one
  transaction: it holds every open opportunity once, each as it was either
  before or after a change, never half of one, and its stored totals are
  the sums of its lines.
"""

import time

from load_lib.world import load_screen

from . import crm
from .closing import add_months
from .race import Side
from .scenario import Check, Scenario, m2o_id, same_money, web_save
from .world import MANAGERS, SALESPEOPLE

SUBMITTER = SALESPEOPLE[0]
EDITORS = SALESPEOPLE[1:]
EDIT_PLAN = ("win", "lose", "amount", "probability")
LEAD_FIELDS = ["expected_revenue", "prorated_revenue", "probability", "active"]


def prepare_sheet(manager, day):
    """*Prepare a Forecast Sheet* for the month of ``day``, as a manager."""
    wizard = web_save(
        manager,
        "sales.forecast.prepare",
        None,
        {"period_type": "month", "date": day.isoformat()},
    )
    manager.call_button("sales.forecast.prepare", "action_prepare", [wizard])


class CallSubmit(Scenario):
    key = "call_submit"
    title = "A salesperson submits the same forecast twice at once"
    expected = (
        "both submissions are recorded, one after the other; the forecast "
        "shows the latest (by date, then id), each entry has its note in "
        "the chatter"
    )

    def prepare(self):
        session = self.session("tab1", SUBMITTER)
        self.spec = load_screen(session, "forecast_submit").specs["form"]

    def setup_round(self, number):
        admin = self.world.admin
        start = add_months(self.world.today, number - 1)
        prepare_sheet(self.session("manager", MANAGERS[0]), start)
        found = admin.call_kw(
            "sales.forecast",
            "search",
            [
                [
                    ("owner_type", "=", "user"),
                    ("user_id", "=", self.world.users[SUBMITTER]),
                    ("period_type", "=", "month"),
                    ("date_from", "=", start.isoformat()),
                ]
            ],
        )
        return {
            "forecast_id": found[0],
            "amounts": {"tab1": 1000.0 * number + 11, "tab2": 1000.0 * number + 22},
        }

    def sides(self, state):
        forecast_id = state["forecast_id"]

        def dialog(amount):
            def prepare(session):
                action = session.call_button(
                    "sales.forecast", "action_submit", [forecast_id]
                )
                context = action.get("context") or {}
                session.call_kw(
                    "sales.forecast.submit",
                    "onchange",
                    [[], {}, [], self.spec],
                    context=context,
                )
                wizard = web_save(
                    session, "sales.forecast.submit", None, {"amount": amount}, context
                )
                return wizard, context

            return prepare

        def confirm(session, prepared):
            wizard, context = prepared
            return session.call_button(
                "sales.forecast.submit", "action_confirm", [wizard], context
            )

        return [
            Side(name, self.session(name, SUBMITTER), confirm, dialog(amount))
            for name, amount in state["amounts"].items()
        ]

    def check(self, state, outcomes):
        admin = self.world.admin
        forecast_id = state["forecast_id"]
        checks = [
            Check(
                "both submissions succeed",
                all(o.ok for o in outcomes.values()),
                ", ".join(f"{o.side}: {o.label()}" for o in outcomes.values()),
            )
        ]
        entries = admin.call_kw(
            "sales.forecast.entry",
            "search_read",
            [[("forecast_id", "=", forecast_id)]],
            {
                "fields": ["kind", "amount", "user_id", "date"],
                "order": "date desc, id desc",
            },
        )
        expected = sorted(state["amounts"][o.side] for o in outcomes.values() if o.ok)
        checks.append(
            Check(
                "one submission entry for each success, by the salesperson",
                sorted(e["amount"] for e in entries) == expected
                and all(e["kind"] == "submission" for e in entries)
                and all(
                    m2o_id(e["user_id"]) == self.world.users[SUBMITTER] for e in entries
                ),
                f"{[(e['amount'], e['date']) for e in entries]}",
            )
        )
        forecast = admin.call_kw(
            "sales.forecast",
            "read",
            [
                [forecast_id],
                [
                    "submitted_amount",
                    "submitted_date",
                    "forecast_amount",
                    "forecast_source",
                ],
            ],
        )[0]
        latest = entries[0] if entries else {}
        checks.append(
            Check(
                "the forecast shows the latest entry as its call",
                bool(latest)
                and same_money(forecast["submitted_amount"], latest["amount"])
                and forecast["submitted_date"] == latest["date"]
                and same_money(forecast["forecast_amount"], latest["amount"])
                and forecast["forecast_source"] == "submission",
                f"forecast {forecast['submitted_amount']} "
                f"({forecast['forecast_source']}), latest entry {latest.get('amount')}",
            )
        )
        notes = admin.call_kw(
            "mail.message",
            "search_count",
            [
                [
                    ("model", "=", "sales.forecast"),
                    ("res_id", "=", forecast_id),
                    ("body", "ilike", "Submission"),
                ]
            ],
        )
        checks.append(
            Check(
                "each entry has its note in the forecast's chatter",
                notes == len(entries),
                f"{notes} notes, {len(entries)} entries",
            )
        )
        return checks


class SnapshotWhileEditing(Scenario):
    key = "snapshot"
    title = "A pipeline snapshot while salespeople win, lose and edit opportunities"
    expected = (
        "all succeed; the snapshot holds every open opportunity once, each as "
        "before or after its change, and its totals are the sums of its lines"
    )

    def _pipeline(self):
        rows = self.world.admin.call_kw(
            "crm.lead",
            "search_read",
            [
                [
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                    ("probability", "<", 100),
                    ("company_id", "in", [self.world.company_id, False]),
                ]
            ],
            {"fields": LEAD_FIELDS},
        )
        return {row["id"]: row for row in rows}

    def setup_round(self, number):
        plans = {}
        for rep in EDITORS:
            actions = list(EDIT_PLAN)
            self.rnd.shuffle(actions)
            leads = self.world.take_leads(rep, len(actions))
            plans[rep] = list(zip(actions, leads, strict=True))
        delay = self.rnd.uniform(0.0, 0.4)
        return {"plans": plans, "delay": delay, "before": self._pipeline()}

    def sides(self, state):
        delay = state["delay"]

        def snapshot(session, _state):
            time.sleep(delay)
            action = session.call_button(
                "sales.forecast.snapshot", "action_take_snapshot", []
            )
            return action["res_id"]

        sides = [Side("manager", self.session("manager", MANAGERS[1]), snapshot)]
        for rep, plan in state["plans"].items():
            sides.append(
                Side(
                    rep,
                    self.session(rep, rep),
                    lambda session, _state, plan=plan: crm.act_on_leads(
                        self.world, session, plan
                    ),
                )
            )
        return sides

    def check(self, state, outcomes):
        admin = self.world.admin
        checks = [
            Check(
                "the snapshot and every change succeed",
                all(o.ok for o in outcomes.values()),
                ", ".join(f"{o.side}: {o.label()}" for o in outcomes.values()),
            )
        ]
        snapshot_id = outcomes["manager"].result
        if not snapshot_id:
            return checks
        snapshot = admin.call_kw(
            "sales.forecast.snapshot",
            "read",
            [[snapshot_id], ["state", "line_count", "amount_total", "weighted_total"]],
        )[0]
        lines = admin.call_kw(
            "sales.forecast.snapshot.line",
            "search_read",
            [[("snapshot_id", "=", snapshot_id)]],
            {"fields": ["lead_id", "amount", "prorated_amount", "probability"]},
        )
        amount = sum(line["amount"] for line in lines)
        weighted = sum(line["prorated_amount"] for line in lines)
        checks.append(
            Check(
                "its stored count and totals are those of its lines",
                snapshot["state"] == "done"
                and snapshot["line_count"] == len(lines)
                and same_money(snapshot["amount_total"], amount)
                and same_money(snapshot["weighted_total"], weighted),
                f"{snapshot['state']}: {snapshot['line_count']} / {len(lines)} lines, "
                f"{snapshot['amount_total']} / {amount:.2f}",
            )
        )
        lead_ids = [m2o_id(line["lead_id"]) for line in lines]
        checks.append(
            Check(
                "each opportunity once",
                len(lead_ids) == len(set(lead_ids)),
                f"{len(lead_ids) - len(set(lead_ids))} twice",
            )
        )
        before, after = state["before"], self._pipeline()
        problems = []
        by_lead = {m2o_id(line["lead_id"]): line for line in lines}
        for lead in set(before) | set(after) | set(by_lead):
            line = by_lead.get(lead)
            states = [s[lead] for s in (before, after) if lead in s]
            if not states:
                problems.append(f"{lead}: in the snapshot but never open")
            elif line is None:
                if len(states) == 2:  # open before and after: must be there
                    problems.append(f"{lead}: open throughout, missing")
            elif not any(
                same_money(line["amount"], s["expected_revenue"])
                and same_money(line["prorated_amount"], s["prorated_revenue"])
                for s in states
            ):
                problems.append(f"{lead}: {line['amount']} is neither before nor after")
        checks.append(
            Check(
                "every opportunity as it was before or after its change, none missing",
                not problems,
                "; ".join(problems[:3]),
            )
        )
        return checks
