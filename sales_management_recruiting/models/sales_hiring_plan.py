# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hiring plan of the sales teams: its settings, checks, buttons and the
rows it stores: sales.hiring.plan.team (one per team) and
sales.hiring.plan.line (one per team and period).

The figures are gathered and computed in sales_hiring_plan_figures.py.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.misc import formatLang

from odoo.addons.sales_management.tools.periods import period_label

# Longest horizon, in periods of the target plan.
MAX_PERIODS = 24
# Longest time to hire and time to productivity, in months.
MAX_LEAD_MONTHS = 24
MAX_RAMP_MONTHS = 24
# Who uses the hiring plan.
PLAN_GROUPS = "hr_recruitment.group_hr_recruitment_user,sales_team.group_sale_manager"


class SalesHiringPlan(models.Model):
    """How many salespeople each sales team needs, and by when, to reach its
    targets of the next periods of a target plan."""

    _name = "sales.hiring.plan"
    _description = "Sales Hiring Plan"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        help="Name of the hiring plan.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose sales teams are planned.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id", help="Currency of the company."
    )
    quota_plan_id = fields.Many2one(
        "sales.quota.plan",
        "Target Plan",
        required=True,
        check_company=True,
        compute="_compute_quota_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('state', '=', 'active'), ('company_id', '=', company_id)]",
        help="The active target plan whose team targets are to be reached.",
    )
    unit_label = fields.Char(
        related="quota_plan_id.unit_label", help="What the targets count."
    )
    period_type = fields.Selection(
        related="quota_plan_id.period_type", help="Length of the periods."
    )
    date_from = fields.Date(
        "First Period",
        required=True,
        compute="_compute_date_from",
        store=True,
        readonly=False,
        precompute=True,
        help="First day of the first period planned, a period of the target "
        "plan (by default the next one).",
    )
    period_count = fields.Integer(
        "Periods",
        required=True,
        compute="_compute_period_count",
        store=True,
        readonly=False,
        precompute=True,
        help="How many periods of the target plan the hiring plan covers, "
        "from the first one.",
    )
    date_to = fields.Date(
        "Last Day",
        compute="_compute_date_to",
        store=True,
        help="Last day of the last period planned.",
    )
    lead_time = fields.Integer(
        "Time to Hire (Months)",
        required=True,
        default=2,
        help="Months from opening a recruitment to the new salesperson's first "
        "day: nobody hired today sells before then.",
    )
    ramp_months = fields.Integer(
        "Time to Productivity (Months)",
        required=True,
        default=6,
        help="Months a new salesperson takes to sell as much as the team's "
        "experienced salespeople. Their sales in each of these months are "
        "read from the history of the team's salespeople in their own first "
        "months.",
    )
    basis = fields.Selection(
        [("run_rate", "Their Recent Sales"), ("targets", "Their Targets")],
        "Current Members Deliver",
        required=True,
        default="run_rate",
        help="What the team's current salespeople are expected to deliver: "
        "their recent sales (the last six months once ramped up; the team's "
        "new-hire curve while they ramp up), or their own targets in the "
        "plan. Recent sales measure the team's real capacity; targets only "
        "show what is not allocated.",
    )
    computed_on = fields.Datetime(
        readonly=True, copy=False, help="When the figures were last computed."
    )
    team_ids = fields.One2many(
        "sales.hiring.plan.team",
        "plan_id",
        "Teams",
        readonly=True,
        help="Hires needed by each team.",
    )
    line_ids = fields.One2many(
        "sales.hiring.plan.line",
        "plan_id",
        "Teams by Period",
        readonly=True,
        help="Target, expected sales and gap of each team and period.",
    )
    hires_needed = fields.Integer(
        compute="_compute_hires_needed", help="Hires needed by all the teams."
    )

    @api.depends("quota_plan_id", "date_from")
    def _compute_name(self):
        for plan in self:
            if plan.name:
                continue
            period = (
                plan.date_from
                and plan.period_type
                and period_label(plan.date_from, plan.period_type)
            )
            plan.name = (
                self.env._("Hiring plan from %(period)s", period=period)
                if period
                else self.env._("Hiring plan")
            )

    @api.depends("company_id")
    def _compute_quota_plan_id(self):
        for plan in self:
            if plan.quota_plan_id.company_id == plan.company_id:
                continue
            plan.quota_plan_id = self._sales_default_quota_plan(plan.company_id)

    @api.depends("quota_plan_id")
    def _compute_date_from(self):
        today = fields.Date.context_today(self)
        for plan in self:
            periods = plan.quota_plan_id.sudo()._get_periods()
            starts = [start for start, _end in periods]
            if plan.date_from in starts:
                continue
            later = [start for start in starts if start > today]
            current = [start for start, end in periods if start <= today <= end]
            plan.date_from = (later or current or starts or [False])[0]

    @api.depends("quota_plan_id", "date_from")
    def _compute_period_count(self):
        for plan in self:
            remaining = len(plan._sales_remaining_periods())
            if plan.period_count and plan.period_count <= remaining:
                continue
            plan.period_count = max(min(remaining, MAX_PERIODS), 1)

    @api.depends("quota_plan_id", "date_from", "period_count")
    def _compute_date_to(self):
        for plan in self:
            periods = plan._sales_horizon()
            plan.date_to = periods[-1][1] if periods else False

    @api.depends("team_ids.hires_needed")
    def _compute_hires_needed(self):
        for plan in self:
            plan.hires_needed = sum(plan.team_ids.mapped("hires_needed"))

    @api.model
    def _sales_default_quota_plan(self, company):
        """The active target plan of ``company`` with periods still to come:
        the first to start of those with a period starting after today
        (otherwise the one in force today), plans on confirmed sales of
        every product first."""
        today = fields.Date.context_today(self)
        plans = (
            self.env["sales.quota.plan"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("date_to", ">=", today),
                ],
                order="date_from, id",
            )
        )
        plans = plans.sorted(
            lambda p: (
                not (p.metric == "sale" and not p.product_categ_id),
                not any(start > today for start, _end in p._get_periods()),
            )
        )
        return plans[:1].with_env(self.env)

    def _sales_remaining_periods(self):
        """(start, end) of the target plan's periods from the first period."""
        self.ensure_one()
        if not (self.quota_plan_id and self.date_from):
            return []
        periods = self.quota_plan_id.sudo()._get_periods()
        return [period for period in periods if period[0] >= self.date_from]

    def _sales_horizon(self):
        """(start, end) of the periods planned."""
        self.ensure_one()
        if self.period_count < 1:
            return []
        return self._sales_remaining_periods()[: self.period_count]

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.constrains("period_count", "lead_time", "ramp_months")
    def _check_numbers(self):
        for plan in self:
            if not 1 <= plan.period_count <= MAX_PERIODS:
                raise ValidationError(
                    self.env._(
                        "A hiring plan covers from 1 to %(max)s periods "
                        "(%(count)s given).",
                        max=MAX_PERIODS,
                        count=plan.period_count,
                    )
                )
            if not 0 <= plan.lead_time <= MAX_LEAD_MONTHS:
                raise ValidationError(
                    self.env._(
                        "The time to hire is from 0 to %(max)s months "
                        "(%(months)s given).",
                        max=MAX_LEAD_MONTHS,
                        months=plan.lead_time,
                    )
                )
            if not 1 <= plan.ramp_months <= MAX_RAMP_MONTHS:
                raise ValidationError(
                    self.env._(
                        "The time to productivity is from 1 to %(max)s months "
                        "(%(months)s given).",
                        max=MAX_RAMP_MONTHS,
                        months=plan.ramp_months,
                    )
                )

    @api.constrains("quota_plan_id", "date_from", "period_count")
    def _check_horizon(self):
        for plan in self:
            target_plan = plan.quota_plan_id.sudo()
            starts = [start for start, _end in target_plan._get_periods()]
            if plan.date_from not in starts:
                raise ValidationError(
                    self.env._(
                        "The first period of %(plan)s must be a period of the "
                        "target plan %(target_plan)s: choose the first day of "
                        "one of its periods, from %(start)s to %(end)s.",
                        plan=plan.name,
                        target_plan=target_plan.name,
                        start=format_date(self.env, target_plan.date_from),
                        end=format_date(self.env, target_plan.date_to),
                    )
                )
            remaining = len(plan._sales_remaining_periods())
            if plan.period_count > remaining:
                raise ValidationError(
                    self.env._(
                        "The target plan %(target_plan)s has %(count)s periods "
                        "from %(start)s: plan at most %(count)s periods, or "
                        "choose another target plan.",
                        target_plan=target_plan.name,
                        count=remaining,
                        start=format_date(self.env, plan.date_from),
                    )
                )

    def _sales_no_plan_message(self, company):
        return self.env._(
            "%(company)s has no active target plan: activate one (Sales "
            "Management > Targets) with the targets of its teams, then plan "
            "the hires.",
            company=company.sudo().display_name,
        )

    def _sales_check_active(self):
        for plan in self:
            if plan.quota_plan_id.sudo().state != "active":
                raise UserError(
                    self.env._(
                        "The target plan of %(plan)s is not active: choose an "
                        "active target plan (Sales Management > Targets) to "
                        "plan the hires of its teams.",
                        plan=plan.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        if any("computed_on" in vals for vals in vals_list):
            self._sales_raise_computed()
        for vals in vals_list:
            if vals.get("quota_plan_id"):
                continue
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if not self._sales_default_quota_plan(company):
                raise UserError(self._sales_no_plan_message(company))
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        if "computed_on" in vals:
            self._sales_raise_computed()
        return super().write(vals)

    def _sales_write_computed(self, vals):
        """Write the date of the figures, past the guard of ``write``.

        Private (no RPC client calls it): ``action_compute`` only, once it
        has checked the user's rights.
        """
        return super().write(vals)

    def _sales_raise_computed(self):
        raise UserError(
            self.env._("The figures of a hiring plan are computed with its button.")
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _sales_check_planner(self):
        """Only recruiters and sales managers plan hires, on plans they may
        change."""
        if not (self.env.su or self.env.user.has_groups(PLAN_GROUPS)):
            raise AccessError(
                self.env._("Only recruiters and sales managers plan hires.")
            )
        self.check_access("write")
        self._sm_check_company_allowed(self.company_id)

    def action_compute(self):
        """Compute the hires of every team, replacing the previous figures."""
        self._sales_check_planner()
        self._sales_check_active()
        for plan in self:
            rows = self._sales_compute(
                plan.company_id,
                plan.date_from,
                plan.period_count,
                lead_time=plan.lead_time,
                ramp_months=plan.ramp_months,
                basis=plan.basis,
                quota_plan=plan.quota_plan_id,
            )
            plan._sales_store_rows(rows)
        return True

    def action_set_recruitments(self):
        """Write the hires of each team that needs some on the team's sales
        job (its expected new employees)."""
        self._sales_check_planner()
        return self.team_ids.action_set_recruitments()

    def _sales_store_rows(self, rows):
        """Replace the plan's rows with ``rows`` (of :meth:`_sales_compute`).

        Private (no RPC client calls it): the rows are written as superuser
        once ``action_compute`` has checked the user's rights, since nobody
        writes them by hand.
        """
        self.ensure_one()
        Team = self.env["sales.hiring.plan.team"].sudo()
        Line = self.env["sales.hiring.plan.line"].sudo()
        self.sudo().team_ids.unlink()
        team_rows = Team.create(
            [
                {
                    "plan_id": self.id,
                    "team_id": row["team_id"],
                    "status": row["status"],
                    "member_count": row["member_count"],
                    "target": row["target"],
                    "expected": row["expected"],
                    "gap": row["gap"],
                    "hire_contribution": row["hire_contribution"],
                    "hires_needed": row["hires_needed"] or 0,
                    "hire_by": row["hire_by"],
                    "open_by": row["open_by"],
                    "productivity_source": row["productivity_source"],
                    "sample_size": row["sample_size"],
                    "productivity_summary": self._sales_productivity_text(
                        row["productivity"]
                    ),
                    "job_id": row["job_id"],
                }
                for row in rows
            ]
        )
        Line.create(
            [
                {"plan_team_id": team_row.id, **period}
                for team_row, row in zip(team_rows, rows, strict=True)
                for period in row["periods"]
            ]
        )
        self._sales_write_computed({"computed_on": fields.Datetime.now()})

    def _sales_productivity_text(self, values):
        """``month 1 · month 2 · … → fully productive``, in the user's
        number format."""
        if not values:
            return False
        numbers = [formatLang(self.env, value or 0.0, digits=0) for value in values]
        return self.env._(
            "%(months)s → %(full)s",
            months=" · ".join(numbers[:-1]),
            full=numbers[-1],
        )

    @api.readonly
    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_recruiting.sales_hiring_plan_line_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_group_team": 1}
        action["display_name"] = self.name
        return action
