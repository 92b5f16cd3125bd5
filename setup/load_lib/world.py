"""What the simulated users work on, gathered before the load starts.

``prepare`` runs as the administrator over JSON-RPC (and as the bench
manager where a manager would do it) on a database built by ``setup/bench``:

* checks the benchmark marker and finds the generated users by role: the
  sales manager, the team leaders (first salesperson of each team) and the
  other salespeople;
* the generated users have no password (``setup/bench`` never logs them in):
  when ``LOAD_PASSWORD`` does not log one in, the administrator sets it for
  all of them (a write of ``password`` on ``res.users``, as in Settings);
* waits until the scheduler has run the jobs that were due when it started
  (``--jobs``), so that they do not all run during the first level;
* makes sure the forecast sheet of the current month exists (the manager's
  *Prepare a Forecast Sheet*, when the scheduler has not prepared it);
* creates once a month the target plan ``WON_PLAN`` on won opportunities,
  with a target for each salesperson: the attainment of won deals that the
  checks compare after the refresh job;
* reads the open opportunities of each salesperson, the forecasts of the
  month, and, once per role, the views of every screen (``get_views``).
"""

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .rpc import RpcError, Session
from .specs import default_order, progress_bar, view_specification

MARKER_KEY = "sales_management_bench.marker"
SALESPERSON_LOGINS = "bench.rep%"
# users whose password one request sets (hashing a password takes a while)
PASSWORD_BATCH = 4
SETUP_TIMEOUT = 300.0
LOAD_PASSWORD = "bench-load-2026"
WON_PLAN = "Load test: won opportunities {month}"
LEADER_GROUP = ("sales_management", "group_sales_team_leader")
MANAGER_GROUP = ("sales_team", "group_sale_manager")

# Screens and wizards whose views each role loads once: key -> (action xmlid
# or None, model, view types)
VIEWS = {
    "my_targets": ("sales_management.sales_quota_action_my", "sales.quota", None),
    "all_targets": ("sales_management.sales_quota_action", "sales.quota", None),
    "pipeline": ("crm.crm_lead_action_pipeline", "crm.lead", None),
    "forecast_sheet": (
        "sales_management_forecast.sales_forecast_action",
        "sales.forecast",
        None,
    ),
    "leaderboard": (
        "sales_management.sales_scorecard_action_server_leaderboard",
        "sales.scorecard",
        None,
    ),
    "activity_schedule": (None, "mail.activity.schedule", ("form",)),
    "forecast_submit": (None, "sales.forecast.submit", ("form",)),
}
# Which of them each role opens.
ROLE_VIEWS = {
    "salesperson": (
        "my_targets",
        "pipeline",
        "forecast_sheet",
        "leaderboard",
        "activity_schedule",
        "forecast_submit",
    ),
    "leader": (
        "my_targets",
        "pipeline",
        "forecast_sheet",
        "leaderboard",
        "activity_schedule",
        "forecast_submit",
    ),
    "manager": (
        "all_targets",
        "pipeline",
        "forecast_sheet",
        "leaderboard",
        "forecast_submit",
    ),
}


class SetupError(Exception):
    """The database cannot be load-tested as it is (a sentence says why)."""


@dataclass
class Screen:
    """The views of one screen as one role sees them."""

    action: dict
    model: str
    archs: dict  # view type -> arch
    specs: dict  # view type -> specification
    progress_bar: dict | None = None
    orders: dict = field(default_factory=dict)  # view type -> default order


@dataclass
class World:
    url: str
    db: str
    today: date
    month_start: date
    next_month: date
    company_id: int = 0
    users: dict = field(default_factory=dict)  # login -> {id, role, team_id}
    logins: dict = field(default_factory=dict)  # role -> [login]
    leads: dict = field(default_factory=dict)  # uid -> [open opportunity ids]
    team_leads: dict = field(default_factory=dict)  # team id -> [ids]
    all_leads: list = field(default_factory=list)  # every open opportunity
    forecasts: dict = field(default_factory=dict)  # ('user'|'team', id) -> id
    month_forecasts: list = field(default_factory=list)  # every id of the month
    won_plan_id: int = 0
    screens: dict = field(default_factory=dict)  # (role, key) -> Screen
    _claimed: set = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def readable_leads(self, role, uid, team_id):
        if role == "manager":
            return self.all_leads
        if role == "leader":
            return self.team_leads.get(team_id) or self.leads.get(uid, [])
        return self.leads.get(uid, [])

    def claim_lead(self, uid, rnd):
        """An open opportunity of ``uid`` that no other user will win."""
        with self._lock:
            free = [
                lead for lead in self.leads.get(uid, []) if lead not in self._claimed
            ]
            if not free:
                return None
            lead = rnd.choice(free)
            self._claimed.add(lead)
            return lead

    def team_forecasts(self, team_id):
        """The forecasts a team leader adjusts: the team's and its members'."""
        return [
            forecast_id
            for (owner, owner_id), forecast_id in self.forecasts.items()
            if (owner == "team" and owner_id == team_id)
            or (owner == "user" and self.user_team(owner_id) == team_id)
        ]

    def user_team(self, uid):
        for info in self.users.values():
            if info["id"] == uid:
                return info["team_id"]
        return None


