# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

# fields of the forecast on leads, checked like every value entered in the addons
FORECAST_LEAD_FIELDS = ("forecast_category", "forecast_category_manual")
FORECAST_CATEGORIES = [
    ("pipeline", "Pipeline"),
    ("best_case", "Best Case"),
    ("commit", "Commit"),
    ("closed", "Closed"),
    ("omitted", "Omitted"),
]


def format_percent(value):
    """A probability bound as people write it: 40, 12.5 (no trailing zeros)."""
    return f"{value:g}"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    forecast_category = fields.Selection(
        FORECAST_CATEGORIES,
        compute="_compute_forecast_category",
        inverse="_inverse_forecast_category",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Where the opportunity counts in the forecast. Won opportunities "
        "are Closed and lost ones Omitted; open ones follow the forecast "
        "category mapping (stage and probability) until the salesperson "
        "chooses a category by hand.",
    )
    forecast_category_manual = fields.Selection(
        FORECAST_CATEGORIES,
        string="Category Chosen by Hand",
        copy=False,
        help="The category the salesperson chose for this open opportunity; "
        "the mapping never overwrites it. Empty: the mapping decides.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        guard = self.env["sales.input.guard"]
        for vals in vals_list:
            guard._sm_check_model_values(self, vals, FORECAST_LEAD_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.env["sales.input.guard"]._sm_check_model_values(
            self, vals, FORECAST_LEAD_FIELDS
        )
        return super().write(vals)

    def _auto_init(self):
        # Create the columns before the ORM would compute them lead by lead
        # on a large database: the mapping fills them in one statement once
        # it is installed (see hooks.py).
        for column in ("forecast_category", "forecast_category_manual"):
            if not column_exists(self.env.cr, "crm_lead", column):
                create_column(self.env.cr, "crm_lead", column, "varchar")
        return super()._auto_init()

    def _forecast_outcome_category(self):
        """Closed for a won opportunity, omitted for a lost one, else None."""
        self.ensure_one()
        if self.active and self.stage_id.is_won:
            return "closed"
        if not self.active and not self.probability:
            return "omitted"
        return None

    @api.depends(
        "stage_id", "probability", "active", "company_id", "forecast_category_manual"
    )
    def _compute_forecast_category(self):
        Mapping = self.env["sales.forecast.category.mapping"].sudo()
        resolvers = {}
        for lead in self:
            outcome = lead._forecast_outcome_category()
            if outcome:
                lead.forecast_category = outcome
            elif lead.forecast_category_manual:
                lead.forecast_category = lead.forecast_category_manual
            else:
                company = lead.company_id or self.env.company
                if company.id not in resolvers:
                    resolvers[company.id] = Mapping._get_for_company(company)
                lead.forecast_category = resolvers[company.id]._resolve_category(
                    lead.stage_id.id, lead.probability
                )

    def _inverse_forecast_category(self):
        for lead in self:
            if lead._forecast_outcome_category():
                # won and lost opportunities keep their outcome
                continue
            lead.forecast_category_manual = lead.forecast_category

    def action_reset_forecast_category(self):
        """Let the mapping decide the category again."""
        self.write({"forecast_category_manual": False})
        return True

    @api.model
    def _apply_forecast_mapping(self, lead_ids=None, company_ids=None):
        """Set the category of every lead the mapping decides, in one statement.

        Won and lost opportunities get their outcome, leads with a category
        chosen by hand keep it, the others get the category of the mapping
        of their company (or the default mapping). Only leads whose category
        changes are written. ``lead_ids`` restricts the update, and
        ``company_ids`` to the leads of these companies and those without a
        company (all leads when None). Returns the ids of the leads changed.
        """
        self.env.flush_all()
        scope = SQL("TRUE") if lead_ids is None else SQL("l.id = ANY(%s)", lead_ids)
        if company_ids is not None:
            scope = SQL(
                "%s AND (l.company_id = ANY(%s) OR l.company_id IS NULL)",
                scope,
                list(company_ids),
            )
        self.env.cr.execute(
            SQL(
                """
                WITH lead AS MATERIALIZED (
                    SELECT l.id, l.active, COALESCE(l.probability, 0) AS probability,
                           %(won)s AS is_won, l.stage_id, l.forecast_category_manual,
                           l.forecast_category,
                           COALESCE(own.id, fallback.id) AS mapping_id
                      FROM crm_lead l
                 LEFT JOIN sales_forecast_category_mapping own
                        ON own.active AND own.company_id = l.company_id
                 LEFT JOIN (SELECT id FROM sales_forecast_category_mapping
                             WHERE active AND company_id IS NULL
                          ORDER BY id LIMIT 1) fallback ON TRUE
                     WHERE %(scope)s
                ), mapped AS (
                    -- the rows of the lead's stage first, then the general rows
                    SELECT DISTINCT ON (lead.id) lead.id, r.category
                      FROM lead
                      JOIN sales_forecast_category_rule r
                        ON r.mapping_id = lead.mapping_id
                       AND (r.stage_id = lead.stage_id OR r.stage_id IS NULL)
                       AND lead.probability >= r.probability_from
                       AND (lead.probability < r.probability_to
                            OR r.probability_to >= 100)
                     WHERE lead.forecast_category_manual IS NULL
                  ORDER BY lead.id, r.stage_id IS NULL, r.probability_from
                ), new AS (
                    SELECT lead.id, lead.forecast_category AS old,
                           CASE WHEN lead.is_won
                                THEN 'closed'
                                WHEN NOT lead.active AND lead.probability = 0
                                THEN 'omitted'
                                WHEN lead.forecast_category_manual IS NOT NULL
                                THEN lead.forecast_category_manual
                                ELSE COALESCE(mapped.category, 'pipeline')
                           END AS category
                      FROM lead LEFT JOIN mapped ON mapped.id = lead.id
                )
                UPDATE crm_lead l
                   SET forecast_category = new.category,
                       write_date = now() AT TIME ZONE 'UTC',
                       write_uid = %(uid)s
                  FROM new
                 WHERE new.id = l.id
                   AND new.old IS DISTINCT FROM new.category
             RETURNING l.id, new.old, new.category
                """,
                scope=scope,
                uid=self.env.uid,
                won=self.env["sales.figure"]._figure_condition("won", "l"),
            )
        )
        rows = self.env.cr.fetchall()
        changed = [row[0] for row in rows]
        self.browse(changed).invalidate_recordset(
            ["forecast_category", "write_date", "write_uid"]
        )
        # a category set for the first time (installation) is not a change
        self._track_forecast_categories([row for row in rows if row[1]])
        return changed

    @api.model
    def _track_forecast_categories(self, changes):
        """Log the categories the mapping changed in SQL in the leads'
        chatter, as Odoo's tracking would have: ``changes`` holds (lead id,
        old category, new category)."""
        if not changes:
            return
        info = self.fields_get(["forecast_category"])["forecast_category"]
        Tracking = self.env["mail.tracking.value"]
        subtype = self.env.ref("mail.mt_note")
        author = self.env.user.partner_id.id
        self.env["mail.message"].sudo().create(
            [
                {
                    "model": self._name,
                    "res_id": lead_id,
                    "message_type": "notification",
                    "subtype_id": subtype.id,
                    "author_id": author,
                    "body": "",
                    "tracking_value_ids": [
                        Command.create(
                            Tracking._create_tracking_values(
                                old,
                                new,
                                "forecast_category",
                                info,
                                self.browse(lead_id),
                            )
                        )
                    ],
                }
                for lead_id, old, new in changes
            ]
        )
