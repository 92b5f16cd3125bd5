"""What setup/test could not run shows up here, so pytest's summary counts it.

setup/test tells these tests what happened before pytest started:
    SM_ODOO_TESTS           run | missing | install-failed (unset: pytest run by hand)
    SM_ODOO_MISSING_REASON  why Odoo was not found
    SM_ODOO_INSTALL_LOG     log of the install of the addons into the test database
    SM_ODOO_INSTALL_RC      exit code of that install
    SM_REQUIRE_ODOO=1       a missing Odoo or Chromium is a failure, not a skip
"""

import os
import re
import shutil
from pathlib import Path

import pytest

ODOO_TESTS = os.environ.get("SM_ODOO_TESTS")
REQUIRE_ODOO = os.environ.get("SM_REQUIRE_ODOO") == "1"
INSTALL_LOG = os.environ.get("SM_ODOO_INSTALL_LOG")
ODOO_NOT_FOUND = "Odoo 18 not found: the addon tests were not run"
# The browsers Odoo 18 looks for (odoo.tests.common._find_executable), in order.
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")
LOG_LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): "
)


def log_records(text):
    """Split an Odoo log into (level, logger, record text with its traceback)."""
    records = []
    for line in text.splitlines():
        match = LOG_LINE_RE.match(line)
        if match:
            records.append([match["level"], match["logger"], line])
        elif records:
            records[-1][2] += "\n" + line
    return [tuple(record) for record in records]


# Warnings about this suite: its addons, or its models (all named sales.*).
OURS_RE = re.compile(r"sales_management|\bsales\.[a-z_]")


def install_problems(text):
    """Errors of an install log, and demo data that Odoo dropped with a warning."""
    return [
        record
        for level, logger, record in log_records(text)
        if level in ("ERROR", "CRITICAL")
        or (level == "WARNING" and "demo data failed to install" in record)
    ]


def test_odoo_addon_tests_ran():
    if ODOO_TESTS is None:
        pytest.skip("run by hand: setup/test runs the addon tests too")
    if ODOO_TESTS == "missing":
        if REQUIRE_ODOO:
            reason = os.environ.get("SM_ODOO_MISSING_REASON", "")
            pytest.fail(f"{ODOO_NOT_FOUND}, and SM_REQUIRE_ODOO=1. {reason}")
        pytest.skip(ODOO_NOT_FOUND)
    if ODOO_TESTS == "install-failed":
        pytest.fail(
            "Installing the addons into the test database failed, so their tests "
            f"were not run: see test_addons_install_cleanly and {INSTALL_LOG}"
        )
    assert ODOO_TESTS == "run", f"unexpected SM_ODOO_TESTS={ODOO_TESTS!r}"


if INSTALL_LOG:

    def test_addons_install_cleanly():
        """The install with demo data logged no error and dropped no demo data."""
        text = Path(INSTALL_LOG).read_text(encoding="utf-8", errors="replace")
        problems = install_problems(text)
        rc = os.environ.get("SM_ODOO_INSTALL_RC", "0")
        if rc != "0" and not problems:
            problems = ["\n".join(text.splitlines()[-40:])]
        assert not problems, (
            f"the install exited with {rc} and logged {len(problems)} problem(s) "
            f"(full log: {INSTALL_LOG}):\n\n" + "\n\n".join(problems[:10])
        )

    def test_addons_install_without_warnings():
        """The install logged no warning about the suite's addons or models."""
        text = Path(INSTALL_LOG).read_text(encoding="utf-8", errors="replace")
        warnings = [
            record
            for level, logger, record in log_records(text)
            if level == "WARNING"
            and "demo data failed to install" not in record
            and (OURS_RE.search(logger) or OURS_RE.search(record))
        ]
        assert not warnings, (
            f"{len(warnings)} warning(s) about the suite during the install "
            f"(full log: {INSTALL_LOG}):\n\n" + "\n\n".join(warnings[:10])
        )


if ODOO_TESTS == "run":

    def test_chromium_available_for_tours():
        if any(shutil.which(name) for name in CHROME_NAMES):
            return
        message = "Chromium not found: the HttpCase tours were skipped"
        if REQUIRE_ODOO:
            pytest.fail(f"{message}, and SM_REQUIRE_ODOO=1 (apt-get install chromium)")
        pytest.skip(message)
