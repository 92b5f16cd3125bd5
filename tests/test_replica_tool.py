"""The replica tooling's plain-Python parts, without Odoo or PostgreSQL.

Odoo's request log read for each request's cursor (``setup/replica_lib``),
the standby's lag figures and the cursor counts of the load test
(``setup/load_lib``), and the checks of ``setup/replica``'s command line
(bad options refused before anything starts).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "setup"))

from load_lib import driver, replica, report  # noqa: E402
from replica_lib import modes, pgstats  # noqa: E402

LOG = (
    "2026-12-07 09:04:56,281 27842 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026"
    ' 09:04:56] "POST /web/dataset/call_kw/sales.quota/web_search_read?sm_request=7'
    ' HTTP/1.1" 200 - 12 0.017 0.008 ro\n'
    "2026-12-07 09:04:57,000 27842 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026"
    ' 09:04:57] "POST /web/action/run?sm_request=8 HTTP/1.1" 200 - 30 0.02 0.1 rw\n'
    "2026-12-07 09:04:58,000 27843 WARNING db odoo.http: cannot execute UPDATE in"
    " a read-only transaction, retrying with a read/write cursor\n"
    "2026-12-07 09:04:58,100 27843 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026"
    ' 09:04:58] "POST /web/dataset/call_kw/x/y?sm_request=9 HTTP/1.1" 200 - 4'
    " 0.001 0.002 ro->rw\n"
    "2026-12-07 09:04:59,000 27843 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026"
    ' 09:04:59] "POST /web/session/authenticate HTTP/1.1" 200 - 96 0.069 0.720 ro\n'
)


def test_request_modes():
    assert modes.request_modes(LOG) == {
        7: ("ro", 200, 12),
        8: ("rw", 200, 30),
        9: ("ro->rw", 200, 4),
    }
    assert modes.request_modes("no request here\n") == {}
    assert len(modes.read_only_retries(LOG)) == 1


def test_stats_delta():
    before = {"sales_quota": 10, "crm_lead": 5}
    after = {"sales_quota": 25, "crm_lead": 5, "sales_scorecard": 3}
    assert pgstats.delta(before, after) == {"sales_quota": 15, "sales_scorecard": 3}


def test_lag_figures():
    sampler = replica.LagSampler("db")
    sampler.samples = [(1.0, 0.0, 0.0), (2.0, 8192.0, 0.5), (3.0, 1024.0, 0.1)]
    sampler.missing = 1
    result = sampler.result(jobs_window=(1.5, 2.5))
    assert result["level"]["max_bytes"] == 8192.0
    assert result["level"]["max_s"] == 0.5
    assert result["level"]["samples"] == 3
    assert result["jobs"] == {
        "samples": 1,
        "max_bytes": 8192.0,
        "p95_bytes": 8192.0,
        "max_s": 0.5,
        "p95_s": 0.5,
    }
    assert result["disconnected_samples"] == 1
    assert replica.LagSampler("db").result() == {"level": {}, "disconnected_samples": 0}


def test_load_log_counts_cursors(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(LOG)
    counts = driver.server_log_counts(str(log), 0)
    assert counts["cursors"] == {"ro": 2, "rw": 1, "ro->rw": 1, "read_only_writes": 1}


def test_load_report_replica_problems():
    level = {
        "level": 1,
        "users": 5,
        "roles": {"salesperson": 5},
        "summary": {
            "elapsed_s": 10,
            "actions_done": 0,
            "requests": 0,
            "actions_per_s": 0,
            "requests_per_s": 0,
            "actions": {},
        },
        "server_log": {"cursors": {"ro": 5, "rw": 2, "ro->rw": 1}},
        "replica_lag": {
            "level": {
                "samples": 3,
                "max_bytes": 2048,
                "p95_bytes": 1024,
                "max_s": 0.2,
                "p95_s": 0.1,
            },
            "disconnected_samples": 2,
        },
    }
    problems = report.level_problems(level, 1000, 20)
    assert any("wrote on the replica" in problem for problem in problems)
    assert any("not connected" in problem for problem in problems)
    text = "\n".join(report.format_level(level, 1000, 20))
    assert "5 on the replica, 2 on the primary" in text
    assert "replica lag during the level: max 0.20 s" in text


def run_setup(command, *options):
    """``setup/<command> options...``: its exit code and output."""
    return subprocess.run(
        ["bash", str(ROOT / "setup" / command), *options],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["bogus"],
        ["check", "--port", "80"],
        ["check", "--workers", "1"],
        ["check", "--db", "bad name"],
        ["check", "--logins", "admin"],
        ["start", "--bogus"],
        ["start", "--port"],
    ],
)
def test_setup_replica_refuses_bad_options(options):
    result = run_setup("replica", *options)
    assert result.returncode == 2, result.stderr


def test_setup_replica_help():
    result = run_setup("replica", "--help")
    assert result.returncode == 0
    assert "Usage: setup/replica" in result.stdout
    assert "--quick" in result.stdout


def test_setup_load_replica_port_checked():
    result = run_setup("load", "--replica-port", "80")
    assert result.returncode == 2
    assert "--replica-port" in result.stderr
