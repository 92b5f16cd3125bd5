"""The verdict and the printed report of a load test (plain Python).

Criteria (the issue's "done when"):

* no error other than those provoked on purpose, at every level (errors of
  actions and logins, jobs that failed or did not finish, writes missing or
  duplicated);
* p95 under ``p95_ms`` for every screen, at the levels of at most
  ``target_users`` simulated users (higher levels show where it breaks);
* every write seen succeeding there exactly once, won deals in the
  attainment after the refresh job.
"""

from .stats import errors_by_kind


def level_problems(level, p95_ms, target_users):
    """Sentences saying why ``level`` (a result dict) misses the criteria."""
    problems = []
    summary = level["summary"]
    errors = errors_by_kind(summary)
    for kind, count in sorted(errors.items()):
        problems.append(f"{count} unexpected error(s) {kind}")
    for kind, count in sorted((level.get("login_errors") or {}).items()):
        problems.append(f"{count} login(s) failed: {kind}")
    if level["users"] <= target_users:
        for action, row in sorted(summary["actions"].items()):
            if row["screen"] and row["p95_ms"] is not None and row["p95_ms"] >= p95_ms:
                problems.append(
                    f"{action}: p95 {row['p95_ms']:.0f} ms (limit {p95_ms:.0f} ms)"
                )
    for run in (level.get("jobs") or {}).values():
        if run["failed"]:
            problems.append(f"job {run['job']} failed")
        elif not run["finished"]:
            problems.append(f"job {run['job']} did not finish")
    if level.get("jobs_error"):
        problems.append(f"the jobs could not be triggered: {level['jobs_error']}")
    for kind, check in sorted((level.get("checks") or {}).items()):
        problems.extend(f"{kind}: {problem}" for problem in check["problems"])
    cursors = (level.get("server_log") or {}).get("cursors") or {}
    if cursors.get("ro->rw"):
        problems.append(
            f"{cursors['ro->rw']} read-only request(s) wrote on the replica"
            " (run again on the primary)"
        )
    if (level.get("replica_lag") or {}).get("disconnected_samples"):
        problems.append("the replica was not connected to the primary")
    return problems


def _cell(value, unit=""):
    return "-" if value is None else f"{value:,.0f}{unit}"


def action_table(summary):
    """Rows of the per-action table, as text lines."""
    header = (
        f"  {'action':<18} {'kind':<7} {'count':>6} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'max ms':>8}  errors"
    )
    lines = [header, "  " + "-" * (len(header) - 2)]
    for action, row in sorted(summary["actions"].items()):
        kinds = [f"{kind} {count}" for kind, count in sorted(row["errors"].items())]
        kinds += [
            f"{kind} {count} (provoked)"
            for kind, count in sorted(row["provoked"].items())
        ]
        lines.append(
            f"  {action:<18} {'screen' if row['screen'] else 'write':<7}"
            f" {row['count']:>6} {_cell(row['p50_ms']):>8} {_cell(row['p95_ms']):>8}"
            f" {_cell(row['max_ms']):>8}  {', '.join(kinds)}"
        )
    return lines


def _jobs_lines(jobs):
    lines = []
    for run in jobs.values():
        if run["failed"]:
            state = "FAILED"
        elif run["finished"]:
            state = (
                f"ran {run.get('ran_s', 0)} s after waiting {run.get('waited_s', 0)} s"
            )
        else:
            state = "not finished"
        lines.append(
            f"    {run['job']:<28} {state}; {run['batches']} batch(es),"
            f" {run['records']} record(s)"
        )
    return lines


