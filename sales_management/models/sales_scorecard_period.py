# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, config

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from ..tools import cron_budget
from ..tools.periods import (
    MONTHS_PER_PERIOD,
    add_months,
    is_period_start,
    period_bounds,
    period_label,
    period_start,
)

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
# Fields that only the Close button writes (through ``_write_closing``).
CLOSING_FIELDS = {"state", "closed_on", "closed_by_id"}


class SalesScorecardPeriod(models.Model):
    _name = "sales.scorecard.period"
    _description = "Scorecard Period"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "date_from desc, period_type, id desc"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        help="The period as shown on the scorecards: 2026-04, Q2 2026 or 2026.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The company whose salespeople the scorecards of this period measure.",
    )
    period_type = fields.Selection(
        PERIOD_TYPES,
        required=True,
        default="month",
        help="Length of the period: a month, a quarter or a year.",
    )
    date_from = fields.Date(
        "Period Start",
        required=True,
        index=True,
        help="First day of the period.",
    )
    date_to = fields.Date(
        "Period End",
        compute="_compute_dates",
        store=True,
        precompute=True,
        help="Last day of the period.",
    )
    prev_date_from = fields.Date(
        "Previous Period Start",
        compute="_compute_dates",
        store=True,
        precompute=True,
        help="First day of the previous period of the same length: the "
        "scorecards show the change against it.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        help="Open: the scorecards are computed live from the documents. "
        "Closed: they are stored as they were when the period was closed and "
        "later changes of the documents no longer change them.",
    )
    closed_on = fields.Datetime(
        readonly=True, copy=False, help="When the period was closed."
    )
    closed_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who closed the period.",
    )
    digest_team_ids = fields.Many2many(
        "crm.team",
        "sales_scorecard_period_digest_team_rel",
        "period_id",
        "team_id",
        string="Digest Sent To",
        readonly=True,
        copy=False,
        help="Teams whose leader already received the monthly digest of this "
        "period: the digest job never sends it twice.",
    )
    scorecard_count = fields.Integer(
        "Scorecards",
        compute="_compute_scorecard_count",
        help="Number of scorecards of the period you may read.",
    )

    _sql_constraints = [
        (
            "period_unique",
            "UNIQUE (company_id, period_type, date_from)",
            "This period already exists for the company.",
        ),
    ]

    @api.depends("date_from", "period_type")
    def _compute_name(self):
        for period in self:
            period.name = (
                period_label(period.date_from, period.period_type)
                if period.date_from and period.period_type
                else False
            )

    @api.depends("date_from", "period_type")
    def _compute_dates(self):
        for period in self:
            if not (period.date_from and period.period_type):
                period.date_to = period.prev_date_from = False
                continue
            period.date_to = period_bounds(period.date_from, period.period_type)[1]
            period.prev_date_from = add_months(
                period.date_from, -MONTHS_PER_PERIOD[period.period_type]
            )

    def _compute_scorecard_count(self):
        groups = self.env["sales.scorecard"]._read_group(
            [("period_id", "in", self.ids)], ["period_id"], ["__count"]
        )
        counts = {period.id: count for period, count in groups}
        for period in self:
            period.scorecard_count = counts.get(period.id, 0)

    @api.constrains("date_from", "period_type")
    def _check_period_start(self):
        for period in self:
            if not is_period_start(period.date_from, period.period_type):
                raise ValidationError(
                    self.env._(
                        "A scorecard period must start on the first day of a "
                        "%(period)s: use %(start)s.",
                        period=dict(PERIOD_TYPES)[period.period_type].lower(),
                        start=period_start(period.date_from, period.period_type),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            if vals.get("state", "open") != "open" or any(
                vals.get(name) for name in CLOSING_FIELDS - {"state"}
            ):
                self._raise_closing_fields()
        return super().create(vals_list)

    def write(self, vals):
        self._sm_check_input_values(vals)
        # no context key or other input of the caller opens this path: the
        # Close button writes these fields with _write_closing, and nothing
        # ever reopens a closed period
        if CLOSING_FIELDS & set(vals):
            self._raise_closing_fields()
        if set(vals) & {"company_id", "period_type", "date_from"}:
            self._check_open()
        return super().write(vals)

    def _write_closing(self, vals):
        """Write the fields of the closing, past the guard of ``write``.

        Private (no RPC client calls it), called by ``action_close`` only,
        once it has checked the user's rights.
        """
        return super().write(vals)

    def _raise_closing_fields(self):
        raise UserError(
            self.env._("A scorecard period is closed with its Close button only.")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_open()

    @api.ondelete(at_uninstall=True)
    def _unlink_stored_scorecards_at_uninstall(self):
        """Uninstalling the addon deletes the periods of its data files: their
        stored scorecards go first (they keep a period from being deleted
        otherwise, ``ondelete="restrict"``)."""
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            self.env["sales.scorecard.line"].sudo().search(
                [("period_id", "in", self.ids)]
            ).unlink()

    def _check_open(self):
        closed = self.filtered(lambda period: period.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The period %(period)s is closed: its scorecards are history "
                    "and cannot be changed.",
                    period=closed[0].display_name,
                )
            )

    @api.model
    def _ensure_periods(self, company, day, period_types=("month", "quarter", "year")):
        """The periods of ``company`` that contain ``day``, created when missing."""
        periods = self.browse()
        for period_type in period_types:
            start = period_start(day, period_type)
            period = self.search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", period_type),
                    ("date_from", "=", start),
                ],
                limit=1,
            )
            if not period:
                period = self.create(
                    {
                        "company_id": company.id,
                        "period_type": period_type,
                        "date_from": start,
                    }
                )
            periods |= period
        return periods

    @api.model
    def _cron_open_periods(self):
        """Make sure every company has its current month, quarter and year."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            self._ensure_periods(company, today)

    def action_close(self):
        """Store the scorecards of the periods as they are now.

        One ``INSERT ... SELECT`` per period copies the live rows of the
        reporting view (figures, previous period, percentiles, score and
        ranks) into the stored scorecards; the view then reads those rows
        for the period, so that later changes of orders, invoices or
        opportunities no longer change it.
        """
        if not (
            self.env.su or self.env.user.has_group("sales_team.group_sale_manager")
        ):
            raise UserError(self.env._("Only sales managers close scorecard periods."))
        self.check_access("write")
        today = fields.Date.context_today(self)
        # two managers closing the same period at once: the second one waits
        # here, then finds it closed
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sales_scorecard_period WHERE id = ANY(%s) FOR UPDATE",
                self.ids,
            )
        )
        self.invalidate_recordset(["state"])
        for period in self.sorted("date_from"):
            if period.state == "closed":
                raise UserError(
                    self.env._(
                        "The period %(period)s is already closed.",
                        period=period.display_name,
                    )
                )
            if period.date_from > today:
                raise UserError(
                    self.env._(
                        "The period %(period)s has not started yet: there is "
                        "nothing to close.",
                        period=period.display_name,
                    )
                )
            period._store_scorecards()
            period._write_closing(
                {
                    "state": "closed",
                    "closed_on": fields.Datetime.now(),
                    "closed_by_id": self.env.uid,
                }
            )
        return True

    def _store_scorecards(self):
        self.ensure_one()
        self.env.flush_all()
        Line = self.env["sales.scorecard.line"]
        columns = Line._get_stored_columns()
        self.env.cr.execute(
            SQL(
                """INSERT INTO sales_scorecard_line (%(columns)s, create_uid,
                                                     create_date, write_uid,
                                                     write_date)
                   SELECT %(columns)s, %(uid)s, now() at time zone 'UTC',
                          %(uid)s, now() at time zone 'UTC'
                     FROM (%(query)s) AS live
                    WHERE live.period_id = %(period)s""",
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                uid=self.env.uid,
                query=self.env["sales.scorecard"]._live_query(),
                period=self.id,
            )
        )
        self.env["sales.scorecard"].invalidate_model()

    @api.readonly
    def action_export_xlsx(self):
        """The period's scorecards as Excel (the report of the Print menu)."""
        self.ensure_one()
        return self.env.ref(
            "sales_management.sales_scorecard_period_report_xlsx"
        ).report_action(self, config=False)

    # ------------------------------------------------------------------
    # Monthly digest to the team leaders
    # ------------------------------------------------------------------

    @api.model
    def _get_digest_teams_domain(self, period):
        """Teams of ``period``'s company whose leader still waits for the digest."""
        return [
            ("company_id", "in", (period.company_id.id, False)),
            ("user_id", "!=", False),
            ("user_id.active", "=", True),
            ("user_id.sales_digest_optout", "=", False),
            # a team without company: only a leader who works in the period's
            # company hears of it
            ("user_id.company_ids", "in", period.company_id.ids),
            ("member_ids", "!=", False),
            ("id", "not in", period.digest_team_ids.ids),
        ]

    @api.model
    def _cron_send_digest(self, batch_size=20, time_budget=None):
        """Email each team leader the team's scorecards of the previous month.

        One batch of teams per call, ended early once the call's time budget
        is spent (``time_budget`` seconds, by default what the cron worker's
        limits allow, see ``cron_budget``; at least one team per call); a
        team is marked as sent in the same transaction as its email is
        queued, so a killed run resumes where it stopped and a re-run sends
        nothing twice. The scheduler calls again while teams remain.
        """
        today = fields.Date.context_today(self)
        last_month = add_months(period_start(today, "month"), -1)
        template = self.env.ref(
            "sales_management.sales_scorecard_digest_mail_template",
            raise_if_not_found=False,
        )
        if not template:
            return 0
        deadline = cron_budget.deadline(config, time_budget)
        done = remaining = 0
        Team = self.env["crm.team"]
        for company in self.env["res.company"].search([]):
            period = self._ensure_periods(company, last_month, ("month",))
            teams = Team.search(self._get_digest_teams_domain(period), order="id")
            for team in teams:
                if done >= batch_size or (done and deadline.passed()):
                    remaining += 1
                    continue
                period._send_digest(team, template)
                done += 1
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    def _get_digest_scorecards(self, team):
        """The scorecards of ``team`` in the period, as its leader reads them.

        Read as the leader, in every company the leader works in and only
        there: the leader's record rules decide, never the scheduler's
        rights. None when the leader may not read scorecards at all.
        """
        self.ensure_one()
        leader = team.user_id
        Scorecard = (
            self.env["sales.scorecard"]
            .with_user(leader)
            .with_context(allowed_company_ids=leader.company_ids.ids)
        )
        if not Scorecard.has_access("read"):
            return None
        return Scorecard.search(
            [("period_id", "=", self.id), ("team_id", "=", team.id)],
            order="rank_team, user_id",
        )

    def _get_digest_export(self, team):
        """The Excel export of ``team``'s scorecards, as its leader would
        print it (the leader's rights and language), for the digest:
        (file name, base64 content), or None when the leader may not read
        the period."""
        self.ensure_one()
        leader = team.user_id
        env = (
            self.with_user(leader)
            .with_context(allowed_company_ids=leader.company_ids.ids, lang=leader.lang)
            .env
        )
        if not self.with_env(env).has_access("read"):
            return None
        content, _report_type = env["ir.actions.report"]._render_xlsx(
            "sales_management.scorecard_xlsx", self.ids, data={"team_ids": team.ids}
        )
        name = env._(
            "Scorecards %(period)s %(team)s.xlsx", period=self.name, team=team.name
        )
        return name, base64.b64encode(content)

    def _send_digest(self, team, template):
        self.ensure_one()
        leader = team.user_id
        cards = self._get_digest_scorecards(team)
        # a leader who may not read scorecards gets no digest; the team is
        # marked as done all the same
        if cards is not None:
            rows = [
                {
                    "name": card.user_id.name,
                    "rank": card.rank_team,
                    "movement": card.movement,
                    "score": card.score,
                    "revenue": card.revenue,
                    "attainment": card.attainment,
                    "won": card.won_count,
                    "win_rate": card.win_rate,
                    "new_customers": card.new_customers,
                }
                for card in cards
            ]
            email_values = {"recipient_ids": [(6, 0, leader.partner_id.ids)]}
            export = self._get_digest_export(team)
            if export:
                email_values["attachments"] = [export]
            template.with_context(
                lang=leader.lang, digest_team=team.name, digest_rows=rows
            ).send_mail(self.id, email_values=email_values)
        self.write({"digest_team_ids": [(4, team.id)]})

    @api.readonly
    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management.sales_scorecard_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action
