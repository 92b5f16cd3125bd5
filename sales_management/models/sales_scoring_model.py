# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Predictive lead scoring model of a company or team.

The model, its fields and reports, training and the nightly job. What it
reads of the leads is in sales_scoring_model_features.py and
sales_scoring_model_store.py, the replay of Odoo's own scoring it is
compared with in sales_scoring_model_odoo.py, and the scoring of leads in
sales_scoring_model_scoring.py; the maths is in tools/lead_scoring/ and
tools/scoring_evaluation.py.
"""

import logging
import uuid
from datetime import datetime, timedelta

from markupsafe import Markup, escape

from odoo import _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

from ..tools import lead_scoring, scoring_evaluation

_logger = logging.getLogger(__name__)

# The features of the leads a model learns from and scores are kept with it
# (``feature_store``): a training reads again only the leads changed since,
# or with new messages, the leads closed or opened since, and those that
# hold a record deleted since. Categories are kept by record id, their names
# read only to show a lead's factors: renaming a stage, a tag or a team, or
# editing a salesperson, changes no stored feature. The store is read again
# in full once a week, and when the won stages change.
FEATURE_STORE_DAYS = 7
# Leads changed (or messages posted) this long before a store is written are
# read again the next time: a transaction still running then may change them
# after the read.
FEATURE_STORE_MARGIN = timedelta(hours=1)
# How the features are kept, in the store and in a trained model: by record
# id since 3 (by name before). A store of another version is read again in
# full; a model trained on another version is not used (leads keep their
# scores) until its next training, which the nightly job does at once.
FEATURE_VERSION = 3


# Names of the features, in the order of the columns of _lead_features_query.
FEATURES = (
    "stage",
    "team",
    "salesperson",
    "country",
    "source",
    "medium",
    "campaign",
    "tags",
    "language",
    "email_quality",
    "phone_quality",
    "expected_revenue",
    "lead_age_days",
    "activities_done",
    "messages",
    "days_since_contact",
    "existing_customer",
    "past_orders",
    "past_order_amount",
)

# Features whose values are records, by id: the model of the records. The
# engine reads them as categories (tags: sets of ids); their names are read
# when a lead's factors are shown.
RECORD_FEATURES = {
    "stage": "crm.stage",
    "team": "crm.team",
    "salesperson": "res.users",
    "country": "res.country",
    "source": "utm.source",
    "medium": "utm.medium",
    "campaign": "utm.campaign",
    "tags": "crm.tag",
    "language": "res.lang",
}

# What a salesperson reads for each feature, in the factors of a lead.
FEATURE_LABELS = {
    "stage": _lt("Stage"),
    "team": _lt("Sales team"),
    "salesperson": _lt("Salesperson"),
    "country": _lt("Country"),
    "source": _lt("Source"),
    "medium": _lt("Medium"),
    "campaign": _lt("Campaign"),
    "tags": _lt("Tag"),
    "language": _lt("Language"),
    "email_quality": _lt("Email quality"),
    "phone_quality": _lt("Phone quality"),
    "expected_revenue": _lt("Expected revenue"),
    "lead_age_days": _lt("Days since creation"),
    "activities_done": _lt("Activities done"),
    "messages": _lt("Messages exchanged"),
    "days_since_contact": _lt("Days without contact"),
    "existing_customer": _lt("Existing customer"),
    "past_orders": _lt("Past orders"),
    "past_order_amount": _lt("Past orders amount"),
}


class SalesScoringModel(models.Model):
    _name = "sales.scoring.model"
    _description = "Predictive Lead Scoring Model"
    _inherit = ["mail.thread", "sales.input.guard"]
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
    team_min_closed = fields.Integer(
        "Team Models From",
        default=300,
        help="On a company model: when one of the company's teams has at least "
        "this many closed leads, the nightly job gives it a model of its own, "
        "trained on its leads only (0: never).",
    )
    trained_date = fields.Datetime(readonly=True)
    n_closed = fields.Integer("Closed Leads", readonly=True)
    n_won = fields.Integer("Won Leads", readonly=True)
    n_holdout = fields.Integer("Held-out Leads", readonly=True)
    auc = fields.Float("AUC", readonly=True, digits=(3, 3))
    brier = fields.Float("Brier Score", readonly=True, digits=(3, 4))
    odoo_auc = fields.Float(
        "Odoo's AUC",
        readonly=True,
        digits=(3, 3),
        help="AUC of Odoo's own predictive scoring on the same held-out leads: "
        "its naive Bayes on the fields of its settings, learned from the same "
        "older leads, each held-out lead taken as it stood before it closed.",
    )
    odoo_brier = fields.Float("Odoo's Brier Score", readonly=True, digits=(3, 4))
    calibration = fields.Json(readonly=True)
    calibration_html = fields.Html(compute="_compute_reports", sanitize=False)
    importance = fields.Json(readonly=True)
    importance_html = fields.Html(
        "Feature Importance", compute="_compute_reports", sanitize=False
    )
    model_json = fields.Text(readonly=True, prefetch=False, copy=False)
    engine_key = fields.Char(
        readonly=True,
        copy=False,
        help="A new random key at each training: the key of the parsed engine "
        "in each worker's cache, so that a worker never scores with an engine "
        "another worker has trained again since.",
    )
    feature_version = fields.Integer(
        "Version of the Features",
        readonly=True,
        copy=False,
        help="How the features of the trained model are kept: a model trained "
        "on an older version is not used until it is trained again.",
    )
    n_features_read = fields.Integer(
        "Leads Read at Training",
        readonly=True,
        copy=False,
        help="Leads whose features the last training read from the database: "
        "those changed since the training before, with new messages or "
        "activities, closed or reopened. The others came from the features "
        "kept with the model.",
    )
    scored_count = fields.Integer("Leads Scored", readonly=True)
    # features of the leads it learns from and scores (a column store, JSON),
    # read and written in SQL only
    feature_store = fields.Text(
        "Stored Features",
        readonly=True,
        prefetch=False,
        copy=False,
        groups="base.group_system",
    )

    _sql_constraints = [
        (
            "company_team_unique",
            "UNIQUE(company_id, team_id)",
            "There is already a scoring model for this company and team.",
        ),
    ]

    def init(self):
        # the stored features are compact already: PostgreSQL keeps them as
        # they are, without compressing them again at every training
        self.env.cr.execute(
            """ALTER TABLE sales_scoring_model
               ALTER COLUMN feature_store SET STORAGE EXTERNAL"""
        )

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
                    Markup("<li>%s: %s %%</li>")
                    % (escape(self._feature_label(name)), round(100 * share, 1))
                    for name, share in items[:15]
                )
                if items
                else False
            )

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------

    def _scope_domain(self):
        self.ensure_one()
        domain = [("type", "=", "opportunity"), ("company_id", "=", self.company_id.id)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        return domain

    def _closed_domain(self):
        """Won (probability 100) and lost (archived at 0 %) leads."""
        return self._scope_domain() + [
            "|",
            "&",
            ("active", "=", True),
            ("probability", "=", 100),
            "&",
            ("active", "=", False),
            ("probability", "=", 0),
        ]

    def _open_domain(self):
        """Open leads; those of a team with its own trained model are its."""
        self.ensure_one()
        domain = self._scope_domain() + [("probability", "<", 100)]
        if not self.team_id:
            teams = self.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("team_id", "!=", False),
                    ("state", "=", "trained"),
                ]
            ).team_id
            if teams:
                domain.append(("team_id", "not in", teams.ids))
        return domain

    def action_train(self):
        # the features are read in SQL: check the right to train first
        self.check_access("write")
        for model in self:
            model._train()
        return True

    def _train(self):
        self.ensure_one()
        # before anything else: the saves of these leads during the training
        # wait for it, instead of failing it at its very end
        busy = self._lock_open_scores()
        ids, columns, details = self._lead_features()
        self.n_features_read = len(details["read"])
        n_closed = sum(details["closed"])  # the closed leads come first
        outcomes = details["won"][:n_closed]
        n_won = sum(outcomes)
        n_lost = n_closed - n_won
        if n_closed < self.min_closed or n_won < 10 or n_lost < 10:
            self.write(
                {
                    "state": "insufficient",
                    "n_closed": n_closed,
                    "n_won": n_won,
                    "message": self.env._(
                        "Only %(closed)s closed leads (%(won)s won, %(lost)s lost): "
                        "at least %(minimum)s are needed, with 10 won and 10 lost. "
                        "Leads keep their rule score.",
                        closed=n_closed,
                        won=n_won,
                        lost=n_lost,
                        minimum=self.min_closed,
                    ),
                    "model_json": False,
                }
            )
            return False
        closed = {name: values[:n_closed] for name, values in columns.items()}
        self._drop_unreliable_stage(closed, outcomes)
        # validate on the most recent fifth, as if trained before it
        cut = int(n_closed * 0.8)
        validation = lead_scoring.fit(
            {name: values[:cut] for name, values in closed.items()},
            outcomes[:cut],
            categories=list(RECORD_FEATURES),
        )
        held_out = outcomes[cut:]
        predicted = validation.predict(
            {name: values[cut:] for name, values in closed.items()}
        )
        odoo = self._odoo_probabilities(
            [column[:n_closed] for column in details["pls"]],
            outcomes,
            details["stage_before"][:n_closed],
            cut,
        )
        engine = lead_scoring.fit(closed, outcomes, categories=list(RECORD_FEATURES))
        self.write(
            {
                "state": "trained",
                "message": False,
                "trained_date": fields.Datetime.now(),
                "n_closed": n_closed,
                "n_won": n_won,
                "n_holdout": len(held_out),
                "auc": scoring_evaluation.auc(predicted, held_out),
                "brier": scoring_evaluation.brier_score(predicted, held_out),
                "odoo_auc": scoring_evaluation.auc(odoo, held_out),
                "odoo_brier": scoring_evaluation.brier_score(odoo, held_out),
                "calibration": scoring_evaluation.calibration_by_decile(
                    predicted, held_out
                ),
                "importance": engine.feature_importance(),
                "model_json": engine.to_json(),
                "engine_key": uuid.uuid4().hex,
                "feature_version": FEATURE_VERSION,
            }
        )
        # the engine just fitted is the one the JSON gives: keep it parsed
        # (under a key no other training has: harmless if this one rolls back)
        self._parsed_engine.__cache__.add_value(
            self, self.id, self._engine_cache_key(), cache_value=engine
        )
        # the leads being saved when the training started keep the score of
        # their save (the previous model's) until the nightly scoring
        rows = [n for n in range(n_closed, len(ids)) if ids[n] not in busy]
        if busy:
            _logger.info(
                "Scoring model %s: %s leads being saved keep the score of "
                "their save: %s",
                self.name,
                len(busy),
                sorted(busy)[:100],
            )
        opened = (
            [ids[n] for n in rows],
            {name: [values[n] for n in rows] for name, values in columns.items()},
            {"expected_revenue": [details["expected_revenue"][n] for n in rows]},
        )
        self.scored_count = self._score_leads(None, engine=engine, features=opened)
        return True

    @api.model
    def _drop_unreliable_stage(self, columns, outcomes):
        """Forget the stage when the history does not tell where won leads were.

        A won lead sits in the won stage: its stage before winning comes from
        the stage tracking. Where that tracking is missing for many won leads
        (imported history, tracking disabled), the stage would tell won from
        lost by its mere absence, so it is left out for every lead.
        """
        stages = columns["stage"]
        won_stages = [stage for stage, won in zip(stages, outcomes, strict=True) if won]
        known = sum(1 for stage in won_stages if stage)
        if won_stages and known < 0.8 * len(won_stages):
            columns["stage"] = [None] * len(stages)

    def _engine(self):
        """The engine of the model as last trained, None when untrained or
        trained on features kept another way (``FEATURE_VERSION``)."""
        self.ensure_one()
        if self.feature_version != FEATURE_VERSION:
            return None
        return self._parsed_engine(self.id, self._engine_cache_key())

    def _engine_cache_key(self):
        # models trained before the key existed: their training date
        return self.engine_key or str(self.trained_date)

    @api.model
    @ormcache("model_id", "key")
    def _parsed_engine(self, model_id, key):
        """The engine of model ``model_id`` of the training ``key``.

        Its JSON is parsed once and kept in the cache of the database's
        registry, so that rescoring one lead stays fast; each training gives
        a new key (see ``_train``), read from the database at each use, so a
        worker never keeps an engine another worker has replaced.
        """
        text = self.browse(model_id).model_json
        return lead_scoring.from_json(text) if text else None

    # ------------------------------------------------------------------
    # Team models and the nightly job
    # ------------------------------------------------------------------

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
    def _create_team_models(self):
        """A model for each team with enough closed leads of its own.

        Returns the models created.
        """
        created = self.browse()
        for model in self.search(
            [("team_id", "=", False), ("team_min_closed", ">", 0)]
        ):
            closed = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                ._read_group(
                    model._closed_domain() + [("team_id", "!=", False)],
                    ["team_id"],
                    ["__count"],
                )
            )
            existing = self.search([("company_id", "=", model.company_id.id)]).team_id
            teams = [
                team
                for team, count in closed
                if count >= model.team_min_closed and team not in existing
            ]
            if teams:
                created |= self.create(
                    [
                        {
                            "company_id": model.company_id.id,
                            "team_id": team.id,
                            "min_closed": model.min_closed,
                            "team_min_closed": 0,
                        }
                        for team in teams
                    ]
                )
        return created

    def _outdated(self):
        """Whether the model is trained on features kept another way."""
        self.ensure_one()
        return self.state == "trained" and self.feature_version != FEATURE_VERSION

    @api.model
    def _cron_train_models(self):
        """Retrain one model per call, the oldest first; report progress.

        A model is due when not trained today, or trained on features kept
        another way (it is not used until then).
        """
        self._create_team_models()
        todo = self.search([], order="trained_date asc nulls first, id")
        today = datetime.combine(fields.Date.today(), datetime.min.time())
        todo = todo.filtered(
            lambda m: not m.trained_date or m.trained_date < today or m._outdated()
        )
        if todo:
            model = todo[0]
            try:
                model._train()
            except (UserError, ValueError) as error:
                _logger.warning("Scoring model %s not trained: %s", model.name, error)
                values = {"message": str(error), "trained_date": fields.Datetime.now()}
                if model._outdated():  # its model cannot be used: not trained
                    values["state"] = "new"
                model.write(values)
        self.env["ir.cron"]._notify_progress(
            done=min(len(todo), 1), remaining=max(len(todo) - 1, 0)
        )
