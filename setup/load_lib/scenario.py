"""The actions of a simulated user, as the web client performs them.

Each action is the requests one click of a user sends: the screens load their
action (``/web/action/load``), read groups and records with the
specification of their views (loaded once per role, see ``world``), and the
writes go through the addons' own buttons and wizards:

* **my_targets** / **all_targets**: *My Targets* (kanban grouped by plan, the
  current period of active plans) / *All Targets* (list) of ``sales.quota``;
* **pipeline**: the CRM pipeline kanban (*My Pipeline*; everything for a
  manager) with the lead grades and scores, grouped by stage, with its
  progress bars;
* **forecast_sheet**: the forecast sheet of the current month;
* **leaderboard**: the *Leaderboard* server action, then the scorecards of the
  month grouped by team (the groups folded, as Odoo's list shows them);
* **leaderboard_team**: a click on a team of the leaderboard: its scorecards
  (the user's own team; a manager's, any team);
* **lead_scoring**: an opportunity's form (the *Scoring* tab is in it) with its
  chatter;
* **submit_forecast** / **adjust_forecast**: *Submit* / *Adjust* on a
  forecast, the dialog's onchange, ``web_save`` and *Confirm*
  (``action_confirm``); the note carries the write's marker;
* **log_activity**: *Schedule Activity* from an opportunity's chatter
  (``mail.activity.schedule``), the summary carrying the marker;
* **win_deal**: *Won* on one of the user's open opportunities
  (``action_set_won_rainbowman``), then the form read again;
* **negative_call** and **adjust_denied**: errors provoked on purpose (a
  negative call, a salesperson adjusting as team leader); the expected error
  must come and nothing may be written.
"""

import time
from datetime import datetime

from .ledger import FAILED, OK, UNKNOWN, Write
from .rpc import RpcError

THREAD_REQUESTS = [
    "activities",
    "attachments",
    "followers",
    "scheduledMessages",
    "suggestedRecipients",
]
KANBAN_LIMIT = 40
LIST_LIMIT = 80
# what the leaderboard's action puts in its context
LEADERBOARD_CONTEXT = {"scorecard_forecast_accuracy": 1}
MAX_GROUPS = 10


class Skip(Exception):
    """The action has nothing to work on for this user (not an error)."""


class User:
    """One simulated user: a session, a role and a seeded random generator."""

    def __init__(self, index, level, role, login, session, world, ledger, rnd):
        self.index = index
        self.level = level
        self.role = role
        self.login = login
        self.session = session
        self.world = world
        self.ledger = ledger
        self.rnd = rnd
        info = world.users.get(login, {})
        self.uid = session.uid
        self.team_id = info.get("team_id")

    def screen(self, key):
        return self.world.screens[self.role, key]


def _server_now():
    return datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")


def _kanban(user, screen, domain, groupby, context=None):
    """A grouped kanban: its groups, the records of the open ones, the bars."""
    s = user.session
    spec = screen.specs["kanban"]
    fields = []
    if screen.progress_bar and screen.progress_bar.get("sum_field"):
        fields.append(f"{screen.progress_bar['sum_field']}:sum")
    result = s.call_kw(
        screen.model,
        "web_read_group",
        [],
        {"domain": domain, "fields": fields, "groupby": [groupby], "lazy": True},
        context=context,
    )
    seen = []
    for group in result["groups"][:MAX_GROUPS]:
        if group.get("__fold"):
            continue
        records = s.call_kw(
            screen.model,
            "web_search_read",
            [],
            {
                "domain": group["__domain"],
                "specification": spec,
                "offset": 0,
                "limit": KANBAN_LIMIT,
                "order": screen.orders.get("kanban", ""),
            },
            context=context,
        )
        seen.extend(record["id"] for record in records["records"])
    if screen.progress_bar:
        s.call_kw(
            screen.model,
            "read_progress_bar",
            [],
            {
                "domain": domain,
                "group_by": groupby,
                "progress_bar": screen.progress_bar,
            },
            context=context,
        )
    return seen


def my_targets(user):
    screen = user.screen("my_targets")
    user.session.load_action("sales_management.sales_quota_action_my")
    domain = [
        ("user_id", "=", user.uid),
        ("target_type", "=", "user"),
        ("plan_state", "=", "active"),
        ("is_current_period", "=", True),
    ]
    _kanban(user, screen, domain, "plan_id")


