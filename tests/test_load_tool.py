"""The load test's plain-Python parts (setup/load_lib), without Odoo.

Percentiles, the choice of actions, the roles of the simulated users, the
specification read from a view, the accounting of writes, the report and the
checks of the command line (``setup/load`` refuses bad options before it
looks for Odoo).
"""

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "setup"))

from load_lib import __main__ as cli  # noqa: E402
from load_lib import ledger, mix, procs, report, specs, stats  # noqa: E402

# --- percentiles and latencies ------------------------------------------------


def test_percentile_nearest_rank():
    values = [5, 1, 4, 2, 3]
    assert stats.percentile(values, 0.5) == 3
    assert stats.percentile(values, 0.95) == 5
    assert stats.percentile(values, 0) == 1
    assert stats.percentile(values, 1) == 5
    assert stats.percentile([1, 2, 3, 4], 0.5) == 2
    assert stats.percentile(list(range(1, 101)), 0.95) == 95
    assert stats.percentile([], 0.5) is None
    with pytest.raises(ValueError):
        stats.percentile([1], 1.5)


def test_latency_summary_in_ms():
    row = stats.latency_summary([0.1, 0.2, 0.3, 2.0])
    assert row == {"count": 4, "p50_ms": 200.0, "p95_ms": 2000.0, "max_ms": 2000.0}
    assert stats.latency_summary([])["p95_ms"] is None


def test_level_stats_summary_and_throughput():
    level = stats.LevelStats()
    level.started, level.stopped = 100.0, 110.0
    level.add_success("pipeline", 0.2)
    level.add_success("pipeline", 0.4)
    level.add_error("win_deal", "SerializationFailure")
    level.add_provoked("adjust_denied", "AccessError", 0.05)
    for kind in (None, None, "AccessError", None):
        level.add_request(kind)
    summary = level.summary({"pipeline"})
    assert summary["actions"]["pipeline"]["screen"] is True
    assert summary["actions"]["pipeline"]["count"] == 2
    assert summary["actions"]["win_deal"] == {
        "count": 0,
        "p50_ms": None,
        "p95_ms": None,
        "max_ms": None,
        "screen": False,
        "errors": {"SerializationFailure": 1},
        "provoked": {},
    }
    assert summary["actions"]["adjust_denied"]["provoked"] == {"AccessError": 1}
    assert summary["actions_done"] == 3
    assert summary["actions_per_s"] == 0.3
    assert summary["requests_per_s"] == 0.4
    # provoked errors are not unexpected ones
    assert stats.errors_by_kind(summary) == {"SerializationFailure": 1}


# --- roles and mixes ----------------------------------------------------------


def test_mix_follows_the_weights():
    draw = mix.Mix({"a": 1, "b": 3, "never": 0})
    rnd = random.Random(7)
    counts = Counter(draw.choose(rnd) for _ in range(20000))
    assert counts["never"] == 0
    assert 0.72 < counts["b"] / 20000 < 0.78


def test_mix_is_reproducible_with_a_seed():
    draw = mix.Mix(mix.MIXES["salesperson"])
    first = [draw.choose(mix.user_random(1, 2, 3)) for _ in range(5)]
    again = [draw.choose(mix.user_random(1, 2, 3)) for _ in range(5)]
    assert first == again
    seq = mix.user_random(1, 2, 3)
    other = mix.user_random(1, 2, 4)
    assert [draw.choose(seq) for _ in range(30)] != [
        draw.choose(other) for _ in range(30)
    ]


def test_mix_refuses_empty_or_negative_weights():
    for weights in ({}, {"a": -1}, {"a": 0}):
        with pytest.raises(ValueError):
            mix.Mix(weights)


def test_every_action_of_a_mix_exists():
    from load_lib import scenario

    for role, weights in mix.MIXES.items():
        assert role in mix.ROLES
        assert set(weights) <= set(scenario.ACTIONS), role
    assert mix.SCREENS | mix.WRITES | set(mix.PROVOKED) == set(scenario.ACTIONS)


def test_role_counts():
    assert mix.role_counts(1) == {"salesperson": 1, "leader": 0, "manager": 0}
    assert mix.role_counts(5) == {"salesperson": 3, "leader": 1, "manager": 1}
    assert mix.role_counts(20) == {"salesperson": 14, "leader": 4, "manager": 2}
    assert mix.role_counts(50) == {"salesperson": 35, "leader": 10, "manager": 5}
    with pytest.raises(ValueError):
        mix.role_counts(0)


