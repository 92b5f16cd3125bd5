# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Forecast of an owner (salesperson, team, company) for a month or quarter.

The model, its owner and period, constraints, the sheets of a period and the
guards on create, write and unlink. The figures, the calls and the accuracy
live in sales_forecast_figures.py, sales_forecast_call.py and
sales_forecast_accuracy.py.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.sales_management.tools.periods import (
    is_period_start,
    period_bounds,
    period_label,
)

# Latest entry of each kind: the one that counts, by increasing precedence.
ENTRY_KINDS = ("submission", "leader", "manager")
# Fields computed from the entries (see _compute_calls).
CALL_FIELDS = [
    "submitted_amount",
    "submitted_uid",
    "submitted_date",
    "leader_amount",
    "leader_note",
    "leader_uid",
    "leader_date",
    "manager_amount",
    "manager_note",
    "manager_uid",
    "manager_date",
    "rollup_amount",
    "forecast_amount",
    "forecast_source",
    "gap",
]
ACCURACY_FIELDS = [
    "accuracy_call",
    "accuracy_actual",
    "accuracy",
    "bias",
    "accuracy_date",
]
# Fields that place a forecast (owner, company, period): frozen once it holds
# submissions or adjustments, which were made for that owner and period.
PLACEMENT_FIELDS = (
    "owner_type",
    "user_id",
    "team_id",
    "company_id",
    "period_type",
    "date_from",
)
# Ended periods the trust factor looks back on.
TRUST_PERIODS = 6
FIGURE_FIELDS = (
    "target",
    "closed_won",
    "commit_amount",
    "best_case_amount",
    "pipeline_amount",
    "weighted_amount",
)