def all_targets(user):
    screen = user.screen("all_targets")
    s = user.session
    s.load_action("sales_management.sales_quota_action")
    domain = [("plan_state", "=", "active"), ("is_current_period", "=", True)]
    s.call_kw(
        screen.model,
        "web_search_read",
        [],
        {
            "domain": domain,
            "specification": screen.specs["list"],
            "offset": 0,
            "limit": LIST_LIMIT,
            "order": screen.orders.get("list", ""),
            "count_limit": 10001,
        },
    )


def pipeline(user):
    screen = user.screen("pipeline")
    user.session.load_action("crm.crm_lead_action_pipeline")
    domain = [("type", "=", "opportunity")]
    if user.role != "manager":
        domain.append(("user_id", "=", user.uid))  # My Pipeline
    _kanban(user, screen, domain, "stage_id")


def forecast_sheet(user):
    screen = user.screen("forecast_sheet")
    s = user.session
    s.load_action("sales_management_forecast.sales_forecast_action")
    today = user.world.today.isoformat()
    domain = [
        ("period_type", "=", "month"),
        ("date_from", "<=", today),
        ("date_to", ">=", today),
    ]
    s.call_kw(
        screen.model,
        "web_search_read",
        [],
        {
            "domain": domain,
            "specification": screen.specs["list"],
            "offset": 0,
            "limit": LIST_LIMIT,
            "order": screen.orders.get("list", ""),
            "count_limit": 10001,
        },
    )


def _leaderboard_domain(user):
    return [
        ("period_type", "=", "month"),
        ("date_from", "=", user.world.month_start.isoformat()),
    ]


def leaderboard(user):
    """The menu: the server action, then the month's scorecards grouped by
    team (Odoo's list shows the groups folded)."""
    screen = user.screen("leaderboard")
    s = user.session
    action = s.load_action("sales_management.sales_scorecard_action_server_leaderboard")
    s.run_action(action["id"])
    s.call_kw(
        screen.model,
        "web_read_group",
        [],
        {
            "domain": _leaderboard_domain(user),
            "fields": [],
            "groupby": ["team_id"],
            "lazy": True,
        },
        context=LEADERBOARD_CONTEXT,
    )


def leaderboard_team(user):
    """A click on a team's group of the leaderboard: its scorecards (one's own
    team; a manager's, any team in turn)."""
    screen = user.screen("leaderboard")
    team = user.team_id or user.rnd.choice(sorted(user.world.team_leads) or [False])
    user.session.call_kw(
        screen.model,
        "web_search_read",
        [],
        {
            "domain": [*_leaderboard_domain(user), ("team_id", "=", team)],
            "specification": screen.specs["list"],
            "offset": 0,
            "limit": LIST_LIMIT,
            "order": screen.orders.get("list", ""),
        },
        context=LEADERBOARD_CONTEXT,
    )


def _open_lead(user, lead):
    s = user.session
    spec = user.screen("pipeline").specs["form"]
    s.call_kw("crm.lead", "web_read", [[lead]], {"specification": spec})
    s.post(
        "/mail/thread/data",
        {
            "thread_model": "crm.lead",
            "thread_id": lead,
            "request_list": THREAD_REQUESTS,
        },
    )
    s.post(
        "/mail/thread/messages",
        {"thread_model": "crm.lead", "thread_id": lead, "limit": 30},
    )


def lead_scoring(user):
    leads = user.world.readable_leads(user.role, user.uid, user.team_id)
    if not leads:
        raise Skip("no opportunity to open")
    _open_lead(user, user.rnd.choice(leads))


def _entry_wizard(user, button, forecast_id, amount, note):
    """Submit or Adjust on a forecast, then the dialog: returns the Write."""
    s = user.session
    action = s.call_button("sales.forecast", button, [forecast_id])
    context = action.get("context") or {}
    spec = user.screen("forecast_submit").specs["form"]
    s.call_kw("sales.forecast.submit", "onchange", [[], {}, [], spec], context=context)
    saved = s.call_kw(
        "sales.forecast.submit",
        "web_save",
        [[], {"amount": amount, "note": note}],
        {"specification": {}},
        context=context,
    )
    return saved[0]["id"], context


def _confirm(user, write, model, method, record_id, context):
    """Press the button that writes; note the outcome the driver saw."""
    try:
        user.session.call_button(model, method, [record_id], context=context)
    except RpcError as exc:
        # an Odoo error rolled the transaction back; without an answer the
        # server may still have committed
        unanswered = exc.kind in NETWORK_KINDS or exc.kind.startswith("HTTP ")
        write.outcome = UNKNOWN if unanswered and exc.sent else FAILED
        raise
    write.outcome = OK
    write.at = _server_now()


