"""The races' plain-Python parts (setup/race_lib), without Odoo.

The barrier and what each side saw, the reading of Odoo's server log (which
request Odoo retried, which errors are unexpected), the report, and the
checks of the command line (``setup/race`` refuses bad options before it
looks for Odoo).
"""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "setup"))

from load_lib.rpc import RpcError  # noqa: E402
from race_lib import __main__ as cli  # noqa: E402
from race_lib import report, serverlog  # noqa: E402
from race_lib.race import Outcome, RaceError, Side, run_race  # noqa: E402
from race_lib.scenario import Check, RoundResult, clear_refusal  # noqa: E402

# --- the race ---------------------------------------------------------------


class FakeSession:
    def __init__(self):
        self.tag = None
        self.tags = []


def test_sides_act_together_after_preparing():
    arrived, started = [], {}
    lock = threading.Lock()

    def prepare(session):
        time.sleep(0.05 if session is slow else 0.0)
        with lock:
            arrived.append(time.monotonic())
        return "ready"

    def act(session, state):
        session.tags.append(session.tag)
        started[session] = time.monotonic()
        assert state == "ready"
        return 42

    slow, fast = FakeSession(), FakeSession()
    outcomes = run_race(
        [Side("slow", slow, act, prepare), Side("fast", fast, act, prepare)],
        "demo.1",
    )
    # nobody acts before the last one is ready
    assert min(started.values()) >= max(arrived)
    assert outcomes["slow"].ok and outcomes["slow"].result == 42
    assert slow.tags == ["demo.1.slow"] and fast.tags == ["demo.1.fast"]
    assert slow.tag is None, "the tag is for the racing requests only"


def test_an_error_of_odoo_is_the_outcome():
    def refuse(_session, _state):
        raise RpcError("UserError", "The period 2026-09 is already closed.")

    outcomes = run_race(
        [
            Side("a", FakeSession(), lambda s, st: True),
            Side("b", FakeSession(), refuse),
        ],
        "x.1",
    )
    assert outcomes["a"].label() == "ok"
    loser = outcomes["b"]
    assert not loser.ok and loser.kind == "UserError"
    assert loser.label() == "UserError: The period 2026-09 is already closed."
    assert loser.is_clear_error()
    assert clear_refusal(loser, "already closed")[0]
    assert not clear_refusal(loser, "is being trained")[0]


def test_obscure_errors_are_not_clear():
    for kind, message in (
        ("SerializationFailure", "could not serialize access"),
        ("ValidationError", 'duplicate key value violates unique constraint "x"'),
        ("UserError", "psycopg2.errors.DeadlockDetected: deadlock detected"),
    ):
        outcome = Outcome("a", "t", kind=kind, message=message)
        assert not outcome.is_clear_error(), message
    assert not Outcome("a", "t", ok=True).is_clear_error()


def test_failed_preparation_or_driver_fault_is_an_error():
    def broken(_session):
        raise RpcError("AccessError", "no")

    with pytest.raises(RaceError, match="b: AccessError"):
        run_race(
            [
                Side("a", FakeSession(), lambda s, st: True),
                Side("b", FakeSession(), lambda s, st: True, broken),
            ],
            "x.1",
            timeout=5,
        )

    def fault(_session, _state):
        raise KeyError("res_id")

    with pytest.raises(RaceError, match="KeyError"):
        run_race([Side("a", FakeSession(), fault)], "x.2")


# --- the server log ---------------------------------------------------------

# lines of Odoo's log as it writes them, whatever their length
LOG = """\
2026-12-07 02:42:13,100 2801 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026 02:42:13] "POST /web/dataset/call_kw/res.users/search HTTP/1.1" 200 - 3 0.1 0.1
2026-12-07 02:42:13,994 2809 ERROR db odoo.sql_db: bad query: b'SELECT id FROM sales_scorecard_period WHERE id = ANY(ARRAY[7]) FOR UPDATE'
ERROR: could not serialize access due to concurrent update
\x20
2026-12-07 02:42:13,997 2809 INFO db odoo.service.model: SERIALIZATION_FAILURE, 4 tries left, try again in 1.3452 sec...\x20
Traceback (most recent call last):
  File "/usr/local/bin/odoo", line 5, in <module>
pkg_resources.DistributionNotFound: The 'zope.interface' distribution was not found
2026-12-07 02:42:14,000 2802 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026 02:42:14] "POST /web/dataset/call_button/sales.scorecard.period/action_close?race=period_close.1.b HTTP/1.1" 200 - 29 0.150 0.039
2026-12-07 02:42:15,378 2809 WARNING db odoo.http: The period 2026-09 is already closed.\x20
2026-12-07 02:42:15,378 2809 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026 02:42:15] "POST /web/dataset/call_button/sales.scorecard.period/action_close?race=period_close.1.a HTTP/1.1" 200 - 15 0.063 1.507
2026-12-07 02:42:16,000 2806 ERROR db odoo.http: Exception during request handling.
Traceback (most recent call last):
psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update
2026-12-07 02:42:16,001 2806 INFO db werkzeug: 127.0.0.1 - - [07/Dec/2026 02:42:16] "POST /web/dataset/call_button/sales.scoring.model/action_train?race=retrain.1.manager HTTP/1.1" 200 - 15 0.063 1.507
2026-12-07 02:42:17,000 2801 ERROR db odoo.sql_db: bad query: b'UPDATE x'
"""  # noqa: E501


def test_requests_of_the_log_and_their_entries():
    requests, leftovers = serverlog.split_requests(serverlog.read_entries(LOG))
    tagged = serverlog.by_tag(requests)
    assert set(tagged) == {"period_close.1.b", "period_close.1.a", "retrain.1.manager"}
    # worker 2809 failed a statement and retried it, then answered side a
    (side_a,) = tagged["period_close.1.a"]
    assert side_a.path == "/web/dataset/call_button/sales.scorecard.period/action_close"
    assert side_a.retries() == ["serialization_failure"]
    assert side_a.unexpected_errors() == [], "the failed statement was retried"
    (side_b,) = tagged["period_close.1.b"]
    assert side_b.retries() == [] and side_b.unexpected_errors() == []
    # an error Odoo did not retry reaches the user
    (training,) = tagged["retrain.1.manager"]
    errors = training.unexpected_errors()
    assert len(errors) == 1 and "Exception during request handling" in errors[0]
    # the untagged request, and what no request line closed
    assert [r.tag for r in requests].count(None) == 1
    levels = sorted(entry.level for entry in leftovers)
    assert levels == ["ERROR", serverlog.STRAY]
    stray = next(e for e in leftovers if e.level == serverlog.STRAY)
    assert "zope.interface" in stray.text()


def test_a_concurrency_failure_not_retried_is_unexpected():
    text = (
        "2026-12-07 02:42:13,994 7 ERROR db odoo.sql_db: bad query: b'UPDATE x'\n"
        "ERROR: could not serialize access due to concurrent update\n"
        "2026-12-07 02:42:14,000 7 INFO db odoo.service.model:"
        " SERIALIZATION_FAILURE, maximum number of tries reached!\n"
        "2026-12-07 02:42:14,001 7 INFO db werkzeug:"
        ' "POST /x?race=t.1.a HTTP/1.1" 200\n'
    )
    (request,), _leftovers = serverlog.split_requests(serverlog.read_entries(text))
    assert request.retries() == []
    assert len(request.unexpected_errors()) == 2


def test_log_reader_reads_what_was_added(tmp_path):
    path = tmp_path / "odoo.log"
    path.write_text(LOG)
    reader = serverlog.LogReader(str(path))
    assert reader.read() == ([], [])
    with path.open("a") as handle:
        handle.write(
            "2026-12-07 02:43:00,000 9 INFO db werkzeug:"
            ' "POST /web/health?race=r.2.a HTTP/1.1" 200\n'
            "2026-12-07 02:43:01,000 9 INFO db werkzeug: half a li"
        )
    requests, _leftovers = reader.read()
    assert [r.tag for r in requests] == ["r.2.a"]
    with path.open("a") as handle:
        handle.write('ne "POST /x?race=r.2.b HTTP/1.1" 200\n')
    requests, _leftovers = reader.read()
    assert [r.tag for r in requests] == ["r.2.b"]
    assert serverlog.LogReader(str(tmp_path / "missing.log")).read() == ([], [])


