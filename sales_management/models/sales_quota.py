# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Target of a salesperson or team for one period of a target plan.

The model, its fields, constraints and the guards of a closed plan. The
live figures are in sales_quota_attainment.py, the records behind them in
sales_quota_drilldown.py, the stored figures, messages and scheduler in
sales_quota_snapshot.py.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools.periods import (
    is_period_start,
    period_bounds,
    period_label,
)
from .sales_quota_plan import FROZEN_EXEMPT_PREFIXES

# Tolerance, in percentage points, before a target counts as behind or
# ahead of pace.
PACE_TOLERANCE = 5.0
# Fields only the system writes (through _write_stored_figures) to store the
# figures of targets of active plans; frozen with the rest once the plan is
# closed.
SNAPSHOT_FIELDS = {
    "snapshot_achieved",
    "snapshot_pipeline",
    "snapshot_date",
    "reached_notified",
}


class SalesQuota(models.Model):
    _name = "sales.quota"
    _description = "Sales Target"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "plan_id desc, date_from, target_type, user_id, team_id, id"
    _rec_names_search = ["user_id", "team_id", "plan_id"]

    plan_id = fields.Many2one(
        "sales.quota.plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    metric = fields.Selection(related="plan_id.metric", store=True)
    plan_state = fields.Selection(
        related="plan_id.state", string="Plan Status", store=True
    )
    unit_label = fields.Char(related="plan_id.unit_label")
    is_amount_metric = fields.Boolean(related="plan_id.is_amount_metric")
    target_type = fields.Selection(
        [("user", "Salesperson"), ("team", "Sales Team")],
        string="Target For",
        required=True,
        default="user",
        help="A salesperson target counts what the salesperson sells; a team "
        "target counts what the whole team sells.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        ondelete="restrict",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="For a salesperson target, the team the salesperson belongs to; "
        "team leaders see the targets of their team.",
    )
    date_from = fields.Date(
        "Period Start",
        required=True,
        index=True,
        help="First day of the target period (a month, quarter or year, as "
        "set on the plan).",
    )
    date_to = fields.Date(
        "Period End", compute="_compute_period", store=True, precompute=True
    )
    period_name = fields.Char(
        "Period", compute="_compute_period", store=True, precompute=True
    )
    target_amount = fields.Float(
        "Target",
        digits=(16, 2),
        tracking=True,
        help="Full target of the period, before any ramp factor.",
    )
    ramp_factor = fields.Float(
        "Ramp (%)",
        default=100.0,
        digits=(5, 1),
        tracking=True,
        help="Share of the full target expected from a salesperson who is "
        "still ramping up (100 % for a fully productive salesperson).",
    )
    effective_target = fields.Float(
        compute="_compute_effective_target",
        store=True,
        precompute=True,
        digits=(16, 2),
        aggregator="sum",
        help="Target after the ramp factor: what attainment is measured against.",
    )

    # Team targets: how much of it the members' targets cover.
    members_target = fields.Float(
        "Members' Targets",
        compute="_compute_members_target",
        digits=(16, 2),
        help="Sum of the effective targets of the team's salespeople for the "
        "same plan and period.",
    )
    allocation_gap = fields.Float(
        "Unallocated",
        compute="_compute_members_target",
        digits=(16, 2),
        help="Team target minus the members' targets: positive when "
        "under-allocated, negative when over-allocated.",
    )
    allocation_status = fields.Selection(
        [
            ("under", "Under-allocated"),
            ("balanced", "Balanced"),
            ("over", "Over-allocated"),
        ],
        compute="_compute_members_target",
    )

    _sql_constraints = [
        (
            "target_positive",
            "CHECK (target_amount >= 0)",
            "A target cannot be negative.",
        ),
        (
            "ramp_range",
            "CHECK (ramp_factor >= 0 AND ramp_factor <= 100)",
            "The ramp factor must be between 0 % and 100 %.",
        ),
    ]

    # ------------------------------------------------------------------
    # Simple computes
    # ------------------------------------------------------------------

    @api.depends("user_id", "target_type")
    def _compute_team_id(self):
        for quota in self:
            if quota.target_type == "user" and quota.user_id and not quota.team_id:
                quota.team_id = quota.user_id.sale_team_id

    @api.depends("date_from", "plan_id.period_type")
    def _compute_period(self):
        for quota in self:
            period_type = quota.plan_id.period_type
            if not (quota.date_from and period_type):
                quota.date_to = False
                quota.period_name = False
                continue
            start, end = period_bounds(quota.date_from, period_type)
            quota.date_to = end
            quota.period_name = period_label(start, period_type)

    @api.depends("target_amount", "ramp_factor")
    def _compute_effective_target(self):
        for quota in self:
            quota.effective_target = quota.target_amount * quota.ramp_factor / 100.0

    @api.depends("user_id", "team_id", "plan_id", "period_name", "target_type")
    def _compute_display_name(self):
        for quota in self:
            owner = (
                quota.user_id if quota.target_type == "user" else quota.team_id
            ).display_name
            quota.display_name = " / ".join(
                part for part in (owner, quota.period_name) if part
            )

    def _compute_members_target(self):
        teams = self.filtered(lambda quota: quota.target_type == "team")
        (self - teams).update(
            {"members_target": 0.0, "allocation_gap": 0.0, "allocation_status": False}
        )
        if not teams:
            return
        groups = self.env["sales.quota"]._read_group(
            [
                ("plan_id", "in", teams.plan_id.ids),
                ("target_type", "=", "user"),
                ("team_id", "in", teams.team_id.ids),
            ],
            ["plan_id", "team_id", "date_from:day"],
            ["effective_target:sum"],
        )
        allocated = {
            (plan.id, team.id, date_from): total
            for plan, team, date_from, total in groups
        }
        for quota in teams:
            members = allocated.get(
                (quota.plan_id.id, quota.team_id.id, quota.date_from), 0.0
            )
            gap = quota.effective_target - members
            quota.members_target = members
            quota.allocation_gap = gap
            precision = 0.005
            quota.allocation_status = (
                "under"
                if gap > precision
                else "over"
                if gap < -precision
                else "balanced"
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("target_amount", "ramp_factor")
    def _check_amounts(self):
        for quota in self:
            if quota.target_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The target of %(quota)s cannot be negative.",
                        quota=quota.display_name,
                    )
                )
            if not 0 <= quota.ramp_factor <= 100:
                raise ValidationError(
                    self.env._(
                        "The ramp factor of %(quota)s must be between 0 %% and 100 %%.",
                        quota=quota.display_name,
                    )
                )

    @api.constrains("target_type", "user_id", "team_id")
    def _check_owner(self):
        for quota in self:
            if quota.target_type == "user" and not quota.user_id:
                raise ValidationError(
                    self.env._("A salesperson target needs a salesperson.")
                )
            if quota.target_type == "team" and not quota.team_id:
                raise ValidationError(self.env._("A team target needs a sales team."))
            if quota.target_type == "user" and (
                quota.user_id.share or not quota.user_id.active
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot have a target: targets are for active "
                        "internal users, not archived, portal or public ones.",
                        user=quota.user_id.name,
                    )
                )

    @api.constrains("date_from", "plan_id")
    def _check_period(self):
        for quota in self:
            plan = quota.plan_id
            if not is_period_start(quota.date_from, plan.period_type):
                raise ValidationError(
                    self.env._(
                        "The period of %(quota)s must start on the first day of a "
                        "%(period)s (the plan %(plan)s is split by %(period)s).",
                        quota=quota.display_name,
                        period=dict(
                            plan._fields["period_type"]._description_selection(self.env)
                        )[plan.period_type].lower(),
                        plan=plan.display_name,
                    )
                )
            if quota.date_from < plan.date_from or quota.date_to > plan.date_to:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s of %(quota)s is outside the plan "
                        "%(plan)s (%(start)s to %(end)s).",
                        period=quota.period_name,
                        quota=quota.display_name,
                        plan=plan.display_name,
                        start=format_date(self.env, plan.date_from),
                        end=format_date(self.env, plan.date_to),
                    )
                )

    @api.constrains("plan_id", "target_type", "user_id", "team_id", "date_from")
    def _check_unique(self):
        groups = self._read_group(
            [
                ("plan_id", "in", self.plan_id.ids),
                ("date_from", "in", self.mapped("date_from")),
            ],
            ["plan_id", "target_type", "user_id", "team_id", "date_from:day"],
            ["__count"],
        )
        for plan, target_type, user, team, date_from, count in groups:
            if count < 2:
                continue
            if target_type == "user":
                duplicate = user.display_name
            else:
                if user:
                    continue
                duplicate = team.display_name
            raise ValidationError(
                self.env._(
                    "%(owner)s already has a target for %(date)s in the plan "
                    "%(plan)s; change that target instead of adding another one.",
                    owner=duplicate,
                    date=format_date(self.env, date_from),
                    plan=plan.display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD: a closed plan is frozen
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        plan_ids = {vals.get("plan_id") for vals in vals_list if vals.get("plan_id")}
        self.env["sales.quota.plan"].browse(plan_ids)._check_open_for_targets()
        if any(SNAPSHOT_FIELDS & set(vals) for vals in vals_list):
            self._raise_stored_figures()
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if any(not field.startswith(FROZEN_EXEMPT_PREFIXES) for field in vals):
            self.plan_id._check_not_closed()
            if "plan_id" in vals:
                plan = self.env["sales.quota.plan"].browse(vals["plan_id"])
                plan._check_open_for_targets()
        if SNAPSHOT_FIELDS & set(vals):
            self._raise_stored_figures()
        return super().write(vals)

    def _write_stored_figures(self, vals):
        """Store figures, past the guard of ``write``.

        Private (no RPC client calls it): the refresh job and the plan's
        buttons, once they have checked the user's rights.
        """
        self.plan_id._check_not_closed()
        return super().write(vals)

    def _raise_stored_figures(self):
        raise UserError(
            self.env._(
                "The stored figures of a target are computed from the orders, "
                "invoices and opportunities: they cannot be entered by hand."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.plan_id._check_not_closed()
