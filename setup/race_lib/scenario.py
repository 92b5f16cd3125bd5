"""What every race has: rounds, checks, and the clicks of the web client.

A scenario makes the fresh records of a round (``setup_round``), gives the
sides of the race (``sides``), then checks the database once they are done
(``check``). ``play`` runs one round and returns a ``RoundResult``: what
each side saw, Odoo's retries and unexpected errors found in the server log
for its requests, and the checks.
"""

import random
import time
from dataclasses import dataclass, field

from .race import run_race
from .serverlog import STRAY, by_tag

# The server writes a request's log line once it answered: a moment to
# finish writing it.
LOG_SETTLE = 0.5
MONEY = 0.01


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class RoundResult:
    number: int
    outcomes: dict  # side name -> Outcome
    checks: list = field(default_factory=list)
    seconds: float = 0.0
    # tracebacks other processes wrote in the log meanwhile (not Odoo's errors)
    stray: int = 0

    @property
    def ok(self):
        return all(check.ok for check in self.checks)


def same_money(a, b):
    return abs((a or 0.0) - (b or 0.0)) < MONEY


def m2o_id(value):
    """The id of a many2one value read over JSON-RPC ([id, name] or False)."""
    return value[0] if value else False


def clear_refusal(outcome, words):
    """A check that ``outcome`` is a refusal a user understands, saying ``words``."""
    ok = outcome.is_clear_error() and words.lower() in outcome.message.lower()
    return ok, outcome.label()


def web_save(session, model, record_id, values, context=None):
    """The form's Save: ``web_save`` of ``values``; returns the record's id."""
    saved = session.call_kw(
        model,
        "web_save",
        [[record_id] if record_id else [], values],
        {"specification": {}},
        context=context,
    )
    return saved[0]["id"]


class Scenario:
    """One race, played several rounds; see the module's docstring."""

    key = ""
    title = ""
    #: what should happen, as the report says it
    expected = ""

    def __init__(self, world, log_reader):
        self.world = world
        self.log_reader = log_reader
        self.rnd = random.Random(f"{self.key}-{world.rounds}")
        self.sessions = {}

    def session(self, name, user_login):
        """The session of client ``name`` (logged in as ``user_login``)."""
        if name not in self.sessions:
            self.sessions[name] = self.world.session(user_login)
        return self.sessions[name]

    def close(self):
        for session in self.sessions.values():
            session.close()

    # to override ---------------------------------------------------------

    def prepare(self):
        """Once, before the first round."""

    def setup_round(self, number):
        """The fresh records of round ``number``: a state for the others."""
        return {}

    def sides(self, state):
        raise NotImplementedError

    def check(self, state, outcomes):
        """The checks of the round, once every side is done."""
        raise NotImplementedError

    # ---------------------------------------------------------------------

    def play(self, number):
        state = self.setup_round(number)
        self.log_reader.read()  # what the setup logged is not the race's
        started = time.monotonic()
        outcomes = run_race(self.sides(state), f"{self.key}.{number}")
        seconds = time.monotonic() - started
        time.sleep(LOG_SETTLE)
        requests, leftovers = self.log_reader.read()
        tagged = by_tag(requests)
        for outcome in outcomes.values():
            for request in tagged.get(outcome.tag, []):
                outcome.retries.extend(request.retries())
                outcome.log_errors.extend(request.unexpected_errors())
                outcome.log_entries.extend(request.entries)
        checks = self.check(state, outcomes)
        # the checks' own requests come after the race's: read them too
        time.sleep(LOG_SETTLE)
        more, more_leftovers = self.log_reader.read()
        others = [
            error
            for request in [*requests, *more]
            if not request.tag
            for error in request.unexpected_errors()
        ]
        others += [
            entry.text()
            for entry in [*leftovers, *more_leftovers]
            if entry.level in ("ERROR", "CRITICAL")
        ]
        errors = [e for o in outcomes.values() for e in o.log_errors] + others
        checks.append(
            Check(
                "server log: no error but the concurrency failures Odoo retried",
                not errors,
                errors[0].splitlines()[0] if errors else "",
            )
        )
        stray = sum(
            1 for entry in [*leftovers, *more_leftovers] if entry.level == STRAY
        )
        return RoundResult(number, outcomes, checks, seconds, stray)
