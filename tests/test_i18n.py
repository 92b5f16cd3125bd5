"""Checks of every addon's French translation; no Odoo needed.

For each addon folder of the repository (a folder with a ``__manifest__.py``):

* ``i18n/<addon>.pot`` and ``i18n/fr.po`` exist, parse and have stable headers
  (no dates; ``Language: fr`` and the French plural forms in fr.po);
* every msgid of the template is in fr.po, translated and not fuzzy;
* each msgstr keeps the ``%(name)s`` placeholders of its msgid; the strings of
  the Python code (formatted by ``env._``) also keep their ``%%`` and still format;
* each msgstr keeps the HTML tags of its msgid (view terms such as
  ``<span class="o_stat_text">Achieved</span>``) and its leading and trailing
  newlines (as ``msgfmt --check`` requires);
* msgstr use plain spaces: no non-breaking spaces, not even before ``%`` or ``:``;
* fr.po has no obsolete ``#~`` entries: ``setup/i18n`` drops the msgids that
  left the template, so one there was edited in by hand or by another tool.

Fix a failure with ``setup/i18n`` (which exports the templates and merges them
into fr.po), then translate what it lists as untranslated.
"""

import re
from pathlib import Path

import pytest

polib = pytest.importorskip("polib", reason="polib (an Odoo requirement) is needed")

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))
LANG = "fr"
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"
DATED_HEADERS = ("POT-Creation-Date", "PO-Revision-Date")
PYTHON_COMMENT = "odoo-python"  # marks the strings of the Python code in Odoo's export

NAMED_RE = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
TAG_RE = re.compile(r"</?([A-Za-z][\w.-]*)")
NBSP_RE = re.compile("[\u00a0\u202f\u2007]")

addon_param = pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])


def template_path(addon):
    return addon / "i18n" / f"{addon.name}.pot"


def po_path(addon):
    return addon / "i18n" / f"{LANG}.po"


def load(path):
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run setup/i18n")
    try:
        return polib.pofile(str(path), check_for_duplicates=True)
    except (OSError, ValueError) as error:
        pytest.fail(f"{path.relative_to(ROOT)} does not parse: {error}")


def key(entry):
    return (entry.msgctxt, entry.msgid)


def is_python(entry):
    return PYTHON_COMMENT in (entry.comment or "").split("\n")


def placeholders(text):
    return sorted(NAMED_RE.findall(text))


def tags(text):
    return sorted(TAG_RE.findall(text))


def short(text, width=70):
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def report(problems, what):
    assert not problems, f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


@addon_param
def test_template_and_po_parse_with_stable_headers(addon):
    template = load(template_path(addon))
    po = load(po_path(addon))
    problems = []
    assert len(template), f"{template_path(addon).relative_to(ROOT)} has no msgid"
    for path, pofile in ((template_path(addon), template), (po_path(addon), po)):
        problems += [
            f"{path.name}: header {name} changes on every export, drop it"
            for name in DATED_HEADERS
            if name in pofile.metadata
        ]
    if po.metadata.get("Language") != LANG:
        problems.append(
            f"fr.po: header Language is {po.metadata.get('Language')!r}, not {LANG!r}"
        )
    if po.metadata.get("Plural-Forms") != PLURAL_FORMS:
        problems.append(
            f"fr.po: header Plural-Forms is {po.metadata.get('Plural-Forms')!r}, "
            f"not {PLURAL_FORMS!r}"
        )
    report(problems, "header problems")


@addon_param
def test_every_msgid_is_translated(addon):
    template = load(template_path(addon))
    translations = {key(e): e for e in load(po_path(addon)) if not e.obsolete}
    problems = []
    for entry in template:
        translated = translations.get(key(entry))
        if translated is None:
            problems.append(f"not in fr.po (run setup/i18n): {short(entry.msgid)}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {short(entry.msgid)}")
        elif not translated.msgstr.strip():
            problems.append(f"untranslated: {short(entry.msgid)}")
    report(
        problems, f"msgids of {template_path(addon).name} without a French translation"
    )


@addon_param
def test_translations_keep_placeholders(addon):
    problems = []
    for entry in load(po_path(addon)).translated_entries():
        msgid, msgstr = entry.msgid, entry.msgstr
        if placeholders(msgid) != placeholders(msgstr):
            problems.append(
                f"{short(msgid)}: placeholders {placeholders(msgid)} in the msgid, "
                f"{placeholders(msgstr)} in the msgstr"
            )
            continue
        if not is_python(entry):
            continue  # labels, views, menus: Odoo does not %-format them
        if msgid.count("%%") != msgstr.count("%%"):
            problems.append(
                f"{short(msgid)}: {msgid.count('%%')} '%%' in the msgid, "
                f"{msgstr.count('%%')} in the msgstr"
            )
            continue
        names = set(NAMED_RE.findall(msgid))
        if not names:
            continue
        args = dict.fromkeys(names, 1)
        try:
            msgid % args
        except (TypeError, ValueError, KeyError):
            continue  # the source itself does not format this way
        try:
            msgstr % args
        except (TypeError, ValueError, KeyError) as error:
            problems.append(f"{short(msgid)}: the msgstr does not format ({error})")
    report(problems, "translations that break formatting")


@addon_param
def test_translations_keep_markup_and_newlines(addon):
    problems = []
    for entry in load(po_path(addon)).translated_entries():
        msgid, msgstr = entry.msgid, entry.msgstr
        if tags(msgid) != tags(msgstr):
            problems.append(
                f"{short(msgid)}: tags {tags(msgid)} in the msgid, "
                f"{tags(msgstr)} in the msgstr"
            )
        for where, test in (("starts", str.startswith), ("ends", str.endswith)):
            if test(msgid, "\n") != test(msgstr, "\n"):
                problems.append(
                    f"{short(msgid)}: only one of msgid and msgstr {where} "
                    "with a newline"
                )
        if NBSP_RE.search(msgstr):
            problems.append(
                f"{short(msgid)}: the msgstr has a non-breaking space, "
                "use a plain space"
            )
    report(problems, "translations that change markup or spacing")


@addon_param
def test_no_obsolete_entries(addon):
    obsolete = [short(e.msgid) for e in load(po_path(addon)).obsolete_entries()]
    report(obsolete, "obsolete #~ entries in fr.po (remove them, or run setup/i18n)")