def test_assign_logins_in_turn():
    logins = {"salesperson": ["s1", "s2"], "leader": ["l1"], "manager": ["m1"]}
    assigned = mix.assign_logins(5, logins)
    assert assigned == [
        ("salesperson", "s1"),
        ("salesperson", "s2"),
        ("salesperson", "s1"),
        ("leader", "l1"),
        ("manager", "m1"),
    ]
    # no manager in the database: salespeople instead
    assigned = mix.assign_logins(5, {"salesperson": ["s1"], "leader": ["l1"]})
    assert Counter(role for role, _login in assigned) == {"salesperson": 4, "leader": 1}
    with pytest.raises(ValueError):
        mix.assign_logins(3, {"manager": ["m1"]})


def test_think_time_bounds():
    rnd = random.Random(3)
    pauses = [mix.think_time(rnd, 3.0) for _ in range(1000)]
    assert min(pauses) >= 1.0 and max(pauses) <= 5.0
    assert mix.think_time(rnd, 0) == 0.0


# --- specifications of views --------------------------------------------------

MODELS = {
    "crm.lead": {
        "fields": {
            "name": {"type": "char"},
            "stage_id": {"type": "many2one", "relation": "crm.stage"},
            "tag_ids": {"type": "many2many", "relation": "crm.tag"},
            "order_ids": {"type": "one2many", "relation": "sale.order"},
            "sm_score": {"type": "float"},
            "priority": {"type": "selection"},
        }
    },
    "sale.order": {
        "fields": {
            "name": {"type": "char"},
            "partner_id": {"type": "many2one", "relation": "res.partner"},
        }
    },
}


def test_view_specification_of_a_form():
    arch = """
        <form>
          <sheet>
            <group><field name="name"/><field name="stage_id"/></group>
            <notebook><page name="scoring"><field name="sm_score"/></page></notebook>
            <field name="tag_ids" widget="many2many_tags"/>
            <field name="order_ids">
              <list><field name="name"/><field name="partner_id"/></list>
              <form><field name="name"/></form>
            </field>
            <field name="unknown_field"/>
          </sheet>
          <chatter/>
        </form>"""
    spec = specs.view_specification(arch, "crm.lead", MODELS)
    assert spec == {
        "name": {},
        "stage_id": {"fields": {"display_name": {}}},
        "sm_score": {},
        "tag_ids": {"fields": {"display_name": {}}, "limit": 40},
        "order_ids": {
            "fields": {"name": {}, "partner_id": {"fields": {"display_name": {}}}},
            "limit": 40,
        },
    }


def test_view_specification_of_a_list_and_kanban():
    arch = """<list default_order="name desc">
        <field name="name"/><field name="sm_score" optional="hide"/>
        <field name="priority" optional="show"/></list>"""
    assert specs.view_specification(arch, "crm.lead", MODELS) == {
        "name": {},
        "priority": {},
    }
    assert specs.default_order(arch) == "name desc"
    kanban = """<kanban><progressbar field="priority" colors='{"1": "success"}'
        sum_field="sm_score"/><templates><t t-name="card">
        <field name="name"/><div><field name="stage_id"/></div></t>
        </templates></kanban>"""
    assert specs.view_specification(kanban, "crm.lead", MODELS) == {
        "name": {},
        "stage_id": {"fields": {"display_name": {}}},
    }
    assert specs.progress_bar(kanban) == {
        "field": "priority",
        "colors": {"1": "success"},
        "sum_field": "sm_score",
    }
    assert specs.progress_bar(arch) is None


# --- accounting of writes -----------------------------------------------------


def _write(marker, outcome, kind="activity"):
    return ledger.Write(kind, marker, 1, outcome)


def test_ledger_markers_are_unique_and_prefixed():
    book = ledger.Ledger("RUN")
    first, second = book.marker(1, 0), book.marker(1, 0)
    assert first != second
    assert first.startswith(book.prefix(1)) and first.startswith(book.prefix())
    assert not book.marker(10, 0).startswith(book.prefix(1))


