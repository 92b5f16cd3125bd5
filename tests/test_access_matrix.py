"""Access matrix: who may do what on every model of the three addons.

access_policy.EXPECTED is the access policy, one entry per model: for each
role, the scope of each operation (the scopes are described there). "read"
covers read() of each record, search_read() and read_group(); "create"
creates a record of each owner; SQL views are checked with search_read only,
wizards for the right to create them (and, in a separate test, for refusing
records the user cannot read). A few models have operations of their own:
reviews are read once shared ("read") and as drafts ("read_draft"), scorecard
periods are closed by writing their state ("write_state") or deleted once
closed ("unlink_closed"), pipeline snapshots show company totals
("read_totals"), an interviewer reads the other scorecards of an application
once theirs is submitted ("read_submitted"), a lead suggestion is accepted or
dismissed by whoever edits its lead ("decide"). Odoo's job positions and
applications are there for the rights the hiring addon gives on them. A model
of the addons missing there fails the test.
"""

import pytest

pytest.importorskip("odoo")

from access_common import AccessCommon
from access_fixtures import SPECS, WIZARDS
from access_policy import EXPECTED, YES
from access_roles import (
    ROLES,
    TODAY,
    addon_models,
    describe,
    describe_error,
    in_scope,
    probe_field,
    rolled_back,
)
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, mute_logger

# Fields a role reads only with the "read_totals" right.
SNAPSHOT_TOTALS = ["line_count", "amount_total", "weighted_total"]
REFUSED = (AccessError, UserError, ValidationError)


def expected_owners(model, role, op):
    row = EXPECTED[model]
    scope = row[role][row["ops"].index(op)]
    return {owner for owner in SPECS[model].owners if in_scope(scope, owner, role)}


def share_reviews(case):
    """The reviews as shared, their embedded scorecards kept (the Share button
    would copy the scorecards again, as new records)."""
    reviews = case.env["sales.evaluation"].union(*case.reviews.values())
    case.env.cr.execute(
        SQL("UPDATE sales_evaluation SET state = 'shared' WHERE id IN %s", reviews._ids)
    )
    reviews.invalidate_recordset(["state"])


def submit_own_scorecard(case):
    """The interviewer role's scorecard submitted (the colleague's is)."""
    case.fixtures["sales.interview.scorecard"]["interviewer"].action_submit()


# Done before a read operation (in a rolled-back savepoint): reviews are read
# once shared ("read"), their drafts are checked by "read_draft"; the
# interviewer role reads the other submitted scorecards of an application once
# theirs is submitted ("read_submitted").
PREPARE_READ = {
    "read": {
        "sales.evaluation": share_reviews,
        "sales.evaluation.kpi": share_reviews,
        "sales.evaluation.rating": share_reviews,
        "sales.evaluation.action": share_reviews,
    },
    "read_submitted": {
        "sales.interview.scorecard": submit_own_scorecard,
        "sales.interview.scorecard.line": submit_own_scorecard,
    },
}
READ_OPS = ("read", "read_draft", "read_submitted")


