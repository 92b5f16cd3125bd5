# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The charts of a trained predictive model, from its validation: the
predicted chance of winning against the share won, by decile of the
held-out leads (calibration), and what each feature weighs in its scores
(importance), and the shape of each feature: how each of its values moves
the chance of winning of an otherwise average lead (effects). Drawn by the
``sales_management_chart`` widget; read only."""

from odoo import api, fields, models

# features shown in the importance chart, the heaviest first
TOP_FEATURES = 15


class SalesScoringModel(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scoring.model"

    calibration_chart = fields.Json(
        compute="_compute_charts",
        help="For each tenth of the held-out leads, by predicted chance: the "
        "chance the model gave them against the share of them actually won. "
        "Close together: the predicted chances can be taken at their word.",
    )
    importance_chart = fields.Json(
        compute="_compute_charts",
        help="The share each feature takes in the model's scores, the heaviest first.",
    )

    effects_chart = fields.Json(
        compute="_compute_effects_chart",
        help="For each feature, heaviest first: how each of its values (a range "
        "of numbers, a category, a tag) moves the chance of winning of a lead "
        "otherwise average, in points; the leads of the training that had it "
        "are in brackets.",
    )

    @api.depends("calibration", "importance")
    def _compute_charts(self):
        for model in self:
            model.calibration_chart = model._sm_calibration_chart()
            model.importance_chart = model._sm_importance_chart()

    @api.depends("engine_key", "trained_date", "importance")
    @api.depends_context("lang")
    def _compute_effects_chart(self):
        for model in self:
            model.effects_chart = model._sm_effects_chart()

    def _sm_effect_value_label(self, label):
        """How a value of a feature reads: "unknown", "yes", "15–30"."""
        return {
            "(missing)": self.env._("unknown"),
            "(other)": self.env._("other"),
            "(none)": self.env._("none"),
            "(a rare tag)": self.env._("a rare tag"),
            "True": self.env._("yes"),
            "False": self.env._("no"),
            "": self.env._("any"),
        }.get(label, label)

    def _sm_effects_chart(self):
        engine = self.id and self._engine()
        if not engine:
            return {}
        effects = engine.feature_effects(names=self._record_names(engine, {}))
        order = list(self.importance or {}) or list(effects)
        choices = []
        for name in order[:TOP_FEATURES]:
            rows = effects.get(name)
            if not rows:
                continue
            choices.append(
                {
                    "key": name,
                    "label": self._feature_label(name),
                    "labels": [
                        f"{self._sm_effect_value_label(label)} ({count})"
                        for label, _effect, count in rows
                    ],
                    "datasets": [
                        {
                            "label": self.env._(
                                "Effect on the chance of winning (points)"
                            ),
                            "kind": "bar",
                            "color": 0,
                            "data": [round(100 * effect, 1) for _l, effect, _c in rows],
                        }
                    ],
                }
            )
        return {"choices": choices} if choices else {}

    def _sm_calibration_chart(self):
        rows = self.calibration or []
        if not rows:
            return {}
        return {
            "labels": [
                self.env._("%(decile)s (%(leads)s leads)", decile=decile, leads=count)
                for decile, _predicted, _actual, count in rows
            ],
            "datasets": [
                {
                    "label": self.env._("Actually won (%)"),
                    "kind": "bar",
                    "color": 2,
                    "data": [round(100 * actual, 1) for *_, actual, _count in rows],
                },
                {
                    "label": self.env._("Predicted (%)"),
                    "kind": "line",
                    "color": 4,
                    "dash": True,
                    "data": [round(100 * predicted, 1) for _d, predicted, *_ in rows],
                },
            ],
        }

    def _sm_importance_chart(self):
        items = sorted((self.importance or {}).items(), key=lambda item: -item[1])
        items = items[:TOP_FEATURES]
        if not items:
            return {}
        return {
            "labels": [self._feature_label(name) for name, _share in items],
            "horizontal": True,
            "datasets": [
                {
                    "label": self.env._("Share of the scores (%)"),
                    "kind": "bar",
                    "color": 0,
                    "data": [round(100 * share, 1) for _name, share in items],
                }
            ],
        }