def test_compare_exactly_once():
    writes = [
        _write("A", ledger.OK),
        _write("B", ledger.OK),
        _write("C", ledger.OK),
        _write("D", ledger.FAILED),
        _write("E", ledger.UNKNOWN),
        _write("F", ledger.UNKNOWN),
        _write("G", ledger.FAILED),
    ]
    found = {"A": 1, "B": 2, "D": 1, "E": 1, "X": 1}
    counts, problems = ledger.compare(writes, found)
    assert counts == {"ok": 3, "failed": 2, "unknown": 2}
    assert problems == [
        "activity B succeeded but is there 2 times",
        "activity C succeeded but is missing",
        "activity D failed but is there 1 time(s)",
        "X is there 1 time(s) but was never written",
    ]
    assert ledger.compare([_write("A", ledger.OK)], {"A": 1}) == ({"ok": 1}, [])


# --- memory ---------------------------------------------------------------------


def test_parse_status_and_descendants(tmp_path):
    def proc(pid, ppid, rss, cmdline="odoo"):
        folder = tmp_path / str(pid)
        folder.mkdir()
        (folder / "status").write_text(
            f"Name:\tpython3\nPPid:\t{ppid}\nVmHWM:\t{rss + 10} kB\nVmRSS:\t{rss} kB\n"
        )
        (folder / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode())

    proc(10, 1, 100)
    proc(11, 10, 300)
    proc(12, 10, 200, "python3 /usr/bin/odoo gevent -c load.conf")
    proc(20, 1, 50)
    proc(21, 20, 400)
    proc(30, 1, 999)  # not ours
    assert procs.parse_status((tmp_path / "11" / "status").read_text()) == {
        "Name": "python3",
        "PPid": 10,
        "VmHWM": 310,
        "VmRSS": 300,
    }
    assert procs.descendants({10, 20}, tmp_path) == {
        10: 10,
        11: 10,
        12: 10,
        20: 20,
        21: 20,
    }
    sampler = procs.RssSampler({10: "http", 20: "cron"}, proc=tmp_path)
    sampler.sample()
    assert sampler.result() == {
        "peak_rss_mb": {
            "cron": round(400 / 1024, 1),
            "http": round(300 / 1024, 1),
            "longpolling": round(200 / 1024, 1),
            "master": round(100 / 1024, 1),
        },
        "peak_total_rss_mb": round(1050 / 1024, 1),
    }


# --- report and verdict ---------------------------------------------------------


def _level(users=20, p95=400.0, errors=None, problems=(), jobs=None):
    return {
        "level": 1,
        "users": users,
        "roles": {"salesperson": 14, "leader": 4, "manager": 2},
        "summary": {
            "elapsed_s": 60.0,
            "actions": {
                "pipeline": {
                    "count": 10,
                    "p50_ms": 120.0,
                    "p95_ms": p95,
                    "max_ms": 1500.0,
                    "screen": True,
                    "errors": errors or {},
                    "provoked": {},
                },
                "adjust_denied": {
                    "count": 2,
                    "p50_ms": 30.0,
                    "p95_ms": 2500.0,
                    "max_ms": 2500.0,
                    "screen": False,
                    "errors": {},
                    "provoked": {"AccessError": 2},
                },
            },
            "actions_done": 12,
            "actions_failed": 0,
            "requests": 50,
            "request_errors": {},
            "actions_per_s": 0.2,
            "requests_per_s": 0.83,
        },
        "login": {"count": 20, "p50_ms": 300.0, "p95_ms": 600.0, "max_ms": 700.0},
        "login_errors": {},
        "jobs": jobs or {},
        "checks": {"activity": {"counts": {"ok": 3}, "problems": list(problems)}},
    }


def test_level_problems():
    assert report.level_problems(_level(), 1000.0, 20) == []
    assert report.level_problems(_level(p95=1000.0), 1000.0, 20) == [
        "pipeline: p95 1000 ms (limit 1000 ms)"
    ]
    # above the target level, latency is shown but not judged; errors are
    assert report.level_problems(_level(users=50, p95=3000.0), 1000.0, 20) == []
    assert report.level_problems(
        _level(
            users=50,
            errors={"Timeout": 2},
            problems=["activity X succeeded but is missing"],
        ),
        1000.0,
        20,
    ) == [
        "2 unexpected error(s) Timeout",
        "activity: activity X succeeded but is missing",
    ]
    jobs = {
        "1": {
            "job": "lead scoring",
            "finished": False,
            "failed": True,
            "batches": 1,
            "records": 0,
        },
        "2": {
            "job": "digest",
            "finished": False,
            "failed": False,
            "batches": 0,
            "records": 0,
        },
    }
    assert report.level_problems(_level(jobs=jobs), 1000.0, 20) == [
        "job lead scoring failed",
        "job digest did not finish",
    ]


