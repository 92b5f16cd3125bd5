"""PostgreSQL as ``setup/faults`` uses it: its copies, its watching connections.

Only databases this run created are dropped: ``Copies`` remembers them.
"""

import re
import time

import psycopg2

DatabaseError = psycopg2.Error
NAME = re.compile(r"^[A-Za-z0-9_]+$")


def connect(db, autocommit=True):
    cnx = psycopg2.connect(dbname=db, application_name="sm-faults")
    cnx.autocommit = autocommit
    return cnx


def query(db, sql, params=None):
    """Rows of one query in ``db`` (its own connection, closed after)."""
    cnx = connect(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else []
    finally:
        cnx.close()


def sessions(db):
    """(pid, application_name) of the sessions open on ``db`` but ours."""
    return query(
        "postgres",
        """SELECT pid, application_name FROM pg_stat_activity
            WHERE datname = %s AND pid != pg_backend_pid()""",
        [db],
    )


def exists(db):
    return bool(query("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [db]))


def _identifier(name):
    if not NAME.match(name):
        raise ValueError(f"invalid database name {name!r}")
    return '"' + name + '"'


class Copies:
    """The databases created by this run (copies of a template)."""

    def __init__(self):
        self.created = []

    def copy(self, template, name, wait=30.0):
        """``CREATE DATABASE name TEMPLATE template`` (no session may be open
        on the template: waits ``wait`` seconds for them to go)."""
        if exists(name):
            raise RuntimeError(
                f"the database {name} exists already: drop it (a copy left "
                "by an earlier run with --keep) or name another source"
            )
        deadline = time.monotonic() + wait
        while sessions(template):
            if time.monotonic() > deadline:
                found = ", ".join(f"{pid} ({app})" for pid, app in sessions(template))
                raise RuntimeError(
                    f"sessions are open on {template} ({found}): a template "
                    "cannot be copied while somebody is connected"
                )
            time.sleep(0.5)
        cnx = connect("postgres")
        try:
            with cnx.cursor() as cr:
                cr.execute(
                    f"CREATE DATABASE {_identifier(name)} "
                    f"TEMPLATE {_identifier(template)}"
                )
        finally:
            cnx.close()
        self.created.append(name)
        return name

    def drop(self, name):
        """Drop ``name`` if this run created it (its sessions ended first)."""
        if name not in self.created:
            raise RuntimeError(f"{name} was not created by this run")
        cnx = connect("postgres")
        try:
            with cnx.cursor() as cr:
                cr.execute(f"DROP DATABASE IF EXISTS {_identifier(name)} WITH (FORCE)")
        finally:
            cnx.close()
        self.created.remove(name)

    def drop_all(self):
        for name in list(self.created):
            self.drop(name)
