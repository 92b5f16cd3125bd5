# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Largest amount, ratio or weight a user may enter: beyond it a figure is a typo
# (or an attack on the sums that read it), and PostgreSQL's numeric sums of such
# values overflow Python's floats.
MAX_MAGNITUDE = 1e15
# PostgreSQL's integer columns
MAX_INTEGER = 2**31 - 1

NUMBER_TYPES = ("float", "monetary", "integer")
DATE_TYPES = ("date", "datetime")
# the types whose values are checked (Odoo stores what text, boolean and
# relational command fields receive without failing)
CHECKED_TYPES = (*NUMBER_TYPES, *DATE_TYPES, "selection", "many2one")


class SalesInputGuard(models.AbstractModel):
    """Clear errors for values of the wrong type, NaN, infinity and absurd sizes.

    Odoo converts what a client sends with ``float()``, ``int()`` or its date
    parsers, so a JSON-RPC call with ``"abc"``, ``NaN``, ``1e300``, a list or an
    unknown selection key ends in a ``ValueError`` or ``TypeError`` traceback,
    or stores a NaN that breaks every later sum. Models that inherit this mixin
    check every value of ``create`` and ``write`` first and raise a
    ``ValidationError`` naming the field, before anything is written.

    Odoo's own models extended by the addons check the fields the addons add
    with ``env["sales.input.guard"]._sm_check_model_values(model, vals, names)``.
    """

    _name = "sales.input.guard"
    _description = "Checks of values entered in sales management"

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        return super().write(vals)

    # Models that override create or write call these first, before their own
    # code reads the values.

    @api.model
    def _sm_check_input_list(self, vals_list):
        if not isinstance(vals_list, list):
            raise ValidationError(self.env._("The values to save must be a list."))
        existing = self._sm_existing_records(self, vals_list)
        for vals in vals_list:
            self._sm_check_model_values(self, vals, existing=existing)

    @api.model
    def _sm_check_input_values(self, vals):
        self._sm_check_model_values(self, vals)

    @api.model
    def _sm_existing_records(self, model, vals_list):
        """{comodel: ids that exist} of the many2one ids in ``vals_list``, read
        with one query per comodel (a create of thousands of targets)."""
        wanted = {}
        for vals in vals_list:
            if not isinstance(vals, dict):
                continue
            for name, value in vals.items():
                field = model._fields.get(name)
                if (
                    field is not None
                    and field.type == "many2one"
                    and isinstance(value, int)
                    and not isinstance(value, bool)
                    and value > 0
                ):
                    wanted.setdefault(field.comodel_name, set()).add(value)
        return {
            comodel: set(self.env[comodel].browse(ids).exists().ids)
            for comodel, ids in wanted.items()
        }

    @api.model
    def _sm_check_model_values(self, model, vals, field_names=None, existing=None):
        """Raise a ValidationError for the first value of ``vals`` that is unusable.

        :param model: the model (any recordset of it) being created or written
        :param vals: values of a ``create`` or ``write`` on ``model``
        :param field_names: check these fields only (all fields when None)
        :param existing: {comodel: existing ids}, when already read
        """
        if not isinstance(vals, dict):
            raise ValidationError(
                self.env._("The values to save must be a dictionary.")
            )
        for name, value in list(vals.items()):
            if field_names is not None and name not in field_names:
                continue
            field = model._fields.get(name)
            if field is None or field.type not in CHECKED_TYPES:
                continue  # unknown fields are Odoo's to refuse
            if value is None or value is False or value == "":
                if field.required:
                    error = self.env._("a value is required.")
                elif value == "":
                    # an empty text clears the field, as Odoo's web client does
                    vals[name] = False
                    continue
                else:
                    continue
            else:
                error = self._sm_input_error(field, value, existing)
                if not error and field.type in NUMBER_TYPES and isinstance(value, str):
                    # a number sent as text, as Odoo would convert it, before
                    # the models' own code compares it
                    number = float(value)
                    vals[name] = int(number) if field.type == "integer" else number
            if error:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(error)s",
                        field=field._description_string(self.env),
                        error=error,
                    )
                )

    @api.model
    def _sm_input_error(self, field, value, existing=None):
        """Why ``value`` cannot be stored in ``field``, or None when it can."""
        if field.type in NUMBER_TYPES:
            return self._sm_number_error(field, value)
        if field.type in DATE_TYPES:
            return self._sm_date_error(field, value)
        if field.type == "selection":
            if not isinstance(value, str):
                return self.env._("choose one of the listed values.")
            keys = [key for key, _label in field._description_selection(self.env)]
            if value not in keys:
                return self.env._(
                    "“%(value)s” is not one of the possible values.", value=value[:64]
                )
        if field.type == "many2one":
            if isinstance(value, models.BaseModel):
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                return self.env._("choose a record from the list.")
            if existing is not None and field.comodel_name in existing:
                found = value in existing[field.comodel_name]
            else:
                found = bool(self.env[field.comodel_name].browse(value).exists())
            if not found:
                return self.env._("the record chosen no longer exists.")
        return None

    @api.model
    def _sm_number_error(self, field, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return self.env._("enter a number.")
        try:
            number = float(value)
        except (ValueError, OverflowError):
            return self.env._("“%(value)s” is not a number.", value=str(value)[:64])
        if not math.isfinite(number):
            return self.env._("enter a finite number.")
        if field.type == "integer":
            if number != int(number):
                return self.env._("enter a whole number.")
            if abs(number) > MAX_INTEGER:
                return self.env._(
                    "enter a number between %(low)s and %(high)s.",
                    low=-MAX_INTEGER,
                    high=MAX_INTEGER,
                )
        elif abs(number) > MAX_MAGNITUDE:
            return self.env._("this number is far too large to be right.")
        return None

    @api.model
    def _sm_date_error(self, field, value):
        if isinstance(value, date):  # datetime is a date too
            return None
        if not isinstance(value, str):
            return self.env._("enter a date.")
        parse = (
            fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime
        )
        try:
            parse(value)
        except ValueError:
            return self.env._("“%(value)s” is not a valid date.", value=value[:64])
        return None

    # ------------------------------------------------------------------
    # Companies a wizard takes from the client
    # ------------------------------------------------------------------

    @api.model
    def _sm_check_company_allowed(self, companies):
        """Refuse companies outside the request's companies (``env.companies``).

        Wizards that read documents with SQL take a company (or records of a
        company) from the client: the company must be one the user works in
        and has selected in the company switcher.
        """
        outside = companies - self.env.companies
        if outside:
            raise AccessError(
                self.env._(
                    "Select %(company)s in the company switcher first: this is "
                    "done within a company you are working in.",
                    company=outside[0].sudo().display_name,
                )
            )

    # ------------------------------------------------------------------
    # Deleting what sales history refers to
    # ------------------------------------------------------------------

    @api.model
    def _sm_check_unreferenced(self, records):
        """Refuse to delete ``records`` while sales history refers to them.

        Targets, forecasts, snapshots and stored scorecards keep the user or
        team they were for (their many2one fields say ``ondelete="restrict"``):
        deleting the user or team would fail on the database with a technical
        message, so it is refused here with a sentence that says what to do.
        """
        if not records:
            return
        for model_name, field_name in self._sm_restricting_fields(records._name):
            # whether some history exists, whoever may read it
            held = (
                self.env[model_name]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(field_name, "in", records.ids)], [field_name], limit=1)
            )
            if held:
                raise UserError(
                    self.env._(
                        "%(record)s cannot be deleted: %(history)s records keep it "
                        "as history. Archive it instead.",
                        record=held[0][0].with_env(self.env).display_name,
                        history=self.env[model_name]._description,
                    )
                )

    @api.model
    def _sm_restricting_fields(self, comodel_name):
        """(model, field) of the stored sales fields that keep a ``comodel_name``."""
        return [
            (model_name, field.name)
            for model_name, Model in self.env.registry.items()
            if model_name.startswith("sales.") and Model._auto and not Model._abstract
            for field in Model._fields.values()
            if field.type == "many2one"
            and field.comodel_name == comodel_name
            and field.store
            and field.ondelete == "restrict"
        ]