def format_level(level, p95_ms, target_users):
    summary = level["summary"]
    roles = ", ".join(f"{n} {r}" for r, n in level["roles"].items() if n)
    lines = [
        f"Level {level['level']}: {level['users']} users for"
        f" {summary['elapsed_s']:.0f} s ({roles})",
        f"  {summary['actions_done']} actions, {summary['requests']} requests:"
        f" {summary['actions_per_s']:.2f} actions/s,"
        f" {summary['requests_per_s']:.2f} requests/s",
        *action_table(summary),
    ]
    if level.get("budget_spent"):
        lines.append("  stopped early: the level spent its --max-requests")
    login = level.get("login") or {}
    if login.get("count"):
        lines.append(
            f"  logins before the clock started: {login['count']},"
            f" p50 {_cell(login['p50_ms'])} ms, max {_cell(login['max_ms'])} ms"
        )
    if level.get("jobs"):
        lines.append("  jobs triggered during the level:")
        lines.extend(_jobs_lines(level["jobs"]))
    memory = level.get("memory") or {}
    if memory.get("peak_rss_mb"):
        peaks = ", ".join(
            f"{kind} {mb:,.0f} MB" for kind, mb in memory["peak_rss_mb"].items()
        )
        lines.append(
            f"  peak RSS of one process: {peaks}; all Odoo processes together"
            f" {memory['peak_total_rss_mb']:,.0f} MB"
        )
    for name in ("server", "scheduler"):
        log = level.get(f"{name}_log") or {}
        if log:
            lines.append(
                f"  {name} log: {log.get('errors', 0)} error(s),"
                f" {log.get('retries', 0)} concurrency retries by Odoo,"
                f" {log.get('worker_timeouts', 0)} worker(s) killed at the time limit"
            )
    cursors = (level.get("server_log") or {}).get("cursors")
    if cursors:
        lines.append(
            f"  requests by cursor: {cursors.get('ro', 0)} on the replica,"
            f" {cursors.get('rw', 0)} on the primary, {cursors.get('ro->rw', 0)}"
            f" begun on the replica then run on the primary"
            f" ({cursors.get('read_only_writes', 0)} read-only write warning(s))"
        )
    lag = level.get("replica_lag") or {}
    for name, title in (("level", "the level"), ("jobs", "the jobs")):
        figures = lag.get(name) or {}
        if figures:
            max_kib = figures["max_bytes"] / 1024
            p95_kib = figures["p95_bytes"] / 1024
            lines.append(
                f"  replica lag during {title}: max {figures['max_s']:.2f} s"
                f" ({max_kib:,.0f} KiB), p95 {figures['p95_s']:.2f} s"
                f" ({p95_kib:,.0f} KiB), {figures['samples']} samples"
            )
    if lag.get("disconnected_samples"):
        lines.append(
            f"  replica not connected in {lag['disconnected_samples']} sample(s)"
        )
    checks = level.get("checks") or {}
    if checks:
        parts = []
        for kind, check in sorted(checks.items()):
            counts = ", ".join(f"{n} {o}" for o, n in sorted(check["counts"].items()))
            state = (
                "ok"
                if not check["problems"]
                else f"{len(check['problems'])} problem(s)"
            )
            parts.append(f"{kind} ({counts or 'none'}): {state}")
        lines.append("  writes checked: " + "; ".join(parts))
    problems = level_problems(level, p95_ms, target_users)
    lines.append("  verdict: " + ("PASS" if not problems else "FAIL"))
    lines.extend(f"    - {problem}" for problem in problems[:20])
    if len(problems) > 20:
        lines.append(f"    ... and {len(problems) - 20} more")
    return lines


def format_report(result):
    p95_ms, target = result["p95_ms"], result["target_users"]
    lines = [
        f"Load test of {result['db']} ({result['url']}), seed {result['seed']},"
        f" {result['duration_s']} s per level, think time {result['think_s']} s",
    ]
    for level in result["levels"]:
        lines.append("")
        lines.extend(format_level(level, p95_ms, target))
    lines.append("")
    lines.append(
        "Overall: "
        + ("PASS" if result["passed"] else "FAIL")
        + f" (no unexpected error, p95 < {p95_ms:.0f} ms for every screen up to"
        f" {target} users, every write there exactly once)"
    )
    return "\n".join(lines)
