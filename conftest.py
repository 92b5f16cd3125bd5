"""pytest glue between pytest-odoo and this repository.

setup/test runs tests/ and the addons' tests in one pytest-odoo session
(``--odoo-database``, ``--odoo-config``, ``--odoo-http``). This file makes that
session, and a plain ``pytest`` run of tests/ without a database, both work:

* pytest-odoo's session fixtures are autouse and load the registry of
  ``--odoo-database``; without that option they fail with "Missing database
  name". The overrides below defer to them only when a database was given.
* Odoo logs an ERROR when ``odoo.tests`` is first imported outside test mode,
  which pytest-odoo does while it starts: it is imported first here, in test
  mode, and test mode is off again before the registry loads (where it would
  run the at_install tests a second time).
* Odoo tags only the test classes of ``odoo.addons.*`` modules; Odoo test cases
  written in tests/ get the tags of a post-install test, and are skipped when no
  database was given.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def odoo_session_active(config):
    """True when pytest-odoo was given a database, so an Odoo registry is loaded."""
    for option in ("--odoo-database", "--odoo-config"):
        try:
            if config.getoption(option):
                return True
        except ValueError:  # pytest-odoo is not installed in this Python
            return False
    return False


@pytest.fixture(scope="session", autouse=True)
def load_registry(request):
    if odoo_session_active(request.config):
        request.getfixturevalue("load_registry")  # pytest-odoo's fixture
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http(request):
    if odoo_session_active(request.config):
        request.getfixturevalue("load_http")  # pytest-odoo's fixture
    yield


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    # pytest-odoo imports odoo.tests while it starts (with a database) or
    # before each test (without one).
    if config.pluginmanager.has_plugin("odoo") and "odoo.tests" not in sys.modules:
        from odoo.tools import config as odoo_config

        previous = odoo_config["test_enable"]
        odoo_config["test_enable"] = True
        try:
            import odoo.tests  # noqa: F401
        finally:
            odoo_config["test_enable"] = previous
    return (yield)


def pytest_collection_modifyitems(config, items):
    odoo_tests = sys.modules.get("odoo.tests")
    if odoo_tests is None:
        return
    active = odoo_session_active(config)
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is None or not issubclass(cls, odoo_tests.BaseCase):
            continue
        if (ROOT / "tests") not in Path(str(item.path)).parents:
            continue
        if not active:
            item.add_marker(
                pytest.mark.skip(reason="needs an Odoo database: run setup/test")
            )
        if getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "post_install"}
            cls.test_module = "tests"
            cls.test_class = cls.__name__
            cls.test_sequence = 0
