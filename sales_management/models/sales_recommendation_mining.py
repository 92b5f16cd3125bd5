# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mining a company's recommendations: read, fit, store.

The confirmed order lines are read with one query built from the
*confirmed_lines* sales figure (``sales.figure``), grouped by order; the
engine (``tools/recommendation``) is fitted on them; its co-occurrence
table gives the pairs of products bought together and ``recommend_many``
the suggestions of every customer. Both are written in bulk: the new rows
go to a temporary table, the rows no longer mined are deleted and the
others inserted or updated in place (``INSERT ... ON CONFLICT``), so a row
kept from one day to the next keeps its id (a page opened before the
refresh still works) and an unchanged row is not rewritten.
"""

from collections import defaultdict

import numpy as np

from odoo import api, models
from odoo.tools import SQL

from ..tools import recommendation

# suggestions stored per customer
SUGGESTIONS = 10
# asked of the engine per customer, before the dismissed and unsellable
# products are left out
CANDIDATES = SUGGESTIONS + 5
# a pair of products is kept when found together in this many orders
MIN_PAIR_ORDERS = 3
# rows sent to PostgreSQL per statement
CHUNK = 50_000
ARRAY_TYPES = {
    "many2one": "int4[]",
    "integer": "int4[]",
    "float": "float8[]",
    "selection": "varchar[]",
    "date": "date[]",
}


class SalesRecommendationRun(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.recommendation.run"

    @api.model
    def _sm_order_history(self, company):
        """``[(customer, day, [product ids])]``: the confirmed orders of
        ``company`` (customer: the commercial entity)."""
        Figure = self.env["sales.figure"]
        Figure._flush_figures("confirmed_lines")
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        query = Figure._figure_query("confirmed_lines", company=company.id)
        columns = Figure._figure_columns("confirmed_lines", query)
        line = query.table
        order = query.join(line, "order_id", "sale_order", "id", "order_id")
        partner = query.join(order, "partner_id", "res_partner", "id", "partner_id")
        query.add_where(SQL("%s IS NOT NULL", SQL.identifier(line, "product_id")))
        query.add_where(SQL("%s IS NOT TRUE", SQL.identifier(line, "is_downpayment")))
        lines = query.select(
            SQL("%s AS order_id", SQL.identifier(order, "id")),
            SQL("%s AS customer", SQL.identifier(partner, "commercial_partner_id")),
            SQL("(%s)::date AS day", columns["date"]),
            SQL("%s AS product_id", SQL.identifier(line, "product_id")),
        )
        self.env.cr.execute(
            SQL(
                """SELECT customer, day, ARRAY_AGG(DISTINCT product_id)
                     FROM (%s) lines
                 GROUP BY order_id, customer, day""",
                lines,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _sm_unsellable_products(self, company):
        """Ids of the products not to suggest in ``company``: archived, not
        for sale or of another company."""
        self.env["product.product"].flush_model(["active", "product_tmpl_id"])
        self.env["product.template"].flush_model(["active", "sale_ok", "company_id"])
        self.env.cr.execute(
            SQL(
                """SELECT pp.id FROM product_product pp
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE NOT pp.active OR NOT pt.active OR NOT pt.sale_ok
                       OR pt.company_id != %s""",
                company.id,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _sm_mine_company(self, company):
        """Fit the engine on the company's orders and store its pairs and
        suggestions; the figures of the run."""
        orders = self._sm_order_history(company)
        model = recommendation.fit(orders)
        pairs = self._sm_pair_rows(model)
        self._sm_store_rows(
            "sales.product.pair", company, ["product_a_id", "product_b_id"], pairs
        )
        suggestions = self._sm_suggestion_rows(model, orders, company)
        self._sm_store_rows(
            "sales.recommendation", company, ["partner_id", "product_id"], suggestions
        )
        tuning = model.metadata.get("tuning", {}).get("next")
        return {
            "order_count": model.metadata["orders"],
            "customer_count": model.metadata["customers"],
            "product_count": model.metadata["products"],
            "pair_count": len(pairs),
            "recommendation_count": len(suggestions),
            "recall_before": 100.0 * tuning[0] if tuning else 0.0,
            "recall_after": 100.0 * tuning[1] if tuning else 0.0,
        }

    @api.model
    def _sm_pair_rows(self, model):
        """Rows of ``sales.product.pair`` from the engine's table of the
        products found in the same orders."""
        table = model.orders_together
        orders = model.metadata["orders"]
        if not orders or not len(table.indices):
            return []
        rows = np.repeat(np.arange(table.size), np.diff(table.indptr))
        columns = table.indices
        together = np.rint(table.together)
        keep = together >= MIN_PAIR_ORDERS
        rows, columns, together = rows[keep], columns[keep], together[keep]
        confidence = table.confidence[keep]
        share_b = table.groups[columns] / orders
        lift = np.where(share_b > 0, confidence / np.maximum(share_b, 1e-12), 0.0)
        products = model.products
        return [
            {
                "product_a_id": products[a],
                "product_b_id": products[b],
                "order_count": int(count),
                "support": count / orders,
                "confidence": conf,
                "lift": value,
            }
            for a, b, count, conf, value in zip(
                rows.tolist(),
                columns.tolist(),
                together.tolist(),
                confidence.tolist(),
                lift.tolist(),
                strict=True,
            )
        ]

    @api.model
    def _sm_suggestion_rows(self, model, orders, company):
        """Rows of ``sales.recommendation``: the best suggestions of every
        customer, without the products dismissed for them or not for sale."""
        dismissed = self.env["sales.recommendation.feedback"]._sm_dismissed(company)
        unsellable = self._sm_unsellable_products(company)
        best = recommendation.recommend_many(model, list(model.customers), CANDIDATES)
        rows = []
        reorders = set()
        for customer, suggestions in best.items():
            kept = [
                (product, score, reason)
                for product, score, reason in suggestions
                if product not in unsellable and (customer, product) not in dismissed
            ][:SUGGESTIONS]
            top = kept[0][1] if kept else 0.0
            for rank, (product, score, reason) in enumerate(kept, 1):
                rows.append(
                    {
                        "partner_id": customer,
                        "product_id": product,
                        "sequence": rank,
                        "score": score,
                        "relative_score": score / top if top > 0 else 0.0,
                        "reason_kind": reason.kind,
                        "reason_product_id": reason.product,
                        "share": reason.share,
                        "due_date": None,
                    }
                )
                if reason.kind == "reorder":
                    reorders.add((customer, product))
        due = self._sm_due_dates(orders, reorders)
        for row in rows:
            row["due_date"] = due.get((row["partner_id"], row["product_id"]))
        return rows

    @api.model
    def _sm_due_dates(self, orders, wanted):
        """{(customer, product): when the customer is due to order it again}
        for the pairs of ``wanted`` (the engine's expected date of the next
        order, from the days the customer ordered the product)."""
        days = defaultdict(set)
        for customer, day, products in orders:
            for product in products:
                if (customer, product) in wanted:
                    days[customer, product].add(day)
        result = {}
        for key, dates in days.items():
            expected, _interval = recommendation.cadence.expected_date(sorted(dates))
            if expected:
                result[key] = expected
        return result

    @api.model
    def _sm_store_rows(self, model_name, company, keys, rows):
        """Make ``rows`` (dicts of the same fields) the rows of ``company``
        in ``model_name``'s table, matched on ``company_id`` and ``keys``."""
        Model = self.env[model_name]
        Model.flush_model()
        names = list(rows[0]) if rows else list(keys)
        values = [name for name in names if name not in keys]
        table = SQL.identifier(Model._table)
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS sm_mined_rows")
        cr.execute(
            SQL(
                """CREATE TEMP TABLE sm_mined_rows ON COMMIT DROP AS
                   SELECT %s FROM %s WITH NO DATA""",
                SQL(", ").join(SQL.identifier(name) for name in names),
                table,
            )
        )
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            arrays = [
                SQL(
                    "%s::%s",
                    [row[name] for row in chunk],
                    SQL(ARRAY_TYPES[Model._fields[name].type]),
                )
                for name in names
            ]
            cr.execute(
                SQL(
                    "INSERT INTO sm_mined_rows (%s) SELECT * FROM unnest(%s)",
                    SQL(", ").join(SQL.identifier(name) for name in names),
                    SQL(", ").join(arrays),
                )
            )
        matched = SQL(" AND ").join(
            SQL("n.%s = t.%s", SQL.identifier(key), SQL.identifier(key)) for key in keys
        )
        cr.execute(
            SQL(
                """DELETE FROM %s t WHERE t.company_id = %s
                   AND NOT EXISTS (SELECT 1 FROM sm_mined_rows n WHERE %s)""",
                table,
                company.id,
                matched,
            )
        )
        if rows:
            self._sm_upsert(Model, company, keys, names, values)
        Model.invalidate_model()

    @api.model
    def _sm_upsert(self, Model, company, keys, names, values):
        """Insert the rows of the temporary table, updating those that exist
        and changed."""

        def columns(prefix=None):
            return SQL(", ").join(
                SQL.identifier(prefix, name) if prefix else SQL.identifier(name)
                for name in values
            )

        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s AS t (company_id, %(names)s,
                          create_uid, create_date, write_uid, write_date)
                   SELECT %(company)s, %(names)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM sm_mined_rows
              ON CONFLICT (company_id, %(keys)s) DO UPDATE
                      SET (%(values)s, write_uid, write_date)
                        = ROW(%(excluded)s, EXCLUDED.write_uid, EXCLUDED.write_date)
                    WHERE (%(current)s) IS DISTINCT FROM (%(excluded)s)""",
                table=SQL.identifier(Model._table),
                names=SQL(", ").join(SQL.identifier(name) for name in names),
                company=company.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
                keys=SQL(", ").join(SQL.identifier(key) for key in keys),
                values=columns(),
                excluded=columns("excluded"),
                current=columns("t"),
            )
        )
