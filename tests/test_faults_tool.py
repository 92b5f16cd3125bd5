"""The killed-jobs tool's plain-Python parts (setup/faults_lib), without Odoo.

Every scheduled job of the addons has its check; the comparison of the run
killed and resumed with the run never interrupted; the table and the exit
code; the command line refuses bad options before it looks for Odoo.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "setup"))

from faults_lib import check, prepare, report, specs  # noqa: E402
from faults_lib.check import Outcome  # noqa: E402


def _addon_crons():
    found = set()
    for path in ROOT.glob("sales_management*/data/*.xml"):
        for record in etree.parse(str(path)).iter("record"):
            if record.get("model") == "ir.cron":
                found.add(f"{path.parts[-3]}.{record.get('id')}")
    return found


def test_every_scheduled_job_is_killed():
    assert set(prepare.CRONS.values()) == _addon_crons()
    assert set(prepare.CRONS) == set(specs.JOBS)


@pytest.mark.parametrize("name", sorted(specs.JOBS))
def test_job_spec(name):
    job = specs.JOBS[name]
    assert job.name == name and job.title
    assert job.duplicates, "each job checks duplicates"
    for sql in (job.work, job.fingerprint, *job.duplicates.values()):
        # the parameters a query uses are read on the prepared database
        for param in re.findall(r"%\((\w+)\)s", sql):
            assert param in job.baseline, f"{name}: %({param})s has no baseline"
    assert "GROUP BY" in " ".join(job.duplicates.values()).upper() or name in (
        "followup",
        "digest",
    )
    if job.gate:
        assert "FOR UPDATE NOWAIT" in job.gate and job.batches
    if job.code:
        assert job.code.startswith("model._cron_")


def test_select():
    assert [job.name for job in specs.select("all")] == list(specs.JOBS)
    assert [job.name for job in specs.select("cadence, attainment")] == [
        "cadence",
        "attainment",
    ]
    with pytest.raises(ValueError, match="unknown job nightly"):
        specs.select("attainment,nightly")


def test_progress_of_the_rerun():
    before = {"a": "1", "b": "1"}
    # resumed: the rerun wrote c and d only
    resumed = check.progress(before, {"a": "1", "b": "1", "c": "2", "d": "2"})
    assert (resumed.before, resumed.rerun, resumed.redone, resumed.lost) == (
        2,
        2,
        0,
        0,
    )
    # started over: a written again, b gone
    again = check.progress(before, {"a": "2", "c": "2"})
    assert (again.rerun, again.redone, again.lost) == (2, 1, 1)


def test_compare_fingerprints():
    same = check.compare([(1, None, 2.5), (1, None, 2.5)], [(1, None, 2.5)] * 2)
    assert same.equal and same.rows_a == 2
    # a row twice in B, a figure changed
    differ = check.compare([(1, "x"), (2, "y")], [(1, "x"), (1, "x"), (2, "z")])
    assert not differ.equal
    assert differ.only_a == [("2", "y")]
    assert differ.only_b == [("1", "x"), ("2", "z")]
    assert check.missing_units({"a": 1, "b": 1}, {"b": 2, "c": 2}) == (["a"], ["c"])


def _outcome(**values):
    values = {"job": "attainment", "title": "attainment refresh", **values}
    return Outcome(**values)


def test_report_and_exit_code():
    holds = _outcome(
        batches_before=2,
        rows_before=80,
        killed_at="at the end of its batch",
        rerun_rows=208,
        fingerprint_rows=288,
        fingerprint_equal=True,
        seconds=21.4,
    )
    assert holds.holds
    table = report.table([holds])
    assert "| attainment refresh |" in table
    assert "yes (288 rows)" in table and "holds" in table
    assert report.exit_code([holds]) == 0
    assert report.notes([holds]) == ""

    fails = _outcome(fingerprint_equal=False, problems=["the figures differ"])
    assert report.exit_code([holds, fails]) == 1
    assert "the figures differ" in report.notes([fails])
    broken = _outcome(error="the job did not finish within 600 s")
    assert report.exit_code([holds, fails, broken]) == 2
    assert "ERROR" in report.table([broken])


def _faults(*args):
    return subprocess.run(
        ["bash", str(ROOT / "setup" / "faults"), *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_setup_faults_help():
    result = _faults("--help")
    assert result.returncode == 0
    assert "Usage: setup/faults" in result.stdout
    assert "--keep" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--job", "attainment"),
        ("--db", "sm bench"),
        ("--db", "sm_faults_src", "--timeout", "0"),
        ("--db", "sm_faults_src", "--job", "Attainment!"),
        ("--db", "sm_faults_src", "--frobnicate"),
    ],
)
def test_setup_faults_refuses_bad_options(args):
    result = _faults(*args)
    assert result.returncode == 2, result.stderr
    assert "setup/faults:" in result.stderr


def test_judge():
    job = specs.JOBS["attainment"]
    resumed = _outcome(batches_before=2, fingerprint_equal=True)
    check.judge(resumed, job, "519042", "aborted")
    assert resumed.holds
    single = _outcome(fingerprint_equal=True)
    check.judge(single, specs.JOBS["mining"], "519100", "aborted")
    assert single.holds, "a job of one transaction is killed before any commit"

    bad = _outcome(batches_before=1, fingerprint_equal=True, redone=900, lost=2)
    check.judge(bad, job, "519042", "committed")
    problems = " / ".join(bad.problems)
    assert "killed after 1 batches, 2 were asked for" in problems
    assert "is committed, not rolled back" in problems
    assert "did again 900 units" in problems
    assert "work lost" in problems
