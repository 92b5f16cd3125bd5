# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sales_forecast import CALL_FIELDS

ENTRY_KINDS = [
    ("submission", "Submission"),
    ("leader", "Leader adjustment"),
    ("manager", "Manager adjustment"),
]


class SalesForecastEntry(models.Model):
    _name = "sales.forecast.entry"
    _description = "Forecast Submission or Adjustment"
    _inherit = ["sales.input.guard"]
    _order = "date desc, id desc"
    _rec_name = "forecast_id"

    forecast_id = fields.Many2one(
        "sales.forecast",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        help="The forecast this call is for.",
    )
    company_id = fields.Many2one(
        related="forecast_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="forecast_id.currency_id")
    owner_type = fields.Selection(related="forecast_id.owner_type")
    forecast_user_id = fields.Many2one(
        related="forecast_id.user_id", string="Salesperson"
    )
    forecast_team_id = fields.Many2one(related="forecast_id.team_id", string="Team")
    period_name = fields.Char(related="forecast_id.period_name", string="Period")
    kind = fields.Selection(
        ENTRY_KINDS,
        required=True,
        default="submission",
        readonly=True,
        help="A salesperson submits their call; the team leader and the sales "
        "manager adjust it, with a note.",
    )
    amount = fields.Monetary(
        required=True,
        readonly=True,
        help="The amount the author expects to win in the period.",
    )
    note = fields.Text(
        readonly=True,
        help="Why: required for an adjustment.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
        help="Who submitted or adjusted.",
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
        help="When it was submitted or adjusted.",
    )

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK (amount >= 0)",
            "A forecast call cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            if not self.env.su:
                # the author and the time are always who and when
                vals["user_id"] = self.env.uid
                vals["date"] = fields.Datetime.now()
            kind = vals.get("kind", "submission")
            if kind != "submission" and not (vals.get("note") or "").strip():
                raise ValidationError(
                    self.env._(
                        "Explain your adjustment: a note is required when "
                        "adjusting a forecast."
                    )
                )
            if (vals.get("amount") or 0.0) < 0:
                raise ValidationError(self.env._("A forecast call cannot be negative."))
        forecasts = self.env["sales.forecast"].browse(
            {vals["forecast_id"] for vals in vals_list if vals.get("forecast_id")}
        )
        forecasts.check_access("read")
        for vals in vals_list:
            if not vals.get("forecast_id"):
                raise ValidationError(
                    self.env._("Choose the forecast to submit or adjust.")
                )
            forecast = forecasts.browse(vals["forecast_id"])
            forecast._check_entry_allowed(vals.get("kind", "submission"))
        entries = super().create(vals_list)
        # the calls of the forecasts and of those above them change
        self.env["sales.forecast"].invalidate_model(CALL_FIELDS)
        for entry in entries:
            entry.forecast_id.message_post(
                body=entry._message_body(), subtype_xmlid="mail.mt_note"
            )
        return entries

    def _message_body(self):
        self.ensure_one()
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        amount = self.env["ir.qweb.field.monetary"].value_to_html(
            self.amount, {"display_currency": self.currency_id}
        )
        if self.note:
            return self.env._(
                "%(kind)s: %(amount)s (%(note)s)",
                kind=kind,
                amount=amount,
                note=self.note,
            )
        return self.env._("%(kind)s: %(amount)s", kind=kind, amount=amount)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if not vals:
            return super().write(vals)
        raise UserError(
            self.env._(
                "Submissions and adjustments are kept as history and cannot be "
                "changed: add a new one instead."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Submissions and adjustments are kept as history and cannot be "
                "deleted: add a new one instead."
            )
        )
