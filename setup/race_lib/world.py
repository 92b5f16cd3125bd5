"""The people and records the races work on, made before they start.

``prepare`` runs as the administrator over JSON-RPC on the new demo database
(Odoo's demo data and the three addons):

* users, each with a password, as Settings would create them: two sales
  managers (``race.manager.a``, ``race.manager.b``) and three salespeople
  (``race.rep.a`` ... ``.c``) in a sales team of their own, *Race Team*;
* open opportunities of the salespeople, enough for every round of the
  races that change them, and a history of closed ones (won, and lost with
  a reason), so that the predictive scoring model has enough to learn from;
* the predictive scoring model of the company, trained once.

Each race then makes its own fresh records (a scorecard period, a target
plan, a forecast month) and takes opportunities no round took before.
"""

import random
import threading
from dataclasses import dataclass, field
from datetime import date

from load_lib.world import SetupError, xmlid_res_id

from .race import login

RACE_PASSWORD = "race-2026"
MANAGERS = ("race.manager.a", "race.manager.b")
SALESPEOPLE = ("race.rep.a", "race.rep.b", "race.rep.c")
TEAM_NAME = "Race Team"
# opportunities of each salesperson that the rounds take and change
OPEN_PER_ROUND = 10
# closed opportunities for the scoring model to learn from (won, lost)
HISTORY = (70, 70)
SOURCES = ("Search engine", "Newsletter", "Trade show", "Referral")
SETUP_TIMEOUT = 300.0