# Failures after which the server may still have committed the write.
NETWORK_KINDS = frozenset(
    {
        "Timeout",
        "RemoteDisconnected",
        "ConnectionResetError",
        "BrokenPipeError",
        "IncompleteRead",
        "BadStatusLine",
    }
)


def _forecast_write(user, kind, button, forecast_id, amount):
    note = user.ledger.marker(user.level, user.index)
    write = user.ledger.add(
        Write(kind, note, user.level, FAILED, forecast_id, user.uid)
    )
    wizard_id, context = _entry_wizard(user, button, forecast_id, amount, note)
    write.outcome = UNKNOWN
    _confirm(user, write, "sales.forecast.submit", "action_confirm", wizard_id, context)


def submit_forecast(user):
    forecast_id = user.world.forecasts.get(("user", user.uid))
    if not forecast_id:
        raise Skip("no forecast of the month")
    amount = round(user.rnd.uniform(1000.0, 90000.0), 2)
    _forecast_write(user, "forecast_submission", "action_submit", forecast_id, amount)


def adjust_forecast(user):
    if user.role == "manager":
        candidates = user.world.month_forecasts
    else:
        candidates = user.world.team_forecasts(user.team_id)
    if not candidates:
        raise Skip("no forecast to adjust")
    forecast_id = user.rnd.choice(candidates)
    amount = round(user.rnd.uniform(1000.0, 400000.0), 2)
    _forecast_write(user, "forecast_adjustment", "action_adjust", forecast_id, amount)


def negative_call(user):
    """Provoked: a negative call must be refused, and nothing written."""
    forecast_id = user.world.forecasts.get(("user", user.uid))
    if not forecast_id:
        raise Skip("no forecast of the month")
    _forecast_write(user, "negative_call", "action_submit", forecast_id, -100.0)


def adjust_denied(user):
    """Provoked: a salesperson adjusting their forecast as team leader."""
    forecast_id = user.world.forecasts.get(("user", user.uid))
    if not forecast_id:
        raise Skip("no forecast of the month")
    user.session.call_button("sales.forecast", "action_adjust", [forecast_id])


def log_activity(user):
    leads = user.world.leads.get(user.uid) or []
    if not leads:
        raise Skip("no opportunity of one's own")
    lead = user.rnd.choice(leads)
    s = user.session
    context = {"active_model": "crm.lead", "active_ids": [lead], "active_id": lead}
    spec = user.screen("activity_schedule").specs["form"]
    s.call_kw("mail.activity.schedule", "onchange", [[], {}, [], spec], context=context)
    summary = user.ledger.marker(user.level, user.index)
    write = user.ledger.add(
        Write("activity", summary, user.level, FAILED, lead, user.uid)
    )
    saved = s.call_kw(
        "mail.activity.schedule",
        "web_save",
        [[], {"summary": summary}],
        {"specification": {}},
        context=context,
    )
    write.outcome = UNKNOWN
    _confirm(
        user,
        write,
        "mail.activity.schedule",
        "action_schedule_activities",
        saved[0]["id"],
        context,
    )


def win_deal(user):
    lead = user.world.claim_lead(user.uid, user.rnd)
    if not lead:
        raise Skip("no open opportunity left to win")
    marker = f"won-{lead}"
    write = user.ledger.add(
        Write("won_deal", marker, user.level, UNKNOWN, lead, user.uid)
    )
    _confirm(user, write, "crm.lead", "action_set_won_rainbowman", lead, None)
    spec = user.screen("pipeline").specs["form"]
    user.session.call_kw("crm.lead", "web_read", [[lead]], {"specification": spec})


ACTIONS = {
    "my_targets": my_targets,
    "all_targets": all_targets,
    "pipeline": pipeline,
    "forecast_sheet": forecast_sheet,
    "leaderboard": leaderboard,
    "leaderboard_team": leaderboard_team,
    "lead_scoring": lead_scoring,
    "submit_forecast": submit_forecast,
    "adjust_forecast": adjust_forecast,
    "log_activity": log_activity,
    "win_deal": win_deal,
    "negative_call": negative_call,
    "adjust_denied": adjust_denied,
}


def perform(user, action):
    """Run ``action``; returns (seconds, error kind or None)."""
    started = time.perf_counter()
    try:
        ACTIONS[action](user)
    except RpcError as exc:
        return time.perf_counter() - started, exc.kind
    return time.perf_counter() - started, None
