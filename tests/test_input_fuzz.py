"""Bad input on every model of the three addons: a clear refusal or a sane value.

For every stored field a user can write (float, monetary, integer, date,
datetime, selection; many2one with values of the wrong type), a write on a
valid fixture record and a create with each bad value, by a sales manager (or
the role that may write the model), must end in a ValidationError, UserError
or AccessError, or store what a sane conversion of the value gives: never
another exception, and a refused write or create leaves the records as they
were. The fields the addons add to Odoo's models are checked the same way, and
pairs of ``*_from``/``*_to`` fields refuse an inverted range. Every problem is
listed in one failure message, a to-do list.
"""

import math
from collections import namedtuple
from datetime import date

import pytest

pytest.importorskip("odoo")

from access_common import AccessCommon
from access_fixtures import SPECS, WIZARDS
from access_roles import (
    ADDONS,
    OWNERS,
    TODAY,
    addon_models,
    describe_error,
    rolled_back,
)
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round, mute_logger

NAN, INF = float("nan"), float("inf")
EVERY_TYPE = (
    ("NaN", NAN),
    ("+inf", INF),
    ("-inf", -INF),
    ("1e300", 1e300),
    ("-1e300", -1e300),
    ("'abc'", "abc"),
    ("''", ""),
    ("'1.5'", "1.5"),
    ("[1]", [1]),
    ("{'a': 1}", {"a": 1}),
    ("True", True),
    ("None", None),
    ("False", False),
)
DATES = (
    ("'2026-02-30'", "2026-02-30"),
    ("'not a date'", "not a date"),
    ("12345", 12345),
)
UNKNOWN_KEY = (("an unknown key", "no_such_key"),)
WRONG_RECORDS = (
    ("'abc'", "abc"),
    ("'1'", "1"),
    ("1.5", 1.5),
    ("[1]", [1]),
    ("{'a': 1}", {"a": 1}),
    ("True", True),
    ("NaN", NAN),
)
FUZZED_TYPES = ("float", "monetary", "integer", "date", "datetime", "selection")
NUMBERS = ("float", "monetary", "integer")
MAX_MAGNITUDE = 1e15
INVERTED = {"date": (date(2026, 12, 31), date(2026, 1, 1)), "float": (90.0, 10.0)}
REFUSED = (AccessError, UserError, ValidationError)
MAGIC_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date"}
# Who writes a model: the first of these roles that may (the first fixture of
# a model written by an interviewer is theirs: access_fixtures.SPECS).
WRITERS = ("manager", "recruiter", "interviewer", "team_leader", "salesman_own")

# Models of the addons with no field a user enters.
NOT_FUZZED = {
    "sales.scorecard": "SQL view: read only",
    "sales.funnel.report": "SQL view: read only",
    "sales.stage.duration.report": "SQL view: read only",
    "sales.applicant.comparison": "SQL view: read only",
    "sales.applicant.competency": "SQL view: read only",
    "sales.hiring.report": "SQL view: read only",
    "sales.hiring.stage.report": "SQL view: read only",
    "sales.quality.hire": "SQL view: read only",
    "sales.quality.hire.summary": "SQL view: read only",
    "sales.customer.timeline": "SQL view: read only",
    "sales.order.suggestion": "SQL view: read only",
    "sales.recommendation": "SQL view: read only",
}
# Fields left out, with the reason.
SKIP = {}
# Odoo's models with fields of the addons: a record, and who writes it
# (None: an administrator, for settings).
EXTENDED = {
    "crm.lead": (lambda case: case.leads["salesman_own"], "manager"),
    "res.company": (lambda case: case.companies["a"], None),
    "res.config.settings": (lambda case: case.settings, None),
    "hr.job": (lambda case: case.hiring_jobs["a"], "manager"),
    "hr.applicant": (lambda case: case.hiring_applicants["interviewer"], "recruiter"),
}

Target = namedtuple("Target", "model record user build")


def bad_values(field):
    if field.type == "many2one":
        return WRONG_RECORDS
    if field.type in ("date", "datetime"):
        return EVERY_TYPE + DATES
    if field.type == "selection":
        return EVERY_TYPE + UNKNOWN_KEY
    return EVERY_TYPE


def sane_values(record, field, value):
    """What a correct write of ``value`` stores (none: it must be refused)."""
    empty = value is None or value is False or value == ""
    if field.type == "many2one":
        return []
    if empty:
        if field.type in NUMBERS:
            return [0]
        return [] if field.required else [False]
    if field.type in ("float", "monetary") and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return []
        if math.isfinite(number) and abs(number) <= MAX_MAGNITUDE:
            digits = field.get_digits(record.env) if field.type == "float" else None
            if digits:
                number = float_round(number, precision_digits=digits[1])
            return [number]
    return []


