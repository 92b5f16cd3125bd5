# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading screens as a read-only replica serves them.

``read_only(env)`` runs its block in a savepoint whose transaction is read
only (``SET LOCAL transaction_read_only``): any write, an ``UPDATE`` of a
figure refreshed on display as an ``INSERT`` of a cache row, fails as it
would on a PostgreSQL standby; leaving the block rolls back to the savepoint,
so the test goes on read-write. ``read_action(env, action)`` reads what the
web client reads to show a window action's list (or kanban) and form views.
"""

from contextlib import contextmanager

from lxml import etree

from odoo.tools.safe_eval import safe_eval

RELATIONAL_WIDGETS = ("many2many_tags", "many2many_avatar_user")


@contextmanager
def read_only(env):
    env.flush_all()
    cr = env.cr
    cr.execute("SAVEPOINT sm_read_only")
    cr.execute("SET LOCAL transaction_read_only = on")
    try:
        yield
        env.flush_all()  # a write left pending fails here, as it would there
    finally:
        env.invalidate_all()
        env.transaction.clear()
        cr.execute("ROLLBACK TO SAVEPOINT sm_read_only")
        cr.execute("RELEASE SAVEPOINT sm_read_only")


def view_spec(env, model, view_id, view_type):
    """The ``web_search_read`` / ``web_read`` specification of a view."""
    views = env[model].get_views([(view_id, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    spec = {}
    for node in arch.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        field = env[model]._fields[name]
        if (
            field.type in ("one2many", "many2many")
            and node.get("widget") not in RELATIONAL_WIDGETS
        ):
            spec[name] = {"fields": {"display_name": {}}, "limit": 40}
        elif field.relational:
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def read_action(env, action):
    """Read a window action as the web client shows it: its list (or
    kanban) view's first page, then the form of its first record.

    Returns the number of records of the first page."""
    Model = env[action["res_model"]].with_context(
        **safe_eval(action.get("context") or "{}", {"uid": env.uid, "active_id": False})
    )
    domain = action.get("domain") or []
    if isinstance(domain, str):
        domain = safe_eval(domain, {"uid": env.uid, "context": Model.env.context})
    modes = [mode for mode in (action.get("view_mode") or "list").split(",")]
    views = dict((mode, False) for mode in modes)
    for view_id, mode in action.get("views") or []:
        views[mode] = view_id
    records = []
    for mode in ("list", "kanban"):
        if mode in views:
            spec = view_spec(Model.env, Model._name, views[mode], mode)
            records = Model.web_search_read(domain, spec, limit=40)["records"]
            break
    if "form" in views and records:
        spec = view_spec(Model.env, Model._name, views["form"], "form")
        Model.browse(records[0]["id"]).web_read(spec)
    return len(records)
