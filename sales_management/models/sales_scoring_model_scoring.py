# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring leads with a trained model and explaining their scores."""

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

from .sales_scoring_model import FEATURE_LABELS, RECORD_FEATURES


def _array_text(values):
    """PostgreSQL's text of an array of numbers (None: NULL).

    Tens of thousands of values sent this way are parsed far faster than
    the same values as a list parameter (one SQL expression each).
    """
    items = ("NULL" if value is None else repr(value) for value in values)
    return "{" + ",".join(items) + "}"


class SalesScoringModel(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scoring.model"

    def _lock_open_scores(self):
        """Lock the score rows of the open leads this model scores.

        A training rewrites them all at its end. Locked first, a salesperson
        saving one of these leads meanwhile waits until the training is
        over, then Odoo runs the save again, which scores the lead with the
        new model; unlocked, the save went through and the training, in its
        snapshot of before the save, failed on that lead's row (and after
        Odoo's last retries the manager read a serialization failure).

        The rows of the leads being saved right now are left out rather
        than waited for: once that save is committed, after this
        transaction started, the row could not be rewritten here either.
        Those leads keep the score of their save, by the model as it was,
        and the training does not rescore them (the nightly scoring does). A
        save committed between the start of this transaction and the lock
        still fails the lock: Odoo then retries the training before it has
        read or fitted anything.

        Returns the ids of the leads left out, being saved.
        """
        self.ensure_one()
        # the leads' pending writes decide which are open
        self.env.flush_all()
        open_leads = self._lead_query("open").subselect()
        self.env.cr.execute(
            SQL(
                """SELECT lead_id FROM sales_lead_score
                    WHERE lead_id IN %s
                 ORDER BY id
                      FOR NO KEY UPDATE SKIP LOCKED""",
                open_leads,
            )
        )
        locked = {row[0] for row in self.env.cr.fetchall()}
        self.env.cr.execute(
            SQL("SELECT lead_id FROM sales_lead_score WHERE lead_id IN %s", open_leads)
        )
        return {row[0] for row in self.env.cr.fetchall()} - locked

    def _score_leads(self, leads, engine=None, features=None):
        """Store probability, score, grade and priority of ``leads``.

        Leads outside the model's company (and team) are left alone.
        ``features``: what ``_lead_features`` returned for the leads, when
        known (``leads`` is then ignored). The factors are not stored: they
        are worked out when a lead is displayed (``_explain_leads``).
        Returns the number of leads scored.
        """
        self.ensure_one()
        engine = engine or self._engine()
        if engine is None or (features is None and not leads):
            return 0
        ids, columns, details = features or self._lead_features(leads)
        if not ids:
            return 0
        probabilities = np.asarray(engine.predict(columns), dtype=float)
        scores = np.round(100.0 * probabilities, 1)
        grades = self.env["sales.scoring.grade"]._grade_for(set(scores.tolist()))
        grade_ids = {score: grade.id or None for score, grade in grades.items()}
        revenues = np.asarray(details["expected_revenue"], dtype=float)
        # one statement for all leads' score rows (the ORM would write them one
        # by one), which links the rows it creates to their leads; the arrays
        # are sent as text, parsed far faster than lists of parameters
        self.env["sales.lead.score"].flush_model()
        self.env["crm.lead"].flush_model(["sm_score_id"])
        self.env.cr.execute(
            SQL(
                """WITH stored AS (
                       INSERT INTO sales_lead_score AS s
                              (lead_id, score, probability, grade_id,
                               priority_value, source, model_id, scored_date)
                       SELECT v.id, v.score, v.score, v.grade, v.priority,
                              'model', %s, %s
                         FROM unnest(%s::int[], %s::float[], %s::int[],
                                     %s::float[]) AS v(id, score, grade, priority)
                  ON CONFLICT (lead_id) DO UPDATE
                          SET score = EXCLUDED.score,
                              probability = EXCLUDED.probability,
                              grade_id = EXCLUDED.grade_id,
                              priority_value = EXCLUDED.priority_value,
                              source = EXCLUDED.source,
                              model_id = EXCLUDED.model_id,
                              scored_date = EXCLUDED.scored_date
                    RETURNING s.id, s.lead_id, s.xmax = 0 AS created
                   )
                   UPDATE crm_lead SET sm_score_id = stored.id
                     FROM stored
                    WHERE stored.created AND crm_lead.id = stored.lead_id""",
                self.id,
                fields.Datetime.now(),
                _array_text(ids),
                _array_text(scores.tolist()),
                _array_text([grade_ids[score] for score in scores.tolist()]),
                _array_text((scores / 100.0 * revenues).tolist()),
            )
        )
        self.env["sales.lead.score"].invalidate_model(
            [
                "score",
                "probability",
                "grade_id",
                "priority_value",
                "source",
                "model_id",
                "scored_date",
            ]
        )
        self.env["crm.lead"].browse(ids).invalidate_recordset(
            [
                "sm_score_id",
                "sm_score",
                "sm_probability",
                "sm_grade_id",
                "sm_priority_value",
                "sm_score_source",
                "sm_scoring_model_id",
                "sm_scored_date",
            ]
        )
        # stars follow the new grades where the company asks for it
        self.env["crm.lead"].browse(ids)._sm_priority_from_grade()
        return len(ids)

    @api.model
    def _feature_label(self, name):
        """A feature's name as a salesperson reads it, "a × b" for a pair."""
        return " × ".join(
            str(FEATURE_LABELS.get(part, part)) for part in name.split(" × ")
        )

    @api.model
    def _factor_label(self, detail):
        """ "Source: Trade show", "Tag: not Urgent", "Existing customer: no"."""
        if detail["kind"] == "interaction":
            names = " × ".join(self._feature_label(name) for name in detail["features"])
            return f"{names}: {detail['value_label']}"
        value = {
            "(none)": self.env._("none"),
            "(a rare tag)": self.env._("a rare tag"),
        }.get(detail["value_label"], detail["value_label"])
        if detail["kind"] == "missing":
            value = self.env._("unknown")
        elif value in ("True", "False"):
            value = self.env._("yes") if value == "True" else self.env._("no")
        elif detail["relation"] in ("excludes", "≠"):
            value = self.env._("not %(value)s", value=value)
        return f"{self._feature_label(detail['feature'])}: {value}"

    @api.model
    def _record_names(self, engine, columns):
        """{feature: {category key: name}} of the records in the features.

        The features keep records by id (``RECORD_FEATURES``): the names of
        those of the leads' ``columns`` and of the engine's levels are read
        now, in the user's language, so that a renamed stage or tag reads
        with its new name at once. A deleted record reads as such.
        """
        levels = engine.category_levels()
        names = {}
        for feature, model in RECORD_FEATURES.items():
            ids = {int(key) for key in levels.get(feature, ()) if key.isdigit()}
            for value in columns.get(feature, ()):
                if isinstance(value, list):
                    ids.update(value)
                elif value:
                    ids.add(value)
            if not ids:
                continue
            records = (
                self.env[model].with_context(active_test=False).browse(ids).exists()
            )
            names[feature] = dict.fromkeys(map(str, ids), self.env._("(deleted)"))
            names[feature].update(
                (str(record.id), record.display_name) for record in records
            )
        return names

    def _explain_leads(self, leads, top=6):
        """{lead id: [[label, effect], ...]}: what moves each lead's probability.

        Effects are in probability points (0.12 = +12 %); the smallest ones
        (under half a point) are left out.
        """
        self.ensure_one()
        engine = self._engine()
        if engine is None or not leads:
            return {}
        ids, columns, _details = self._lead_features(leads)
        if not ids:
            return {}
        explanations = engine.explain_many(
            columns, top=top, names=self._record_names(engine, columns)
        )
        return {
            lead_id: [
                [self._factor_label(detail), round(detail["effect"], 4)]
                for detail in details_of_lead
                if abs(detail["effect"]) >= 0.005
            ]
            for lead_id, details_of_lead in zip(ids, explanations, strict=True)
        }