def month_bounds(day):
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def xmlid_res_id(admin, module, name):
    rows = admin.call_kw(
        "ir.model.data",
        "search_read",
        [[("module", "=", module), ("name", "=", name)]],
        {"fields": ["res_id"], "limit": 1},
    )
    if not rows:
        raise SetupError(f"{module}.{name} is missing: are the addons installed?")
    return rows[0]["res_id"]


def _find_users(admin, world, marker):
    """The generated salespeople (bench.rep001 ...) and the sales manager of
    the benchmark marker, by role."""
    leader_group = xmlid_res_id(admin, *LEADER_GROUP)
    manager_group = xmlid_res_id(admin, *MANAGER_GROUP)
    manager_login = marker.get("manager_login") or "bench.manager"
    rows = admin.call_kw(
        "res.users",
        "search_read",
        [["|", ("login", "=like", SALESPERSON_LOGINS), ("login", "=", manager_login)]],
        {"fields": ["login", "groups_id", "sale_team_id"], "order": "login"},
    )
    for row in rows:
        groups = set(row["groups_id"])
        if manager_group in groups:
            role = "manager"
        elif leader_group in groups:
            role = "leader"
        else:
            role = "salesperson"
        team = row["sale_team_id"]
        world.users[row["login"]] = {
            "id": row["id"],
            "role": role,
            "team_id": team[0] if team else None,
        }
        world.logins.setdefault(role, []).append(row["login"])
    if not world.logins.get("salesperson"):
        raise SetupError("no generated salesperson (bench.rep*) in the database")


def _ensure_passwords(admin, world, timeout):
    login = world.logins["salesperson"][0]
    probe = Session(world.url, world.db, timeout=timeout)
    try:
        probe.authenticate(login, LOAD_PASSWORD)
        return False
    except RpcError:
        pass
    finally:
        probe.close()
    ids = [info["id"] for info in world.users.values()]
    for start in range(0, len(ids), PASSWORD_BATCH):
        batch = ids[start : start + PASSWORD_BATCH]
        admin.call_kw("res.users", "write", [batch, {"password": LOAD_PASSWORD}])
    return True


def wait_for_scheduler(admin, timeout, log):
    """Wait until no job has been due for long (the scheduler caught up)."""
    deadline = time.monotonic() + timeout
    while True:
        stale = datetime.utcnow() - timedelta(seconds=120)
        due = admin.call_kw(
            "ir.cron",
            "search_read",
            [
                [
                    ("active", "=", True),
                    ("nextcall", "<=", stale.strftime("%Y-%m-%d %H:%M:%S")),
                ]
            ],
            {"fields": ["cron_name"]},
        )
        if not due:
            return True
        if time.monotonic() > deadline:
            names = ", ".join(row["cron_name"] for row in due[:5])
            log(
                f"  the scheduler has not caught up after {timeout} s ({names}):"
                " going on"
            )
            return False
        time.sleep(3)


def _ensure_forecasts(admin, manager, world):
    domain = [
        ("period_type", "=", "month"),
        ("date_from", "=", world.month_start.isoformat()),
        ("company_id", "=", world.company_id),
    ]
    fields = ["owner_type", "user_id", "team_id"]
    rows = admin.call_kw("sales.forecast", "search_read", [domain], {"fields": fields})
    if not any(row["owner_type"] == "user" for row in rows):
        if manager is None:
            raise SetupError(
                "no forecast sheet this month and no sales manager to prepare it"
            )
        wizard = manager.call_kw(
            "sales.forecast.prepare",
            "web_save",
            [[], {"period_type": "month", "date": world.today.isoformat()}],
            {"specification": {}},
        )
        manager.call_button(
            "sales.forecast.prepare", "action_prepare", [wizard[0]["id"]]
        )
        rows = admin.call_kw(
            "sales.forecast", "search_read", [domain], {"fields": fields}
        )
    for row in rows:
        world.month_forecasts.append(row["id"])
        if row["owner_type"] == "user" and row["user_id"]:
            world.forecasts["user", row["user_id"][0]] = row["id"]
        elif row["owner_type"] == "team" and row["team_id"]:
            world.forecasts["team", row["team_id"][0]] = row["id"]


def _ensure_won_plan(admin, manager, world):
    name = WON_PLAN.format(month=world.month_start.strftime("%Y-%m"))
    found = admin.call_kw(
        "sales.quota.plan",
        "search_read",
        [[("name", "=", name)]],
        {"fields": ["state"]},
    )
    if found:
        if found[0]["state"] != "active":
            raise SetupError(f"the target plan '{name}' exists but is not active")
        world.won_plan_id = found[0]["id"]
        return
    if manager is None:
        raise SetupError("no sales manager to create the won-deals target plan")
    last_day = world.next_month - timedelta(days=1)
    quotas = [
        [
            0,
            0,
            {
                "target_type": "user",
                "user_id": info["id"],
                "team_id": info["team_id"],
                "date_from": world.month_start.isoformat(),
                "target_amount": 5,
            },
        ]
        for info in world.users.values()
        if info["role"] in ("salesperson", "leader")
    ]
    plan = manager.call_kw(
        "sales.quota.plan",
        "web_save",
        [
            [],
            {
                "name": name,
                "metric": "won_count",
                "period_type": "month",
                "date_from": world.month_start.isoformat(),
                "date_to": last_day.isoformat(),
                "quota_ids": quotas,
            },
        ],
        {"specification": {}},
    )
    world.won_plan_id = plan[0]["id"]
    manager.call_button("sales.quota.plan", "action_activate", [world.won_plan_id])


def _read_leads(admin, world):
    uids = [info["id"] for info in world.users.values()]
    rows = admin.call_kw(
        "crm.lead",
        "search_read",
        [
            [
                ("type", "=", "opportunity"),
                ("active", "=", True),
                ("probability", "<", 100),
                ("stage_id.is_won", "=", False),
                ("user_id", "in", uids),
            ]
        ],
        {"fields": ["user_id", "team_id"], "order": "id"},
    )
    for row in rows:
        world.all_leads.append(row["id"])
        world.leads.setdefault(row["user_id"][0], []).append(row["id"])
        if row["team_id"]:
            world.team_leads.setdefault(row["team_id"][0], []).append(row["id"])


def load_screen(session, key):
    """The views of screen ``key`` as the user of ``session`` sees them."""
    xmlid, model, types = VIEWS[key]
    action = {}
    if xmlid:
        action = session.load_action(xmlid)
        if action.get("type") == "ir.actions.server":
            action = session.run_action(action["id"])
        views = [list(view) for view in action.get("views") or []]
        search = action.get("search_view_id")
        views.append(
            [search[0] if isinstance(search, list) else search or False, "search"]
        )
        options = {"action_id": action.get("id"), "load_filters": True, "toolbar": True}
    else:
        views = [[False, view_type] for view_type in types]
        options = {}
    result = session.call_kw(
        model, "get_views", [], {"views": views, "options": options}
    )
    archs, specs, orders = {}, {}, {}
    bar = None
    for view_type, view in result["views"].items():
        if view_type == "search":
            continue
        archs[view_type] = view["arch"]
        specs[view_type] = view_specification(view["arch"], model, result["models"])
        orders[view_type] = default_order(view["arch"])
        if view_type == "kanban":
            bar = progress_bar(view["arch"])
    return Screen(action, model, archs, specs, bar, orders)


def login(world, login, timeout, on_request=None):
    session = Session(world.url, world.db, timeout=timeout, on_request=on_request)
    session.authenticate(login, LOAD_PASSWORD)
    return session


def prepare(url, db, admin_login, admin_password, timeout, wait_jobs, log):
    """The ``World`` of the load: see the module's docstring."""
    today = date.today()
    start, following = month_bounds(today)
    world = World(url=url, db=db, today=today, month_start=start, next_month=following)
    # the preparation may hash passwords and prepare sheets: more patience
    admin = Session(url, db, timeout=max(timeout, SETUP_TIMEOUT))
    try:
        admin.authenticate(admin_login, admin_password)
    except RpcError as exc:
        raise SetupError(f"the administrator cannot log in ({exc})") from exc
    world.company_id = admin.company_id
    marker = admin.call_kw("ir.config_parameter", "get_param", [MARKER_KEY])
    if not marker:
        raise SetupError(f"{db} holds no benchmark data: build it with setup/bench")
    try:
        marker = json.loads(marker)
    except ValueError:
        raise SetupError(f"the benchmark marker of {db} is not JSON") from None
    _find_users(admin, world, marker)
    log(
        "  users: "
        + ", ".join(
            f"{len(world.logins.get(r, []))} {r}"
            for r in ("salesperson", "leader", "manager")
        )
    )
    if _ensure_passwords(admin, world, timeout):
        log(
            f"  password of the {len(world.users)} generated users set"
            " for the load test"
        )
    if wait_jobs:
        wait_for_scheduler(admin, wait_jobs, log)
    manager = None
    if world.logins.get("manager"):
        manager = login(world, world.logins["manager"][0], max(timeout, SETUP_TIMEOUT))
    _ensure_forecasts(admin, manager, world)
    _ensure_won_plan(admin, manager, world)
    _read_leads(admin, world)
    log(
        f"  {sum(len(v) for v in world.leads.values())} open opportunities, "
        f"{len(world.month_forecasts)} forecasts this month, "
        f"won-deals plan {world.won_plan_id}"
    )
    for role, logins in world.logins.items():
        session = login(world, logins[0], max(timeout, SETUP_TIMEOUT))
        for key in ROLE_VIEWS[role]:
            world.screens[role, key] = load_screen(session, key)
        session.close()
    return world, admin
