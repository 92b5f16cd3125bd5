# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from datetime import datetime

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import lead_scoring

_logger = logging.getLogger(__name__)

# Parsed models, by (model id, training date): parsing the JSON once per
# process keeps rescoring one lead fast.
_PARSED = {}


def _auc(scores, outcomes):
    """Area under the ROC curve by ranks (ties averaged)."""
    pairs = sorted(zip(scores, outcomes, strict=True))
    n_pos = sum(1 for _score, won in pairs if won)
    n_neg = len(pairs) - n_pos
    if not n_pos or not n_neg:
        return 0.0
    rank_sum, index = 0.0, 0
    while index < len(pairs):
        end = index
        while end + 1 < len(pairs) and pairs[end + 1][0] == pairs[index][0]:
            end += 1
        average_rank = (index + end) / 2.0 + 1
        rank_sum += average_rank * sum(1 for k in range(index, end + 1) if pairs[k][1])
        index = end + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def _brier(scores, outcomes):
    if not scores:
        return 0.0
    return sum(
        (s - float(o)) ** 2 for s, o in zip(scores, outcomes, strict=True)
    ) / len(scores)


def _calibration(scores, outcomes, bins=10):
    """[[decile, mean predicted, actual rate, count], ...] by predicted score."""
    ordered = sorted(zip(scores, outcomes, strict=True))
    table = []
    for decile in range(bins):
        part = ordered[
            decile * len(ordered) // bins : (decile + 1) * len(ordered) // bins
        ]
        if not part:
            continue
        table.append(
            [
                decile + 1,
                round(sum(s for s, _o in part) / len(part), 4),
                round(sum(1 for _s, o in part if o) / len(part), 4),
                len(part),
            ]
        )
    return table


