"""Who the simulated users are and what they do (plain Python).

Each simulated user has a role (salesperson, team leader, sales manager) and
draws its next action from the weighted mix of its role with its own seeded
``random.Random``, then thinks a random while: the same seed gives the same
sequence of choices.
"""

import bisect
import itertools
import random

ROLES = ("salesperson", "leader", "manager")

# Screens: what a user opens and reads (the p95 criterion applies to them).
SCREENS = frozenset(
    {
        "my_targets",
        "all_targets",
        "pipeline",
        "forecast_sheet",
        "leaderboard",
        "leaderboard_team",
        "lead_scoring",
    }
)
# Writes checked afterwards, and the errors provoked on purpose.
WRITES = frozenset({"submit_forecast", "adjust_forecast", "log_activity", "win_deal"})
PROVOKED = {
    # a salesperson sends a negative call (an RPC client can): refused
    "negative_call": ("ValidationError",),
    # a salesperson tries to adjust their own forecast as a team leader
    "adjust_denied": ("AccessError",),
}

# Weighted mix of each role: action -> weight (relative).
MIXES = {
    "salesperson": {
        "my_targets": 18,
        "pipeline": 24,
        "lead_scoring": 16,
        "forecast_sheet": 8,
        "leaderboard": 8,
        "leaderboard_team": 8,
        "log_activity": 12,
        "submit_forecast": 6,
        "win_deal": 4,
        "negative_call": 2,
        "adjust_denied": 2,
    },
    "leader": {
        "my_targets": 10,
        "pipeline": 18,
        "lead_scoring": 10,
        "forecast_sheet": 20,
        "leaderboard": 14,
        "leaderboard_team": 14,
        "log_activity": 8,
        "submit_forecast": 4,
        "adjust_forecast": 12,
        "win_deal": 4,
    },
    "manager": {
        "all_targets": 12,
        "pipeline": 14,
        "lead_scoring": 8,
        "forecast_sheet": 26,
        "leaderboard": 24,
        "leaderboard_team": 24,
        "adjust_forecast": 16,
    },
}
# Share of the simulated users in each role (the rest are salespeople).
ROLE_SHARES = {"manager": 0.1, "leader": 0.2}


class Mix:
    """Draws actions with the weights of one mix."""

    def __init__(self, weights):
        if not weights or any(w < 0 for w in weights.values()):
            raise ValueError("a mix needs actions with weights >= 0")
        self.actions = sorted(weights)
        self.cumulative = list(
            itertools.accumulate(weights[action] for action in self.actions)
        )
        if not self.cumulative[-1] > 0:
            raise ValueError("a mix needs a positive total weight")

    def choose(self, rnd):
        point = rnd.random() * self.cumulative[-1]
        return self.actions[bisect.bisect_right(self.cumulative, point)]


def role_counts(users):
    """How many of ``users`` simulated users are of each role.

    At least one salesperson; one manager and one leader as soon as there are
    three users, then about 10 % managers and 20 % leaders.
    """
    if users < 1:
        raise ValueError("at least one user")
    managers = max(1, round(users * ROLE_SHARES["manager"])) if users >= 3 else 0
    leaders = max(1, round(users * ROLE_SHARES["leader"])) if users >= 2 else 0
    return {
        "salesperson": users - managers - leaders,
        "leader": leaders,
        "manager": managers,
    }


def assign_logins(users, logins_by_role):
    """(role, login) of each simulated user, logins of a role taken in turn.

    A role without any login gives its users to the salespeople. Several
    simulated users may share one login: each has its own session.
    """
    counts = role_counts(users)
    for role in ("manager", "leader"):
        if not logins_by_role.get(role):
            counts["salesperson"] += counts[role]
            counts[role] = 0
    if counts["salesperson"] and not logins_by_role.get("salesperson"):
        raise ValueError("no salesperson login to simulate")
    assigned = []
    for role in ROLES:
        pool = itertools.cycle(logins_by_role.get(role) or [None])
        assigned.extend((role, next(pool)) for _ in range(counts[role]))
    return assigned


def think_time(rnd, mean):
    """Seconds to wait before the next action: uniform between 1/3 and 5/3
    of ``mean`` (0 when ``mean`` is 0)."""
    if mean <= 0:
        return 0.0
    return rnd.uniform(mean / 3.0, mean * 5.0 / 3.0)


def user_random(seed, level, index):
    """The seeded random generator of one simulated user of one level."""
    return random.Random(f"{seed}:{level}:{index}")
