"""Clients released together: the sides of one race.

Each side is a user's JSON-RPC session (one per user, logged in before) and
what the user does: ``prepare`` (the clicks before the one that races, e.g.
opening a dialog) runs first, then every side waits at a barrier and, once
all are there, ``act`` (the click that races) runs in every thread at once.
The requests of ``act`` carry a tag in their query string (``?race=TAG``),
which Odoo ignores but writes in its request log: the server log then tells
which request Odoo retried (see ``serverlog``).
"""

import threading
import time
from dataclasses import dataclass, field

from load_lib.rpc import RpcError, Session

# Odoo errors a user may be shown: a sentence of the addons or of Odoo
CLEAR_KINDS = frozenset({"UserError", "ValidationError", "AccessError"})
# Words of an error that is no sentence for a user
OBSCURE_WORDS = (
    "psycopg2",
    "could not serialize",
    "deadlock",
    "could not obtain lock",
    "duplicate key",
    "violates",
    "Traceback",
)


class RaceSession(Session):
    """A session whose requests carry ``tag`` in their query string."""

    tag = None

    def post(self, path, params, retry_read=False):
        if self.tag:
            path = f"{path}?race={self.tag}"
        return super().post(path, params, retry_read=retry_read)


def login(url, db, user_login, password, timeout):
    session = RaceSession(url, db, timeout=timeout)
    session.authenticate(user_login, password)
    return session


@dataclass
class Side:
    """One client of a race."""

    name: str
    session: RaceSession
    act: object  # act(session, state) -> result
    prepare: object = None  # prepare(session) -> state, before the barrier


@dataclass
class Outcome:
    """What one side saw."""

    side: str
    tag: str
    ok: bool = False
    result: object = None
    kind: str = ""  # the error's kind (Odoo exception class ...) when not ok
    message: str = ""
    started: float = 0.0  # epoch seconds, when the side left the barrier
    ended: float = 0.0
    retries: list = field(default_factory=list)  # from the server log
    log_errors: list = field(default_factory=list)  # unexpected, from the log
    log_entries: list = field(default_factory=list)  # all of its requests'

    def label(self):
        """'ok', or the error's kind and first line."""
        if self.ok:
            return "ok"
        return f"{self.kind}: {self.message.splitlines()[0] if self.message else ''}"

    def is_clear_error(self):
        """A refusal with a sentence a user understands."""
        return (
            not self.ok
            and self.kind in CLEAR_KINDS
            and not any(word in self.message for word in OBSCURE_WORDS)
        )


class RaceError(Exception):
    """A side could not get ready (its preparation failed)."""


def run_race(sides, tag_prefix, timeout=120.0):
    """Run ``sides`` (a list of ``Side``): each prepares, then all act at once.

    Returns ``{side name: Outcome}``. A preparation that fails raises
    ``RaceError`` (the race did not happen), as does a fault of the driver;
    an error Odoo answers to ``act`` is the side's outcome.
    """
    barrier = threading.Barrier(len(sides), timeout=timeout)
    outcomes = {
        side.name: Outcome(side=side.name, tag=f"{tag_prefix}.{side.name}")
        for side in sides
    }
    failures = []

    def run(side):
        outcome = outcomes[side.name]
        try:
            state = side.prepare(side.session) if side.prepare else None
        except (RpcError, OSError) as exc:
            failures.append(f"{side.name}: {exc}")
            barrier.abort()
            return
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return
        side.session.tag = outcome.tag
        outcome.started = time.time()
        try:
            outcome.result = side.act(side.session, state)
            outcome.ok = True
        except RpcError as exc:
            outcome.kind = exc.kind
            outcome.message = exc.message
        except Exception as exc:  # a fault of the driver, not of Odoo
            failures.append(f"{side.name}: {type(exc).__name__}: {exc}")
        finally:
            outcome.ended = time.time()
            side.session.tag = None

    threads = [
        threading.Thread(target=run, args=(side,), name=f"race-{side.name}")
        for side in sides
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures or barrier.broken:
        raise RaceError("; ".join(failures) or "the sides never met at the barrier")
    return outcomes