class SalesForecast(models.Model):
    _name = "sales.forecast"
    _description = "Sales Forecast"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.input.guard"]
    _order = "date_from desc, company_id, owner_sequence, team_id, user_id, id"
    _check_company_auto = True
    # salespeople and leaders post their calls on forecasts they only read
    _mail_post_access = "read"
    _rec_names_search = ["user_id", "team_id", "period_name"]

    owner_type = fields.Selection(
        [("user", "Salesperson"), ("team", "Sales Team"), ("company", "Company")],
        string="Forecast Of",
        required=True,
        default="user",
        help="A salesperson's forecast counts their opportunities, a team's "
        "those of the team and the company's all of the company.",
    )
    owner_sequence = fields.Integer(
        compute="_compute_owner_sequence",
        store=True,
        help="Company first, then teams, then salespeople.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        # the forecasts are history: archive the user instead
        ondelete="restrict",
        domain="[('share', '=', False)]",
        help="The salesperson whose forecast this is.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The team forecast, or the team of the salesperson: its leader "
        "adjusts the forecast.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose opportunities the forecast counts.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Currency",
        help="Amounts of the forecast are in the company currency.",
    )
    parent_id = fields.Many2one(
        "sales.forecast",
        string="Rolls Up Into",
        index=True,
        ondelete="set null",
        help="The forecast of the team (for a salesperson) or of the company "
        "(for a team) of the same period.",
    )
    child_ids = fields.One2many(
        "sales.forecast",
        "parent_id",
        string="Rolled-up Forecasts",
        help="The forecasts that roll up into this one.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Period",
        required=True,
        default="month",
        help="Length of the forecast period.",
    )
    date_from = fields.Date(
        "Period Start",
        required=True,
        index=True,
        help="First day of the forecast period.",
    )
    date_to = fields.Date(
        "Period End",
        compute="_compute_period",
        store=True,
        precompute=True,
        help="Last day of the forecast period.",
    )
    period_name = fields.Char(
        compute="_compute_period",
        store=True,
        precompute=True,
        index=True,
        help="The month (2026-04) or quarter (Q2 2026) of the forecast.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
        copy=False,
        help="A closed forecast takes no more submissions or adjustments; a "
        "period is also closed once it has ended.",
    )
    is_closed = fields.Boolean(
        "Period Closed",
        compute="_compute_is_closed",
        help="The forecast was closed or its period has ended.",
    )
    entry_ids = fields.One2many(
        "sales.forecast.entry",
        "forecast_id",
        string="Submissions and Adjustments",
        help="Every submission and adjustment, kept as history.",
    )

    def init(self):
        result = super().init()
        # one forecast per owner and period
        for name, owner_type, columns in (
            ("user", "user", "user_id"),
            ("team", "team", "team_id"),
            ("company", "company", None),
        ):
            self.env.cr.execute(
                SQL(
                    """CREATE UNIQUE INDEX IF NOT EXISTS %s
                           ON sales_forecast (company_id, period_type, date_from%s)
                        WHERE owner_type = %s""",
                    SQL.identifier(f"sales_forecast_{name}_period_uniq"),
                    SQL(", %s", SQL.identifier(columns)) if columns else SQL(),
                    owner_type,
                )
            )
        return result

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("date_from", "period_type")
    def _check_period_start(self):
        periods = dict(self._fields["period_type"]._description_selection(self.env))
        for forecast in self:
            if forecast.date_from and not is_period_start(
                forecast.date_from, forecast.period_type
            ):
                start, _end = period_bounds(forecast.date_from, forecast.period_type)
                raise ValidationError(
                    self.env._(
                        "A forecast covers a whole %(period)s: start it on the "
                        "first day of the %(period)s (%(start)s), not on "
                        "%(date)s, or its opportunities would count twice.",
                        period=periods[forecast.period_type].lower(),
                        start=format_date(self.env, start),
                        date=format_date(self.env, forecast.date_from),
                    )
                )

    @api.constrains("owner_type", "user_id", "team_id")
    def _check_owner(self):
        for forecast in self:
            if forecast.owner_type == "user" and not forecast.user_id:
                raise ValidationError(
                    self.env._(
                        "Choose the salesperson of the forecast %(forecast)s: "
                        "a salesperson's forecast needs one.",
                        forecast=forecast.display_name,
                    )
                )
            if forecast.owner_type == "team" and not forecast.team_id:
                raise ValidationError(
                    self.env._(
                        "Choose the sales team of the forecast %(forecast)s: "
                        "a team's forecast needs one.",
                        forecast=forecast.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Simple computes
    # ------------------------------------------------------------------

    @api.depends("owner_type")
    def _compute_owner_sequence(self):
        order = {"company": 0, "team": 1, "user": 2}
        for forecast in self:
            forecast.owner_sequence = order.get(forecast.owner_type, 3)

    @api.depends("date_from", "period_type")
    def _compute_period(self):
        for forecast in self:
            if not (forecast.date_from and forecast.period_type):
                forecast.date_to = False
                forecast.period_name = False
                continue
            start, end = period_bounds(forecast.date_from, forecast.period_type)
            forecast.date_to = end
            forecast.period_name = period_label(start, forecast.period_type)

    @api.depends("owner_type", "user_id", "team_id", "company_id", "period_name")
    def _compute_display_name(self):
        for forecast in self:
            owner = {
                "user": forecast.user_id,
                "team": forecast.team_id,
                "company": forecast.company_id,
            }.get(forecast.owner_type)
            forecast.display_name = " / ".join(
                part for part in (owner and owner.name, forecast.period_name) if part
            )

    @api.depends("state", "date_to")
    @api.depends_context("tz")
    def _compute_is_closed(self):
        today = fields.Date.context_today(self)
        for forecast in self:
            forecast.is_closed = forecast.state == "closed" or bool(
                forecast.date_to and forecast.date_to < today
            )

    # ------------------------------------------------------------------
    # Sheets
    # ------------------------------------------------------------------

    @api.model
    def _prepare_sheets(self, companies, period_type, day):
        """Create the missing forecasts of the period of ``day``.

        For each company: one forecast for the company, one for each of its
        sales teams (and of the teams shared by all companies) and one for
        each member of those teams (in their main team), linked for the
        roll-up. Existing forecasts are kept. Returns every forecast of the
        period of these companies.
        """
        start, _end = period_bounds(day, period_type)
        Forecast = self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        )
        domain = [
            ("company_id", "in", companies.ids),
            ("period_type", "=", period_type),
            ("date_from", "=", start),
        ]
        keys = {
            (f.company_id.id, f.owner_type, f.team_id.id, f.user_id.id): f
            for f in Forecast.search(domain)
        }
        base = {"period_type": period_type, "date_from": start}

        def ensure(vals_list):
            missing = [
                vals
                for vals in vals_list
                if (
                    vals["company_id"],
                    vals["owner_type"],
                    vals.get("team_id", False),
                    vals.get("user_id", False),
                )
                not in keys
            ]
            for forecast in Forecast.create(missing):
                key = (
                    forecast.company_id.id,
                    forecast.owner_type,
                    forecast.team_id.id,
                    forecast.user_id.id,
                )
                keys[key] = forecast

        for company in companies:
            teams = self.env["crm.team"].search(
                [("company_id", "in", (company.id, False))]
            )
            members = self.env["crm.team.member"].search(
                [("crm_team_id", "in", teams.ids)]
            )
            ensure([{**base, "owner_type": "company", "company_id": company.id}])
            company_row = keys[(company.id, "company", False, False)]
            ensure(
                [
                    {
                        **base,
                        "owner_type": "team",
                        "company_id": company.id,
                        "team_id": team.id,
                        "parent_id": company_row.id,
                    }
                    for team in teams
                ]
            )
            users = {}
            for member in members:
                user, team = member.user_id, member.crm_team_id
                if company not in user.company_ids:
                    continue
                if user.sale_team_id in teams:
                    team = user.sale_team_id
                users.setdefault(user, team)
            ensure(
                [
                    {
                        **base,
                        "owner_type": "user",
                        "company_id": company.id,
                        "team_id": team.id,
                        "user_id": user.id,
                        "parent_id": keys[(company.id, "team", team.id, False)].id,
                    }
                    for user, team in users.items()
                ]
            )
        return Forecast.search(domain).with_env(self.env)

    @api.model
    def _cron_prepare_sheets(self):
        """Create the forecasts of the current month and quarter (idempotent)."""
        companies = self.env["res.company"].search([])
        today = fields.Date.context_today(self)
        for period_type in ("month", "quarter"):
            self._prepare_sheets(companies, period_type, today)
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)
        return True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            self._check_no_accuracy_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        self._check_no_accuracy_write(vals)
        if any(name in vals for name in PLACEMENT_FIELDS):
            self._check_placement_unchanged(vals)
        return super().write(vals)

    @api.model
    def _check_no_accuracy_write(self, vals):
        """Refuse the stored accuracy fields in ``vals``, from anyone.

        They feed the trust-adjusted commit and the scorecards, so only the
        accuracy job sets them: ``_store_accuracy`` writes them with one SQL
        UPDATE, which never goes through ``create``/``write``. Refusing them
        here unconditionally leaves no way in over RPC; a context key to let
        the job through would not do, as any RPC client can send it.
        """
        names = [name for name in ACCURACY_FIELDS if name in vals]
        if names:
            raise UserError(
                self.env._(
                    "The accuracy of a forecast (%(fields)s) is stored by the "
                    "accuracy job when its period ends; it cannot be entered "
                    "or changed.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in names
                    ),
                )
            )

    def _check_placement_unchanged(self, vals):
        """Raise when ``vals`` moves a forecast holding entries to another
        owner, company or period."""
        self.check_access("write")
        moved = self.browse()
        for forecast in self:
            for name in PLACEMENT_FIELDS:
                if name not in vals:
                    continue
                field = self._fields[name]
                value = field.convert_to_record(
                    field.convert_to_cache(vals[name], forecast), forecast
                )
                if value != forecast[name]:
                    moved |= forecast
                    break
        if not moved:
            return
        # the entries are history the user may not all read (another
        # salesperson's submissions): only whether some exist is read here,
        # after the access check above
        held = (
            self.env["sales.forecast.entry"]
            .sudo()
            ._read_group([("forecast_id", "in", moved.ids)], ["forecast_id"], limit=1)
        )
        if held:
            raise UserError(
                self.env._(
                    "The forecast %(forecast)s holds submissions or adjustments "
                    "made for its owner and period: its owner, company and "
                    "period can no longer change. Prepare the forecast of the "
                    "other owner or period instead.",
                    forecast=held[0][0].with_env(self.env).display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_entries(self):
        for forecast in self:
            if forecast.sudo().entry_ids:
                raise UserError(
                    self.env._(
                        "The forecast %(forecast)s has submissions or adjustments: "
                        "they are kept as history, so it cannot be deleted.",
                        forecast=forecast.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_close(self):
        for forecast in self:
            if forecast.state == "closed":
                raise UserError(
                    self.env._(
                        "The forecast %(forecast)s is already closed.",
                        forecast=forecast.display_name,
                    )
                )
        self.write({"state": "closed"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    def action_export_xlsx(self):
        """The forecasts as Excel (the report of the Print menu)."""
        if not self:
            raise UserError(self.env._("Select the forecasts to export."))
        return self.env.ref(
            "sales_management_forecast.sales_forecast_report_xlsx"
        ).report_action(self, config=False)
