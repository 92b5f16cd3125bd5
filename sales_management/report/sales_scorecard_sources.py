# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models
from odoo.tools import SQL

# Figures summed from the documents, in the order of the source queries.
SOURCE_COLUMNS = (
    "revenue",
    "margin",
    "invoiced",
    "won_count",
    "won_amount",
    "cycle_days",
    "lost_count",
    "pipeline_created",
    "open_pipeline",
    "activities_done",
    "activities_overdue",
    "new_customers",
)


class SalesScorecard(models.Model):
    """Step 1 of the live scorecards: the figures of the documents.

    Each source reads one kind of document (orders, invoices, opportunities,
    activities, team memberships) of an open period and gives its figures
    per salesperson (``SOURCE_COLUMNS``); ``_query_sums`` adds them up per
    period, salesperson and range. ``_live_query`` builds the scorecards
    from these sums.
    """

    _inherit = "sales.scorecard"

    @api.model
    def _source_sql(self, user, from_where, **values):
        """One source of figures: rows (user_id, figures in SOURCE_COLUMNS)."""
        return SQL(
            "SELECT %s AS user_id, %s %s",
            user,
            SQL(", ").join(
                SQL("(%s)::float AS %s", values.get(name, SQL("0")), SQL(name))
                for name in SOURCE_COLUMNS
            ),
            from_where,
        )

    @api.model
    def _select_sources(self):
        """Figures of the documents of period ``p`` between ``r.d0`` and ``r.d1``.

        The definitions are the targets' ones (``sales.quota``): confirmed
        orders by order date in the company currency, posted invoices net of
        credit notes, won opportunities by closing date, new customers by
        their first confirmed order.
        """
        Quota = self.env["sales.quota"]
        rate = Quota._currency_rate_sql("so")
        period = SQL("r.d0")
        stop = SQL("(r.d1 + 1)")
        return [
            self._source_sql(
                SQL("so.user_id"),
                SQL(
                    """FROM sale_order so
                      WHERE so.state = 'sale' AND so.company_id = p.company_id
                        AND so.date_order >= %s AND so.date_order < %s
                        AND so.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                revenue=SQL("so.amount_untaxed / %s", rate),
                margin=SQL("COALESCE(so.margin, 0) / %s", rate),
            ),
            self._source_sql(
                SQL("am.invoice_user_id"),
                SQL(
                    """FROM account_move am
                      WHERE am.move_type IN ('out_invoice', 'out_refund')
                        AND am.state = 'posted' AND am.company_id = p.company_id
                        AND am.invoice_date >= %s AND am.invoice_date < %s
                        AND am.invoice_user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                invoiced=SQL("am.amount_untaxed_signed"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                       JOIN crm_stage s ON s.id = l.stage_id
                      WHERE l.type = 'opportunity' AND l.active AND s.is_won
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_closed >= %s AND l.date_closed < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                won_count=SQL("1"),
                won_amount=SQL("COALESCE(l.expected_revenue, 0)"),
                cycle_days=SQL(
                    "GREATEST(EXTRACT(EPOCH FROM l.date_closed - l.create_date), 0)"
                    " / 86400.0"
                ),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity' AND NOT l.active
                        AND l.probability = 0
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_closed >= %s AND l.date_closed < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                lost_count=SQL("1"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity'
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.create_date >= %s AND l.create_date < %s
                        AND l.user_id IS NOT NULL""",
                    period,
                    stop,
                ),
                pipeline_created=SQL("COALESCE(l.expected_revenue, 0)"),
            ),
            self._source_sql(
                SQL("l.user_id"),
                SQL(
                    """FROM crm_lead l
                      WHERE l.type = 'opportunity' AND l.active
                        AND l.probability < 100
                        AND (l.company_id = p.company_id OR l.company_id IS NULL)
                        AND l.date_deadline >= %s AND l.date_deadline <= r.d1
                        AND l.user_id IS NOT NULL""",
                    period,
                ),
                open_pipeline=SQL("COALESCE(l.prorated_revenue, 0)"),
            ),
            self._source_sql(
                SQL("u.id"),
                SQL(
                    """FROM mail_message m
                       JOIN res_users u ON u.partner_id = m.author_id
                      WHERE m.mail_activity_type_id IS NOT NULL
                        AND (m.record_company_id = p.company_id
                             OR m.record_company_id IS NULL)
                        AND m.date >= %s AND m.date < %s""",
                    period,
                    stop,
                ),
                activities_done=SQL("1"),
            ),
            self._source_sql(
                SQL("a.user_id"),
                SQL(
                    """FROM mail_activity a
                      WHERE a.active AND a.user_id IS NOT NULL
                        AND a.date_deadline >= %s AND a.date_deadline <= r.d1
                        AND a.date_deadline < CURRENT_DATE""",
                    period,
                ),
                activities_overdue=SQL("1"),
            ),
            self._source_sql(
                SQL("so.user_id"),
                SQL(
                    """FROM sale_order so
                       JOIN res_partner rp ON rp.id = so.partner_id
                      WHERE so.state = 'sale' AND so.company_id = p.company_id
                        AND so.date_order >= %s AND so.date_order < %s
                        AND so.user_id IS NOT NULL
                        AND NOT EXISTS (
                            SELECT 1 FROM sale_order o2
                              JOIN res_partner p2 ON p2.id = o2.partner_id
                             WHERE p2.commercial_partner_id = rp.commercial_partner_id
                               AND o2.state = 'sale'
                               AND o2.company_id = so.company_id
                               AND (o2.date_order < so.date_order
                                    OR (o2.date_order = so.date_order
                                        AND o2.id < so.id)))""",
                    period,
                    stop,
                ),
                new_customers=SQL("1"),
            ),
            # every member of a team of the company has a scorecard, if the
            # member works in the company: a team without company does not
            # put its members of other companies on this company's scorecards
            self._source_sql(
                SQL("m.user_id"),
                SQL(
                    """FROM crm_team_member m
                       JOIN crm_team t ON t.id = m.crm_team_id
                      WHERE m.active AND t.active
                        AND (t.company_id = p.company_id OR t.company_id IS NULL)
                        AND EXISTS (
                            SELECT 1 FROM res_company_users_rel cu
                             WHERE cu.user_id = m.user_id
                               AND cu.cid = p.company_id)"""
                ),
            ),
        ]

    # The sums of the sources

    @api.model
    def _query_sums(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s GROUP BY %s",
            self._select_sums(),
            self._from_sums(),
            self._where_sums(),
            self._group_by_sums(),
        )

    @api.model
    def _select_sums(self):
        return SQL(
            """p.id AS period_id, p.company_id, p.period_type, p.date_from,
               p.date_to, p.prev_date_from, r.is_prev, r.d0, r.d1, s.user_id, %s""",
            SQL(", ").join(
                SQL("SUM(s.%s) AS %s", SQL(name), SQL(name)) for name in SOURCE_COLUMNS
            ),
        )

    @api.model
    def _from_sums(self):
        """Each open period ``p``, once for itself and once for the previous
        period (range ``r``: ``is_prev``, from ``d0`` to ``d1``), with the
        rows of figures in that range (``s``: the sources, or the stored
        scorecards of its closed months, see ``_query_range_figures``) and
        their users (``u``)."""
        return SQL(
            """sales_scorecard_period p
               CROSS JOIN LATERAL (
                   VALUES (FALSE, p.date_from, p.date_to),
                          (TRUE, p.prev_date_from, p.date_from - 1)
               ) AS r (is_prev, d0, d1)
               CROSS JOIN LATERAL (%s) AS s
               JOIN res_users u ON u.id = s.user_id""",
            self._query_range_figures(),
        )

    @api.model
    def _where_sums(self):
        """Open periods; internal users but the superuser; the previous range
        only when the previous period is not closed (its stored scorecards
        are read instead)."""
        return SQL(
            """p.state = 'open' AND NOT u.share AND u.id <> %s
               AND (NOT r.is_prev OR NOT EXISTS (
                    SELECT 1 FROM sales_scorecard_period cp
                     WHERE cp.company_id = p.company_id
                       AND cp.period_type = p.period_type
                       AND cp.date_from = p.prev_date_from
                       AND cp.state = 'closed'))""",
            SUPERUSER_ID,
        )

    @api.model
    def _group_by_sums(self):
        return SQL(
            """p.id, p.company_id, p.period_type, p.date_from, p.date_to,
               p.prev_date_from, r.is_prev, r.d0, r.d1, s.user_id"""
        )