# --- the report -------------------------------------------------------------


class FakeScenario:
    key = "plan_close"
    title = "Two managers close the same target plan"
    expected = "one closes it"


def _round(number, loser_retries):
    winner = Outcome("a", "t.a", ok=True, started=1.0, ended=1.5)
    loser = Outcome(
        "b",
        "t.b",
        kind="UserError",
        message="The target plan P is already closed.",
        retries=list(loser_retries),
        started=1.0,
        ended=2.5,
    )
    checks = [Check("exactly one manager closes it", True), Check("frozen", True)]
    return RoundResult(number, {"a": winner, "b": loser}, checks, 2.0)


def test_report_of_a_scenario():
    results = [_round(1, ["serialization_failure"]), _round(2, [])]
    scenario = report.scenario_json(FakeScenario, results)
    assert scenario["passed"]
    outcomes, retries, checks = report.summary(scenario)
    assert outcomes == "UserError + ok ×2"
    assert retries == "1 (serialization_failure 1)"
    assert checks == "2/2 rounds hold all 2 checks"
    text = report.format_scenario(1, scenario)
    assert "PASSED" in text
    assert "told ×2: UserError: The target plan P is already closed." in text
    assert "[Odoo retried: serialization_failure]" in text
    results[1].checks[1] = Check("frozen", False, "2 targets not frozen")
    failed = report.scenario_json(FakeScenario, results)
    assert not failed["passed"]
    assert "FAILED frozen: 2 targets not frozen" in report.format_scenario(1, failed)
    result = {
        "db": "sm_race",
        "date": "2026-12-07 03:00",
        "rounds": 2,
        "workers": 4,
        "scenarios": [scenario, failed],
        "passed": False,
    }
    full = report.format_report(result)
    assert "| Two managers close the same target plan | 2 | UserError + ok ×2 |" in full
    assert "1/2 rounds hold all 2 checks" in full
    assert full.endswith("FAILED")


# --- the command line -------------------------------------------------------


def test_parse_args():
    args = cli.parse_args(
        ["--url", "http://127.0.0.1:1", "--db", "x", "--server-log", "log"]
    )
    assert args.rounds == 5 and [s.key for s in args.races] == list(cli.KEYS)
    args = cli.parse_args(
        [
            "--url",
            "http://127.0.0.1:1",
            "--db",
            "x",
            "--server-log",
            "log",
            "--races",
            "retrain,period_close",
            "--rounds",
            "2",
        ]
    )
    assert [s.key for s in args.races] == ["retrain", "period_close"]
    for bad in (["--rounds", "0"], ["--races", "nope"], ["--races", ","]):
        with pytest.raises(SystemExit) as exit_info:
            cli.parse_args(
                ["--url", "http://127.0.0.1:1", "--db", "x", "--server-log", "l", *bad]
            )
        assert exit_info.value.code == 2, bad


@pytest.mark.parametrize(
    "options",
    [
        ["--rounds", "0"],
        ["--rounds", "x"],
        ["--races", "Period Close"],
        ["--port", "80"],
        ["--time-limit", "soon"],
        ["--db", "bad name"],
        ["--bogus"],
        ["--db"],
    ],
)
def test_setup_race_refuses_bad_options(options):
    result = subprocess.run(
        ["bash", str(ROOT / "setup" / "race"), *options],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "setup/race:" in result.stderr


def test_setup_race_help():
    result = subprocess.run(
        ["bash", str(ROOT / "setup" / "race"), "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0
    assert "Usage: setup/race" in result.stdout
    assert "--time-limit" in result.stdout
    for key in cli.KEYS:
        assert key in result.stdout, key
