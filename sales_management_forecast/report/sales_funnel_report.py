# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class SalesFunnelReport(models.Model):
    """One row per lead: how far it went from lead to paid ("source to cash")."""

    _name = "sales.funnel.report"
    _description = "Funnel: Source to Cash"
    _auto = False
    _order = "date_created desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        "crm.lead", readonly=True, help="The lead or opportunity."
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the lead."
    )
    currency_id = fields.Many2one(
        "res.currency", readonly=True, help="Currency of the company."
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True, help="Its salesperson."
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", readonly=True, help="Its sales team."
    )
    source_id = fields.Many2one(
        "utm.source", readonly=True, help="UTM source of the lead."
    )
    medium_id = fields.Many2one(
        "utm.medium", readonly=True, help="UTM medium of the lead."
    )
    campaign_id = fields.Many2one(
        "utm.campaign",
        readonly=True,
        help="UTM campaign of the lead.",
    )
    stage_id = fields.Many2one(
        "crm.stage",
        readonly=True,
        help="Its stage now: for a lost opportunity, the stage where it dropped.",
    )
    date_created = fields.Date(readonly=True, help="When the lead was created.")
    lead_count = fields.Integer("Leads", readonly=True, help="1 per lead.")
    opportunity_count = fields.Integer(
        "Opportunities", readonly=True, help="1 when it became an opportunity."
    )
    won_count = fields.Integer("Won", readonly=True, help="1 when it was won.")
    lost_count = fields.Integer("Lost", readonly=True, help="1 when it was lost.")
    invoiced_count = fields.Integer(
        "Invoiced",
        readonly=True,
        help="1 when an order of the opportunity was invoiced (posted).",
    )
    paid_count = fields.Integer(
        "Paid", readonly=True, help="1 when one of those invoices is paid."
    )
    opportunity_rate = fields.Float(
        "Lead to Opportunity (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the leads that became opportunities.",
    )
    won_rate = fields.Float(
        "Lead to Won (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the leads that were won.",
    )
    invoiced_rate = fields.Float(
        "Lead to Invoiced (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the leads invoiced.",
    )
    paid_rate = fields.Float(
        "Lead to Paid (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the leads paid.",
    )
    expected_revenue = fields.Monetary(
        readonly=True, help="Expected revenue of the lead."
    )
    invoiced_amount = fields.Monetary(
        readonly=True,
        help="Untaxed amount of the posted invoices of its orders (company currency).",
    )
    paid_amount = fields.Monetary(
        readonly=True, help="Untaxed amount of those invoices that are paid."
    )

    def _select(self):
        return SQL(
            """
            l.id, l.id AS lead_id, l.company_id, c.currency_id, l.user_id,
            l.team_id, l.source_id, l.medium_id, l.campaign_id, l.stage_id,
            l.create_date::date AS date_created,
            1 AS lead_count,
            f.opportunity AS opportunity_count,
            f.won AS won_count,
            f.lost AS lost_count,
            f.invoiced AS invoiced_count,
            f.paid AS paid_count,
            100.0 * f.opportunity AS opportunity_rate,
            100.0 * f.won AS won_rate,
            100.0 * f.invoiced AS invoiced_rate,
            100.0 * f.paid AS paid_rate,
            l.expected_revenue,
            COALESCE(inv.invoiced_amount, 0.0) AS invoiced_amount,
            COALESCE(inv.paid_amount, 0.0) AS paid_amount
            """
        )

    def _from(self):
        return SQL(
            """
            crm_lead l
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN (
                SELECT mv.opportunity_id,
                       SUM(mv.amount) AS invoiced_amount,
                       SUM(mv.amount) FILTER (WHERE mv.paid) AS paid_amount,
                       BOOL_OR(mv.paid) AS any_paid
                  FROM (
                      SELECT DISTINCT so.opportunity_id, am.id,
                             am.amount_untaxed_signed AS amount,
                             am.payment_state IN ('paid', 'in_payment') AS paid
                        FROM sale_order so
                        JOIN sale_order_line sol ON sol.order_id = so.id
                        JOIN sale_order_line_invoice_rel rel
                          ON rel.order_line_id = sol.id
                        JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                        JOIN account_move am ON am.id = aml.move_id
                       WHERE so.opportunity_id IS NOT NULL
                         AND am.state = 'posted' AND am.move_type = 'out_invoice'
                  ) mv
              GROUP BY mv.opportunity_id
            ) inv ON inv.opportunity_id = l.id
            CROSS JOIN LATERAL (
                SELECT CASE WHEN l.type = 'opportunity'
                                 OR l.date_conversion IS NOT NULL
                            THEN 1 ELSE 0 END AS opportunity,
                       CASE WHEN %s THEN 1 ELSE 0 END AS won,
                       CASE WHEN NOT l.active AND COALESCE(l.probability, 0) = 0
                            THEN 1 ELSE 0 END AS lost,
                       CASE WHEN inv.opportunity_id IS NOT NULL
                            THEN 1 ELSE 0 END AS invoiced,
                       CASE WHEN inv.any_paid THEN 1 ELSE 0 END AS paid
            ) f
            """,
            self.env["sales.figure"]._figure_condition("won", "l"),
        )

    @property
    def _table_query(self):
        return SQL("SELECT %s FROM %s", self._select(), self._from())
