# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SalesHiringPlanLine(models.Model):
    """One team and period of a hiring plan: the team target, what the
    current members are expected to deliver, the gap and what the planned
    hires bring. Computed by the plan (nobody writes them by hand); the
    pivot and graph views compare teams and periods."""

    _name = "sales.hiring.plan.line"
    _description = "Sales Hiring Plan: Team and Period"
    _order = "plan_id, plan_team_id, date_from"
    _rec_name = "period_name"

    plan_team_id = fields.Many2one(
        "sales.hiring.plan.team",
        "Team Row",
        required=True,
        ondelete="cascade",
        index=True,
        help="The team's row of the hiring plan.",
    )
    plan_id = fields.Many2one(
        related="plan_team_id.plan_id",
        store=True,
        index=True,
        string="Hiring Plan",
        help="The hiring plan.",
    )
    company_id = fields.Many2one(
        related="plan_team_id.company_id", store=True, index=True, help="Company."
    )
    team_id = fields.Many2one(
        related="plan_team_id.team_id",
        store=True,
        string="Sales Team",
        help="The team.",
    )
    date_from = fields.Date(
        "Period Start", required=True, help="First day of the period."
    )
    date_to = fields.Date("Period End", help="Last day of the period.")
    period_name = fields.Char("Period", help="The period.")
    target = fields.Float(digits=(16, 2), help="Team target of the period.")
    expected = fields.Float(
        "Members Deliver",
        digits=(16, 2),
        help="What the current members are expected to deliver in the period.",
    )
    gap = fields.Float(
        digits=(16, 2),
        help="Target minus what the members deliver: negative when the team "
        "is expected ahead of its target.",
    )
    hire_contribution = fields.Float(
        "One Hire Brings",
        digits=(16, 2),
        help="What one salesperson hired now sells in the period.",
    )
    planned_contribution = fields.Float(
        "Planned Hires Bring",
        digits=(16, 2),
        help="What the hires needed by the team sell in the period, if hired now.",
    )
