"""Shared setup of tests/: the tests that need no Odoo database.

tests/ holds the static checks of every addon, the tests of the plain-Python
engines in each addon's ``tools/`` package, and cross-addon tests. It runs alone
(``pytest`` from the repository root, in any Python with pytest, lxml and polib)
and inside the pytest-odoo session of ``setup/test`` (see ../conftest.py).

Engines are imported without their addon, whose ``__init__`` imports odoo:

* ``from sales_management_tools import periods`` -- each addon's ``tools``
  package is importable as ``<addon>_tools``;
* or the ``load_tools`` fixture: ``load_tools("sales_management", "periods")``.

Cross-addon tests that need Odoo are ordinary Odoo test cases
(``odoo.tests.TransactionCase`` ...) in a module that starts with
``pytest.importorskip("odoo")``; without a database they are skipped.
"""

import importlib
import importlib.abc
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS_SUFFIX = "_tools"


def addon_dirs():
    """Every addon folder of the repository (a folder with a ``__manifest__.py``)."""
    return sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))


class _ToolsFinder(importlib.abc.MetaPathFinder):
    """Finds the package ``<addon>_tools`` in ``<addon>/tools/``."""

    def find_spec(self, fullname, path=None, target=None):
        if "." in fullname or not fullname.endswith(TOOLS_SUFFIX):
            return None
        tools = ROOT / fullname[: -len(TOOLS_SUFFIX)] / "tools"
        if not (tools.parent / "__manifest__.py").is_file() or not tools.is_dir():
            return None
        init = tools / "__init__.py"
        if init.is_file():
            return importlib.util.spec_from_file_location(
                fullname, init, submodule_search_locations=[str(tools)]
            )
        spec = importlib.util.spec_from_loader(fullname, loader=None, is_package=True)
        spec.submodule_search_locations = [str(tools)]
        return spec


if not any(isinstance(finder, _ToolsFinder) for finder in sys.meta_path):
    sys.meta_path.append(_ToolsFinder())


def import_tools(addon, module=None):
    """Import ``<addon>/tools`` or ``<addon>/tools/<module>.py`` without odoo."""
    if not (ROOT / addon / "tools").is_dir():
        raise ModuleNotFoundError(f"{addon} has no tools/ package")
    name = addon + TOOLS_SUFFIX
    return importlib.import_module(f"{name}.{module}" if module else name)


@pytest.fixture
def load_tools():
    """``load_tools(addon, module=None)``: an addon's engine module, without odoo."""
    return import_tools
