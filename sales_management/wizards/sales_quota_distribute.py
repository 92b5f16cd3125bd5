# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.onboarding_onboarding_step import STEP_DISTRIBUTE
from ..tools.distribution import split_amount
from ..tools.periods import shift_year


class SalesQuotaDistribute(models.TransientModel):
    _name = "sales.quota.distribute"
    _description = "Distribute a Team Target"
    _inherit = ["sales.input.guard"]

    plan_id = fields.Many2one("sales.quota.plan", required=True, ondelete="cascade")
    # never computed as superuser: the wizard takes any plan id from the client
    company_id = fields.Many2one(related="plan_id.company_id", related_sudo=False)
    currency_id = fields.Many2one(related="plan_id.currency_id", related_sudo=False)
    unit_label = fields.Char(related="plan_id.unit_label", related_sudo=False)
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        domain="[('company_id', 'in', (company_id, False))]",
    )
    amount = fields.Float(
        "Amount for the Plan",
        digits=(16, 2),
        help="Target of the whole team over the whole plan (for a one-year "
        "plan, the annual target).",
    )
    period_split = fields.Selection(
        [("even", "Evenly"), ("seasonal", "Like last year (seasonality)")],
        string="Split over Periods",
        required=True,
        default="even",
        help="Evenly: the same amount in every period. Like last year: in "
        "proportion to what the team achieved in the same periods one year "
        "earlier (evenly when there is no history).",
    )
    member_split = fields.Selection(
        [
            ("equal", "Equally"),
            ("history", "By last year's share"),
            ("weights", "By weights"),
        ],
        string="Split across Members",
        required=True,
        default="equal",
        help="Equally: the same target for every member. By last year's share: "
        "in proportion to what each member achieved over the same dates one "
        "year earlier (equally when there is no history). By weights: in "
        "proportion to the weights you set.",
    )
    create_team_targets = fields.Boolean(
        default=True,
        help="Also create one target per period for the team itself.",
    )
    line_ids = fields.One2many(
        "sales.quota.distribute.line",
        "wizard_id",
        string="Members",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.constrains("plan_id", "team_id")
    def _check_plan_access(self):
        for wizard in self:
            # the plan and team ids come from the client: only what the user
            # may change, in the companies the user works in
            wizard.plan_id.check_access("write")
            self._sm_check_company_allowed(wizard.plan_id.company_id)
            wizard.team_id.check_access("read")

    @api.depends("team_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create({"user_id": user.id})
                for user in wizard.team_id.member_ids
            ]

    def _check_input(self):
        self.ensure_one()
        self.plan_id._check_not_closed()
        if self.amount <= 0:
            raise UserError(
                self.env._("The amount to distribute must be greater than zero.")
            )
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "The team %(team)s has no member to distribute the target to; "
                    "add members to the list.",
                    team=self.team_id.display_name,
                )
            )
        users = self.line_ids.user_id
        if len(users) != len(self.line_ids):
            raise UserError(
                self.env._("Each salesperson may appear only once in the list.")
            )
        if any(line.weight < 0 for line in self.line_ids):
            raise UserError(self.env._("Weights cannot be negative."))
        if any(not 0 <= line.ramp_factor <= 100 for line in self.line_ids):
            raise UserError(
                self.env._("The ramp factor must be between 0 % and 100 %.")
            )

    def _history(self, user_ids, team_ids):
        """Achieved one year before the plan, by (owner, period start).

        :return: {("user" | "team", owner id, period start): amount}
        """
        plan = self.plan_id
        start = shift_year(plan.date_from, -1)
        stop = shift_year(plan.date_to, -1) + timedelta(days=1)
        quota = self.env["sales.quota"]
        source = quota._get_achieved_source_sql(
            plan=plan, start=start, stop=stop, user_ids=user_ids, team_ids=team_ids
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT src.user_id, src.team_id,
                          date_trunc(%s, src.date)::date, SUM(src.amount)
                     FROM (%s) AS src
                 GROUP BY 1, 2, 3""",
                plan.period_type,
                source,
            )
        )
        history = {}
        for user_id, team_id, period, amount in self.env.cr.fetchall():
            if user_id in user_ids:
                key = ("user", user_id, period)
                history[key] = history.get(key, 0.0) + amount
            if team_id in team_ids:
                key = ("team", team_id, period)
                history[key] = history.get(key, 0.0) + amount
        return history

    def action_distribute(self):
        self.ensure_one()
        self._check_input()
        plan = self.plan_id
        periods = plan._get_periods()
        lines = self.line_ids.sorted(key=lambda line: line.id)
        user_ids = lines.user_id.ids
        history = {}
        if self.period_split == "seasonal" or self.member_split == "history":
            history = self._history(user_ids, self.team_id.ids)

        period_weights = [1.0] * len(periods)
        if self.period_split == "seasonal":
            period_weights = [
                max(history.get(("team", self.team_id.id, shift_year(start, -1)), 0), 0)
                for start, _end in periods
            ]
        if self.member_split == "equal":
            member_weights = [1.0] * len(lines)
        elif self.member_split == "weights":
            member_weights = lines.mapped("weight")
        else:
            member_weights = [
                max(
                    sum(
                        history.get(("user", line.user_id.id, shift_year(start, -1)), 0)
                        for start, _end in periods
                    ),
                    0,
                )
                for line in lines
            ]

        targets = {}
        for (start, _end), period_amount in zip(
            periods, split_amount(self.amount, period_weights), strict=True
        ):
            if self.create_team_targets:
                targets[("team", self.team_id.id, start)] = (period_amount, 100.0)
            for line, amount in zip(
                lines, split_amount(period_amount, member_weights), strict=True
            ):
                targets[("user", line.user_id.id, start)] = (amount, line.ramp_factor)
        self._write_targets(targets)
        self.env["onboarding.onboarding.step"]._sm_validate(
            STEP_DISTRIBUTE, plan.company_id
        )
        return plan.action_view_quotas()

    def _write_targets(self, targets):
        """Create the targets, or update those that already exist."""
        plan = self.plan_id
        existing = self.env["sales.quota"].search(
            [
                ("plan_id", "=", plan.id),
                ("date_from", "in", [key[2] for key in targets]),
                "|",
                ("user_id", "in", [key[1] for key in targets if key[0] == "user"]),
                "&",
                ("target_type", "=", "team"),
                ("team_id", "=", self.team_id.id),
            ]
        )
        by_key = {
            (
                quota.target_type,
                (quota.user_id if quota.target_type == "user" else quota.team_id).id,
                quota.date_from,
            ): quota
            for quota in existing
        }
        to_create = []
        for key, (amount, ramp) in targets.items():
            vals = {"target_amount": amount, "ramp_factor": ramp}
            if key in by_key:
                by_key[key].write(vals)
                continue
            kind, owner_id, start = key
            vals.update(
                plan_id=plan.id,
                target_type=kind,
                date_from=start,
                team_id=self.team_id.id,
            )
            if kind == "user":
                vals["user_id"] = owner_id
            to_create.append(vals)
        self.env["sales.quota"].create(to_create)


class SalesQuotaDistributeLine(models.TransientModel):
    _name = "sales.quota.distribute.line"
    _description = "Distribute a Team Target: Member"
    _inherit = ["sales.input.guard"]

    wizard_id = fields.Many2one(
        "sales.quota.distribute", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        domain="[('share', '=', False)]",
    )
    weight = fields.Float(
        default=1.0,
        help="Relative share of this salesperson when splitting by weights.",
    )
    ramp_factor = fields.Float(
        "Ramp (%)",
        default=100.0,
        help="Share of the target expected from a salesperson still ramping up.",
    )
