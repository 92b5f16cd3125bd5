# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Accuracy of ended forecasts and the trust-adjusted commit it feeds."""

from odoo import api, fields, models
from odoo.tools import SQL

from .sales_forecast import ACCURACY_FIELDS, TRUST_PERIODS


class SalesForecast(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.forecast"

    # Accuracy: stored once the period has ended (see _store_accuracy).
    accuracy_call = fields.Monetary(
        "Call Before End",
        readonly=True,
        copy=False,
        help="The call that counted some weeks before the end of the period "
        "(see Forecast Accuracy Weeks in the CRM settings).",
    )
    accuracy_actual = fields.Monetary(
        "Actual",
        readonly=True,
        copy=False,
        help="Closed won of the period, stored when the period ended.",
    )
    accuracy = fields.Float(
        "Accuracy (%)",
        readonly=True,
        copy=False,
        digits=(16, 1),
        aggregator="avg",
        help="100 % minus the error of the call before the end, relative to "
        "the actual (never below 0).",
    )
    bias = fields.Float(
        "Bias (%)",
        readonly=True,
        copy=False,
        digits=(16, 1),
        aggregator="avg",
        help="Call before the end minus actual, relative to the actual: "
        "positive when over-calling, negative when under-calling.",
    )
    accuracy_date = fields.Datetime(
        "Accuracy Stored On",
        readonly=True,
        copy=False,
        index=True,
        help="When the accuracy of the ended period was stored.",
    )
    trust_factor = fields.Float(
        compute="_compute_trust",
        digits=(16, 2),
        help="Actual divided by the call before the end over the last six "
        "ended periods of the same owner (1 without history).",
    )
    trust_adjusted_commit = fields.Monetary(
        "Trust-adjusted Commit",
        compute="_compute_trust",
        help="Commit times the trust factor: the commit corrected by how the "
        "owner's past calls turned out.",
    )

    def init(self):
        result = super().init()
        # the past calls of an owner, for the trust factor (_compute_trust)
        self.env.cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS sales_forecast_trust_index
                       ON sales_forecast (owner_type, COALESCE(user_id, 0), %s,
                                          date_from)
                    WHERE accuracy_call > 0""",
                self._trust_team_key("sales_forecast"),
            )
        )
        return result

    # ------------------------------------------------------------------
    # Trust factor and accuracy
    # ------------------------------------------------------------------

    @api.model
    def _trust_team_key(self, alias):
        """The team of a team forecast; a salesperson's history follows them
        from team to team."""
        return SQL(
            "(CASE WHEN %(t)s.owner_type = 'user' THEN 0 "
            "ELSE COALESCE(%(t)s.team_id, 0) END)",
            t=SQL.identifier(alias),
        )

    def _compute_trust(self):
        """Trust factor of the forecasts' owners, in one query."""
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        rows = {}
        if ids:
            self.flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT f.id, SUM(p.accuracy_actual)::float,
                           SUM(p.accuracy_call)::float
                      FROM sales_forecast f
                      JOIN LATERAL (
                           SELECT p.accuracy_actual, p.accuracy_call
                             FROM sales_forecast p
                            WHERE p.owner_type = f.owner_type
                              AND COALESCE(p.user_id, 0) = COALESCE(f.user_id, 0)
                              AND %(team_key_p)s = %(team_key_f)s
                              AND p.accuracy_call > 0
                              AND p.company_id = f.company_id
                              AND p.period_type = f.period_type
                              AND p.date_to < f.date_from
                         ORDER BY p.date_from DESC
                            LIMIT %(limit)s
                      ) p ON TRUE
                     WHERE f.id = ANY(%(ids)s)
                  GROUP BY f.id
                    """,
                    team_key_p=self._trust_team_key("p"),
                    team_key_f=self._trust_team_key("f"),
                    limit=TRUST_PERIODS,
                    ids=ids,
                )
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for forecast in self:
            actual, call = rows.get(forecast.id, (0.0, 0.0))
            forecast.trust_factor = actual / call if call else 1.0
            forecast.trust_adjusted_commit = (
                forecast.commit_amount * forecast.trust_factor
            )

    def _store_accuracy(self):
        """Store the accuracy of these ended forecasts, in one statement.

        The call is the one that counted ``forecast_accuracy_weeks`` weeks
        before the end of the period (of the forecast's company): the latest
        manager adjustment, else leader adjustment, else submission made
        before then. The actual is the closed won of the period. Forecasts
        without a call then get an accuracy date only.
        """
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        if not ids:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH f AS (
                    SELECT f.id, f.owner_type, f.user_id, f.team_id, f.company_id,
                           f.date_from, f.date_to,
                           (f.date_to + 1
                            - 7 * COALESCE(c.forecast_accuracy_weeks, 0))::timestamp
                               AS cutoff
                      FROM sales_forecast f
                      JOIN res_company c ON c.id = f.company_id
                     WHERE f.id = ANY(%(ids)s)
                ), calls AS (
                    SELECT f.id, e.amount AS call, a.actual
                      FROM f
                 LEFT JOIN LATERAL (
                        SELECT e.amount FROM sales_forecast_entry e
                         WHERE e.forecast_id = f.id AND e.date < f.cutoff
                      ORDER BY CASE e.kind WHEN 'manager' THEN 3
                                           WHEN 'leader' THEN 2 ELSE 1 END DESC,
                               e.date DESC, e.id DESC
                         LIMIT 1
                       ) e ON TRUE
                CROSS JOIN LATERAL (
                        SELECT COALESCE(SUM(l.expected_revenue), 0)::float AS actual
                          FROM crm_lead l
                         WHERE %(won)s
                           AND CASE f.owner_type
                                   WHEN 'user' THEN l.user_id = f.user_id
                                   WHEN 'team' THEN l.team_id = f.team_id
                                   ELSE TRUE END
                       ) a
                )
                UPDATE sales_forecast f
                   SET accuracy_call = calls.call,
                       accuracy_actual = CASE WHEN calls.call IS NOT NULL
                                              THEN calls.actual END,
                       accuracy = CASE
                           WHEN calls.call IS NULL THEN NULL
                           WHEN calls.actual > 0 THEN GREATEST(0.0, 100.0 * (1
                                - ABS(calls.call - calls.actual) / calls.actual))
                           WHEN calls.call = 0 THEN 100.0 ELSE 0.0 END,
                       bias = CASE WHEN calls.call IS NOT NULL AND calls.actual > 0
                                   THEN 100.0 * (calls.call - calls.actual)
                                        / calls.actual END,
                       accuracy_date = now() AT TIME ZONE 'UTC'
                  FROM calls
                 WHERE calls.id = f.id
                """,
                ids=ids,
                won=self.env["sales.figure"]._figure_condition(
                    "won",
                    "l",
                    company=SQL("f.company_id"),
                    date_from=SQL("f.date_from"),
                    date_to=SQL("f.date_to"),
                ),
            )
        )
        self.invalidate_recordset(ACCURACY_FIELDS)

    @api.model
    def _cron_store_accuracy(self, batch_size=1000):
        """Store the accuracy of the forecasts whose period has ended, by
        batches (locked, so that parallel workers never take the same)."""
        domain = [
            ("date_to", "<", fields.Date.context_today(self)),
            ("accuracy_date", "=", False),
        ]
        candidates = self.search(domain, limit=batch_size, order="date_to, id")
        batch = self.browse()
        if candidates:
            self.env.cr.execute(
                SQL(
                    """SELECT id FROM sales_forecast WHERE id = ANY(%s)
                        FOR UPDATE SKIP LOCKED""",
                    candidates.ids,
                )
            )
            batch = self.browse(row[0] for row in self.env.cr.fetchall())
            batch._store_accuracy()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        return len(batch)