def same(stored, sane):
    if isinstance(stored, float) and isinstance(sane, int | float):
        return abs(stored - sane) <= 1e-9 * max(1.0, abs(sane))
    return stored == sane


def fuzzed_fields(Model, names=()):
    """Fields a user writes (plus ``names``, given at creation), of the types."""
    result = []
    for name, field in Model._fields.items():
        if (Model._name, name) in SKIP or field.type not in (*FUZZED_TYPES, "many2one"):
            continue
        if not field.store or field.related or name in MAGIC_FIELDS:
            continue
        if field.readonly and name not in names:
            continue
        result.append(field)
    return result


@freeze_time(TODAY)
class TestInputFuzz(AccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manager = cls.users["manager"]
        cls.wizards = {}
        for name, spec in WIZARDS.items():
            target = cls.default_target(spec.target)
            vals = spec.build(cls, manager, target)
            cls.wizards[name] = cls.env[name].with_user(manager).create(vals)
        cls.lines = {
            model: cls.env[model].with_user(manager).create(build(cls))
            for model, build in cls.line_builders().items()
        }
        # the members' lines, computed from the team (they replace any other)
        cls.env.flush_all()
        cls.lines["sales.quota.distribute.line"] = cls.wizards[
            "sales.quota.distribute"
        ].line_ids[:1]
        cls.settings = cls.env["res.config.settings"].create({})

    @classmethod
    def default_target(cls, model):
        if model == "res.company":
            return cls.companies["a"]
        return cls.fixtures[model][cls.first_owner(model)]

    @classmethod
    def first_owner(cls, model):
        return next(o for o in SPECS[model].owners if OWNERS[o].company in ("a", None))

    @classmethod
    def line_builders(cls):
        def distribute(case):
            return {
                "wizard_id": case.wizards["sales.quota.distribute"].id,
                "user_id": case.users["salesman_own"].id,
            }

        def propensity(case):
            return {
                "wizard_id": case.wizards["sales.category.propensity"].id,
                "partner_id": case.partner.id,
            }

        def waterfall(case):
            return {
                "wizard_id": case.wizards["sales.forecast.waterfall"].id,
                "bucket": "new",
                "amount": 1.0,
            }

        def followup_preview(case):
            return {
                "wizard_id": case.wizards["sales.followup.preview"].id,
                "res_model": "crm.lead",
                "res_id": case.leads["salesman_own"].id,
                "name": "Matrix",
            }

        return {
            "sales.followup.preview.line": followup_preview,
            "sales.quota.distribute.line": distribute,
            "sales.category.propensity.line": propensity,
            "sales.forecast.waterfall.line": waterfall,
        }

    # -- targets -------------------------------------------------------------

    def writer(self, model):
        for role in WRITERS:
            if self.env[model].with_user(self.users[role]).has_access("write"):
                return self.users[role]
        return self.users["manager"]

    def target(self, model):
        """The record to write, its writer and the values of a new record."""
        user = self.writer(model)
        if model in WIZARDS:
            spec = WIZARDS[model]
            target = self.default_target(spec.target)
            return Target(
                model, self.wizards[model], user, lambda: spec.build(self, user, target)
            )
        if model in self.lines:
            build = self.line_builders()[model]
            return Target(model, self.lines[model], user, lambda: build(self))
        spec, owner = SPECS[model], self.first_owner(model)
        build = spec.build and (lambda: spec.build(self, owner, 1, user))
        return Target(model, self.fixtures[model][owner], user, build)

    def test_every_model_is_fuzzed(self):
        missing = [
            model
            for model in addon_models(self.env)
            if model not in NOT_FUZZED
            and model not in SPECS
            and model not in WIZARDS
            and model not in self.lines
        ]
        self.assertFalse(
            missing,
            "Models without a record to fuzz (add fixtures in tests/access_fixtures.py "
            f"or a reason in NOT_FUZZED): {missing}",
        )

    # -- cases ---------------------------------------------------------------

    def test_write_bad_values(self):
        problems = []
        for model in addon_models(self.env):
            if model in NOT_FUZZED:
                continue
            target = self.target(model)
            for field in fuzzed_fields(self.env[model]):
                problems += self.write_cases(target, field)
        self.report(problems)

    def test_create_bad_values(self):
        problems = []
        for model in addon_models(self.env):
            target = model not in NOT_FUZZED and self.target(model)
            if not (target and target.build):
                continue
            with rolled_back(self.env):
                given = set(target.build())
            for field in fuzzed_fields(self.env[model], given):
                for label, value in bad_values(field):
                    problem = self.create_case(target, {field.name: value}, field)
                    if problem and problem != "refused":
                        problems.append(f"{model}.{field.name} = {label}: {problem}")
        self.report(problems)

    def test_fields_added_to_odoo_models(self):
        problems = []
        for model, (record_of, role) in EXTENDED.items():
            user = self.users[role] if role else self.env.user
            target = Target(model, record_of(self), user, None)
            for field in fuzzed_fields(self.env[model]):
                if getattr(field, "_module", None) in ADDONS:
                    problems += self.write_cases(target, field)
        self.report(problems)

    def test_inverted_ranges(self):
        problems = []
        for model in addon_models(self.env):
            if model in NOT_FUZZED:
                continue
            target = self.target(model)
            fields = {field.name: field for field in fuzzed_fields(self.env[model])}
            for name, field in fields.items():
                end = name.removesuffix("_from") + "_to"
                if not name.endswith("_from") or end not in fields:
                    continue
                later, earlier = INVERTED[field.type]
                vals = {name: later, end: earlier}
                label = f"{model}.{name} after {end}"
                outcome = self.write_case(target, vals, None)
                if outcome != "refused":
                    problems.append(f"{label} (write): {outcome}")
                outcome = target.build and self.create_case(target, vals, None)
                if outcome not in (None, "refused"):
                    problems.append(f"{label} (create): {outcome}")
        self.report(problems)

    def report(self, problems):
        if problems:
            self.fail(
                f"{len(problems)} bad inputs not refused cleanly:\n"
                + "\n".join(problems)
            )

    def write_cases(self, target, field):
        problems = []
        for label, value in bad_values(field):
            problem = self.write_case(target, {field.name: value}, field)
            if problem and problem != "refused":
                problems.append(f"{target.model}.{field.name} = {label}: {problem}")
        return problems

    def write_case(self, target, vals, field):
        """None (a sane value stored), 'refused' or what went wrong."""
        record = target.record
        before = self.stored_values(record)
        try:
            with mute_logger("odoo.sql_db"), rolled_back(self.env):
                record.with_user(target.user).write(dict(vals))
                self.env.flush_all()
                return self.check_stored(record, field, vals)
        except REFUSED:
            changed = self.stored_values(record) != before
            return "refused, but the record changed" if changed else "refused"
        except IntegrityError as error:
            if self.is_explained(error):
                changed = self.stored_values(record) != before
                return "refused, but the record changed" if changed else "refused"
            return describe_error(error)
        except Exception as error:  # reported as a problem
            return describe_error(error)

    def create_case(self, target, vals, field):
        Model = self.env[target.model].sudo().with_context(active_test=False)
        count = Model.search_count([])
        try:
            with mute_logger("odoo.sql_db"), rolled_back(self.env):
                record = (
                    self.env[target.model]
                    .with_user(target.user)
                    .create({**target.build(), **vals})
                )
                self.env.flush_all()
                return self.check_stored(record, field, vals)
        except REFUSED:
            changed = Model.search_count([]) != count
            return "refused, but a record was created" if changed else "refused"
        except IntegrityError as error:
            if self.is_explained(error):
                changed = Model.search_count([]) != count
                return "refused, but a record was created" if changed else "refused"
            return describe_error(error)
        except Exception as error:  # reported as a problem
            return describe_error(error)

    def is_explained(self, error):
        """True for the violation of a constraint that has its own message.

        Odoo's JSON-RPC layer answers such an error with a ValidationError
        that shows the constraint's message, and rolls the request back
        (``odoo.service.model.retrying``): the same refusal a user sees.
        """
        return error.diag.constraint_name in self.env.registry._sql_constraints

    def check_stored(self, record, field, vals):
        """None when the stored value is sane, else what was stored."""
        if field is None:
            return "accepted"
        value = vals[field.name]
        record.invalidate_recordset()
        stored = record.sudo()[field.name]
        if field.type == "many2one":
            stored = stored.id
        sane = sane_values(record, field, value)
        if any(same(stored, expected) for expected in sane):
            return None
        return f"stored {stored!r}" + (f" instead of {sane[0]!r}" if sane else "")

    def stored_values(self, record):
        record = record.sudo().with_context(active_test=False)
        record.invalidate_recordset()
        names = [
            name
            for name, field in record._fields.items()
            if field.store and field.column_type
        ]
        return record.read(names, load=None)[0]
