"""Static checks of every addon folder of the repository; no Odoo needed.

Each check runs once per addon and lists every problem it finds; the length
of the Python files is also checked in tests/ and setup/.

Markers that allow an otherwise rejected line (on that line or the line above):
    # sm: allow-commit (<why>)    a cr.commit(), e.g. in a batched scheduler job
    # sm: allow-print (<why>)     a print()
"""

import ast
import csv
import glob
import re
from pathlib import Path

import pytest

try:
    from lxml import etree
except ImportError:  # pragma: no cover - lxml is an Odoo requirement
    import xml.etree.ElementTree as etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))
ACCESS_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
# A longer Python file is split by concern: a model with ``_inherit`` in
# further files (as Odoo splits account.move), an engine into a package.
MAX_PYTHON_LINES = 600
CODE_FOLDERS = [*ADDONS, ROOT / "tests", ROOT / "setup"]
ALLOW_COMMIT = "# sm: allow-commit"
ALLOW_PRINT = "# sm: allow-print"
# Python-side actions still naming the pre-18 "tree" view type.
PY_TREE_VIEW_RE = re.compile(
    r"""(['"]view_mode['"]\s*:\s*['"][^'"]*\btree\b"""
    r"""|\(\s*(?:False|None|[\w.]+)\s*,\s*['"]tree['"]\s*\))"""
)

addon_param = pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])


def rel(path):
    return Path(path).relative_to(ROOT).as_posix()


def read_manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def files(addon, pattern):
    """Files of ``addon`` matching ``pattern``, outside hidden and cache folders."""
    return sorted(
        p
        for p in addon.rglob(pattern)
        if p.is_file()
        and not any(
            part.startswith(".") or part == "__pycache__"
            for part in p.relative_to(addon).parts
        )
    )


def python_files(addon):
    return files(addon, "*.py")


def in_folder(addon, path, folder):
    return path.relative_to(addon).parts[0] == folder


def parse_python(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def allowed(lines, lineno, marker):
    """True when ``marker`` is on line ``lineno`` (1-based) or on the line above."""
    window = lines[max(lineno - 2, 0) : lineno]
    return any(marker in line for line in window)


def report(problems, what):
    assert not problems, f"{what}:\n  " + "\n  ".join(problems)


def test_addons_found():
    assert ADDONS, f"no folder with a __manifest__.py under {ROOT}"


# --- manifest -------------------------------------------------------------------


@addon_param
def test_manifest(addon):
    try:
        manifest = read_manifest(addon)
    except (SyntaxError, ValueError) as exc:
        pytest.fail(f"{rel(addon / '__manifest__.py')} is not a Python literal: {exc}")
    problems = []
    if not isinstance(manifest, dict):
        pytest.fail(f"{rel(addon / '__manifest__.py')} is not a dict")
    version = manifest.get("version", "")
    if not VERSION_RE.match(str(version)):
        problems.append(f"version {version!r} is not 18.0.x.y.z")
    if manifest.get("license") != "LGPL-3":
        problems.append(f"license {manifest.get('license')!r} is not 'LGPL-3'")
    for key in ("name", "author", "website"):
        value = manifest.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key!r} is missing or empty")
    if not isinstance(manifest.get("installable"), bool):
        problems.append("'installable' is missing (True or False)")
    depends = manifest.get("depends")
    if not isinstance(depends, list) or not depends:
        problems.append("'depends' is missing or empty")
    if not (addon / "__init__.py").is_file():
        problems.append("__init__.py is missing")
    report(problems, rel(addon / "__manifest__.py"))


def _asset_paths(entry):
    """The file paths or globs of one ``assets`` entry (directives included)."""
    if isinstance(entry, str):
        return [entry]
    directive, *args = entry
    if directive == "include":  # a bundle name, not a file
        return []
    if directive in ("after", "before", "replace"):
        return args[1:]  # args[0] is the file it is placed against
    return args  # prepend, append, remove


@addon_param
def test_manifest_files_exist(addon):
    manifest = read_manifest(addon)
    repo_addons = {a.name for a in ADDONS}
    problems = []
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            if not (addon / name).is_file():
                problems.append(f"{key}: {name} does not exist")
    for bundle, entries in manifest.get("assets", {}).items():
        for entry in entries:
            for path in _asset_paths(entry):
                owner = path.split("/", 1)[0]
                if owner not in repo_addons:
                    continue  # a file of another addon (web, mail ...)
                if glob.has_magic(path):
                    found = glob.glob(str(ROOT / path), recursive=True)
                else:
                    found = (ROOT / path).is_file()
                if not found:
                    problems.append(f"assets[{bundle!r}]: {path} matches no file")
    report(problems, f"{addon.name}: files listed in the manifest")


