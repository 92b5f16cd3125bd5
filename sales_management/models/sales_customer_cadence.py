# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How often each customer orders, and whether they still do.

One row per customer (commercial entity) and company, rewritten by a
scheduled job from the confirmed orders of the company (``sales.figure``,
source ``confirmed``) with the "buy till you die" model of
``tools/recommendation/cadence.py``. Screens and follow-up rules only read
the rows: nothing is computed or written when a customer is displayed, so
the screens work on a read-only replica too.

Customers who never ordered but had opportunities get a row as well: their
history is the days their opportunities were created (archived ones
included), so a prospect who comes back every quarter is likely active and
one last heard of two years ago likely gone. They have no reorder interval.
"""

import json
import logging
from datetime import datetime, time, timedelta

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.recommendation import cadence

_logger = logging.getLogger(__name__)

# rows written per statement (and per commit in the scheduled job)
CHUNK_SIZE = 5000
# a customer is dormant below this chance of ordering again, unless the
# company's dormancy follow-up rule says otherwise
DORMANT_THRESHOLD = 0.3

COLUMNS = (
    ("partner_id", "int4"),
    ("company_id", "int4"),
    ("basis", "varchar"),
    ("order_count", "int4"),
    ("lifetime_revenue", "numeric"),
    ("average_order", "numeric"),
    ("first_date", "date"),
    ("last_date", "date"),
    ("day_count", "int4"),
    ("interval_days", "float8"),
    ("next_date", "date"),
    ("p_active", "float8"),
    ("dormant", "bool"),
    ("user_id", "int4"),
    ("team_id", "int4"),
    ("refresh_date", "timestamp"),
)


class SalesCustomerCadence(models.Model):
    _name = "sales.customer.cadence"
    _description = "Customer Order Cadence"
    _rec_name = "partner_id"
    _order = "company_id, partner_id"
    # rewritten in bulk by the scheduled job, never edited
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    basis = fields.Selection(
        [("orders", "Orders"), ("opportunities", "Opportunities only")],
        readonly=True,
        help="Orders: the cadence of the customer's confirmed orders. "
        "Opportunities only: the customer never ordered; the chance is "
        "worked out from the days their opportunities were created.",
    )
    order_count = fields.Integer("Orders", readonly=True)
    lifetime_revenue = fields.Monetary(readonly=True)
    average_order = fields.Monetary(readonly=True)
    first_date = fields.Date("First Order", readonly=True)
    last_date = fields.Date(
        "Last Order",
        readonly=True,
        help="Day of the last confirmed order (of the last opportunity for a "
        "customer who never ordered).",
    )
    day_count = fields.Integer(
        "Days with an Order",
        readonly=True,
        help="Several orders of one day count as one purchase.",
    )
    interval_days = fields.Float(
        "Usual Reorder Interval (days)",
        digits=(16, 1),
        readonly=True,
        help="Median number of days between two days with an order.",
    )
    next_date = fields.Date(
        "Next Expected Order",
        readonly=True,
        help="Last order plus the usual reorder interval.",
    )
    p_active = fields.Float(
        "Chance of Ordering Again",
        digits=(16, 3),
        readonly=True,
        help="Probability that the customer orders within six months, from "
        "their number of orders, the age of the last one and of the "
        "relationship (modified BG/NBD model).",
    )
    dormant = fields.Boolean(
        readonly=True,
        help="The chance of ordering again is below the threshold of the "
        "company's dormant-customer follow-up rule (30 % without one).",
    )
    user_id = fields.Many2one(
        "res.users",
        "Last Salesperson",
        readonly=True,
        ondelete="set null",
        help="Salesperson of the last order (or opportunity).",
    )
    team_id = fields.Many2one(
        "crm.team", "Last Sales Team", readonly=True, ondelete="set null"
    )
    refresh_date = fields.Datetime("Computed On", readonly=True)

    _sql_constraints = [
        (
            "partner_company_unique",
            "UNIQUE(partner_id, company_id)",
            "A customer has one cadence per company.",
        ),
    ]

    # ------------------------------------------------------------------
    # The scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_refresh(self, chunk_size=CHUNK_SIZE):
        """Scheduled job: refresh the cadence of every customer of every
        company, committing every ``chunk_size`` rows. A killed run resumes:
        the next run of the day computes the rows again but writes only those
        not refreshed yet today (the others hold the same figures, computed
        for the same day)."""
        companies = self.env["res.company"].sudo().search([], order="id")
        for index, company in enumerate(companies, 1):
            self._refresh_company(
                company,
                # sm: allow-commit (a batched scheduler job commits each chunk)
                commit=self.env.cr.commit,
                chunk_size=chunk_size,
                resume=True,
            )
            self.env["ir.cron"]._notify_progress(
                done=index, remaining=len(companies) - index
            )

    @api.model
    def _refresh_all(
        self, companies=None, today=None, commit=None, chunk_size=CHUNK_SIZE
    ):
        """Refresh the cadence of the customers of ``companies`` (all by
        default) as of ``today``; ``commit`` (a callable) is called after
        each chunk of rows. Returns the number of rows written."""
        if companies is None:
            companies = self.env["res.company"].sudo().search([], order="id")
        return sum(
            self._refresh_company(company, today, commit, chunk_size)
            for company in companies
        )

    @api.model
    def _refresh_company(
        self, company, today=None, commit=None, chunk_size=CHUNK_SIZE, resume=False
    ):
        """Write the cadence of the customers of ``company`` as of ``today``;
        ``resume``: keep the rows refreshed already on ``today`` (by a run
        that was killed before it finished)."""
        today = today or fields.Date.today()
        stamp = fields.Datetime.now()
        orders = self._read_order_history(company)
        leads = self._read_lead_history(company, exclude=orders["partner_id"])
        threshold = self.env["sales.followup.rule"]._dormant_threshold(company)
        rows = self._cadence_rows(orders, leads, company, today, threshold, stamp)
        kept_since = datetime.combine(today, time.min) if resume else None
        for start in range(0, len(rows["partner_id"]), chunk_size):
            self._write_rows(
                {
                    name: values[start : start + chunk_size]
                    for name, values in rows.items()
                },
                kept_since=kept_since,
            )
            if commit:
                commit()
        # customers without any order or opportunity left (cancelled orders)
        self.env.cr.execute(
            SQL(
                "DELETE FROM sales_customer_cadence "
                "WHERE company_id = %s AND NOT partner_id = ANY(%s::int[])",
                company.id,
                # one array constant (a list would be a long ARRAY[...])
                "{" + ",".join(map(str, rows["partner_id"])) + "}",
            )
        )
        self.invalidate_model()
        if commit:
            commit()
        _logger.info(
            "Customer cadence of %s: %s customers",
            company.name,
            len(rows["partner_id"]),
        )
        return len(rows["partner_id"])

    # ------------------------------------------------------------------
    # Reading the history (one query each, through sales.figure)
    # ------------------------------------------------------------------

    @api.model
    def _history_sql(self, source, company, revenue, extra=()):
        """Per customer (commercial entity) of ``company``: the number of
        records of ``source``, their revenue, first and last day, number of
        days, median days between two days, and the salesperson and team
        of the last record."""
        Figure = self.env["sales.figure"]
        Figure._flush_figures(source)
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        query = Figure._figure_query(source, company=company.id, extra=list(extra))
        columns = Figure._figure_columns(source, query)
        partner = query.join(query.table, "partner_id", "res_partner", "id", "customer")
        records = query.select(
            SQL("%s AS partner_id", SQL.identifier(partner, "commercial_partner_id")),
            SQL("%s AS id", SQL.identifier(query.table, "id")),
            SQL("%s AS ts", columns["date"]),
            SQL("(%s)::date AS day", columns["date"]),
            SQL("%s AS revenue", revenue(columns)),
            SQL("%s AS user_id", columns["user_id"]),
            SQL("%s AS team_id", columns["team_id"]),
        )
        return SQL(
            """
            WITH r AS (%(records)s),
            d AS (SELECT partner_id, day, count(*) AS n, sum(revenue) AS revenue
                    FROM r GROUP BY partner_id, day),
            g AS (SELECT partner_id, day, n, revenue,
                         day - lag(day) OVER (PARTITION BY partner_id ORDER BY day)
                         AS gap
                    FROM d),
            s AS (SELECT partner_id, sum(n)::int AS n, sum(revenue) AS revenue,
                         min(day) AS first_day, max(day) AS last_day,
                         count(*)::int AS days,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS interval
                    FROM g GROUP BY partner_id),
            l AS (SELECT DISTINCT ON (partner_id) partner_id, user_id, team_id
                    FROM r ORDER BY partner_id, ts DESC, id DESC)
            SELECT s.partner_id, s.n, s.revenue, s.first_day, s.last_day, s.days,
                   s.interval, l.user_id, l.team_id
              FROM s JOIN l ON l.partner_id = s.partner_id
             ORDER BY s.partner_id
            """,
            records=records,
        )

    @api.model
    def _fetch_columns(self, sql):
        self.env.cr.execute(sql)
        names = (
            "partner_id",
            "count",
            "revenue",
            "first_date",
            "last_date",
            "days",
            "interval",
            "user_id",
            "team_id",
        )
        rows = self.env.cr.fetchall()
        return {name: [row[i] for row in rows] for i, name in enumerate(names)}

    @api.model
    def _read_order_history(self, company):
        """The confirmed orders of ``company`` per customer (``confirmed``)."""
        return self._fetch_columns(
            self._history_sql("confirmed", company, lambda columns: columns["revenue"])
        )

    @api.model
    def _read_lead_history(self, company, exclude):
        """The opportunities of the customers of ``company`` who never ordered
        (``created``: every opportunity, archived ones included)."""
        history = self._fetch_columns(
            self._history_sql(
                "created",
                company,
                lambda columns: SQL("0"),
                extra=[("partner_id", "!=", False)],
            )
        )
        ordered = set(exclude)
        keep = [
            i
            for i, partner in enumerate(history["partner_id"])
            if partner not in ordered
        ]
        return {name: [values[i] for i in keep] for name, values in history.items()}

    # ------------------------------------------------------------------
    # The model
    # ------------------------------------------------------------------

    @api.model
    def _cadence_rows(self, orders, leads, company, today, threshold, stamp):
        """The column values of the rows: the chance of ordering again from
        ``cadence.p_order_within`` (vectorised), the next expected order as
        ``cadence.next_order`` gives it."""
        size_orders = len(orders["partner_id"])
        history = {name: orders[name] + leads[name] for name in orders}
        size = len(history["partner_id"])
        first = np.array(
            [day.toordinal() for day in history["first_date"]], dtype=float
        )
        last = np.array([day.toordinal() for day in history["last_date"]], dtype=float)
        days = np.array(history["days"], dtype=float)
        end = np.maximum(float(today.toordinal()), last)
        if size:
            p_active = cadence.p_order_within(days - 1.0, last - first, end - first)
            p_active = np.clip(np.nan_to_num(p_active), 0.0, 1.0).tolist()
        else:
            p_active = []
        interval, next_date = [], []
        for index in range(size):
            gap = history["interval"][index] if index < size_orders else None
            interval.append(gap)
            next_date.append(
                history["last_date"][index] + timedelta(days=round(gap))
                if gap is not None
                else None
            )
        counts = [
            count if i < size_orders else 0 for i, count in enumerate(history["count"])
        ]
        revenue = [
            float(v or 0.0) if i < size_orders else 0.0
            for i, v in enumerate(history["revenue"])
        ]
        return {
            "partner_id": history["partner_id"],
            "company_id": [company.id] * size,
            "basis": ["orders"] * size_orders
            + ["opportunities"] * (size - size_orders),
            "order_count": counts,
            "lifetime_revenue": revenue,
            "average_order": [
                amount / count if count else 0.0
                for amount, count in zip(revenue, counts, strict=True)
            ],
            "first_date": [
                day if i < size_orders else None
                for i, day in enumerate(history["first_date"])
            ],
            "last_date": history["last_date"],
            "day_count": [
                d if i < size_orders else 0 for i, d in enumerate(history["days"])
            ],
            "interval_days": interval,
            "next_date": next_date,
            "p_active": p_active,
            "dormant": [p < threshold for p in p_active],
            "user_id": history["user_id"],
            "team_id": history["team_id"],
            "refresh_date": [stamp] * size,
        }

    @api.model
    def _write_rows(self, rows, kept_since=None):
        """Insert or update the rows (one statement: the job rewrites
        hundreds of thousands of rows of its own table, which the ORM would
        take minutes to write). The values travel as one JSON document,
        which PostgreSQL reads much faster than long array literals.
        ``kept_since``: rows refreshed at or after this time are left as
        they are."""
        if not rows["partner_id"]:
            return
        names = [name for name, _type in COLUMNS]
        size = len(rows["partner_id"])
        document = json.dumps(
            [{name: rows[name][i] for name in names} for i in range(size)],
            default=str,
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO sales_customer_cadence (%(columns)s)
                   SELECT %(columns)s FROM json_to_recordset(%(document)s)
                       AS v(%(types)s)
                   ON CONFLICT (partner_id, company_id) DO UPDATE SET %(updates)s
                   WHERE %(kept_since)s::timestamp IS NULL
                      OR sales_customer_cadence.refresh_date IS NULL
                      OR sales_customer_cadence.refresh_date < %(kept_since)s""",
                columns=SQL(", ").join(SQL.identifier(name) for name in names),
                document=document,
                kept_since=kept_since,
                types=SQL(", ").join(
                    SQL("%s %s", SQL.identifier(name), SQL(sql_type))
                    for name, sql_type in COLUMNS
                ),
                updates=SQL(", ").join(
                    SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in names[2:]
                ),
            )
        )
