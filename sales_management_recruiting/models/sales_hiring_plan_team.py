# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date
from odoo.tools.misc import formatLang

STATUSES = [
    ("covered", "No Gap"),
    ("hire", "Hire"),
    ("too_late", "Too Late to Close"),
    ("no_history", "No History"),
]
SOURCES = [
    ("team", "Team History"),
    ("company", "Company History"),
    ("job", "Ramp Plan of the Job"),
]


class SalesHiringPlanTeam(models.Model):
    """The hires one sales team needs over the horizon of a hiring plan,
    computed by the plan (nobody writes them by hand)."""

    _name = "sales.hiring.plan.team"
    _description = "Sales Hiring Plan: Team"
    _order = "plan_id, hires_needed desc, gap desc, id"
    _rec_name = "team_id"

    plan_id = fields.Many2one(
        "sales.hiring.plan",
        "Hiring Plan",
        required=True,
        ondelete="cascade",
        index=True,
        help="The hiring plan.",
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, help="Company."
    )
    unit_label = fields.Char(
        related="plan_id.unit_label", help="What the targets count."
    )
    team_id = fields.Many2one(
        "crm.team", "Sales Team", required=True, ondelete="cascade", help="The team."
    )
    status = fields.Selection(
        STATUSES,
        help="No gap: the current members are expected to reach the targets. "
        "Hire: the hires needed close the gap. Too late to close: a hire "
        "opened now starts too late to sell before the end of the horizon. "
        "No history: too few salespeople started in the team or the company, "
        "and the team has no sales job with a target and a ramp plan, to "
        "know what a new hire sells.",
    )
    member_count = fields.Integer(
        "Members", help="Current members of the team (active salespeople)."
    )
    target = fields.Float(
        digits=(16, 2), help="Team targets of the periods planned, in all."
    )
    expected = fields.Float(
        "Members Deliver",
        digits=(16, 2),
        help="What the current members are expected to deliver over the "
        "periods planned (see the plan's basis).",
    )
    gap = fields.Float(
        digits=(16, 2),
        help="What the periods behind their target miss, in all (a period "
        "ahead does not make up for another one behind).",
    )
    hire_contribution = fields.Float(
        "One Hire Brings",
        digits=(16, 2),
        help="What one salesperson hired now sells over the periods planned, "
        "starting after the time to hire and ramping up as the team's new "
        "salespeople did.",
    )
    hires_needed = fields.Integer(
        help="Gap divided by what one hire brings, rounded up; 0 without a gap "
        "or when hiring cannot close it in time."
    )
    hire_by = fields.Date(
        "Start By",
        help="Latest first day of the new hires that still closes the gap.",
    )
    open_by = fields.Date(
        "Open Recruitment By",
        help="Latest day to open the recruitment: the start date minus the "
        "time to hire.",
    )
    productivity_source = fields.Selection(
        SOURCES,
        "New Hires Ramp From",
        help="Whose first months tell what a new hire sells: the team's "
        "salespeople when at least three started in it in the last three "
        "years; otherwise the company's; otherwise the ramp plan and annual "
        "target of the team's sales job.",
    )
    sample_size = fields.Integer(
        "Salespeople Behind",
        help="Fewest salespeople behind a month of the new-hire curve (0 for "
        "a job's ramp plan).",
    )
    productivity_summary = fields.Char(
        "New Hire Sells",
        help="What a new hire sells in each month of their ramp-up, then once "
        "fully productive, per month.",
    )
    job_id = fields.Many2one(
        "hr.job",
        "Sales Job",
        ondelete="set null",
        help="The team's sales job (by sequence) whose number of recruitments "
        "Set Recruitments writes.",
    )
    job_recruitment = fields.Integer(
        "Recruitments Now",
        related="job_id.no_of_recruitment",
        help="Expected new employees of the sales job now.",
    )
    line_ids = fields.One2many(
        "sales.hiring.plan.line", "plan_team_id", "Periods", help="Period by period."
    )

    def action_set_recruitments(self):
        """Write the hires of these teams on their sales jobs.

        Teams that need no hire keep their number (a recruitment may replace
        someone leaving, which the plan does not see). Written with the
        user's rights: recruiters, and sales managers on sales jobs.
        """
        self.plan_id._sales_check_planner()
        written, skipped = [], []
        for row in self:
            if row.status != "hire" or not row.hires_needed:
                continue
            if not row.job_id:
                skipped.append(row.team_id.display_name)
                continue
            job = row.job_id
            before = job.no_of_recruitment
            if before != row.hires_needed:
                job.write({"no_of_recruitment": row.hires_needed})
            job.message_post(body=row._sales_recruitment_message(before))
            written.append(row)
        if not written and not skipped:
            raise UserError(
                self.env._("No team of this hiring plan needs a hire: nothing to set.")
            )
        message = self.env._("%(count)s sales jobs updated.", count=len(written))
        if skipped:
            message = self.env._(
                "%(message)s No sales job for: %(teams)s (give a job position "
                "the sales role and the team first).",
                message=message,
                teams=", ".join(skipped),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if skipped else "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _sales_recruitment_message(self, before):
        self.ensure_one()
        plan = self.plan_id
        return self.env._(
            "Hiring plan %(plan)s: %(hires)s new salespeople for %(team)s "
            "(was %(before)s), to close a gap of %(gap)s %(unit)s by %(end)s; "
            "they start by %(start)s, the recruitment opens by %(open)s.",
            plan=plan.name,
            hires=self.hires_needed,
            team=self.team_id.display_name,
            before=before,
            gap=formatLang(self.env, self.gap, digits=0),
            unit=self.unit_label or "",
            end=format_date(self.env, plan.date_to),
            start=format_date(self.env, self.hire_by) if self.hire_by else "-",
            open=format_date(self.env, self.open_by) if self.open_by else "-",
        )

    @api.readonly
    def action_open_lines(self):
        self.ensure_one()
        action = self.plan_id.action_open_lines()
        action["domain"] = [("plan_team_id", "=", self.id)]
        action["context"] = {}
        return action