# --- data files -------------------------------------------------------------------


@addon_param
def test_xml_files_parse(addon):
    problems = []
    for path in files(addon, "*.xml"):
        try:
            etree.parse(str(path))
        except etree.ParseError as exc:
            problems.append(f"{rel(path)}: {exc}")
    report(problems, f"{addon.name}: XML files that do not parse")


def _read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, strict=True))


@addon_param
def test_csv_files_parse(addon):
    problems = []
    for path in files(addon, "*.csv"):
        try:
            rows = _read_csv(path)
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(f"{rel(path)}: {exc}")
            continue
        if not rows:
            problems.append(f"{rel(path)}: empty")
            continue
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            if row and len(row) != width:
                problems.append(
                    f"{rel(path)}:{number}: {len(row)} columns, the header has {width}"
                )
        if path.name == "ir.model.access.csv" and rows[0] != ACCESS_HEADER:
            problems.append(f"{rel(path)}: header is not {','.join(ACCESS_HEADER)}")
    report(problems, f"{addon.name}: CSV files")


def _view_syntax_problems(path):
    problems = []
    tree = etree.parse(str(path))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        line = f"{rel(path)}:{getattr(element, 'sourceline', '?')}"
        if element.tag == "tree":
            problems.append(f"{line}: <tree> is <list> in Odoo 18")
        if "attrs" in element.attrib:
            problems.append(
                f"{line}: attrs= is replaced by inline invisible=/readonly="
            )
        if "states" in element.attrib:
            problems.append(f"{line}: states= is replaced by an invisible= expression")
        if (
            element.tag == "field"
            and element.get("name") == "view_mode"
            and re.search(r"\btree\b", element.text or "")
        ):
            problems.append(f"{line}: view_mode 'tree' is 'list' in Odoo 18")
    return problems


@addon_param
def test_no_pre_18_view_syntax(addon):
    problems = []
    for path in files(addon, "*.xml"):
        try:
            problems += _view_syntax_problems(path)
        except etree.ParseError:
            continue  # reported by test_xml_files_parse
    for path in python_files(addon):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PY_TREE_VIEW_RE.search(text):
                problems.append(f"{rel(path)}:{number}: view type 'tree' is 'list'")
    report(problems, f"{addon.name}: pre-18 view syntax")


# --- models and access rights -----------------------------------------------------


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


def _base_names(cls):
    names = set()
    for base in cls.bases:
        if isinstance(base, ast.Attribute):
            names.add(base.attr)
        elif isinstance(base, ast.Name):
            names.add(base.id)
    return names


def defined_models(addon):
    """Models created (not extended) by the addon's Python files, with their file.

    A class creates model ``_name`` unless ``_inherit`` names the same model.
    Abstract models need no access rights and are left out.
    """
    models = {}
    for path in python_files(addon):
        if in_folder(addon, path, "tests") or in_folder(addon, path, "tools"):
            continue
        try:
            tree = parse_python(path)
        except SyntaxError:
            continue  # reported by test_python_files_parse
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            attrs = {}
            for stmt in cls.body:
                if isinstance(stmt, ast.Assign):
                    for target in stmt.targets:
                        if isinstance(target, ast.Name):
                            attrs[target.id] = stmt.value
            name = _const(attrs.get("_name"))
            if not isinstance(name, str) or "AbstractModel" in _base_names(cls):
                continue
            inherit = attrs.get("_inherit")
            if isinstance(inherit, ast.Constant):
                inherited = {inherit.value}
            elif isinstance(inherit, ast.List | ast.Tuple):
                inherited = {_const(e) for e in inherit.elts}
            else:
                inherited = set()
            if name not in inherited:
                models[name] = path
    return models


@addon_param
def test_python_files_parse(addon):
    problems = []
    for path in python_files(addon):
        try:
            parse_python(path)
        except SyntaxError as exc:
            problems.append(f"{rel(path)}:{exc.lineno}: {exc.msg}")
    report(problems, f"{addon.name}: Python files that do not parse")


@addon_param
def test_every_model_has_access_rights(addon):
    models = defined_models(addon)
    access = addon / "security" / "ir.model.access.csv"
    granted = set()
    if access.is_file():
        rows = _read_csv(access)
        if rows and "model_id:id" in rows[0]:
            column = rows[0].index("model_id:id")
            for row in rows[1:]:
                if len(row) > column:
                    granted.add(row[column].split(".")[-1])
    problems = [
        f"{name} ({rel(path)}) has no line for model_{name.replace('.', '_')}"
        for name, path in sorted(models.items())
        if f"model_{name.replace('.', '_')}" not in granted
    ]
    report(problems, f"{addon.name}: models without access rights in {rel(access)}")


# --- Python code --------------------------------------------------------------------


