# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Highest attainment of a target a candidate may claim or a check may find, in %.
MAX_ATTAINMENT = 1000
ATTAINMENT_FIELDS = {"sales_claimed_attainment", "sales_verified_attainment"}
# the fields this addon defines or redefines, checked by the input guard
GUARDED_FIELDS = ATTAINMENT_FIELDS | {"stage_id"}
# the views of the sales managers who hold no recruitment right
SALES_MANAGER_VIEWS = {
    "form": "sales_management_recruiting.hr_applicant_view_form_sales_manager",
    "list": "sales_management_recruiting.hr_applicant_view_list_sales_manager",
}


class HrApplicant(models.Model):
    """Applicants of sales jobs: the sales hiring pipeline, interview
    scorecards and the attainment the candidate claims against the one
    checked."""

    _inherit = "hr.applicant"

    # sales jobs use the stages of the sales hiring pipeline, the other jobs
    # Odoo's stages
    stage_id = fields.Many2one(
        domain="[('sales_pipeline', '=', sales_job), '|', ('job_ids', '=', False), "
        "('job_ids', '=', job_id)]"
    )
    sales_job = fields.Boolean(
        compute="_compute_sales_job",
        search="_search_sales_job",
        help="The job position has a sales role: the applicant follows the "
        "sales hiring pipeline.",
    )
    sales_scorecard_ids = fields.One2many(
        "sales.interview.scorecard",
        "applicant_id",
        "Interview Scorecards",
        help="The scorecards of the interviewers (an interviewer sees the others' "
        "once their own is submitted).",
    )
    sales_scorecard_count = fields.Integer(
        "Interview Scorecard Count",
        compute="_compute_sales_scorecard_count",
        help="The interview scorecards of the applicant you can see.",
    )
    sales_claimed_attainment = fields.Float(
        "Claimed Attainment",
        digits=(16, 1),
        tracking=True,
        help="Attainment of their sales target the candidate claims for their "
        "last full year, in % (120 = 20 % above target).",
    )
    sales_verified_attainment = fields.Float(
        "Verified Attainment",
        digits=(16, 1),
        tracking=True,
        help="Attainment found by the references and past-attainment check, in %.",
    )
    sales_attainment_verified = fields.Boolean(
        "Attainment Checked",
        tracking=True,
        help="The past attainment was checked with references or documents.",
    )
    sales_attainment_gap = fields.Float(
        "Attainment Gap",
        compute="_compute_sales_attainment_gap",
        digits=(16, 1),
        help="Verified attainment minus the claimed one, in points (negative: "
        "the candidate claimed more than was verified).",
    )

    @api.depends("job_id.sales_role")
    def _compute_sales_job(self):
        for applicant in self:
            applicant.sales_job = bool(applicant.job_id.sales_role)

    def _search_sales_job(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search sales jobs with “is set” or “is not set”.")
            )
        positive = (operator == "=") == value
        return [("job_id.sales_role", "!=" if positive else "=", False)]

    def _compute_sales_scorecard_count(self):
        # the scorecards the user may read: an interviewer counts only their
        # own until it is submitted
        counts = dict(
            self.env["sales.interview.scorecard"]._read_group(
                [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.sales_scorecard_count = counts.get(applicant._origin, 0)

    @api.depends(
        "sales_claimed_attainment",
        "sales_verified_attainment",
        "sales_attainment_verified",
    )
    def _compute_sales_attainment_gap(self):
        for applicant in self:
            applicant.sales_attainment_gap = (
                applicant.sales_verified_attainment - applicant.sales_claimed_attainment
                if applicant.sales_attainment_verified
                else 0.0
            )

    @api.constrains(*ATTAINMENT_FIELDS)
    def _check_sales_attainment(self):
        for applicant in self:
            for name in ATTAINMENT_FIELDS:
                if not 0 <= applicant[name] <= MAX_ATTAINMENT:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is a percentage between 0 and %(max)s "
                            "(%(value)s given).",
                            field=self._fields[name]._description_string(self.env),
                            max=MAX_ATTAINMENT,
                            value=applicant[name],
                        )
                    )

    # ------------------------------------------------------------------
    # The stages of the sales hiring pipeline
    # ------------------------------------------------------------------

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Kanban columns: a sales job (and the Applications menu of sales
        hiring) shows the sales hiring pipeline, any other view Odoo's stages;
        the stages holding applicants always show."""
        result = super()._read_group_stage_ids(stages, domain)
        job_id = self.env.context.get("default_job_id")
        if isinstance(job_id, int):
            job = self.env["hr.job"].browse(job_id).exists()
            sales = bool(job.sales_role)
        else:
            # the applications of the sales jobs (a display choice of the menu)
            sales = bool(self.env.context.get("sales_hiring"))
        return result.filtered(
            lambda stage: stage in stages or stage.sales_pipeline == sales
        )

    @api.depends("job_id")
    def _compute_stage(self):
        sales = self.filtered(
            lambda applicant: applicant.job_id.sales_role and not applicant.stage_id
        )
        super(HrApplicant, self - sales)._compute_stage()
        if not sales:
            return
        stages = self.env["hr.recruitment.stage"].search(
            [("sales_pipeline", "=", True), ("fold", "=", False)]
        )
        for applicant in sales:
            applicant.stage_id = next(
                (
                    stage
                    for stage in stages
                    if not stage.job_ids or applicant.job_id in stage.job_ids
                ),
                False,
            )

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Sales managers without recruitment rights get views of their own:
        Odoo's application views, and those other addons extend (such as the
        interview forms of hr_recruitment_survey), read records that only
        recruitment users may read."""
        if view_type in SALES_MANAGER_VIEWS and self._sales_manager_only():
            view_id = self.env.ref(SALES_MANAGER_VIEWS[view_type]).id
        return super().get_view(view_id, view_type, **options)

    @api.model
    def _sales_manager_only(self):
        user = self.env.user
        return user.has_group("sales_team.group_sale_manager") and not (
            user.has_group("hr_recruitment.group_hr_recruitment_interviewer")
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, GUARDED_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(self, vals, GUARDED_FIELDS)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.readonly
    def action_open_sales_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_recruiting.sales_interview_scorecard_action"
        )
        action["domain"] = [("applicant_id", "=", self.id)]
        action["context"] = {"default_applicant_id": self.id}
        action["display_name"] = self.env._(
            "Interview Scorecards: %(applicant)s",
            applicant=self.partner_name or self.display_name,
        )
        return action

    def action_open_my_sales_scorecard(self):
        """The user's scorecard of the applicant: opened, or created as a
        draft with the job's competencies."""
        self.ensure_one()
        Scorecard = self.env["sales.interview.scorecard"]
        scorecard = Scorecard.search(
            [("applicant_id", "=", self.id), ("interviewer_id", "=", self.env.uid)],
            limit=1,
        )
        if not scorecard:
            scorecard = Scorecard.create(
                {"applicant_id": self.id, "interviewer_id": self.env.uid}
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.interview.scorecard",
            "res_id": scorecard.id,
            "views": [(False, "form")],
            "name": scorecard.display_name,
        }