@freeze_time(TODAY)
class TestAccessMatrix(AccessCommon):
    def check(self, outcomes):
        failures = [line for line in outcomes if line]
        if failures:
            self.fail(
                f"{len(failures)} cells differ from EXPECTED:\n" + "\n".join(failures)
            )

    def attempt(self, call, *args):
        """'ok', 'refused' or the unexpected error of ``call(*args)``, rolled back."""
        try:
            with mute_logger("odoo.sql_db"), rolled_back(self.env):
                call(*args)
                self.env.flush_all()
        except REFUSED:
            return "refused"
        except Exception as error:  # reported as a failure
            return describe_error(error)
        return "ok"

    def models_with(self, op):
        return [
            model
            for model, row in EXPECTED.items()
            if op in row["ops"] and model in SPECS
        ]

    def compare(self, model, role, op, observed, scope_op=None):
        """A failure line, or None: ``observed`` is {owner: outcome of ``op``}."""
        scope_op = scope_op or op
        row = EXPECTED[model]
        scope = row[role][row["ops"].index(scope_op)]
        expected = expected_owners(model, role, scope_op)
        errors = {k: v for k, v in observed.items() if v not in ("ok", "refused")}
        allowed = {owner for owner, outcome in observed.items() if outcome == "ok"}
        if allowed == expected and not errors:
            return None
        return describe(model, role, op, scope, expected, allowed, errors)

    # -- the table -----------------------------------------------------------

    def test_every_model_is_in_the_table(self):
        missing = [m for m in addon_models(self.env) if m not in EXPECTED]
        self.assertFalse(
            missing,
            "Models without an entry in EXPECTED of tests/access_policy.py "
            f"(add one, and its fixtures in tests/access_fixtures.py): {missing}",
        )

    def test_every_role_has_every_operation(self):
        problems = []
        for model, row in EXPECTED.items():
            for role in ROLES:
                cells = row.get(role)
                if cells is None or len(cells) != len(row["ops"]):
                    problems.append(
                        f"{model}: role {role} needs {len(row['ops'])} cells"
                    )
            if model not in SPECS and not self.env[model]._transient:
                problems.append(f"{model}: no fixtures in access_common.SPECS")
        self.assertFalse(problems, "\n".join(problems))

    def test_fixtures_are_valid(self):
        """As superuser, every builder makes a valid record (refusals mean rights)."""
        failures = []
        for model in self.models_with("create"):
            if not any(expected_owners(model, role, "create") for role in ROLES):
                continue  # nobody creates them: any refusal will do
            for owner in SPECS[model].owners:
                outcome = self.attempt(self.create_as, model, owner, self.env.user)
                if outcome != "ok":
                    failures.append(f"{model} of {owner}: {outcome}")
        self.assertFalse(failures, "\n".join(failures))

    # -- operations ----------------------------------------------------------

    def test_read(self):
        outcomes = []
        for op in READ_OPS:
            for model in self.models_with(op):
                for role in ROLES:
                    outcomes.extend(self.read_outcomes(model, role, op))
        self.check(outcomes)

    def read_outcomes(self, model, role, op):
        """read() of each record, search_read() and read_group() of them all."""
        user = self.users[role]
        records = self.fixtures[model]
        owner_of = {record.id: owner for owner, record in records.items()}
        Model = self.env[model].with_user(user)
        field = probe_field(Model)
        domain = [("id", "in", list(owner_of))]
        with rolled_back(self.env):
            prepare = PREPARE_READ.get(op, {}).get(model)
            if prepare:
                prepare(self)
            read = {
                owner: self.read_outcome(record.with_user(user), field)
                for owner, record in records.items()
            }
            try:
                found = Model.search_read(domain, [field])
                searched = {owner_of[row["id"]]: "ok" for row in found}
            except AccessError:
                searched = {}
            try:
                groups = Model.read_group(domain, ["__count"], [])
                count = groups[0]["__count"] if groups else 0
            except AccessError:
                count = 0
        expected = expected_owners(model, role, op)
        suffix = op.removeprefix("read")
        result = [
            self.compare(model, role, op, read),
            self.compare(model, role, f"search_read{suffix}", searched, op),
        ]
        if count != len(expected):
            scope = EXPECTED[model][role][EXPECTED[model]["ops"].index(op)]
            result.append(
                f"{model} | {role} | read_group{suffix}: expected {len(expected)} "
                f"records ({scope!r}), counted {count}"
            )
        return result

    def read_outcome(self, record, field):
        try:
            rows = record.read([field])
        except REFUSED:
            return "refused"
        return "ok" if rows else "the fixture record is gone"

    def test_search_read_of_reports(self):
        outcomes = []
        for model in self.models_with("search_read"):
            records = self.fixtures[model]
            owner_of = {record.id: owner for owner, record in records.items()}
            for role in ROLES:
                Model = self.env[model].with_user(self.users[role])
                try:
                    found = Model.search_read(
                        [("id", "in", list(owner_of))], [probe_field(Model)]
                    )
                    searched = {owner_of[row["id"]]: "ok" for row in found}
                except AccessError:
                    searched = {}
                outcomes.append(self.compare(model, role, "search_read", searched))
        self.check(outcomes)

    def test_create(self):
        outcomes = []
        for model in self.models_with("create"):
            spec = SPECS[model]
            for role in ROLES:
                user = self.users[role]
                observed = {
                    owner: self.attempt(self.create_as, model, owner, user)
                    for owner in spec.owners
                }
                outcomes.append(self.compare(model, role, "create", observed))
        self.check(outcomes)

    def create_as(self, model, owner, user):
        spec = SPECS[model]
        vals = spec.build(self, owner, 1, user)
        self.env[model].with_user(user).with_context(**(spec.context or {})).create(
            vals
        )

    def test_write(self):
        self.check(self.on_each_record("write", self.write_vals))

    def write_vals(self, model, record, user):
        record.with_user(user).with_context(**(SPECS[model].context or {})).write(
            SPECS[model].write
        )

    def test_unlink(self):
        self.check(self.on_each_record("unlink", self.unlink))

    def unlink(self, model, record, user):
        record.with_user(user).with_context(**(SPECS[model].context or {})).unlink()

    def on_each_record(self, op, call):
        outcomes = []
        for model in self.models_with(op):
            for role in ROLES:
                user = self.users[role]
                observed = {
                    owner: self.attempt(call, model, record, user)
                    for owner, record in self.fixtures[model].items()
                }
                outcomes.append(self.compare(model, role, op, observed))
        return outcomes

    def test_period_state_changes_only_with_its_button(self):
        """Nobody writes the state of a period nor deletes a closed one."""
        context = SPECS["sales.scorecard.line"].context

        def write_state(model, record, user):
            record.with_user(user).with_context(**context).write({"state": "closed"})

        def unlink_closed(model, record, user):
            record.with_context(**context).write({"state": "closed"})
            record.with_user(user).with_context(**context).unlink()

        self.check(
            self.on_each_record("write_state", write_state)
            + self.on_each_record("unlink_closed", unlink_closed)
        )

    def test_suggestions_decided_by_who_edits_the_lead(self):
        def decide(model, record, user):
            record.with_user(user).action_dismiss()

        self.check(self.on_each_record("decide", decide))

    def test_snapshot_totals(self):
        def read_totals(model, record, user):
            record.with_user(user).read(SNAPSHOT_TOTALS)

        self.check(self.on_each_record("read_totals", read_totals))

    # -- wizards -------------------------------------------------------------

    def test_wizard_create_rights(self):
        outcomes = []
        for model, row in EXPECTED.items():
            if row["ops"] != ("create",):
                continue
            for role in ROLES:
                allowed = (
                    self.env[model].with_user(self.users[role]).has_access("create")
                )
                expected = row[role][0] == YES
                if allowed != expected:
                    outcomes.append(
                        f"{model} | {role} | create: expected {row[role][0]!r}, "
                        f"{'allowed' if allowed else 'refused'}"
                    )
        self.check(outcomes)

    def wizard_targets(self, target_model, role):
        """{owner: (record, readable by the role per EXPECTED)}."""
        if target_model == "res.company":
            return {
                f"company_{key}": (company, key == ROLES[role].company)
                for key, company in self.companies.items()
            }
        readable = expected_owners(target_model, role, "read")
        return {
            owner: (record, owner in readable)
            for owner, record in self.fixtures[target_model].items()
        }

    def test_wizards_refuse_records_the_user_cannot_read(self):
        outcomes = []
        for wizard in WIZARDS:
            for role in ROLES:
                if EXPECTED[wizard][role][0] == YES:
                    outcomes.extend(self.wizard_outcomes(wizard, role))
        self.check(outcomes)

    def wizard_outcomes(self, wizard, role):
        spec, user = WIZARDS[wizard], self.users[role]
        # related fields through the record would show it: refuse before the action
        leaky = any(
            field.related and field.related.split(".")[0] == spec.field
            for field in self.env[wizard]._fields.values()
        )
        problems = {}
        for owner, (record, readable) in self.wizard_targets(spec.target, role).items():
            vals = spec.build(self, user, record)
            step = self.wizard_run(wizard, user, vals, spec.action)
            if step not in (None, "create", "read", "action"):
                problem = step
            elif readable and step in ("create", "read"):
                problem = f"readable, but refused at {step} (fix the test)"
            elif readable or step in ("create", "read"):
                continue
            elif step == "action" and not leaky:
                continue
            else:
                problem = "not readable, but " + (
                    "its related fields show it" if leaky else "accepted"
                )
            problems.setdefault(problem, []).append(owner)
        return [
            f"{wizard} | {role} | {spec.field} of {owners}: {problem}"
            for problem, owners in problems.items()
        ]

    def wizard_run(self, wizard, user, vals, action):
        """The step (create, read, action) refused with an AccessError (or a
        UserError before the action), None, or an unexpected error."""
        step = "create"
        try:
            with mute_logger("odoo.sql_db"), rolled_back(self.env):
                record = self.env[wizard].with_user(user).create(vals)
                step = "read"
                record.read()
                step = "action"
                getattr(record, action)()
                self.env.flush_all()
        except AccessError:
            return step
        except (UserError, ValidationError):
            # a business refusal of the action says nothing of the record's access
            return None if step == "action" else step
        except Exception as error:  # reported as a failure
            return f"at {step}: {describe_error(error)}"
        return None
