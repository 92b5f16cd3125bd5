"""After a level: is every write the driver saw succeed there exactly once?

Counted as administrator over JSON-RPC:

* forecast submissions and adjustments (and the negative calls provoked on
  purpose, which must be absent): ``sales.forecast.entry`` by the marker in
  their note;
* activities: ``mail.activity`` by the marker in their summary;
* won deals: each opportunity won is in a won stage, and counts once in the
  won opportunities of its salesperson this month; after the attainment
  refresh job ran (each win triggers it), the target of the salesperson in
  the won-deals plan stores that count (``snapshot_achieved``, refreshed after
  the win) and shows it live (``achieved``).
"""

from collections import Counter, defaultdict

from .ledger import OK, compare

# kind of write -> where its marker is: a forecast entry's note, an
# activity's summary
MARKED_KINDS = (
    ("forecast_submission", "entry"),
    ("forecast_adjustment", "entry"),
    ("negative_call", "entry"),
    ("activity", "activity"),
)


def _found(admin, model, field, prefix):
    rows = admin.call_kw(
        model,
        "search_read",
        [[(field, "=like", prefix + "%")]],
        {"fields": [field], "context": {"active_test": False}},
    )
    return Counter(row[field] for row in rows)


def check_markers(admin, ledger, level):
    """{kind: {counts, problems}} of the marked writes of ``level``."""
    prefix = ledger.prefix(level)
    found = {
        "entry": _found(admin, "sales.forecast.entry", "note", prefix),
        "activity": _found(admin, "mail.activity", "summary", prefix),
    }
    writes = ledger.of_level(level)
    results = {}
    for kind, source in MARKED_KINDS:
        of_kind = [w for w in writes if w.kind == kind]
        markers = {w.marker for w in of_kind}
        there = {m: n for m, n in found[source].items() if m in markers}
        counts, problems = compare(of_kind, there)
        results[kind] = {"counts": counts, "problems": problems}
    known = {w.marker for w in writes}
    strays = [
        f"{marker} is there {count} time(s) but was never written"
        for records in found.values()
        for marker, count in sorted(records.items())
        if marker not in known
    ]
    if strays:
        results["unknown markers"] = {"counts": {}, "problems": strays}
    return results


def _won_domain(world, user_id=None):
    domain = [
        ("type", "=", "opportunity"),
        ("active", "=", True),
        ("stage_id.is_won", "=", True),
        ("date_closed", ">=", world.month_start.isoformat() + " 00:00:00"),
        ("date_closed", "<", world.next_month.isoformat() + " 00:00:00"),
        ("company_id", "=", world.company_id),
    ]
    if user_id is not None:
        domain.append(("user_id", "=", user_id))
    return domain


def check_won(admin, world, ledger, level, refreshed=True):
    """Problems of the won deals of ``level`` (empty when all is well).

    ``refreshed``: the scheduler ran (the stored attainment is checked too).
    """
    writes = ledger.of_level(level, {"won_deal"})
    won = [w for w in writes if w.outcome == OK]
    counts = dict(Counter(w.outcome for w in writes))
    problems = []
    if not won:
        return {"counts": counts, "problems": problems}
    by_user = defaultdict(list)
    for write in won:
        by_user[write.user_id].append(write)
    ids = [w.record_id for w in won]
    in_figure = admin.call_kw(
        "crm.lead",
        "search_read",
        [[("id", "in", ids), *_won_domain(world)]],
        {"fields": ["user_id"]},
    )
    counted = {row["id"] for row in in_figure}
    for write in won:
        if write.record_id not in counted:
            problems.append(
                f"won deal {write.record_id} is not among the won opportunities"
            )
    quotas = admin.call_kw(
        "sales.quota",
        "search_read",
        [
            [
                ("plan_id", "=", world.won_plan_id),
                ("target_type", "=", "user"),
                ("user_id", "in", list(by_user)),
                ("date_from", "=", world.month_start.isoformat()),
            ]
        ],
        {"fields": ["user_id", "achieved", "snapshot_achieved", "snapshot_date"]},
    )
    by_owner = {row["user_id"][0]: row for row in quotas if row["user_id"]}
    for user_id, user_writes in sorted(by_user.items()):
        total = admin.call_kw("crm.lead", "search_count", [_won_domain(world, user_id)])
        quota = by_owner.get(user_id)
        if not quota:
            problems.append(f"user {user_id} has no target in the won-deals plan")
            continue
        last_win = max(w.at for w in user_writes)
        if round(quota["achieved"]) != total:
            problems.append(
                f"user {user_id}: {total} won this month, the target shows "
                f"{quota['achieved']:g}"
            )
        if not refreshed:
            continue
        if round(quota["snapshot_achieved"]) != total:
            problems.append(
                f"user {user_id}: {total} won this month, the refresh job stored "
                f"{quota['snapshot_achieved']:g}"
            )
        if not quota["snapshot_date"] or quota["snapshot_date"] < last_win:
            problems.append(
                f"user {user_id}: the target was not refreshed after the win "
                f"of {last_win}"
            )
    return {"counts": counts, "problems": problems}
