"""The verdict of the races: as text, and as JSON for the result file."""

from collections import Counter


def outcome_json(outcome):
    return {
        "side": outcome.side,
        "ok": outcome.ok,
        "kind": outcome.kind,
        "message": outcome.message,
        "retries": list(outcome.retries),
        "log_errors": list(outcome.log_errors),
        "seconds": round(max(outcome.ended - outcome.started, 0.0), 3),
    }


def round_json(result):
    return {
        "number": result.number,
        "seconds": round(result.seconds, 3),
        "outcomes": {name: outcome_json(o) for name, o in result.outcomes.items()},
        "checks": [
            {"name": c.name, "ok": c.ok, "detail": c.detail} for c in result.checks
        ],
        "passed": result.ok,
        "stray_tracebacks": result.stray,
    }


def scenario_json(scenario, results):
    return {
        "key": scenario.key,
        "title": scenario.title,
        "expected": scenario.expected,
        "rounds": [round_json(result) for result in results],
        "passed": bool(results) and all(result.ok for result in results),
    }


def _combination(outcomes):
    """What the sides of one round saw: 'all ok' or 'ok + UserError'."""
    kinds = sorted(("ok" if o["ok"] else o["kind"]) for o in outcomes.values())
    if all(kind == "ok" for kind in kinds):
        return "all ok" if len(kinds) > 2 else "both ok"
    counts = Counter(kinds)
    return " + ".join(
        f"{n} {kind}" if n > 1 else kind for kind, n in sorted(counts.items())
    )


def summary(scenario):
    """(outcomes, retries, checks) of a scenario, each a short text."""
    rounds = scenario["rounds"]
    combos = Counter(_combination(r["outcomes"]) for r in rounds)
    outcomes = ", ".join(f"{combo} ×{n}" for combo, n in combos.most_common())
    retries = Counter(
        code for r in rounds for o in r["outcomes"].values() for code in o["retries"]
    )
    retried = sum(retries.values())
    retry_text = (
        f"{retried} ({', '.join(f'{code} {n}' for code, n in retries.most_common())})"
        if retried
        else "0"
    )
    names = [check["name"] for check in rounds[0]["checks"]] if rounds else []
    passed = sum(1 for r in rounds if all(check["ok"] for check in r["checks"]))
    checks = f"{passed}/{len(rounds)} rounds hold all {len(names)} checks"
    return outcomes, retry_text, checks


def _messages(rounds):
    """The distinct error messages of the sides, the first line of each."""
    seen = Counter()
    for r in rounds:
        for o in r["outcomes"].values():
            if not o["ok"]:
                first = (o["message"] or "").splitlines()
                seen[f"{o['kind']}: {first[0] if first else ''}"] += 1
    return seen


def format_scenario(number, scenario):
    lines = [
        f"{number}. {scenario['title']} ({scenario['key']}, "
        f"{len(scenario['rounds'])} rounds): "
        + ("PASSED" if scenario["passed"] else "FAILED"),
        f"   expected: {scenario['expected']}",
    ]
    for r in scenario["rounds"]:
        sides = "; ".join(
            f"{name} "
            + ("ok" if o["ok"] else o["kind"])
            + (f" [Odoo retried: {', '.join(o['retries'])}]" if o["retries"] else "")
            + f" {o['seconds']:.2f} s"
            for name, o in r["outcomes"].items()
        )
        lines.append(f"   round {r['number']}: {sides}")
        for check in r["checks"]:
            if not check["ok"]:
                lines.append(f"      FAILED {check['name']}: {check['detail']}")
    for message, count in _messages(scenario["rounds"]).most_common():
        lines.append(f"   told ×{count}: {message}")
    if scenario["rounds"]:
        lines.append("   checks:")
        for index, check in enumerate(scenario["rounds"][0]["checks"]):
            held = sum(
                1
                for r in scenario["rounds"]
                if index < len(r["checks"]) and r["checks"][index]["ok"]
            )
            lines.append(f"     {held}/{len(scenario['rounds'])}  {check['name']}")
    outcomes, retries, _checks = summary(scenario)
    lines.append(f"   outcomes: {outcomes}; Odoo retries: {retries}")
    stray = sum(r["stray_tracebacks"] for r in scenario["rounds"])
    if stray:
        lines.append(
            f"   note: {stray} traceback(s) of another process in the log meanwhile"
            " (not of a request; see the log)"
        )
    return "\n".join(lines)


def format_table(result):
    lines = [
        "| race | rounds | outcomes (per round) | Odoo retries | checks |",
        "|---|---|---|---|---|",
    ]
    for scenario in result["scenarios"]:
        outcomes, retries, checks = summary(scenario)
        lines.append(
            f"| {scenario['title']} | {len(scenario['rounds'])} | {outcomes} "
            f"| {retries} | {checks} |"
        )
    return "\n".join(lines)


def format_report(result):
    parts = [
        f"Races on {result['db']}, {result['date']}: "
        f"{result['rounds']} rounds each, Odoo with {result['workers']} workers",
        "",
    ]
    for number, scenario in enumerate(result["scenarios"], start=1):
        parts.append(format_scenario(number, scenario))
        parts.append("")
    parts.append(format_table(result))
    parts.append("")
    parts.append("PASSED" if result["passed"] else "FAILED")
    return "\n".join(parts)
