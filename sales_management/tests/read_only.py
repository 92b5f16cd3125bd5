# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading screens as a read-only replica serves them.

``read_only(env)`` runs its block in a savepoint whose transaction is read
only (``SET LOCAL transaction_read_only``): any write, an ``UPDATE`` of a
figure refreshed on display as an ``INSERT`` of a cache row, fails as it
would on a PostgreSQL standby; leaving the block rolls back to the savepoint,
so the test goes on read-write. ``read_action(env, action)`` reads what the
web client reads to show a window action's list (or kanban) and form views.

A method marked ``@api.readonly`` is served on the read-only cursor when the
web client calls it (``/web/dataset/call_kw`` and ``call_button``): each addon
lists the calls of its marked methods as ``ReadonlyCall`` rows,
``check_readonly_calls`` makes them in this mode and ``readonly_methods``
finds the marked methods, so that none is left without its call.
"""

import traceback
from collections.abc import Callable
from contextlib import contextmanager
from typing import NamedTuple

from lxml import etree

from odoo.models import BaseModel
from odoo.tools.safe_eval import safe_eval

# the Python modules of this repository's addons start with it
ADDONS_MODULE = "odoo.addons.sales_management"

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
    context = action.get("context") or {}
    if isinstance(context, str):
        context = safe_eval(context, {"uid": env.uid, "active_id": False})
    Model = env[action["res_model"]].with_context(**context)
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


def open_action(env, action):
    """Open a window action as the web client does: the form of its record
    (``res_id``), else what ``read_action`` reads.

    Returns the number of records read."""
    if action.get("res_id"):
        Model = env[action["res_model"]]
        form = dict((mode, view_id) for view_id, mode in action.get("views") or [])
        spec = view_spec(env, Model._name, form.get("form", False), "form")
        Model.browse(action["res_id"]).web_read(spec)
        return 1
    return read_action(env, action)


class ReadonlyCall(NamedTuple):
    """A call of a method marked ``@api.readonly``, as the web client makes
    it: ``method`` of ``records`` (an empty recordset for a model method),
    with the ``context`` of its button, as each of ``users``.

    ``opens``: the model of the window action it returns, which is then
    opened as the client opens it; ``check(result)``: other checks of what
    it returns."""

    records: BaseModel
    method: str
    users: tuple
    opens: str | None = None
    check: Callable | None = None
    context: dict | None = None

    @property
    def key(self):
        return self.records._name, self.method


def check_readonly_calls(case, calls):
    """Make each of ``calls`` as each of its users in a read-only
    transaction (``read_only``); fail with the list of the calls that wrote
    or did not return what they should.

    Returns the number of calls made."""
    failures, made = [], 0
    for call in calls:
        case.assertTrue(call.users, call.key)
        for user in call.users:
            records = call.records.with_user(user).with_context(**(call.context or {}))
            label = f"{user.login}: {records._name}.{call.method}({call.context or ''})"
            try:
                with read_only(records.env):
                    result = getattr(records, call.method)()
                    if call.opens:
                        case.assertEqual(result["type"], "ir.actions.act_window")
                        case.assertEqual(result["res_model"], call.opens)
                        open_action(records.env, result)
                    if call.check:
                        call.check(result)
                made += 1
            except Exception as error:  # noqa: BLE001 - listed below
                failures.append(f"{label}: {error!r}\n{traceback.format_exc(limit=-3)}")
    if failures:
        case.fail("\n".join(failures))
    return made


def readonly_methods(registry):
    """``{(model, method): addon}`` of the methods the code of this
    repository's addons marks ``@api.readonly``, on every model that has
    them (the web client's calls of them go to the read-only cursor)."""
    found = {}
    for model_name, model_class in registry.models.items():
        for cls in model_class.__mro__:
            for name, value in vars(cls).items():
                if not callable(value) or not getattr(value, "_readonly", False):
                    continue
                module = value.__module__ or ""
                if module.startswith(ADDONS_MODULE):
                    found.setdefault((model_name, name), module.split(".")[2])
    return found


def check_readonly_calls_complete(case, addon, calls):
    """Every method ``addon`` marks ``@api.readonly`` is one of ``calls``,
    and every call is of a marked method."""
    marked = {
        key for key, owner in readonly_methods(case.registry).items() if owner == addon
    }
    called = {call.key for call in calls}
    case.assertFalse(
        sorted(marked - called), "marked @api.readonly, never called in the test"
    )
    case.assertFalse(sorted(called - marked), "called in the test, not marked")