def test_format_report():
    level = _level()
    level["jobs"] = {
        "7": {
            "job": "attainment refresh",
            "finished": True,
            "failed": False,
            "batches": 1,
            "records": 288,
            "waited_s": 1,
            "ran_s": 3,
        }
    }
    level["memory"] = {"peak_rss_mb": {"http": 250.4}, "peak_total_rss_mb": 900.0}
    level["server_log"] = {"errors": 0, "retries": 2, "worker_timeouts": 0}
    result = {
        "db": "sm_bench_small",
        "url": "http://127.0.0.1:8099",
        "seed": 1,
        "duration_s": 60,
        "think_s": 3.0,
        "p95_ms": 1000.0,
        "target_users": 20,
        "passed": True,
        "levels": [level],
    }
    text = report.format_report(result)
    assert "Level 1: 20 users for 60 s (14 salesperson, 4 leader, 2 manager)" in text
    assert "pipeline           screen      10      120      400    1,500" in text
    assert "AccessError 2 (provoked)" in text
    assert (
        "attainment refresh           ran 3 s after waiting 1 s;"
        " 1 batch(es), 288 record(s)" in text
    )
    assert "peak RSS of one process: http 250 MB" in text
    assert "server log: 0 error(s), 2 concurrency retries by Odoo, 0 worker(s)" in text
    assert "writes checked: activity (3 ok): ok" in text
    assert "verdict: PASS" in text
    assert text.rstrip().splitlines()[-1].startswith("Overall: PASS")


# --- command line -----------------------------------------------------------------


def test_driver_arguments():
    args = cli.parse_args(
        [
            "--url",
            "http://127.0.0.1:1",
            "--db",
            "x",
            "--users",
            "5,20",
            "--odoo-pid",
            "http:12",
        ]
    )
    assert args.users == [5, 20]
    assert args.odoo_pids == {12: "http"}
    assert args.duration == 180 and args.max_requests is None
    for bad in (
        ["--users", "0"],
        ["--users", "5,,20"],
        ["--users", "5,5"],
        ["--duration", "-1"],
        ["--odoo-pid", "web:1"],
        ["--think", "-2"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            cli.parse_args(["--url", "http://127.0.0.1:1", "--db", "x", *bad])
        assert exit_info.value.code == 2, bad


@pytest.mark.parametrize(
    "options",
    [
        ["--users", "0"],
        ["--users", "5,x"],
        ["--duration", "0"],
        ["--workers", "1"],
        ["--port", "80"],
        ["--max-requests", "-5"],
        ["--think", "fast"],
        ["--db", "bad name"],
        ["--bogus"],
        ["--db"],
    ],
)
def test_setup_load_refuses_bad_options(options):
    result = subprocess.run(
        ["bash", str(ROOT / "setup" / "load"), *options],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "setup/load:" in result.stderr


def test_setup_load_help():
    result = subprocess.run(
        ["bash", str(ROOT / "setup" / "load"), "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0
    assert "Usage: setup/load" in result.stdout
    assert "--max-requests" in result.stdout


def test_server_log_counts(tmp_path):
    from load_lib import driver

    log = tmp_path / "odoo.log"
    log.write_text("2026-01-01 00:00:00,000 1 INFO db odoo: before\n")
    start = driver._log_position(str(log))
    with log.open("a") as handle:
        handle.write(
            "2026-01-01 00:00:01,000 1 ERROR db odoo.http: boom\n"
            "2026-01-01 00:00:02,000 1 INFO db odoo.service.model:"
            " SerializationFailure, 4 tries left, try again in 0.5 sec...\n"
            "2026-01-01 00:00:03,000 1 ERROR ? odoo.service.server:"
            " WorkerCron (42) timeout after 120s\n"
        )
    assert driver.server_log_counts(str(log), start) == {
        "errors": 2,
        "retries": 1,
        "worker_timeouts": 1,
    }
    assert driver.server_log_counts(None, 0) == {}
    # no scheduler process (--no-jobs): no log, nothing counted
    assert driver._log_position(None) is None
    assert driver.server_log_counts(None, driver._log_position(None)) == {}
