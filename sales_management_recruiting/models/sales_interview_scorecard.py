# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from ..tools import hiring

RECOMMENDATIONS = [
    ("strong_no", "Strong No"),
    ("no", "No"),
    ("yes", "Yes"),
    ("strong_yes", "Strong Yes"),
]
# Fields that only the Submit button writes (through _write_guarded).
WORKFLOW_FIELDS = {"state", "date_submitted"}
# Computed from the ratings: never written by hand.
COMPUTED_FIELDS = {"weighted_score"}
# What a scorecard is about: set at creation, never moved.
IDENTITY_FIELDS = {"applicant_id", "interviewer_id"}
FREE_PREFIXES = ("message_", "activity_", "website_message")


class SalesInterviewScorecard(models.Model):
    """One interviewer's ratings of one applicant of a sales job.

    Until an interviewer has submitted their own scorecard of an applicant,
    the record rules show them no other scorecard of that applicant; once
    submitted, a scorecard is history and is not changed.
    """

    _name = "sales.interview.scorecard"
    _description = "Interview Scorecard"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.input.guard"]
    _order = "interview_date desc, id desc"
    _rec_names_search = ["applicant_id", "interviewer_id"]

    applicant_id = fields.Many2one(
        "hr.applicant",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        domain="[('sales_job', '=', True)]",
        help="The applicant interviewed, for a job position with a sales role.",
    )
    partner_name = fields.Char(
        related="applicant_id.partner_name",
        string="Candidate",
        help="Candidate's name.",
    )
    job_id = fields.Many2one(
        related="applicant_id.job_id",
        store=True,
        index=True,
        help="The job position applied for.",
    )
    company_id = fields.Many2one(
        related="applicant_id.company_id",
        store=True,
        index=True,
        help="Company of the application.",
    )
    interviewer_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who interviewed the applicant and fills this scorecard: one of "
        "the applicant's interviewers, of the job's, or its recruiter.",
    )
    stage_id = fields.Many2one(
        "hr.recruitment.stage",
        "Interview Stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('sales_pipeline', '=', True)]",
        help="The step of the hiring pipeline this interview was (screening, "
        "role-play, panel...).",
    )
    interview_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Day of the interview.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        help="Draft: only its interviewer sees it. Submitted: final; the other "
        "interviewers of the applicant see it once they have submitted theirs.",
    )
    date_submitted = fields.Datetime(
        "Submitted on", readonly=True, copy=False, help="When it was submitted."
    )
    line_ids = fields.One2many(
        "sales.interview.scorecard.line",
        "scorecard_id",
        "Competency Ratings",
        copy=True,
        help="A rating from 1 to 5 of each competency of the job, with the "
        "evidence behind it.",
    )
    role_play_score = fields.Integer(
        "Role-Play Score",
        tracking=True,
        help="How the applicant did in the sales role-play, from 1 (poor) to 5 "
        "(excellent); 0: no role-play in this interview.",
    )
    recommendation = fields.Selection(
        RECOMMENDATIONS,
        tracking=True,
        help="The interviewer's overall recommendation: hire or not, and how "
        "strongly. Required to submit.",
    )
    weighted_score = fields.Float(
        compute="_compute_weighted_score",
        store=True,
        digits=(16, 2),
        aggregator="avg",
        help="Mean of the competency ratings weighted by the job's weights, "
        "from 1 to 5; 0 while nothing is rated.",
    )
    notes = fields.Html(
        "Summary",
        help="Strengths, concerns and anything the other interviewers should probe.",
    )

    _sql_constraints = [
        (
            "applicant_interviewer_unique",
            "UNIQUE (applicant_id, interviewer_id)",
            "An interviewer fills one scorecard per applicant: open the existing one.",
        ),
    ]

    @api.depends("interviewer_id.name", "applicant_id.partner_name")
    def _compute_display_name(self):
        for card in self:
            card.display_name = self.env._(
                "%(interviewer)s on %(candidate)s",
                interviewer=card.interviewer_id.name or "",
                candidate=card.applicant_id.partner_name or "",
            )

    @api.depends("applicant_id")
    def _compute_stage_id(self):
        for card in self:
            if not card.stage_id:
                card.stage_id = card.applicant_id.stage_id.filtered("sales_pipeline")

    @api.depends("line_ids.weight", "line_ids.rating")
    def _compute_weighted_score(self):
        for card in self:
            score = hiring.weighted_score(
                (line.weight, line.rating) for line in card.line_ids
            )
            card.weighted_score = score or 0.0

    @api.constrains("role_play_score")
    def _check_role_play_score(self):
        for card in self:
            if hiring.rating_problem(card.role_play_score):
                raise ValidationError(
                    self.env._(
                        "The role-play score is from 1 to 5, or 0 without a "
                        "role-play (%(score)s given).",
                        score=card.role_play_score,
                    )
                )

    # ------------------------------------------------------------------
    # Checks of who rates whom
    # ------------------------------------------------------------------

    @api.model
    def _check_interviewers(self, pairs):
        """Refuse scorecards of applicants of other jobs than sales jobs, of
        interviewers not assigned to the applicant, and second scorecards of
        an interviewer for an applicant.

        :param pairs: (applicant id, interviewer id) of the new scorecards
        """
        Applicant = self.env["hr.applicant"]
        seen = set()
        for applicant_id, interviewer_id in pairs:
            # who interviews an applicant is checked whoever may read it: the
            # message names neither the applicant nor its job
            applicant = Applicant.browse(applicant_id).sudo()
            interviewer = self.env["res.users"].browse(interviewer_id)
            if not applicant.job_id.sales_role:
                raise ValidationError(
                    self.env._(
                        "Interview scorecards rate applicants of sales jobs: give "
                        "the job position a sales role first (Sales Profile tab)."
                    )
                )
            panel = applicant.interviewer_ids | applicant.job_id.interviewer_ids
            panel |= applicant.user_id
            if interviewer not in panel:
                if interviewer == self.env.user:
                    message = self.env._(
                        "You do not interview this applicant: ask the recruiter "
                        "to add you to the applicant's interviewers first."
                    )
                else:
                    message = self.env._(
                        "%(user)s does not interview this applicant: add them to "
                        "the applicant's interviewers first.",
                        user=interviewer.sudo().name,
                    )
                raise ValidationError(message)
            if (applicant_id, interviewer_id) in seen or self.search_count(
                [
                    ("applicant_id", "=", applicant_id),
                    ("interviewer_id", "=", interviewer_id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s already has a scorecard for this applicant: "
                        "open it instead of adding another one.",
                        user=interviewer.sudo().name,
                    )
                )
            seen.add((applicant_id, interviewer_id))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or vals.get("date_submitted"):
                self._raise_workflow_fields()
            if COMPUTED_FIELDS & set(vals):
                self._raise_computed_fields()
            if not vals.get("applicant_id"):
                raise ValidationError(self.env._("Choose the applicant interviewed."))
            vals.setdefault("interviewer_id", self.env.uid)
        self._check_interviewers(
            [(vals["applicant_id"], vals["interviewer_id"]) for vals in vals_list]
        )
        applicants = self.env["hr.applicant"].browse(
            [vals["applicant_id"] for vals in vals_list]
        )
        for vals, applicant in zip(vals_list, applicants, strict=True):
            if "line_ids" not in vals:
                vals["line_ids"] = [
                    Command.create({"competency_id": line.competency_id.id})
                    for line in applicant.job_id.sudo().sales_competency_ids
                ]
        cards = super().create(vals_list)
        for card in cards:
            # the recruiter follows the scorecard when they may read it: the
            # followers receive its messages, recommendation included
            recruiter = card.applicant_id.user_id.filtered(
                lambda user: user.has_group("hr_recruitment.group_hr_recruitment_user")
            )
            card.message_subscribe(
                partner_ids=(card.interviewer_id | recruiter).partner_id.ids
            )
            card.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=card.interview_date,
                summary=self.env._("Submit your scorecard"),
                user_id=card.interviewer_id.id,
            )
        return cards

    def write(self, vals):
        self._sm_check_input_values(vals)
        self.check_access("write")
        # no caller writes the workflow directly: Submit does, for its
        # interviewer only
        if WORKFLOW_FIELDS & set(vals):
            self._raise_workflow_fields()
        if COMPUTED_FIELDS & set(vals):
            self._raise_computed_fields()
        for name in IDENTITY_FIELDS & set(vals):
            value = vals[name]
            if any(card[name].id != value for card in self):
                raise UserError(
                    self.env._(
                        "A scorecard stays with its applicant and interviewer: "
                        "create another scorecard instead."
                    )
                )
        submitted = self.filtered(lambda card: card.state == "submitted")
        if submitted and any(not name.startswith(FREE_PREFIXES) for name in vals):
            raise UserError(
                self.env._(
                    "The scorecard %(scorecard)s was submitted: it can no longer "
                    "be changed. Post a message on it instead.",
                    scorecard=submitted[0].display_name,
                )
            )
        return super().write(vals)

    def _write_guarded(self, vals):
        """Write the workflow fields, past the guard of ``write``.

        Private (no RPC client calls it), called only by action_submit once it
        has checked who acts.
        """
        return super().write(vals)

    def _raise_workflow_fields(self):
        raise UserError(
            self.env._(
                "A scorecard is created as a draft and submitted with its Submit "
                "button only."
            )
        )

    def _raise_computed_fields(self):
        raise UserError(
            self.env._(
                "The weighted score is computed from the competency ratings: "
                "rate the competencies instead."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        submitted = self.filtered(lambda card: card.state == "submitted")
        if submitted:
            raise UserError(
                self.env._(
                    "The scorecard %(scorecard)s was submitted: it cannot be deleted.",
                    scorecard=submitted[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        """Submit the scorecards: final, and the interviewer now sees the
        other submitted scorecards of the applicant."""
        for card in self:
            if card.interviewer_id != self.env.user and not self.env.su:
                raise UserError(
                    self.env._(
                        "Only %(user)s submits their scorecard.",
                        user=card.interviewer_id.name,
                    )
                )
            if card.state != "draft":
                raise UserError(
                    self.env._(
                        "%(scorecard)s is already submitted.",
                        scorecard=card.display_name,
                    )
                )
            if not card.recommendation:
                raise UserError(
                    self.env._(
                        "Give your overall recommendation (strong no to strong "
                        "yes) before submitting."
                    )
                )
            if card.line_ids and not any(card.line_ids.mapped("rating")):
                raise UserError(
                    self.env._(
                        "Rate at least one competency before submitting (leave "
                        "the ones the interview did not cover at 0)."
                    )
                )
        self.check_access("write")
        self._write_guarded(
            {"state": "submitted", "date_submitted": fields.Datetime.now()}
        )
        for card in self:
            card.activity_feedback(
                ["mail.mail_activity_data_todo"], user_id=card.interviewer_id.id
            )
            card.message_post(
                body=self.env._(
                    "Scorecard submitted: %(recommendation)s, weighted score "
                    "%(score)s / 5.",
                    recommendation=dict(
                        card._fields["recommendation"]._description_selection(self.env)
                    )[card.recommendation],
                    score=formatLang(self.env, card.weighted_score, digits=2),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True