@dataclass
class World:
    url: str
    db: str
    timeout: float
    rounds: int
    admin: object = None
    company_id: int = 0
    users: dict = field(default_factory=dict)  # login -> uid
    team_id: int = 0
    lost_reason_id: int = 0
    scoring_model_id: int = 0
    open_stage_ids: list = field(default_factory=list)
    today: date = field(default_factory=date.today)
    open_leads: dict = field(default_factory=dict)  # login -> [lead ids]
    rnd: random.Random = field(default_factory=lambda: random.Random(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def session(self, user_login):
        """A new logged-in session of ``user_login`` (one per client)."""
        return login(self.url, self.db, user_login, RACE_PASSWORD, self.timeout)

    def take_leads(self, user_login, count):
        """Open opportunities of ``user_login`` that no round took yet."""
        with self._lock:
            pool = self.open_leads.get(user_login, [])
            if len(pool) < count:
                raise SetupError(f"no more fresh opportunities of {user_login}")
            taken, self.open_leads[user_login] = pool[:count], pool[count:]
        return taken


def _create_users(admin, world):
    manager_group = xmlid_res_id(admin, "sales_team", "group_sale_manager")
    salesman_group = xmlid_res_id(admin, "sales_team", "group_sale_salesman")
    employee_group = xmlid_res_id(admin, "base", "group_user")
    values = []
    for user_login in (*MANAGERS, *SALESPEOPLE):
        group = manager_group if user_login in MANAGERS else salesman_group
        values.append(
            {
                "name": user_login.replace(".", " ").title(),
                "login": user_login,
                "email": f"{user_login}@example.com",
                "password": RACE_PASSWORD,
                "company_id": world.company_id,
                "company_ids": [(6, 0, [world.company_id])],
                "groups_id": [(6, 0, [employee_group, group])],
            }
        )
    ids = admin.call_kw(
        "res.users",
        "create",
        [values],
        {"context": {"no_reset_password": True}},
    )
    world.users = dict(zip((*MANAGERS, *SALESPEOPLE), ids, strict=True))
    world.team_id = admin.call_kw(
        "crm.team",
        "create",
        [
            {
                "name": TEAM_NAME,
                "company_id": world.company_id,
                "member_ids": [(6, 0, [world.users[rep] for rep in SALESPEOPLE])],
            }
        ],
    )


def _lead_values(world, rep, index, rnd, sources, tags):
    """An opportunity of ``rep`` with features the model can learn from."""
    source = rnd.choice(sources)
    return {
        "type": "opportunity",
        "name": f"Race {rep} {index}",
        "user_id": world.users[rep],
        "team_id": world.team_id,
        "company_id": world.company_id,
        "expected_revenue": round(rnd.uniform(1000, 60000), 2),
        "source_id": source,
        "tag_ids": [(6, 0, rnd.sample(tags, rnd.randint(0, 2)))],
        "email_from": f"buyer{index}@example.com" if rnd.random() < 0.7 else False,
    }


def _ensure_records(admin, model, names):
    """Ids of records of ``model`` named ``names``, created when missing."""
    ids = []
    for name in names:
        found = admin.call_kw(model, "search", [[("name", "=", name)]], {"limit": 1})
        ids.append(
            found[0] if found else admin.call_kw(model, "create", [{"name": name}])
        )
    return ids


def _create_leads(admin, world):
    rnd = world.rnd
    sources = _ensure_records(admin, "utm.source", SOURCES)
    tags = _ensure_records(admin, "crm.tag", ("Race hot", "Race cold", "Race big"))
    reasons = admin.call_kw("crm.lost.reason", "search", [[]], {"limit": 1})
    if not reasons:
        raise SetupError("no lost reason in the database (CRM's data)")
    world.lost_reason_id = reasons[0]
    world.open_stage_ids = admin.call_kw(
        "crm.stage", "search", [[("is_won", "=", False)]], {"order": "sequence, id"}
    )
    # the history: won ones come more often from referrals and hot leads
    won, lost = [], []
    for index in range(sum(HISTORY)):
        rep = SALESPEOPLE[index % len(SALESPEOPLE)]
        values = _lead_values(world, rep, f"h{index}", rnd, sources, tags)
        if len(won) < HISTORY[0] and (
            values["source_id"] in sources[2:] or rnd.random() < 0.3
        ):
            won.append(values)
        elif len(lost) < HISTORY[1]:
            lost.append(values)
        else:
            won.append(values)
    won_ids = admin.call_kw("crm.lead", "create", [won])
    lost_ids = admin.call_kw("crm.lead", "create", [lost])
    admin.call_kw("crm.lead", "action_set_won", [won_ids])
    admin.call_kw(
        "crm.lead",
        "action_set_lost",
        [lost_ids],
        {"lost_reason_id": world.lost_reason_id},
    )
    for rep in SALESPEOPLE:
        values = [
            _lead_values(world, rep, f"o{index}", rnd, sources, tags)
            for index in range(OPEN_PER_ROUND * world.rounds + OPEN_PER_ROUND)
        ]
        world.open_leads[rep] = admin.call_kw("crm.lead", "create", [values])


def _train_model(world):
    """The company's scoring model, created and trained by a manager."""
    manager = world.session(MANAGERS[0])
    try:
        found = manager.call_kw(
            "sales.scoring.model",
            "search",
            [[("company_id", "=", world.company_id), ("team_id", "=", False)]],
        )
        model_id = (
            found[0]
            if found
            else manager.call_kw(
                "sales.scoring.model",
                "create",
                [{"company_id": world.company_id, "min_closed": 50}],
            )
        )
        manager.call_button("sales.scoring.model", "action_train", [model_id])
        state = manager.call_kw(
            "sales.scoring.model", "read", [[model_id], ["state", "message"]]
        )[0]
    finally:
        manager.close()
    if state["state"] != "trained":
        raise SetupError(f"the scoring model could not be trained: {state['message']}")
    world.scoring_model_id = model_id


def prepare(url, db, admin_login, admin_password, timeout, rounds, log):
    """The ``World`` of the races: see the module's docstring."""
    world = World(url=url, db=db, timeout=timeout, rounds=rounds)
    admin = login(url, db, admin_login, admin_password, max(timeout, SETUP_TIMEOUT))
    world.admin = admin
    world.company_id = admin.company_id
    if admin.call_kw("res.users", "search", [[("login", "in", list(MANAGERS))]]):
        raise SetupError(f"{db} was prepared for races already: use a new database")
    _create_users(admin, world)
    log(f"  users: {', '.join(world.users)} (team {TEAM_NAME})")
    _create_leads(admin, world)
    log(
        f"  {sum(HISTORY)} closed opportunities, "
        f"{sum(len(ids) for ids in world.open_leads.values())} open ones"
    )
    _train_model(world)
    log(f"  scoring model {world.scoring_model_id} trained")
    return world
