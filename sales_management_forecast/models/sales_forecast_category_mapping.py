# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .crm_lead import format_percent

# Context key: the rows of a mapping are being saved together, check the
# mapping as a whole once they all are. Its value must be this very object,
# which only the mapping's own create and write can put there: a JSON-RPC
# client may send the key, never the object, so it cannot skip the checks.
DEFER_CHECK = "sales_forecast_mapping_defer_check"
DEFERRED = object()


def checks_deferred(env):
    """Whether the mapping's create or write is saving its rows (see above)."""
    return env.context.get(DEFER_CHECK) is DEFERRED


STEP_MAPPING = "sales_management_forecast.onboarding_step_mapping"


class SalesForecastCategoryMapping(models.Model):
    _name = "sales.forecast.category.mapping"
    _description = "Forecast Category Mapping"
    _inherit = ["mail.thread", "sales.input.guard"]
    _order = "company_id, id"

    name = fields.Char(required=True, tracking=True, help="Name of the mapping.")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        tracking=True,
        help="Company whose open opportunities follow this mapping. Leave "
        "empty for the default mapping of every company without its own.",
    )
    rule_ids = fields.One2many(
        "sales.forecast.category.rule",
        "mapping_id",
        string="Rows",
        copy=True,
        help="Stage and probability ranges and the category they give. For "
        "the rows without a stage, and for the rows of each stage, the "
        "probability ranges must cover 0 to 100 % without gap or overlap.",
    )

    def init(self):
        result = super().init()
        # one mapping per company, and one default mapping
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS
                   sales_forecast_category_mapping_company_uniq
                ON sales_forecast_category_mapping (COALESCE(company_id, 0))
             WHERE active
            """
        )
        return result

    # ------------------------------------------------------------------
    # Validation: the rows of each group cover 0-100 % exactly once
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        mappings = super(
            SalesForecastCategoryMapping, self.with_context(**{DEFER_CHECK: DEFERRED})
        ).create(vals_list)
        mappings.with_context(**{DEFER_CHECK: None})._check_rules()
        self.env["onboarding.onboarding.step"]._sm_validate(STEP_MAPPING)
        return mappings.with_env(self.env)

    def write(self, vals):
        self._sm_check_input_values(vals)
        result = super(
            SalesForecastCategoryMapping, self.with_context(**{DEFER_CHECK: DEFERRED})
        ).write(vals)
        if "rule_ids" in vals or "active" in vals or "company_id" in vals:
            self._check_rules()
            self._apply_to_leads()
        self.env["onboarding.onboarding.step"]._sm_validate(STEP_MAPPING)
        return result

    def _check_rules(self):
        """Raise when a group of rows leaves a gap or overlaps."""
        stage_label = self.env._("without a stage")
        for mapping in self:
            groups = {}
            for rule in mapping.rule_ids:
                groups.setdefault(rule.stage_id, []).append(rule)
            if not groups:
                continue
            if self.env["crm.stage"] not in groups:
                raise ValidationError(
                    self.env._(
                        "The forecast category mapping %(mapping)s needs rows "
                        "without a stage covering 0 to 100 %%: they decide for "
                        "every stage that has no rows of its own.",
                        mapping=mapping.display_name,
                    )
                )
            for stage, rules in groups.items():
                label = (
                    self.env._("of the stage %(stage)s", stage=stage.display_name)
                    if stage
                    else stage_label
                )
                expected = 0.0
                for rule in sorted(rules, key=lambda rule: rule.probability_from):
                    if rule.probability_from > expected:
                        raise ValidationError(
                            self.env._(
                                "The rows %(group)s of the forecast category mapping "
                                "%(mapping)s leave a gap between %(start)s %% and "
                                "%(end)s %%: add a row for that range.",
                                group=label,
                                mapping=mapping.display_name,
                                start=format_percent(expected),
                                end=format_percent(rule.probability_from),
                            )
                        )
                    if rule.probability_from < expected:
                        raise ValidationError(
                            self.env._(
                                "The rows %(group)s of the forecast category mapping "
                                "%(mapping)s overlap between %(start)s %% and "
                                "%(end)s %%: each probability must fall in one "
                                "row only.",
                                group=label,
                                mapping=mapping.display_name,
                                start=format_percent(rule.probability_from),
                                end=format_percent(min(expected, rule.probability_to)),
                            )
                        )
                    expected = rule.probability_to
                if expected < 100.0:
                    raise ValidationError(
                        self.env._(
                            "The rows %(group)s of the forecast category mapping "
                            "%(mapping)s leave a gap between %(start)s %% and "
                            "100 %%: add a row for that range.",
                            group=label,
                            mapping=mapping.display_name,
                            start=format_percent(expected),
                        )
                    )

    # ------------------------------------------------------------------
    # Resolution
    # ------------------------------------------------------------------

    @api.model
    def _get_for_company(self, company):
        """The active mapping of ``company``, else the default one."""
        mappings = self.search(
            [("company_id", "in", (company.id, False))], order="company_id, id"
        )
        own = mappings.filtered(lambda mapping: mapping.company_id == company)
        return own[:1] or mappings.filtered(lambda mapping: not mapping.company_id)[:1]

    def _resolve_category(self, stage_id, probability):
        """The category of an open lead in ``stage_id`` at ``probability``.

        Rows of the stage come first, then rows without a stage; pipeline
        when nothing matches (no mapping).
        """
        probability = probability or 0.0
        rules = self.rule_ids.sorted(
            lambda rule: (not rule.stage_id, rule.probability_from)
        )
        for rule in rules:
            if rule.stage_id and rule.stage_id.id != stage_id:
                continue
            if rule.probability_from <= probability and (
                probability < rule.probability_to or rule.probability_to >= 100
            ):
                return rule.category
        return "pipeline"

    def _apply_to_leads(self):
        """Recompute the category of the leads of the user's companies (and
        of the leads without a company) after a change of the mappings.

        Called after a change that only sales managers may make (access
        rights on the mappings and their rows). One SQL statement rewrites
        the categories, so it is kept to the leads of the companies the user
        works in; the superuser (install hook, data files) rewrites all.
        """
        company_ids = None if self.env.su else self.env.user.company_ids.ids
        self.env["crm.lead"]._apply_forecast_mapping(company_ids=company_ids)

    def action_apply(self):
        """Apply the mappings now to the leads whose category they decide."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._(
                    "Only sales managers can apply a forecast category mapping "
                    "to the opportunities."
                )
            )
        self.check_access("write")
        self._apply_to_leads()
        return True