class SalesScoringModel(models.Model):
    _name = "sales.scoring.model"
    _description = "Predictive Lead Scoring Model"
    _inherit = ["mail.thread"]
    _order = "company_id, team_id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        index=True,
        help="Train on this team's closed leads only, for its open leads. Leave "
        "empty for the whole company.",
    )
    state = fields.Selection(
        [
            ("new", "Not trained"),
            ("trained", "Trained"),
            ("insufficient", "Not enough history"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
    )
    message = fields.Char(readonly=True)
    min_closed = fields.Integer(
        "Minimum Closed Leads",
        default=50,
        help="Below this many closed leads (with at least 10 won and 10 lost), "
        "the model is not trained and leads keep their rule score.",
    )
    trained_date = fields.Datetime(readonly=True)
    n_closed = fields.Integer("Closed Leads", readonly=True)
    n_won = fields.Integer("Won Leads", readonly=True)
    n_holdout = fields.Integer("Held-out Leads", readonly=True)
    auc = fields.Float("AUC", readonly=True, digits=(3, 3))
    brier = fields.Float("Brier Score", readonly=True, digits=(3, 4))
    odoo_auc = fields.Float("Odoo's AUC", readonly=True, digits=(3, 3))
    odoo_brier = fields.Float("Odoo's Brier Score", readonly=True, digits=(3, 4))
    calibration = fields.Json(readonly=True)
    calibration_html = fields.Html(compute="_compute_reports", sanitize=False)
    importance = fields.Json(readonly=True)
    importance_html = fields.Html(
        "Feature Importance", compute="_compute_reports", sanitize=False
    )
    model_json = fields.Text(readonly=True, prefetch=False, copy=False)
    scored_count = fields.Integer("Leads Scored", readonly=True)

    _sql_constraints = [
        (
            "company_team_unique",
            "UNIQUE(company_id, team_id)",
            "There is already a scoring model for this company and team.",
        ),
    ]

    @api.depends("company_id", "team_id")
    def _compute_name(self):
        for model in self:
            model.name = " / ".join(
                part.name for part in (model.company_id, model.team_id) if part
            )

    @api.depends("calibration", "importance")
    def _compute_reports(self):
        head = self.env._("Decile"), self.env._("Predicted"), self.env._("Actual")
        for model in self:
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s %%</td><td>%s %%</td><td>%s</td></tr>")
                % (decile, round(100 * predicted, 1), round(100 * actual, 1), count)
                for decile, predicted, actual, count in model.calibration or []
            )
            model.calibration_html = (
                Markup(
                    "<table class='table table-sm'><tr><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th></tr>%s</table>"
                )
                % (*head, self.env._("Leads"), rows)
                if rows
                else False
            )
            items = sorted((model.importance or {}).items(), key=lambda kv: -kv[1])
            model.importance_html = (
                Markup("<ul>%s</ul>")
                % Markup("").join(
                    Markup("<li>%s: %s %%</li>") % (escape(name), round(100 * share, 1))
                    for name, share in items[:15]
                )
                if items
                else False
            )

    # ------------------------------------------------------------------
    # Features: gathered set-based, a few queries for any number of leads
    # ------------------------------------------------------------------

    @api.model
    def _lead_features(self, leads):
        """Feature rows (dicts) for ``leads``, as of their closing for closed ones."""
        if not leads:
            return []
        self.env.flush_all()
        now = fields.Datetime.now()
        won_stage_before = self._won_previous_stages(leads)
        engagement = self._engagement(leads)
        history = self._customer_history(leads)
        rows = []
        for lead in leads.with_context(active_test=False):
            closed = (
                lead.date_closed if not lead.active or lead.probability >= 100 else None
            )
            reference = closed or now
            stage = lead.stage_id
            if lead.active and lead.probability >= 100:
                stage = won_stage_before.get(lead.id, self.env["crm.stage"])
            contact = engagement.get(lead.id, {})
            past = history.get(lead.id, (0, 0.0))
            last_contact = contact.get("last") or lead.create_date
            rows.append(
                {
                    "stage": stage.name or None,
                    "team": lead.team_id.name or None,
                    "salesperson": lead.user_id.name or None,
                    "country": lead.country_id.code or None,
                    "source": lead.source_id.name or None,
                    "medium": lead.medium_id.name or None,
                    "campaign": lead.campaign_id.name or None,
                    "tags": lead.tag_ids.mapped("name"),
                    "language": lead.lang_id.code or None,
                    "email_quality": lead.email_state or None,
                    "phone_quality": lead.phone_state or None,
                    "expected_revenue": lead.expected_revenue or 0.0,
                    "lead_age_days": max((reference - lead.create_date).days, 0),
                    "activities_done": contact.get("activities", 0),
                    "messages": contact.get("messages", 0),
                    "days_since_contact": max((reference - last_contact).days, 0),
                    "existing_customer": past[0] > 0,
                    "past_orders": past[0],
                    "past_order_amount": past[1],
                }
            )
        return rows

    @api.model
    def _won_previous_stages(self, leads):
        """Stage a won lead was in before it was won (from the tracking)."""
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (m.res_id) m.res_id, v.old_value_integer
                     FROM mail_tracking_value v
                     JOIN mail_message m ON m.id = v.mail_message_id
                     JOIN ir_model_fields f ON f.id = v.field_id
                     JOIN crm_stage s ON s.id = v.new_value_integer
                    WHERE m.model = 'crm.lead' AND m.res_id = ANY(%s)
                      AND f.model = 'crm.lead' AND f.name = 'stage_id' AND s.is_won
                 ORDER BY m.res_id, m.date DESC""",
                leads.ids,
            )
        )
        stages = dict(self.env.cr.fetchall())
        records = self.env["crm.stage"].browse(set(stages.values()) - {None})
        by_id = {stage.id: stage for stage in records}
        return {
            lead_id: by_id.get(stage_id, self.env["crm.stage"])
            for lead_id, stage_id in stages.items()
        }

    @api.model
    def _engagement(self, leads):
        """Messages, activities done and last contact before the lead closed."""
        self.env.cr.execute(
            SQL(
                """SELECT l.id,
                          COUNT(m.id) FILTER (WHERE m.message_type IN
                                ('email', 'comment', 'email_outgoing')),
                          COUNT(m.id) FILTER (WHERE m.mail_activity_type_id
                                IS NOT NULL),
                          MAX(m.date)
                     FROM crm_lead l
                     JOIN mail_message m
                       ON m.model = 'crm.lead' AND m.res_id = l.id
                      AND (m.message_type IN ('email', 'comment', 'email_outgoing')
                           OR m.mail_activity_type_id IS NOT NULL)
                      AND (l.date_closed IS NULL OR m.date <= l.date_closed)
                    WHERE l.id = ANY(%s)
                 GROUP BY l.id""",
                leads.ids,
            )
        )
        return {
            lead_id: {"messages": messages, "activities": activities, "last": last}
            for lead_id, messages, activities, last in self.env.cr.fetchall()
        }

    @api.model
    def _customer_history(self, leads):
        """(confirmed orders, amount) of the lead's customer before the lead."""
        self.env.cr.execute(
            SQL(
                """SELECT l.id, COUNT(so.id),
                          COALESCE(SUM(so.amount_untaxed
                                       / COALESCE(NULLIF(so.currency_rate, 0), 1)), 0)
                     FROM crm_lead l
                     JOIN res_partner lp ON lp.id = l.partner_id
                     JOIN res_partner sp
                       ON sp.commercial_partner_id = lp.commercial_partner_id
                     JOIN sale_order so
                       ON so.partner_id = sp.id AND so.state = 'sale'
                      AND so.date_order < l.create_date
                    WHERE l.id = ANY(%s)
                 GROUP BY l.id""",
                leads.ids,
            )
        )
        return {
            lead_id: (count, amount)
            for lead_id, count, amount in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------

    def _scope_domain(self):
        self.ensure_one()
        domain = [("type", "=", "opportunity"), ("company_id", "=", self.company_id.id)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        return domain

    def _closed_leads(self):
        """Won (probability 100) and lost (archived at 0 %) leads, oldest first."""
        self.ensure_one()
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(
                self._scope_domain()
                + [
                    "|",
                    "&",
                    ("active", "=", True),
                    ("probability", "=", 100),
                    "&",
                    ("active", "=", False),
                    ("probability", "=", 0),
                ],
                order="date_closed, id",
            )
        )

    def _open_leads(self):
        self.ensure_one()
        leads = self.env["crm.lead"].search(
            self._scope_domain() + [("probability", "<", 100)]
        )
        if not self.team_id:
            # leads of a team with its own trained model are scored by it
            teams = self.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("team_id", "!=", False),
                    ("state", "=", "trained"),
                ]
            ).team_id
            leads = leads.filtered(lambda lead: lead.team_id not in teams)
        return leads

    def action_train(self):
        for model in self:
            model._train()
        return True

    def _train(self):
        self.ensure_one()
        closed = self._closed_leads()
        outcomes = [lead.probability >= 100 for lead in closed]
        n_won = sum(outcomes)
        n_lost = len(outcomes) - n_won
        if len(closed) < self.min_closed or n_won < 10 or n_lost < 10:
            self.write(
                {
                    "state": "insufficient",
                    "n_closed": len(closed),
                    "n_won": n_won,
                    "message": self.env._(
                        "Only %(closed)s closed leads (%(won)s won, %(lost)s lost): "
                        "at least %(minimum)s are needed, with 10 won and 10 lost. "
                        "Leads keep their rule score.",
                        closed=len(closed),
                        won=n_won,
                        lost=n_lost,
                        minimum=self.min_closed,
                    ),
                    "model_json": False,
                }
            )
            return False
        rows = self._lead_features(closed)
        self._drop_unreliable_stage(rows, outcomes)
        # validate on the most recent fifth, as if trained before it
        cut = int(len(rows) * 0.8)
        holdout_rows, holdout_outcomes = rows[cut:], outcomes[cut:]
        validation = lead_scoring.fit(rows[:cut], outcomes[:cut])
        predicted = validation.predict(holdout_rows)
        odoo = [(lead.automated_probability or 0.0) / 100.0 for lead in closed[cut:]]
        engine = lead_scoring.fit(rows, outcomes)
        self.write(
            {
                "state": "trained",
                "message": False,
                "trained_date": fields.Datetime.now(),
                "n_closed": len(closed),
                "n_won": n_won,
                "n_holdout": len(holdout_rows),
                "auc": _auc(predicted, holdout_outcomes),
                "brier": _brier(predicted, holdout_outcomes),
                "odoo_auc": _auc(odoo, holdout_outcomes),
                "odoo_brier": _brier(odoo, holdout_outcomes),
                "calibration": _calibration(predicted, holdout_outcomes),
                "importance": engine.feature_importance(),
                "model_json": engine.to_json(),
            }
        )
        self._score_leads(self._open_leads(), engine=engine)
        return True

    @api.model
    def _drop_unreliable_stage(self, rows, outcomes):
        """Forget the stage when the history does not tell where won leads were.

        A won lead sits in the won stage: its stage before winning comes from
        the stage tracking. Where that tracking is missing for many won leads
        (imported history, tracking disabled), the stage would tell won from
        lost by its mere absence, so it is left out for every lead.
        """
        won_rows = [row for row, won in zip(rows, outcomes, strict=True) if won]
        known = sum(1 for row in won_rows if row["stage"])
        if won_rows and known < 0.8 * len(won_rows):
            for row in rows:
                row["stage"] = None

    def _engine(self):
        self.ensure_one()
        key = (self.id, str(self.trained_date))
        if key not in _PARSED:
            if not self.model_json:
                return None
            if len(_PARSED) > 64:
                _PARSED.clear()
            _PARSED[key] = lead_scoring.from_json(self.model_json)
        return _PARSED[key]

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    def _score_leads(self, leads, engine=None):
        """Store probability, factors, score, grade and priority of ``leads``."""
        self.ensure_one()
        engine = engine or self._engine()
        if not leads or engine is None:
            return
        rows = self._lead_features(leads)
        probabilities = engine.predict(rows)
        explanations = engine.explain_many(rows, top=6)
        grades = self.env["sales.scoring.grade"]._grade_for(
            {round(100 * p, 1) for p in probabilities}
        )
        now = fields.Datetime.now()
        values = []
        for lead, probability, factors in zip(
            leads, probabilities, explanations, strict=True
        ):
            score = round(100 * probability, 1)
            values.append(
                (
                    lead.id,
                    score,
                    grades[score].id or None,
                    score / 100.0 * (lead.expected_revenue or 0.0),
                    json.dumps(
                        [
                            [detail["label"], round(detail["effect"], 4)]
                            for detail in factors
                            if abs(detail["effect"]) >= 0.005
                        ]
                    ),
                )
            )
        # one statement for all leads; the ORM would write them one by one
        self.env.cr.execute(
            SQL(
                """UPDATE crm_lead l
                      SET sm_score = v.score, sm_probability = v.score,
                          sm_grade_id = v.grade, sm_priority_value = v.priority,
                          sm_factors = v.factors::jsonb, sm_score_source = 'model',
                          sm_scoring_model_id = %s, sm_scored_date = %s
                     FROM unnest(%s::int[], %s::float[], %s::int[], %s::float[],
                                 %s::text[]) AS v(id, score, grade, priority, factors)
                    WHERE l.id = v.id""",
                self.id,
                now,
                [v[0] for v in values],
                [v[1] for v in values],
                [v[2] for v in values],
                [v[3] for v in values],
                [v[4] for v in values],
            )
        )
        leads.invalidate_recordset(
            [
                "sm_score",
                "sm_probability",
                "sm_grade_id",
                "sm_priority_value",
                "sm_factors",
                "sm_score_source",
                "sm_scoring_model_id",
                "sm_scored_date",
            ]
        )
        self.scored_count = len(leads)

    @api.model
    def _model_for_leads(self, leads):
        """{trained model: leads it scores} (team models first)."""
        models_ = self.search(
            [("state", "=", "trained"), ("company_id", "in", leads.company_id.ids)]
        )
        result = {}
        for lead in leads:
            candidates = models_.filtered(
                lambda m, lead=lead: (
                    m.company_id == lead.company_id
                    and m.team_id in (lead.team_id, self.env["crm.team"])
                )
            ).sorted(lambda m: not m.team_id)
            if candidates:
                result.setdefault(candidates[0], self.env["crm.lead"])
                result[candidates[0]] |= lead
        return result

    @api.model
    def _cron_train_models(self):
        """Retrain one model per call, the oldest first; report progress."""
        todo = self.search([], order="trained_date asc nulls first, id")
        today = datetime.combine(fields.Date.today(), datetime.min.time())
        todo = todo.filtered(lambda m: not m.trained_date or m.trained_date < today)
        if todo:
            try:
                todo[0]._train()
            except (UserError, ValueError) as error:
                _logger.warning("Scoring model %s not trained: %s", todo[0].name, error)
                todo[0].write(
                    {"message": str(error), "trained_date": fields.Datetime.now()}
                )
        self.env["ir.cron"]._notify_progress(
            done=min(len(todo), 1), remaining=max(len(todo) - 1, 0)
        )
