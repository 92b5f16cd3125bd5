"""Before the upgrade, give the database what a working one holds; after it,
read every model of the addons as its users do."""

import json
import re
import time

from odoo.exceptions import AccessError, UserError

# A scheduled job's code as the addons write it: ``model._cron_xxx()``.
CRON_CODE = re.compile(r"^\s*model\.(_cron_\w+)\(\)\s*$")
MAX_CALLS = 50
READ_LIMIT = 80


def _say(message):
    print(message, flush=True)


def prepare(env, addons):
    """Run each scheduled job of the addons once (its batches until it
    reports nothing left, as Odoo's scheduler does), then close the first
    active target plan."""
    progress = {}

    def notify(cron, *, done, remaining, deactivate=False):
        progress.update(done=done, remaining=remaining)

    type(env["ir.cron"])._notify_progress = notify
    crons = env["ir.cron"].search([])
    owned = env["ir.model.data"].search(
        [("model", "=", "ir.cron"), ("module", "in", sorted(addons))]
    )
    crons = crons.filtered(lambda cron: cron.id in set(owned.mapped("res_id")))
    for cron in crons.sorted("priority"):
        match = CRON_CODE.match(cron.code or "")
        if not match:
            _say(f"  job {cron.name}: not a model method, left out")
            continue
        model = env[cron.model_id.model].with_user(cron.user_id)
        started = time.perf_counter()
        calls = 0
        while calls < MAX_CALLS:
            calls += 1
            progress.clear()
            getattr(model, match.group(1))()
            env.cr.commit()
            if not (progress.get("done") and progress.get("remaining")):
                break
        _say(
            f"  job {cron.name}: {calls} call(s), {time.perf_counter() - started:.1f} s"
        )
    admin = env.ref("base.user_admin")
    plan = env["sales.quota.plan"].search([("state", "=", "active")], limit=1)
    if plan:
        plan.with_user(admin).action_close()
        env.cr.commit()
        _say(f"  closed the target plan {plan.display_name} (frozen figures)")


def _own_models(env, addons):
    return sorted(
        name
        for name in env.registry
        if env[name]._original_module in addons
        and not env[name]._abstract
        and not env[name]._transient
    )


def _list_fields(model):
    """The fields of the model's default list view (its name when none)."""
    try:
        arch = model.get_views([(False, "list")])["views"]["list"]["arch"]
    except (UserError, ValueError):
        return ["display_name"]
    names = re.findall(r'<field name="(\w+)"', arch)
    return [name for name in dict.fromkeys(names) if name in model._fields] or [
        "display_name"
    ]


def check(env, addons, before_file):
    """Every model of the addons reads through the ORM (a refusal of the
    access rules is fine for the salesperson); the closed plans' targets
    read the figures frozen before the upgrade."""
    ok = True
    users = [env.ref("base.user_admin")]
    demo = env.ref("base.user_demo", raise_if_not_found=False)
    if demo:
        users.append(demo)
    for user in users:
        read, refused = 0, 0
        for name in _own_models(env, addons):
            model = env[name].with_user(user)
            try:
                model.search_read([], _list_fields(model), limit=READ_LIMIT)
                read += 1
            except AccessError:
                refused += 1
            except Exception as error:  # noqa: BLE001 - reported, the run fails
                ok = False
                _say(f"  FAILED: {name} as {user.login}: {error}")
            env.invalidate_all()
        _say(
            f"  as {user.login}: {read} models read, "
            f"{refused} refused by the access rules"
        )
    if not before_file:
        return ok
    with open(before_file, encoding="utf-8") as handle:
        before = json.load(handle)
    plans = before["tables"].get("sales_quota_plan", {}).get("rows", {})
    closed = {plan_id for plan_id, row in plans.items() if row.get("state") == "closed"}
    quotas = before["tables"].get("sales_quota", {}).get("rows", {})
    frozen = {
        int(quota_id): float(row["snapshot_achieved"] or 0)
        for quota_id, row in quotas.items()
        if row.get("plan_id") in closed and "snapshot_achieved" in row
    }
    records = env["sales.quota"].browse(sorted(frozen)).exists()
    wrong = [
        quota.display_name
        for quota in records
        if abs(quota.achieved - frozen[quota.id]) > 0.005
    ]
    if wrong or len(records) != len(frozen):
        ok = False
        _say(f"  FAILED: frozen figures differ or are gone: {wrong[:5]}")
    _say(
        f"  {len(records)} targets of {len(closed)} closed plans read their "
        f"frozen figures as before the upgrade"
    )
    return ok