def _is_cr_commit(call):
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "commit"):
        return False
    owner = func.value
    return (isinstance(owner, ast.Attribute) and owner.attr in ("cr", "_cr")) or (
        isinstance(owner, ast.Name) and owner.id in ("cr", "_cr", "cursor")
    )


@addon_param
def test_no_print_or_commit(addon):
    problems = []
    for path in python_files(addon):
        if in_folder(addon, path, "tools"):
            continue
        try:
            tree = parse_python(path)
        except SyntaxError:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            where = f"{rel(path)}:{call.lineno}"
            if isinstance(call.func, ast.Name) and call.func.id == "print":
                if not allowed(lines, call.lineno, ALLOW_PRINT):
                    problems.append(f"{where}: print()")
            elif _is_cr_commit(call) and not allowed(lines, call.lineno, ALLOW_COMMIT):
                problems.append(
                    f"{where}: cr.commit() (a batched cron may mark it "
                    f"'{ALLOW_COMMIT} (why)')"
                )
    report(problems, f"{addon.name}: print() or cr.commit()")


def is_python(path):
    """A ``.py`` file, or a script whose first line runs Python."""
    if path.suffix == ".py":
        return True
    if path.suffix:
        return False
    with path.open("rb") as handle:
        first = handle.readline(200)
    return first.startswith(b"#!") and b"python" in first


@pytest.mark.parametrize("folder", CODE_FOLDERS, ids=[f.name for f in CODE_FOLDERS])
def test_python_files_are_not_too_long(folder):
    problems = []
    for path in files(folder, "*"):
        if not is_python(path):
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_PYTHON_LINES:
            problems.append(f"{rel(path)}: {count} lines")
    report(
        problems,
        f"{folder.name}: Python files over {MAX_PYTHON_LINES} lines "
        "(split them by concern)",
    )


@addon_param
def test_tools_import_nothing_from_odoo(addon):
    tools = addon / "tools"
    if not tools.is_dir():
        return  # nothing to check
    problems = []
    for path in sorted(tools.rglob("*.py")):
        depth = len(path.relative_to(tools).parts)  # 1 for tools/x.py
        try:
            tree = parse_python(path)
        except SyntaxError as exc:
            problems.append(f"{rel(path)}:{exc.lineno}: {exc.msg}")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level > depth:
                    # climbs out of tools/ into the addon, which imports odoo
                    problems.append(
                        f"{rel(path)}:{node.lineno}: imports from the addon"
                    )
                    continue
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("odoo", "openerp"):
                    problems.append(f"{rel(path)}:{node.lineno}: imports {name}")
    report(problems, f"{addon.name}: tools/ must not import odoo")


# --- readme and translations ----------------------------------------------------------


@addon_param
def test_readme_description(addon):
    description = addon / "readme" / "DESCRIPTION.md"
    assert description.is_file(), f"{rel(description)} is missing"
    assert description.read_text(encoding="utf-8").strip(), (
        f"{rel(description)} is empty"
    )


def test_readme_rst_up_to_date():
    """README.rst files are generated from readme/*.md by setup/readme."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "setup" / "readme"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"run setup/readme to regenerate: {result.stdout.strip()}"
    )


def test_dashboards_up_to_date():
    """The spreadsheet dashboards are written by setup/dashboards."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "setup" / "dashboards"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout.strip()


@addon_param
def test_french_translation(addon):
    po_file = addon / "i18n" / "fr.po"
    assert po_file.is_file(), f"{rel(po_file)} is missing"
    polib = pytest.importorskip("polib")
    try:
        catalog = polib.pofile(str(po_file), check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        pytest.fail(f"{rel(po_file)} does not parse: {exc}")
    assert len(catalog), f"{rel(po_file)} has no message"


def test_readme_images_become_image_directives():
    """An image alone on its line in a fragment is an image in README.rst,
    and every image a fragment shows is in the addon."""
    from importlib.machinery import SourceFileLoader
    from importlib.util import module_from_spec, spec_from_loader

    loader = SourceFileLoader("setup_readme", str(ROOT / "setup" / "readme"))
    module = module_from_spec(spec_from_loader("setup_readme", loader))
    loader.exec_module(module)
    text = (
        "Intro.\n\n![A chart](static/description/chart.png)\n\nAfter ![inline](x.png)."
    )
    assert module.images_to_rst(text) == (
        "Intro.\n\n.. image:: static/description/chart.png\n   :alt: A chart\n\n"
        "After ![inline](x.png)."
    )
    for fragment in ROOT.glob("sales_management*/readme/*.md"):
        for match in module.IMAGE.finditer(fragment.read_text()):
            image = fragment.parent.parent / match["path"]
            assert image.is_file(), f"{fragment}: {match['path']} is missing"
