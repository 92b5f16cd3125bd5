# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .sales_scorecard_kpi import KPIS

# Fields that only the buttons of the review write (through _write_guarded).
WORKFLOW_FIELDS = {"state", "date_shared", "date_acknowledged", "date_done"}
# The scorecard embedded in the review: copied from the salesperson's
# scorecard by _capture_scorecard only (through _write_guarded).
SCORECARD_FIELDS = {"score", "rank_team", "rank_company", "kpi_ids"}
FREE_PREFIXES = ("message_", "activity_", "website_message")


class SalesEvaluation(models.Model):
    """A manager's review of a salesperson for a period."""

    _name = "sales.evaluation"
    _description = "Sales Evaluation Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.input.guard"]
    _order = "date_from desc, user_id, id desc"
    _rec_names_search = ["user_id", "period_id"]

    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The salesperson reviewed.",
    )
    period_id = fields.Many2one(
        "sales.scorecard.period",
        required=True,
        index=True,
        tracking=True,
        help="The month, quarter or year the review covers; its scorecard is "
        "embedded in the review.",
    )
    date_from = fields.Date(
        related="period_id.date_from", store=True, help="First day of the period."
    )
    period_type = fields.Selection(
        related="period_id.period_type", store=True, help="Length of the period."
    )
    company_id = fields.Many2one(
        related="period_id.company_id",
        store=True,
        index=True,
        precompute=True,
        help="Company of the period.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="The salesperson's team: its leader prepares and shares the review.",
    )
    reviewer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        help="The manager who writes the review.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("shared", "Shared"),
            ("acknowledged", "Acknowledged"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        help="Draft: only managers see it. Shared: the salesperson reads it. "
        "Acknowledged: the salesperson confirmed reading it. Done: the "
        "coaching actions are agreed.",
    )
    date_shared = fields.Datetime(readonly=True, copy=False, help="When it was shared.")
    date_acknowledged = fields.Datetime(
        readonly=True, copy=False, help="When the salesperson acknowledged it."
    )
    date_done = fields.Datetime(readonly=True, copy=False, help="When it was done.")

    # the scorecard, as it was when the review was shared
    score = fields.Float(
        "Overall Score",
        readonly=True,
        digits=(16, 1),
        help="Overall score of the scorecard embedded in the review.",
    )
    rank_team = fields.Integer(
        "Team Rank", readonly=True, help="Rank in the team in the scorecard."
    )
    rank_company = fields.Integer(
        "Company Rank", readonly=True, help="Rank in the company in the scorecard."
    )
    kpi_ids = fields.One2many(
        "sales.evaluation.kpi",
        "evaluation_id",
        "Scorecard",
        readonly=True,
        help="The KPIs of the salesperson's scorecard for the period, copied "
        "into the review and frozen when it is shared.",
    )
    rating_ids = fields.One2many(
        "sales.evaluation.rating",
        "evaluation_id",
        "Competencies",
        copy=True,
        help="Rating of each sales competency, from 1 (needs a lot of work) to "
        "5 (role model).",
    )
    average_rating = fields.Float(
        compute="_compute_average_rating",
        digits=(16, 1),
        help="Average of the competencies rated.",
    )
    strengths = fields.Html(help="What the salesperson does well.")
    improvements = fields.Html(
        "Areas to Improve", help="Where the salesperson should progress."
    )
    action_ids = fields.One2many(
        "sales.evaluation.action",
        "evaluation_id",
        "Coaching Actions",
        help="Actions agreed to close a KPI gap or to move an opportunity; "
        "each becomes an activity when the review is shared.",
    )
    previous_evaluation_id = fields.Many2one(
        "sales.evaluation",
        "Previous Review",
        compute="_compute_previous_evaluation",
        help="The salesperson's review of the previous period of the same kind.",
    )
    previous_action_ids = fields.One2many(
        "sales.evaluation.action",
        compute="_compute_previous_evaluation",
        string="Previous Coaching Actions",
        help="The coaching actions of the previous review, with whether the "
        "KPI each one targeted improved since.",
    )

    _sql_constraints = [
        (
            "user_period_unique",
            "UNIQUE (user_id, period_id)",
            "A salesperson has one review per period.",
        ),
    ]

    @api.depends("user_id", "period_id")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Review of %(user)s, %(period)s",
                user=review.user_id.name or "",
                period=review.period_id.name or "",
            )

    @api.depends("user_id")
    def _compute_team_id(self):
        for review in self:
            if review.user_id and not review.team_id:
                review.team_id = review.user_id.sale_team_id

    @api.depends("rating_ids.rating")
    def _compute_average_rating(self):
        for review in self:
            ratings = [rating.rating for rating in review.rating_ids if rating.rating]
            review.average_rating = sum(ratings) / len(ratings) if ratings else 0.0

    @api.depends("user_id", "period_id")
    def _compute_previous_evaluation(self):
        previous = {}
        reviews = self.filtered("id")
        if reviews:
            candidates = self.search(
                [
                    ("user_id", "in", reviews.user_id.ids),
                    ("period_type", "in", list(set(reviews.mapped("period_type")))),
                    ("date_from", "<", max(reviews.mapped("date_from"))),
                ],
                order="date_from desc",
            )
            for review in reviews:
                previous[review.id] = next(
                    (
                        candidate
                        for candidate in candidates
                        if candidate.user_id == review.user_id
                        and candidate.period_type == review.period_type
                        and candidate.date_from < review.date_from
                    ),
                    self.browse(),
                )
        for review in self:
            earlier = previous.get(review.id, self.browse())
            review.previous_evaluation_id = earlier
            review.previous_action_ids = earlier.action_ids

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    @api.constrains("period_id")
    def _check_period_started(self):
        today = fields.Date.context_today(self)
        for review in self:
            if review.period_id.date_from > today:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s starts on %(start)s: a review can "
                        "only cover a period that has started.",
                        period=review.period_id.name,
                        start=format_date(self.env, review.period_id.date_from),
                    )
                )

    @api.constrains("user_id", "team_id")
    def _check_team(self):
        for review in self:
            team = review.team_id
            if team and review.user_id not in team.member_ids | team.user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a member of the team %(team)s: review "
                        "salespeople in their own team.",
                        user=review.user_id.name,
                        team=team.name,
                    )
                )

    def _check_no_duplicate(self, pairs):
        """Refuse a second review of a salesperson for a period.

        Checked before writing, with a clear message (the unique constraint
        of the table stays as a safety net).
        """
        pairs = [(user_id, period_id) for user_id, period_id in pairs if user_id]
        seen = set()
        for pair in pairs:
            if pair in seen:
                self._raise_duplicate(*pair)
            seen.add(pair)
        if not pairs:
            return
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("user_id", "in", [user_id for user_id, _period in pairs]),
                    ("period_id", "in", [period for _user, period in pairs]),
                    ("id", "not in", self.ids),
                ]
            )
        )
        for review in existing:
            if (review.user_id.id, review.period_id.id) in seen:
                self._raise_duplicate(
                    review.user_id.id, review.period_id.id, review.with_env(self.env)
                )

    def _raise_duplicate(self, user_id, period_id, existing=None):
        """The message names the salesperson and the period only to a user
        who may read them and the existing review (searched as superuser, it
        may be outside the user's teams or companies)."""
        user = self.env["res.users"].browse(user_id)
        period = self.env["sales.scorecard.period"].browse(period_id)
        if (
            (existing is None or existing.has_access("read"))
            and user.has_access("read")
            and period.has_access("read")
        ):
            raise ValidationError(
                self.env._(
                    "%(user)s already has a review for %(period)s: open that "
                    "review instead of adding another one.",
                    user=user.name,
                    period=period.name,
                )
            )
        raise ValidationError(
            self.env._(
                "This salesperson already has a review for this period: ask a "
                "sales manager for it instead of adding another one."
            )
        )

    # ------------------------------------------------------------------
    # CRUD: the scorecard is embedded at creation, frozen once shared
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or any(
                vals.get(name) for name in WORKFLOW_FIELDS - {"state"}
            ):
                self._raise_workflow_fields()
            if any(vals.get(name) for name in SCORECARD_FIELDS):
                self._raise_scorecard_fields()
        self._check_no_duplicate(
            [(vals.get("user_id"), vals.get("period_id")) for vals in vals_list]
        )
        competencies = self.env["sales.competency"].search([])
        for vals in vals_list:
            if "rating_ids" not in vals:
                vals["rating_ids"] = [
                    Command.create({"competency_id": competency.id})
                    for competency in competencies
                ]
        reviews = super().create(vals_list)
        reviews._capture_scorecard()
        for review in reviews:
            review.message_subscribe(partner_ids=review.reviewer_id.partner_id.ids)
        return reviews

    def write(self, vals):
        self._sm_check_input_values(vals)
        # no caller writes the workflow directly, managers included: the
        # buttons move a review on (_write_guarded), each checking who acts
        if WORKFLOW_FIELDS & set(vals):
            self._raise_workflow_fields()
        if SCORECARD_FIELDS & set(vals):
            self._raise_scorecard_fields()
        self.check_access("write")
        if "user_id" in vals or "period_id" in vals:
            self._check_no_duplicate(
                [
                    (
                        vals.get("user_id", review.user_id.id),
                        vals.get("period_id", review.period_id.id),
                    )
                    for review in self
                ]
            )
        frozen = self.filtered(lambda review: review.state != "draft")
        if frozen and any(not field.startswith(FREE_PREFIXES) for field in vals):
            raise UserError(
                self.env._(
                    "The review %(review)s was shared: it can no longer be "
                    "changed. Post a message on it instead.",
                    review=frozen[0].display_name,
                )
            )
        result = super().write(vals)
        # the record rules are checked on the reviews as they were: check
        # them again, so that nobody moves a review out of their reach (a
        # leader making a review of their team their own review)
        self.check_access("write")
        return result

    def _write_guarded(self, vals):
        """Write the workflow and scorecard fields, past the guard of ``write``.

        Private (no RPC client calls it), called only by the action methods
        and the copy of the scorecard, once they have checked who acts.
        """
        return super().write(vals)

    def _raise_workflow_fields(self):
        raise UserError(
            self.env._(
                "A review is created as a draft and moves on with its buttons "
                "only (Share, Acknowledge, Mark as Done, Back to Draft)."
            )
        )

    def _raise_scorecard_fields(self):
        raise UserError(
            self.env._(
                "The scorecard of a review is copied from the salesperson's "
                "scorecard (Refresh Scorecard): it is not written by hand."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        shared = self.filtered(lambda review: review.state != "draft")
        if shared:
            raise UserError(
                self.env._(
                    "The review %(review)s was shared: it cannot be deleted.",
                    review=shared[0].display_name,
                )
            )

    def _capture_scorecard(self):
        """Copy the salesperson's scorecard of the period into the review.

        One search for the scorecards of all the reviews, as the reviewer
        (team leader or manager) reads them; the salesperson later reads the
        copy in the review, never the scorecards of others.
        """
        drafts = self.filtered(lambda review: review.state == "draft")
        if not drafts:
            return
        # read with the reviewer's rights: a leader copies only the
        # scorecards of the teams they lead
        cards = self.env["sales.scorecard"].search(
            [
                ("period_id", "in", drafts.period_id.ids),
                ("user_id", "in", drafts.user_id.ids),
            ]
        )
        by_key = {(card.period_id.id, card.user_id.id): card for card in cards}
        for review in drafts:
            card = by_key.get((review.period_id.id, review.user_id.id))
            lines = [Command.clear()]
            for kpi in KPIS:
                lines.append(
                    Command.create(
                        {
                            "kpi": kpi.name,
                            "value": card[kpi.name] if card else 0.0,
                            "previous": card[f"{kpi.name}_prev"] if card else 0.0,
                            "percentile": card[f"{kpi.name}_pct"] if card else 0.0,
                        }
                    )
                )
            # the callers checked that the user may change the review (the
            # record rules of create, _check_reviewer): the embedded scorecard
            # is written as superuser, as nobody writes it over RPC
            review.sudo()._write_guarded(
                {
                    "kpi_ids": lines,
                    "score": card.score if card else 0.0,
                    "rank_team": card.rank_team if card else 0,
                    "rank_company": card.rank_company if card else 0,
                }
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _check_reviewer(self):
        """Share, refresh, mark as done, take back: the leader of the review's
        team or a sales manager, never on their own review (a sales manager
        handles a leader's own review)."""
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("sales_management.group_sales_team_leader"):
            raise UserError(
                self.env._("Only team leaders and sales managers manage reviews.")
            )
        self.check_access("read")
        is_manager = user.has_group("sales_team.group_sale_manager")
        for review in self:
            if review.user_id == user:
                raise UserError(
                    self.env._(
                        "%(review)s is your own review: a sales manager handles it.",
                        review=review.display_name,
                    )
                )
            if not is_manager and review.team_id.user_id != user:
                raise UserError(
                    self.env._(
                        "Only the leader of the team %(team)s or a sales manager "
                        "manages %(review)s.",
                        team=review.team_id.display_name,
                        review=review.display_name,
                    )
                )
        self.check_access("write")

    def action_refresh_scorecard(self):
        self._check_reviewer()
        if any(review.state != "draft" for review in self):
            raise UserError(
                self.env._("Only the scorecard of a draft review is refreshed.")
            )
        self._capture_scorecard()
        return True

    def action_share(self):
        self._check_reviewer()
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "%(review)s is already shared.", review=review.display_name
                    )
                )
        self._capture_scorecard()
        self._write_guarded({"state": "shared", "date_shared": fields.Datetime.now()})
        self.action_ids._create_activities()
        for review in self:
            review.message_subscribe(partner_ids=review.user_id.partner_id.ids)
            review.message_post(
                body=self.env._(
                    "Your review for %(period)s is ready: read it and acknowledge it.",
                    period=review.period_id.name,
                ),
                partner_ids=review.user_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_acknowledge(self):
        for review in self:
            if review.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(user)s acknowledges this review.",
                        user=review.user_id.name,
                    )
                )
            if review.state != "shared":
                raise UserError(
                    self.env._(
                        "%(review)s must be shared before it is acknowledged.",
                        review=review.display_name,
                    )
                )
        # the salesperson reads reviews but writes only this step, checked
        # above to be theirs
        self.sudo()._write_guarded(
            {"state": "acknowledged", "date_acknowledged": fields.Datetime.now()}
        )
        return True

    def action_done(self):
        self._check_reviewer()
        for review in self:
            if review.state != "acknowledged":
                raise UserError(
                    self.env._(
                        "%(review)s must be acknowledged by the salesperson "
                        "before it is done.",
                        review=review.display_name,
                    )
                )
        self._write_guarded({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        self._check_reviewer()
        if any(review.state != "shared" for review in self):
            raise UserError(
                self.env._(
                    "Only a shared review not yet acknowledged goes back to draft."
                )
            )
        self._write_guarded({"state": "draft", "date_shared": False})
        return True

    @api.readonly
    def action_view_scorecard(self):
        self.ensure_one()
        card = self.env["sales.scorecard"].search(
            [("period_id", "=", self.period_id.id), ("user_id", "=", self.user_id.id)],
            limit=1,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.scorecard",
            "res_id": card.id,
            "views": [(False, "form")],
        }
