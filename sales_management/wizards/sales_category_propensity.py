# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import lead_scoring, scoring_evaluation

# fewer buyers than this in the category, or fewer customers who did not buy
# it, and the ranking would only repeat noise
MIN_BUYERS = 10


class SalesCategoryPropensity(models.TransientModel):
    """Rank customers and open leads by their likelihood to buy a category.

    A model learns, from every customer of the company, what the buyers of
    the category had bought in other categories (and their country, industry
    and tags); it then ranks the customers who have not bought it yet, and the
    open leads by their customer's likelihood.
    """

    _name = "sales.category.propensity"
    _description = "Likelihood to Buy a Product Category"
    _inherit = ["sales.input.guard"]

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Customers, orders and leads of this company.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        help="The category to sell: its products and those of its subcategories.",
    )
    limit = fields.Integer(
        "Rows to List",
        default=100,
        help="How many customers, and how many open leads, the ranking lists.",
    )
    state = fields.Selection(
        [("draft", "To rank"), ("done", "Ranked")], default="draft", readonly=True
    )
    n_customers = fields.Integer("Customers Studied", readonly=True)
    n_buyers = fields.Integer(
        "Customers Who Bought It",
        readonly=True,
        help="Customers with a confirmed order of the category.",
    )
    auc = fields.Float(
        "Ranking Quality (AUC)",
        readonly=True,
        digits=(3, 2),
        help="How well the model tells buyers from other customers, measured "
        "on the customers it did not learn from (one fifth of them): 0.5 is "
        "chance, 1 is perfect.",
    )
    customer_line_ids = fields.One2many(
        "sales.category.propensity.line",
        "wizard_id",
        domain=[("lead_id", "=", False)],
        string="Customers",
    )
    lead_line_ids = fields.One2many(
        "sales.category.propensity.line",
        "wizard_id",
        domain=[("lead_id", "!=", False)],
        string="Open Leads",
    )

    @api.depends("product_categ_id")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._(
                "Likely buyers of %(category)s",
                category=wizard.product_categ_id.display_name or "…",
            )

    @api.constrains("company_id")
    def _check_company_allowed(self):
        self._sm_check_company_allowed(self.company_id)

    @api.constrains("limit")
    def _check_limit(self):
        for wizard in self:
            if not 1 <= wizard.limit <= 5000:
                raise ValidationError(
                    self.env._("The number of rows to list must be between 1 and 5000.")
                )

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------

    def _customer_rows(self):
        """One row per customer (commercial partner) of the company.

        (partner id, bought the category, categories bought outside it,
        country, industry, tags, orders, amount).
        """
        self.ensure_one()
        self.env.flush_all()
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            SQL(
                """
                WITH target AS (
                    SELECT id FROM product_category WHERE parent_path LIKE %(path)s
                ), bought AS (
                    SELECT p.commercial_partner_id AS customer, pt.categ_id,
                           so.id AS order_id,
                           sol.price_subtotal
                               / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner p ON p.id = so.partner_id
                      JOIN product_product pp ON pp.id = sol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE so.state = 'sale' AND so.company_id = %(company)s
                       AND sol.display_type IS NULL
                ), customer AS (
                    SELECT b.customer,
                           BOOL_OR(b.categ_id IN (SELECT id FROM target)) AS buyer,
                           ARRAY_AGG(DISTINCT b.categ_id) FILTER (
                               WHERE b.categ_id NOT IN (SELECT id FROM target)
                           ) AS categories,
                           COUNT(DISTINCT b.order_id) FILTER (
                               WHERE b.categ_id NOT IN (SELECT id FROM target)
                           ) AS orders,
                           SUM(b.amount) FILTER (
                               WHERE b.categ_id NOT IN (SELECT id FROM target)
                           ) AS amount
                      FROM bought b
                  GROUP BY b.customer
                   UNION ALL
                    -- customers of open leads who never ordered
                    SELECT DISTINCT p.commercial_partner_id, FALSE, NULL::int[], 0, 0
                      FROM crm_lead l
                      JOIN res_partner p ON p.id = l.partner_id
                     WHERE l.active AND l.probability < 100
                       AND l.company_id = %(company)s
                       AND NOT EXISTS (
                           SELECT 1 FROM sale_order so
                             JOIN res_partner sp ON sp.id = so.partner_id
                            WHERE sp.commercial_partner_id = p.commercial_partner_id
                              AND so.state = 'sale' AND so.company_id = %(company)s)
                )
                SELECT c.customer, c.buyer, COALESCE(c.categories, '{}'),
                       co.code, COALESCE(ind.name->>%(lang)s, ind.name->>'en_US'),
                       ARRAY(SELECT COALESCE(t.name->>%(lang)s, t.name->>'en_US')
                               FROM res_partner_res_partner_category_rel r
                               JOIN res_partner_category t ON t.id = r.category_id
                              WHERE r.partner_id = c.customer ORDER BY t.id),
                       c.orders, COALESCE(c.amount, 0)::float8
                  FROM customer c
                  JOIN res_partner cp ON cp.id = c.customer
             LEFT JOIN res_country co ON co.id = cp.country_id
             LEFT JOIN res_partner_industry ind ON ind.id = cp.industry_id
              ORDER BY c.customer
                """,
                path=f"{self.product_categ_id.parent_path}%",
                company=self.company_id.id,
                lang=lang,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _features(self, rows, category_names):
        return {
            "categories bought": [
                tuple(category_names[categ] for categ in row[2]) for row in rows
            ],
            "country": [row[3] for row in rows],
            "industry": [row[4] for row in rows],
            "customer tags": [tuple(row[5]) for row in rows],
            "orders": [row[6] for row in rows],
            "amount outside the category": [row[7] for row in rows],
        }

    # ------------------------------------------------------------------
    # Ranking
    # ------------------------------------------------------------------

    def action_rank(self):
        self.ensure_one()
        self.check_access("write")
        self._check_company_allowed()
        rows = self._customer_rows()
        outcomes = [bool(row[1]) for row in rows]
        n_buyers = sum(outcomes)
        if n_buyers < MIN_BUYERS or len(rows) - n_buyers < MIN_BUYERS:
            raise UserError(
                self.env._(
                    "Only %(buyers)s of %(customers)s customers bought in the "
                    "category %(category)s: at least %(minimum)s buyers and "
                    "%(minimum)s other customers are needed to rank the others.",
                    buyers=n_buyers,
                    customers=len(rows),
                    category=self.product_categ_id.display_name,
                    minimum=MIN_BUYERS,
                )
            )
        categories = self.env["product.category"].search_fetch(
            [("id", "in", list({categ for row in rows for categ in row[2]}))],
            ["complete_name"],
        )
        names = {category.id: category.complete_name for category in categories}
        features = self._features(rows, names)
        # validate on one customer in five (every fifth, by id), then learn
        # from all of them
        test = [index % 5 == 4 for index in range(len(rows))]
        train_rows = {
            name: [v for v, t in zip(values, test, strict=True) if not t]
            for name, values in features.items()
        }
        held_rows = {
            name: [v for v, t in zip(values, test, strict=True) if t]
            for name, values in features.items()
        }
        held_outcomes = [o for o, t in zip(outcomes, test, strict=True) if t]
        validation = lead_scoring.fit(
            train_rows, [o for o, t in zip(outcomes, test, strict=True) if not t]
        )
        auc = scoring_evaluation.auc(validation.predict(held_rows), held_outcomes)
        model = lead_scoring.fit(features, outcomes)
        probabilities = model.predict(features)
        prospects = [index for index, outcome in enumerate(outcomes) if not outcome]
        prospects.sort(key=lambda index: (-probabilities[index], rows[index][0]))
        by_partner = {row[0]: probabilities[index] for index, row in enumerate(rows)}
        chosen = prospects[: self.limit]
        explanations = model.explain_many(
            {name: [values[i] for i in chosen] for name, values in features.items()},
            top=3,
        )
        lines = [
            {
                "wizard_id": self.id,
                "partner_id": rows[index][0],
                "probability": 100.0 * probabilities[index],
                "reasons": "; ".join(
                    f"{detail['label']} ({100 * detail['effect']:+.0f} %)"
                    for detail in details
                    if abs(detail["effect"]) >= 0.005
                ),
            }
            for index, details in zip(chosen, explanations, strict=True)
        ]
        lines += self._lead_lines(by_partner)
        self.customer_line_ids.unlink()
        self.lead_line_ids.unlink()
        self.env["sales.category.propensity.line"].create(lines)
        self.write(
            {
                "state": "done",
                "n_customers": len(rows),
                "n_buyers": n_buyers,
                "auc": auc,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _lead_lines(self, by_partner):
        """Open leads of customers who have not bought the category, best first."""
        leads = self.env["crm.lead"].search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "!=", False),
                ("probability", "<", 100),
            ],
            ["partner_id", "expected_revenue"],
        )
        scored = []
        for lead in leads:
            probability = by_partner.get(lead.partner_id.commercial_partner_id.id)
            if probability is not None:
                scored.append((probability, lead))
        scored.sort(key=lambda item: (-item[0], item[1].id))
        # customers who already bought the category are not prospects for it
        buyers = self._buyers()
        return [
            {
                "wizard_id": self.id,
                "partner_id": lead.partner_id.commercial_partner_id.id,
                "lead_id": lead.id,
                "probability": 100.0 * probability,
            }
            for probability, lead in scored
            if lead.partner_id.commercial_partner_id.id not in buyers
        ][: self.limit]

    def _buyers(self):
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT p.commercial_partner_id
                     FROM sale_order_line sol
                     JOIN sale_order so ON so.id = sol.order_id
                     JOIN res_partner p ON p.id = so.partner_id
                     JOIN product_product pp ON pp.id = sol.product_id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     JOIN product_category pc ON pc.id = pt.categ_id
                    WHERE so.state = 'sale' AND so.company_id = %s
                      AND pc.parent_path LIKE %s""",
                self.company_id.id,
                f"{self.product_categ_id.parent_path}%",
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}


class SalesCategoryPropensityLine(models.TransientModel):
    _name = "sales.category.propensity.line"
    _description = "Likelihood to Buy a Product Category: one Customer or Lead"
    _inherit = ["sales.input.guard"]
    _order = "probability desc, id"

    wizard_id = fields.Many2one(
        "sales.category.propensity", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True
    )
    user_id = fields.Many2one(
        related="partner_id.user_id",
        related_sudo=False,
        string="Salesperson",
        help="The customer's salesperson.",
    )
    lead_id = fields.Many2one("crm.lead", string="Open Lead", readonly=True)
    company_currency = fields.Many2one(
        related="lead_id.company_currency", related_sudo=False
    )
    expected_revenue = fields.Monetary(
        related="lead_id.expected_revenue",
        related_sudo=False,
        currency_field="company_currency",
    )
    probability = fields.Float(
        "Likelihood (%)",
        digits=(5, 1),
        readonly=True,
        help="Likelihood that the customer buys in the category, learnt from "
        "what the customers who bought it had bought before.",
    )
    reasons = fields.Char(
        readonly=True,
        help="What makes the customer more or less likely to buy it.",
    )

    def action_open(self):
        self.ensure_one()
        record = self.lead_id or self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
