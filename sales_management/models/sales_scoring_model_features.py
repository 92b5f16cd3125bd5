# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Features of the leads a scoring model learns from and scores: gathered
set-based, one query for any number of leads."""

from datetime import datetime
from operator import itemgetter

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

from .sales_scoring_model import FEATURES


class SalesScoringModel(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.scoring.model"

    @api.model
    def _fetch_features(self, query, many=True, few=False):
        """Rows of the feature ``query``, planned for what it reads.

        ``many`` leads: without PostgreSQL's JIT compilation (``jit = on`` is
        its default), which the planner's cost estimate of the query makes
        compile it for seconds, for a query that runs in a fraction of that.
        ``few`` leads (a small part of the leads, messages and orders): with
        the cost of a random read of cached data (``random_page_cost``), not
        of a spinning disk (PostgreSQL's default), so that their rows are
        read by index rather than by scanning whole tables. The settings are
        restored afterwards (and by any rollback).
        """
        cr = self.env.cr
        settings = {}
        if many:
            settings["jit"] = "off"
        if few:
            settings["random_page_cost"] = "1.1"
        saved = {}
        for name, value in settings.items():
            cr.execute(SQL("SELECT current_setting(%s)", name))
            saved[name] = cr.fetchone()[0]
            cr.execute(SQL("SELECT set_config(%s, %s, true)", name, value))
        cr.execute(query)
        rows = cr.fetchall()
        for name, value in saved.items():
            cr.execute(SQL("SELECT set_config(%s, %s, true)", name, value))
        return rows

    def _get_lead_scope_sql(self, alias):
        """Condition on ``alias`` (crm_lead): the leads this model scores."""
        self.ensure_one()
        condition = SQL(
            "%s = %s", SQL.identifier(alias, "company_id"), self.company_id.id
        )
        if self.team_id:
            condition = SQL(
                "%s AND %s = %s",
                condition,
                SQL.identifier(alias, "team_id"),
                self.team_id.id,
            )
        return condition

    def _lead_rows_sql(self, lead_ids=None, part="open"):
        """The leads to describe, in SQL, with their rank ``ord``.

        ``lead_ids``: those of them in the model's company (and team), ranked
        in that order; None: the leads the model learns from (``part``
        "closed") or scores ("open"), found with the ORM's domains and record
        rules, not ranked.
        """
        self.ensure_one()
        # won as everywhere else (sales.figure); closed: won or archived
        won = self.env["sales.figure"]._figure_condition("won", "l")
        columns = SQL(
            """l.id, l.company_id, l.partner_id, l.create_date, l.date_closed,
               l.stage_id, l.team_id, l.user_id, l.country_id, l.source_id,
               l.medium_id, l.campaign_id, l.lang_id, l.email_state,
               l.phone_state, l.expected_revenue,
               NOT l.active OR %s AS is_closed, %s AS won""",
            won,
            won,
        )
        if lead_ids is not None:
            return SQL(
                """SELECT %s, t.ord
                     FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ord)
                     JOIN crm_lead l ON l.id = t.id
                    WHERE %s""",
                columns,
                list(lead_ids),
                self._get_lead_scope_sql("l"),
            )
        return SQL(
            """SELECT %s, NULL::bigint AS ord
                 FROM crm_lead l
                WHERE %s AND l.id IN %s""",
            columns,
            self._get_lead_scope_sql("l"),
            self._lead_query(part).subselect(),
        )

    def _lead_query(self, part):
        """Query of the closed leads (``part`` "closed") or the open ones."""
        Lead = self.env["crm.lead"]
        if part == "closed":
            return Lead.with_context(active_test=False)._search(self._closed_domain())
        return Lead._search(self._open_domain())

    def _lead_features_query(self, lead_rows, few=True, pls=False):
        """Features of the leads of ``lead_rows`` (``_lead_rows_sql``).

        Columns: rank, id, closed, closing date, won, stage before winning
        (id), then ``FEATURES``, where the lead's age and days without
        contact are the dates they count from (``_days_from_dates`` turns
        them into days): dates are seconds since 1970. The features of
        ``RECORD_FEATURES`` are record ids (tags: a sorted array of ids),
        whose names are read only to show a lead's factors. A closed lead is
        described as it was when it closed: a won lead by the stage it was
        won from (its stage tracking), its age, messages and activities up
        to its closing date. ``few``: the leads are a small part of the stage
        tracking (its query starts from them). ``pls``: the columns of
        ``_pls_columns_sql`` follow.
        """
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        amount = SQL("so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)")
        if few:
            # from each lead to its customer's earlier orders (indexes)
            history = SQL(
                """SELECT l.id AS lead_id, COUNT(so.id) AS orders,
                          SUM(%s) AS amount
                     FROM lead l
                     JOIN res_partner lp ON lp.id = l.partner_id
                     JOIN res_partner sp
                       ON sp.commercial_partner_id = lp.commercial_partner_id
                     JOIN sale_order so
                       ON so.partner_id = sp.id AND so.state = 'sale'
                      AND so.company_id = l.company_id
                      AND so.date_order < l.create_date
                 GROUP BY l.id""",
                amount,
            )
        else:
            # many leads: one pass over the customers' orders and leads in
            # date order, counting the orders seen before each lead (at the
            # same instant, the lead comes first: orders strictly before it)
            history = SQL(
                """SELECT lead_id, orders, amount
                     FROM (SELECT e.lead_id,
                                  COUNT(e.amount) OVER w AS orders,
                                  SUM(e.amount) OVER w AS amount
                             FROM (SELECT lp.commercial_partner_id AS customer,
                                          l.company_id, l.create_date AS at,
                                          0 AS kind, l.id AS lead_id,
                                          NULL::numeric AS amount
                                     FROM lead l
                                     JOIN res_partner lp ON lp.id = l.partner_id
                                UNION ALL
                                   SELECT sp.commercial_partner_id, so.company_id,
                                          so.date_order, 1, NULL, %s
                                     FROM sale_order so
                                     JOIN res_partner sp ON sp.id = so.partner_id
                                    WHERE so.state = 'sale'
                                      AND so.company_id IN (SELECT company_id FROM lead)
                                  ) AS e
                           WINDOW w AS (PARTITION BY e.customer, e.company_id
                                            ORDER BY e.at, e.kind
                                        ROWS UNBOUNDED PRECEDING)
                          ) AS running
                    WHERE lead_id IS NOT NULL""",
                amount,
            )
        return SQL(
            """
            WITH lead AS (
                SELECT *, CASE WHEN is_closed THEN date_closed END AS closed
                  FROM (%(lead_rows)s) AS rows
            ), stage_before AS (
                SELECT DISTINCT ON (m.res_id) m.res_id AS lead_id,
                       v.old_value_integer AS stage_id
                  FROM mail_tracking_value v
                  JOIN crm_stage s ON s.id = v.new_value_integer AND s.is_won
                  JOIN mail_message m
                    ON m.id = v.mail_message_id AND m.model = 'crm.lead'
                 WHERE v.field_id = %(stage_field)s AND %(won_leads)s
              ORDER BY m.res_id, m.date DESC, m.id DESC
            ), contact AS (
                SELECT m.res_id AS lead_id,
                       COUNT(*) FILTER (WHERE m.message_type IN
                             ('email', 'comment', 'email_outgoing')) AS messages,
                       COUNT(*) FILTER (WHERE m.mail_activity_type_id IS NOT NULL)
                           AS activities,
                       MAX(m.date) AS last
                  FROM lead l
                  JOIN mail_message m
                    ON m.model = 'crm.lead' AND m.res_id = l.id
                   AND (m.message_type IN ('email', 'comment', 'email_outgoing')
                        OR m.mail_activity_type_id IS NOT NULL)
                   AND (l.date_closed IS NULL OR m.date <= l.date_closed)
              GROUP BY m.res_id
            ), history AS (%(history)s
            ), tags AS (
                SELECT r.lead_id, array_agg(r.tag_id ORDER BY r.tag_id) AS ids
                  FROM lead l
                  JOIN crm_tag_rel r ON r.lead_id = l.id
              GROUP BY r.lead_id
            )
            SELECT l.ord, l.id, l.is_closed,
                   floor(extract(epoch FROM l.closed))::bigint, l.won, b.stage_id,
                   st.id, l.team_id, l.user_id, l.country_id, l.source_id,
                   l.medium_id, l.campaign_id, COALESCE(tags.ids, '{}'), l.lang_id,
                   l.email_state, l.phone_state,
                   COALESCE(l.expected_revenue, 0)::float8,
                   floor(extract(epoch FROM l.create_date))::bigint,
                   COALESCE(ct.activities, 0)::int, COALESCE(ct.messages, 0)::int,
                   floor(extract(epoch FROM COALESCE(ct.last, l.create_date)))::bigint,
                   COALESCE(h.orders, 0) > 0, COALESCE(h.orders, 0)::int,
                   COALESCE(h.amount, 0)::float8 %(pls_columns)s
              FROM lead l
         LEFT JOIN stage_before b ON b.lead_id = l.id AND l.won
         LEFT JOIN crm_stage st
                ON st.id = CASE WHEN l.won THEN b.stage_id ELSE l.stage_id END
         LEFT JOIN contact ct ON ct.lead_id = l.id
         LEFT JOIN history h ON h.lead_id = l.id
         LEFT JOIN tags ON tags.lead_id = l.id
                   %(pls_join)s
            """,
            lead_rows=lead_rows,
            history=history,
            stage_field=stage_field.id,
            won_leads=SQL("m.res_id IN (SELECT id FROM lead WHERE won)")
            if few
            else SQL("TRUE"),
            pls_columns=SQL(", %s", self._pls_columns_sql("raw", SQL("tags.ids")))
            if pls
            else SQL(),
            pls_join=SQL("JOIN crm_lead raw ON raw.id = l.id") if pls else SQL(),
        )

    def _lead_features(self, leads=None):
        """Features of leads of the model's company (and team), as columns.

        ``leads``: those of them in scope, in their order; None: every lead
        the model learns from or scores (from the feature store), closed
        ones (oldest first) then open ones. Returns ``(ids, columns,
        details)``: the ids of the leads described; the features ``{name:
        [value per lead]}``; and ``{"closed": [...], "won": [...],
        "stage_before": [...], "expected_revenue": [...]}`` for the same
        leads, with, when ``leads`` is None, ``"pls"``: the columns of
        ``_pls_columns_sql`` of the closed leads, and ``"read"``: the ids of
        the leads whose features were read from the database (the others
        came from the store).
        """
        self.ensure_one()
        width = len(FEATURES) + 6
        read = None
        if leads is None:
            columns, read = self._stored_feature_columns()
        else:
            rows = []
            if leads:
                rows = self._feature_rows(
                    self._lead_rows_sql(leads.ids),
                    few=len(leads) < 10000,
                    many=len(leads) > 1000,
                )
                rows.sort(key=itemgetter(0))
            columns = self._transpose(rows, width)
        self._days_from_dates(columns)
        _ranks, ids, closed, _dates, won, stage_before, *values = columns[:width]
        columns, pls = dict(zip(FEATURES, values, strict=True)), columns[width:]
        details = {
            "closed": closed,
            "won": won,
            "stage_before": stage_before,
            "expected_revenue": columns["expected_revenue"],
        }
        if leads is None:  # what Odoo's scoring reads, to compare with it
            n_closed = sum(closed)
            details["pls"] = [column[:n_closed] for column in pls]
            details["read"] = read
        return ids, columns, details

    @api.model
    def _days_from_dates(self, columns):
        """Turn the age and last contact dates of feature columns into days.

        Counted up to the closing date of a closed lead, up to now for an
        open one, as whole days, in place.
        """
        if not columns[1]:
            return
        now = (fields.Datetime.now() - datetime(1970, 1, 1)).total_seconds()
        closed = np.array([now if at is None else at for at in columns[3]])
        for name in ("lead_age_days", "days_since_contact"):
            index = 6 + FEATURES.index(name)
            since = np.asarray(columns[index], dtype=float)
            days = np.maximum(np.floor((closed - since) / 86400.0), 0)
            columns[index] = days.astype(int).tolist()

    @api.model
    def _transpose(self, rows, width):
        """Columns of ``rows`` (lists), ``width`` empty ones without rows."""
        if not rows:
            return [[] for _index in range(width)]
        return [list(column) for column in zip(*rows, strict=True)]

    def _feature_rows(self, lead_rows, few, many=True, pls=False):
        """Rows of ``_lead_features_query`` on the leads of ``lead_rows``."""
        self.env.flush_all()
        return self._fetch_features(
            self._lead_features_query(lead_rows, few=few, pls=pls),
            many=many,
            few=few,
        )
