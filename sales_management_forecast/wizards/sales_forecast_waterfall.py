# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# (bucket, sign of its amount in the waterfall), in the order shown
BUCKETS = [
    ("start", 1),
    ("new", 1),
    ("pulled_in", 1),
    ("increased", 1),
    ("decreased", -1),
    ("slipped_out", -1),
    ("won", -1),
    ("lost", -1),
    ("end", 1),
]


class SalesForecastWaterfall(models.TransientModel):
    _name = "sales.forecast.waterfall"
    _description = "Pipeline Waterfall Between Two Snapshots"
    _inherit = ["sales.input.guard"]

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Company of the snapshots.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    snapshot_from_id = fields.Many2one(
        "sales.forecast.snapshot",
        string="From Snapshot",
        required=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'done')]",
        help="The earlier snapshot.",
    )
    snapshot_to_id = fields.Many2one(
        "sales.forecast.snapshot",
        string="To Snapshot",
        required=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'done')]",
        help="The later snapshot.",
    )
    date_from = fields.Date(
        "Closing From",
        help="Only the pipeline expected to close from this day (with the "
        "next field: the period whose pipeline moves). Empty: all of it.",
    )
    date_to = fields.Date(
        "Closing To", help="Only the pipeline expected to close until this day."
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", help="Only this salesperson's pipeline."
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", help="Only this team's pipeline."
    )
    line_ids = fields.One2many(
        "sales.forecast.waterfall.line",
        "wizard_id",
        string="Waterfall",
        help="From the pipeline of the first snapshot to the pipeline of the "
        "second, by what changed.",
    )

    @api.constrains("company_id", "snapshot_from_id", "snapshot_to_id")
    def _check_snapshots(self):
        for wizard in self:
            self._sm_check_company_allowed(wizard.company_id)
            snapshots = wizard.snapshot_from_id | wizard.snapshot_to_id
            # the wizard takes snapshot ids from the client: only readable ones
            snapshots.check_access("read")
            if snapshots.company_id - wizard.company_id:
                raise ValidationError(
                    self.env._("Compare two snapshots of the same company.")
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if (
                wizard.date_from
                and wizard.date_to
                and wizard.date_from > wizard.date_to
            ):
                raise ValidationError(
                    self.env._("The closing period must end after it starts.")
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        Snapshot = self.env["sales.forecast.snapshot"]
        done = [("company_id", "=", self.env.company.id), ("state", "=", "done")]
        last = Snapshot.search(done, order="date desc, id desc", limit=1)
        if not last:
            return values
        # the latest against the latest taken a day or more before it (a week
        # before, with the weekly job), else against the one before it
        before = Snapshot.search(
            done + [("date", "<=", last.date - timedelta(days=1))],
            order="date desc, id desc",
            limit=1,
        ) or Snapshot.search(
            done + [("id", "!=", last.id), ("date", "<=", last.date)],
            order="date desc, id desc",
            limit=1,
        )
        if before:
            values.setdefault("snapshot_to_id", last.id)
            values.setdefault("snapshot_from_id", before.id)
        return values

    def _line_subquery(self, snapshot):
        """The snapshot lines the user may read (record rules apply)."""
        domain = [("snapshot_id", "=", snapshot.id), ("lead_id", "!=", False)]
        if self.user_id:
            domain.append(("user_id", "=", self.user_id.id))
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        query = self.env["sales.forecast.snapshot.line"]._search(domain)
        # the lines themselves, not "id IN (...)": a large IN subquery the
        # planner cannot hash would be run again for every line
        return query.select(
            *(
                SQL("%s AS %s", SQL.identifier(query.table, name), SQL(name))
                for name in ("lead_id", "amount", "date_deadline")
            )
        )

    def _in_period(self, column):
        conditions = [SQL("%s IS NOT NULL", column)]
        if self.date_from:
            conditions.append(SQL("%s >= %s", column, self.date_from))
        if self.date_to:
            conditions.append(SQL("%s <= %s", column, self.date_to))
        if not (self.date_from or self.date_to):
            return SQL("TRUE")
        return SQL("COALESCE(%s, FALSE)", SQL(" AND ").join(conditions))

    def _get_waterfall_query(self):
        """(bucket, amount, count, lead ids), in one query."""
        a_in = self._in_period(SQL("a.date_deadline"))
        b_in = self._in_period(SQL("b.date_deadline"))
        return SQL(
            """
            WITH a AS MATERIALIZED (%(lines_a)s
            ), b AS MATERIALIZED (%(lines_b)s
            ), pair AS (
                SELECT COALESCE(a.lead_id, b.lead_id) AS lead_id,
                       a.lead_id IS NOT NULL AS a_any,
                       a.lead_id IS NOT NULL AND %(a_in)s AS a_in,
                       COALESCE(a.amount, 0) AS a_amount,
                       b.lead_id IS NOT NULL AS b_any,
                       b.lead_id IS NOT NULL AND %(b_in)s AS b_in,
                       COALESCE(b.amount, 0) AS b_amount
                  FROM a FULL OUTER JOIN b ON a.lead_id = b.lead_id
            ), bucketed AS (
                SELECT p.*,
                       CASE WHEN p.a_in AND p.b_in THEN
                                CASE WHEN p.b_amount > p.a_amount THEN 'increased'
                                     WHEN p.b_amount < p.a_amount THEN 'decreased'
                                END
                            WHEN p.b_in THEN
                                CASE WHEN p.a_any THEN 'pulled_in' ELSE 'new' END
                            WHEN p.a_in THEN
                                CASE WHEN p.b_any THEN 'slipped_out'
                                     WHEN %(won)s THEN 'won'
                                     ELSE 'lost'
                                END
                       END AS bucket
                  FROM pair p
             LEFT JOIN crm_lead l ON l.id = p.lead_id
            )
            SELECT bucket,
                   SUM(CASE WHEN bucket IN ('increased', 'decreased')
                            THEN ABS(b_amount - a_amount)
                            WHEN bucket IN ('new', 'pulled_in') THEN b_amount
                            ELSE a_amount END)::float,
                   COUNT(*), ARRAY_AGG(lead_id)
              FROM bucketed
             WHERE bucket IS NOT NULL
          GROUP BY bucket
         UNION ALL
            SELECT 'start', COALESCE(SUM(a_amount), 0)::float, COUNT(*),
                   ARRAY_AGG(lead_id)
              FROM bucketed WHERE a_in
         UNION ALL
            SELECT 'end', COALESCE(SUM(b_amount), 0)::float, COUNT(*),
                   ARRAY_AGG(lead_id)
              FROM bucketed WHERE b_in
            """,
            lines_a=self._line_subquery(self.snapshot_from_id),
            lines_b=self._line_subquery(self.snapshot_to_id),
            a_in=a_in,
            b_in=b_in,
            won=self.env["sales.figure"]._figure_condition("won", "l"),
        )

    def action_compute(self):
        self.ensure_one()
        if self.snapshot_from_id.date >= self.snapshot_to_id.date:
            raise UserError(
                self.env._(
                    "Choose an earlier snapshot first and a later one second: "
                    "%(first)s is not before %(second)s.",
                    first=self.snapshot_from_id.display_name,
                    second=self.snapshot_to_id.display_name,
                )
            )
        if self.snapshot_from_id.company_id != self.snapshot_to_id.company_id:
            raise UserError(self.env._("Compare two snapshots of the same company."))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The closing period must end after it starts."))
        self.env.flush_all()
        self.env.cr.execute(self._get_waterfall_query())
        rows = {
            bucket: (amount or 0.0, count, [i for i in lead_ids or [] if i])
            for bucket, amount, count, lead_ids in self.env.cr.fetchall()
        }
        self.line_ids.unlink()
        self.env["sales.forecast.waterfall.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "sequence": sequence,
                    "bucket": bucket,
                    "amount": sign * rows.get(bucket, (0.0,))[0],
                    "lead_count": rows.get(bucket, (0.0, 0))[1],
                    "lead_ids_json": rows.get(bucket, (0.0, 0, []))[2],
                }
                for sequence, (bucket, sign) in enumerate(BUCKETS)
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }
