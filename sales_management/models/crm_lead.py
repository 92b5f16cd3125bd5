# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.osv import expression
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, config

from ..tools import cron_budget

_logger = logging.getLogger(__name__)

# Tries of a nightly scoring batch that meets concurrent changes (a deal won
# while it runs) before the job gives up until its next call.
CONCURRENCY_TRIES = 3
# leads of the nightly scoring locked, scored and flushed together
SCORING_CHUNK = 250

# Fields the scoring writes itself: writing them never triggers a rescoring.
SCORE_FIELDS = {
    "sm_score_id",
    "sm_rule_score",
    "sm_rule_detail",
    "sm_score",
    "sm_grade_id",
    "sm_score_source",
    "sm_priority_value",
    "sm_scored_date",
    "sm_probability",
    "sm_scoring_model_id",
}

# Lead fields the scores read (the predictive model's features, what a score
# is weighed by); the fields of the scoring rules' conditions come on top.
# Activities and messages change the engagement features without a write on
# the lead: the nightly job rescores them.
SCORED_FIELDS = {
    "active",
    "campaign_id",
    "company_id",
    "country_id",
    "email_from",
    "email_state",
    "expected_revenue",
    "lang_id",
    "medium_id",
    "partner_id",
    "phone",
    "phone_state",
    "probability",
    "source_id",
    "stage_id",
    "tag_ids",
    "team_id",
    "type",
    "user_id",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sm_score_id = fields.Many2one(
        "sales.lead.score",
        string="Lead Score",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # The scores live in sales.lead.score (rewritten at every scoring, a
    # narrow table is much cheaper to update); these related fields, with the
    # labels, help and digits of the score's fields, keep them searchable,
    # sortable and groupable on the lead (LEFT JOIN).
    sm_rule_score = fields.Integer(related="sm_score_id.rule_score")
    sm_rule_detail = fields.Json(related="sm_score_id.rule_detail")
    sm_rule_detail_text = fields.Text(
        "Why this Score", compute="_compute_sm_rule_detail_text"
    )
    sm_score = fields.Float(related="sm_score_id.score")
    sm_probability = fields.Float(related="sm_score_id.probability")
    sm_factors = fields.Json(
        "Factors",
        compute="_compute_sm_factors",
        help="What moves the predicted probability most, for and against: "
        "[label, effect in probability points], worked out by the scoring model "
        "when the lead is displayed.",
    )
    sm_factors_text = fields.Text(
        "Factors For and Against", compute="_compute_sm_factors_text"
    )
    sm_scoring_model_id = fields.Many2one(related="sm_score_id.model_id")
    sm_score_source = fields.Selection(related="sm_score_id.source")
    sm_grade_id = fields.Many2one(related="sm_score_id.grade_id")
    sm_grade_color = fields.Integer(related="sm_grade_id.color")
    sm_priority_value = fields.Monetary(
        related="sm_score_id.priority_value", currency_field="company_currency"
    )
    sm_scored_date = fields.Datetime(related="sm_score_id.scored_date")

    def init(self):
        result = super().init()
        # The weighted pipeline of targets reads the open opportunities
        # (sales.figure, source "pipeline") by expected closing date from this
        # index alone. Its condition is the one the ORM writes for the
        # source's domain (an empty probability counts as 0 %).
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS crm_lead_sales_management_pipeline_index;
            CREATE INDEX IF NOT EXISTS crm_lead_sales_management_open_index
                ON crm_lead (date_deadline)
                INCLUDE (user_id, team_id, company_id, prorated_revenue)
             WHERE active AND type = 'opportunity'
               AND (probability < 100 OR probability IS NULL)
            """
        )
        return result

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # Lead allocation (crm.team._allocate_leads) takes leads in their
        # default order: by score, the best first, when it asks for it.
        if not order and self.env.context.get("sm_leads_by_score"):
            order = f"sm_score DESC NULLS LAST, {self._order}"
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    @api.depends("sm_scoring_model_id", "sm_scored_date")
    def _compute_sm_factors(self):
        """Factors of the leads scored by a model, one feature query per model."""
        self.sm_factors = False
        Model = self.env["sales.scoring.model"].sudo()
        leads = self.filtered("sm_scoring_model_id").sudo()
        for model, subset in leads.grouped("sm_scoring_model_id").items():
            explained = Model.browse(model.id)._explain_leads(subset)
            for lead in subset:
                self.browse(lead.id).sm_factors = explained.get(lead.id, [])

    @api.depends("sm_rule_detail")
    def _compute_sm_rule_detail_text(self):
        for lead in self:
            lines = [
                f"{points:+g}  {name}" for name, points in (lead.sm_rule_detail or [])
            ]
            lead.sm_rule_detail_text = "\n".join(lines)

    @api.depends("sm_factors")
    def _compute_sm_factors_text(self):
        for lead in self:
            lead.sm_factors_text = "\n".join(
                f"{100 * effect:+.0f} %  {label}"
                for label, effect in (lead.sm_factors or [])
            )

    # ------------------------------------------------------------------
    # Rule scoring
    # ------------------------------------------------------------------

    def _sm_last_contact_dates(self):
        """{lead id: date of the last message exchanged or logged (or creation)}."""
        if not self.ids:
            return {}
        self.env["mail.message"].flush_model(["model", "res_id", "date"])
        self.env.cr.execute(
            SQL(
                """SELECT l.id, COALESCE(MAX(m.date), l.create_date)
                     FROM crm_lead l
                LEFT JOIN mail_message m
                       ON m.model = 'crm.lead' AND m.res_id = l.id
                      AND (m.message_type IN ('email', 'comment', 'email_outgoing')
                           OR m.mail_activity_type_id IS NOT NULL)
                    WHERE l.id = ANY(%s)
                 GROUP BY l.id, l.create_date""",
                self.ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def _sm_compute_scores(self):
        """Score ``self`` with the active rules: one query per rule."""
        leads = self.exists()
        if not leads:
            return
        # Rules score the leads of their own company; leads without a company
        # are scored by the rules of the company of whoever edits them.
        rules = (
            self.env["sales.scoring.rule"]
            .sudo()
            .search([("company_id", "in", (leads.company_id | self.env.company).ids)])
        )
        now = fields.Datetime.now()
        last_contact = leads._sm_last_contact_dates()
        detail = {lead.id: [] for lead in leads}
        for rule in rules:
            domain = rule._get_domain()
            company = rule.company_id
            scope = leads.filtered(
                lambda lead, c=company: (lead.company_id or self.env.company) == c
            )
            if not scope:
                continue
            # the condition is tested within the rule's company: its
            # company-dependent values, and only its own or shared customers
            sudo_env = self.sudo().with_company(company).env
            if rule.applies_on == "lead":
                matched = (
                    sudo_env["crm.lead"]
                    .with_context(active_test=False)
                    .search([("id", "in", scope.ids), *domain])
                )
            else:
                partners = scope.partner_id.commercial_partner_id
                hits = sudo_env["res.partner"].search(
                    [
                        ("id", "in", partners.ids),
                        ("company_id", "in", (False, company.id)),
                        *domain,
                    ]
                )
                matched = scope.filtered(
                    lambda lead, hits=hits: (
                        lead.partner_id.commercial_partner_id in hits
                    )
                )
            for lead in matched:
                contact = last_contact.get(lead.id) or now
                weeks_idle = (now - contact).days // 7
                points = rule._points_after_decay(weeks_idle)
                if points:
                    detail[lead.id].append((rule.name, round(points, 1)))
        scores = {lid: sum(p for _name, p in rows) for lid, rows in detail.items()}
        grades = self.env["sales.scoring.grade"]._grade_for(
            {min(max(score, 0), 100) for score in scores.values()}
        )
        values = {}
        for lead in leads:
            score = min(max(scores[lead.id], 0), 100)
            values[lead.id] = {
                "rule_score": round(scores[lead.id]),
                "rule_detail": detail[lead.id],
                "score": score,
                "source": "rules",
                "grade_id": grades[score].id,
                "priority_value": score / 100.0 * (lead.expected_revenue or 0.0),
                "scored_date": now,
            }
        leads.sudo()._sm_store_scores(values)
        # where a predictive model is trained, its probability is the score
        Model = self.env["sales.scoring.model"].sudo()
        for model, subset in Model._model_for_leads(leads.sudo()).items():
            model._score_leads(subset)
        leads._sm_priority_from_grade()

    def _sm_store_scores(self, values):
        """Write ``{lead id: sales.lead.score values}`` to the leads' score rows.

        The rows of leads scored for the first time are created in one go.
        """
        missing = self.filtered(lambda lead: not lead.sm_score_id)
        for lead in self - missing:
            lead.sm_score_id.write(values[lead.id])
        if missing:
            rows = self.env["sales.lead.score"].create(
                [{"lead_id": lead.id, **values[lead.id]} for lead in missing]
            )
            for lead, row in zip(missing, rows, strict=True):
                lead.with_context(sm_scoring=True).sm_score_id = row

    def _sm_priority_from_grade(self):
        """Stars follow the grade where the company asks for it (one query)."""
        if not self:
            return
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("sm_priority_from_grade", "=", True)])
        )
        grades = self.env["sales.scoring.grade"].search([], order="min_score desc")
        if not companies or not grades:
            return
        # best grade: 3 stars, then 2, 1, and 0 for the rest
        stars = {grade.id: str(max(3 - index, 0)) for index, grade in enumerate(grades)}
        stars[grades[-1].id] = "0"
        self.flush_recordset(["sm_score_id", "priority", "company_id"])
        self.env["sales.lead.score"].flush_model(["grade_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE crm_lead l SET priority = v.priority
                     FROM sales_lead_score s,
                          unnest(%s::int[], %s::varchar[]) AS v(grade, priority)
                    WHERE l.id = ANY(%s) AND l.company_id = ANY(%s)
                      AND s.id = l.sm_score_id AND s.grade_id = v.grade
                      AND l.priority IS DISTINCT FROM v.priority
                RETURNING l.id""",
                list(stars),
                list(stars.values()),
                list(self._ids),
                companies.ids,
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        self.browse(changed).invalidate_recordset(["priority"])

    @api.model
    def _sm_trigger_rescoring(self):
        cron = self.env.ref(
            "sales_management.ir_cron_score_leads", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _sm_get_rescoring_domain(self):
        """Open leads and opportunities (lost ones are archived)."""
        return [("probability", "<", 100), ("active", "=", True)]

    @api.model
    def _cron_score_leads(
        self, batch_size=2000, tries=CONCURRENCY_TRIES, time_budget=None
    ):
        """Rescore open leads not scored since the start of this run's day.

        A call scores chunks of leads until ``batch_size`` leads are scored
        or its time budget is spent (``time_budget`` seconds, by default what
        the cron worker's limits allow, see ``cron_budget``); the scheduler
        calls again while leads remain. Each chunk's leads are locked first
        (those a user is saving are left for the next call), so that a deal
        won while they are scored waits instead of failing the call. A call
        that still meets a concurrent change is rolled back and taken again
        from a fresh snapshot: one conflict never loses the night's scoring.
        """
        today = fields.Datetime.to_datetime(fields.Date.today())
        domain = self._sm_get_rescoring_domain() + [
            "|",
            ("sm_scored_date", "=", False),
            ("sm_scored_date", "<", today),
        ]
        for attempt in range(1, tries + 1):
            deadline = cron_budget.deadline(config, time_budget)
            try:
                done = self._sm_score_chunks(domain, batch_size, deadline)
                break
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                # the transaction is lost: start again from a new snapshot
                self.env.cr.rollback()
                _logger.info(
                    "Lead scoring: batch met a concurrent change (%s), try %s of %s",
                    error.pgcode,
                    attempt,
                    tries,
                )
                if attempt == tries:
                    raise
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _sm_score_chunks(self, domain, batch_size, deadline):
        """Score the leads of ``domain`` chunk after chunk until
        ``batch_size`` are scored or ``deadline`` has passed; how many."""
        done = 0
        while done < batch_size:
            chunk = self._sm_lock_batch(domain, min(SCORING_CHUNK, batch_size - done))
            if not chunk:
                break
            chunk._sm_compute_scores()
            self.env.flush_all()
            done += len(chunk)
            if deadline.passed():
                break
        return done

    @api.model
    def _sm_lock_batch(self, domain, batch_size):
        """The first ``batch_size`` leads of ``domain``, locked for this
        transaction; leads locked by another transaction are skipped."""
        candidates = self.search(domain, limit=batch_size, order="id")
        if not candidates:
            return candidates
        self.env.cr.execute(
            SQL(
                "SELECT id FROM crm_lead WHERE id = ANY(%s) ORDER BY id "
                "FOR NO KEY UPDATE SKIP LOCKED",
                candidates.ids,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._sm_compute_scores()
        return leads

    def write(self, vals):
        result = super().write(vals)
        # rescored at once only when a field the scores read changes, as
        # Odoo's own predictive scoring does
        if not self.env.context.get("sm_scoring") and (
            set(vals) & self._sm_rescoring_fields()
        ):
            self._sm_compute_scores()
        return result

    @api.model
    def _sm_rescoring_fields(self):
        """The lead fields whose change rescores a lead: ``SCORED_FIELDS``
        and those the active scoring rules test (a customer rule: the
        customer)."""
        names = set(SCORED_FIELDS)
        for rule in self.env["sales.scoring.rule"].sudo().search([]):
            if rule.applies_on == "partner":
                names.add("partner_id")
                continue
            for leaf in rule._get_domain():
                if expression.is_leaf(leaf) and isinstance(leaf[0], str):
                    names.add(leaf[0].split(".", 1)[0])
        return names

    # ------------------------------------------------------------------
    # Targets: winning a deal refreshes the won-deals targets soon
    # ------------------------------------------------------------------

    def action_set_won(self):
        result = super().action_set_won()
        self.env["sales.quota"]._mark_stale(
            self.user_id.ids, self.team_id.ids, self.company_id.ids
        )
        return result
