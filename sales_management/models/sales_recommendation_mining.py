# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mining a company's recommendations: read, fit, store.

The confirmed order lines are read with one query built from the
*confirmed_lines* sales figure (``sales.figure``), grouped by order; the
engine (``tools/recommendation``) is fitted on them; its co-occurrence
table gives the pairs of products bought together and ``suggestion_table``
the suggestions of every customer, stored as one JSON list per customer.

Both are written in bulk: the new rows are copied (``COPY``) into a
temporary table, the rows no longer mined are deleted and the others
inserted or updated in place (``INSERT ... ON CONFLICT``), so a row kept
from one day to the next keeps its id (a page opened before the refresh
still works) and an unchanged row is not rewritten.
"""

import io
import json
from collections import defaultdict

import numpy as np
import psycopg2

from odoo import api, models
from odoo.tools import SQL

from ..tools import recommendation
from ..tools.recommendation.batch import KINDS

# suggestions stored per customer
SUGGESTIONS = 10
# asked of the engine per customer, before the dismissed and unsellable
# products are left out
CANDIDATES = SUGGESTIONS + 5
# a pair of products is kept when found together in this many orders
MIN_PAIR_ORDERS = 3
COPY_TABLE = "sm_mined_rows"


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
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _sm_mine_company(self, company):
        """Fit the engine on the company's orders and store its pairs and
        suggestions; the figures of the run."""
        orders = self._sm_order_history(company)
        model = recommendation.fit(orders)
        pairs = self._sm_pair_rows(model)
        self._sm_store_rows(
            "sales.product.pair",
            company,
            ["product_a_id", "product_b_id"],
            ["product_a_id", "product_b_id", "order_count", "support"]
            + ["confidence", "lift"],
            pairs,
        )
        lists, count = self._sm_suggestion_lists(model, orders, company)
        self._sm_store_rows(
            "sales.recommendation.list",
            company,
            ["partner_id"],
            ["partner_id", "suggestions"],
            lists,
        )
        tuning = model.metadata.get("tuning", {}).get("next")
        return {
            "order_count": model.metadata["orders"],
            "customer_count": model.metadata["customers"],
            "product_count": model.metadata["products"],
            "pair_count": len(pairs),
            "recommendation_count": count,
            "recall_before": 100.0 * tuning[0] if tuning else 0.0,
            "recall_after": 100.0 * tuning[1] if tuning else 0.0,
        }

    @api.model
    def _sm_pair_rows(self, model):
        """Rows (product A, product B, orders, support, confidence, lift) of
        ``sales.product.pair`` from the engine's table of the products found
        in the same orders."""
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
        products = np.asarray(model.products)
        return list(
            zip(
                products[rows].tolist(),
                products[columns].tolist(),
                together.astype(int).tolist(),
                (together / orders).tolist(),
                confidence.tolist(),
                lift.tolist(),
                strict=True,
            )
        )

    @api.model
    def _sm_suggestion_lists(self, model, orders, company):
        """``([(customer, JSON list of its suggestions)], suggestions)``: the
        best suggestions of every customer, without the products dismissed
        for them or not for sale (``sales.recommendation.list``)."""
        table = recommendation.suggestion_table(
            model, list(model.customers), CANDIDATES
        )
        if not table.customers:
            return [], 0
        products = np.asarray(model.products)
        items = products[table.items]
        keep = ~np.isin(items, self._sm_unsellable_products(company))
        dismissed = self.env["sales.recommendation.feedback"]._sm_dismissed(company)
        if dismissed:
            row_of = {customer: row for row, customer in enumerate(table.customers)}
            for customer, product in dismissed:
                row = row_of.get(customer)
                if row is not None:
                    keep[row] &= items[row] != product
        keep &= np.cumsum(keep, axis=1) <= SUGGESTIONS
        sources = np.where(table.sources >= 0, products[table.sources], -1)
        wanted = defaultdict(set)
        cells = np.argwhere(keep & (table.kinds == 0))
        for row, product in zip(
            cells[:, 0].tolist(), items[cells[:, 0], cells[:, 1]].tolist(), strict=True
        ):
            wanted[table.customers[row]].add(product)
        due = self._sm_due_dates(orders, wanted)
        # each customer's best kept score: the strength of the others
        first = np.argmax(keep, axis=1)
        top = table.scores[np.arange(len(keep)), first]
        strength = table.scores / np.where(top > 0, top, 1.0)[:, None]
        columns = zip(
            keep.tolist(),
            items.tolist(),
            np.round(table.scores, 6).tolist(),
            np.round(strength, 4).tolist(),
            table.kinds.tolist(),
            sources.tolist(),
            np.round(table.shares, 4).tolist(),
            strict=True,
        )
        lists = []
        count = 0
        for customer, (kept, *values) in zip(table.customers, columns, strict=True):
            entries = [
                [
                    product,
                    score,
                    relative,
                    KINDS[kind],
                    source if source >= 0 else None,
                    share,
                    self._sm_due_text(due, customer, product) if kind == 0 else None,
                ]
                for keep_it, product, score, relative, kind, source, share in zip(
                    kept, *values, strict=True
                )
                if keep_it
            ]
            if entries:
                count += len(entries)
                lists.append((customer, json.dumps(entries)))
        return lists, count

    @api.model
    def _sm_due_text(self, due, customer, product):
        day = due.get((customer, product))
        return day.isoformat() if day else None

    @api.model
    def _sm_due_dates(self, orders, wanted):
        """{(customer, product): when the customer is due to order it again}
        for the products of ``wanted`` ({customer: product ids}): the
        engine's expected date of the next order, from the days the customer
        ordered the product."""
        days = defaultdict(set)
        for customer, day, products in orders:
            products_wanted = wanted.get(customer)
            if products_wanted:
                for product in products_wanted.intersection(products):
                    days[customer, product].add(day)
        result = {}
        for key, dates in days.items():
            expected, _interval = recommendation.cadence.expected_date(sorted(dates))
            if expected:
                result[key] = expected
        return result

    # ------------------------------------------------------------------
    # Bulk writes
    # ------------------------------------------------------------------

    @api.model
    def _sm_store_rows(self, model_name, company, keys, names, rows):
        """Make ``rows`` (tuples of the values of ``names``) the rows of
        ``company`` in ``model_name``'s table, matched on ``company_id`` and
        ``keys``."""
        Model = self.env[model_name]
        Model.flush_model()
        cr = self.env.cr
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(COPY_TABLE)))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE %s ON COMMIT DROP AS
                   SELECT %s FROM %s WITH NO DATA""",
                SQL.identifier(COPY_TABLE),
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL.identifier(Model._table),
            )
        )
        self._sm_copy(names, rows)
        matched = SQL(" AND ").join(
            SQL("n.%s = t.%s", SQL.identifier(key), SQL.identifier(key)) for key in keys
        )
        cr.execute(
            SQL(
                """DELETE FROM %s t WHERE t.company_id = %s
                   AND NOT EXISTS (SELECT 1 FROM %s n WHERE %s)""",
                SQL.identifier(Model._table),
                company.id,
                SQL.identifier(COPY_TABLE),
                matched,
            )
        )
        if rows:
            self._sm_upsert(Model, company, keys, names)
        Model.invalidate_model()

    @api.model
    def _sm_copy(self, names, rows):
        """Copy ``rows`` into the temporary table, in PostgreSQL's text
        format (one line per row, tab-separated)."""

        def text(value):
            if value is None:
                return "\\N"
            if isinstance(value, str):
                return (
                    value.replace("\\", "\\\\")
                    .replace("\t", "\\t")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                )
            return str(value)

        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(map(text, row)))
            buffer.write("\n")
        buffer.seek(0)
        # as Odoo's own COPY: no asynchronous wait callback during the copy
        callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        try:
            self.env.cr.copy_from(buffer, table=COPY_TABLE, columns=names)
        finally:
            psycopg2.extensions.set_wait_callback(callback)

    @api.model
    def _sm_upsert(self, Model, company, keys, names):
        """Insert the rows of the temporary table, updating those that exist
        and changed."""
        values = [name for name in names if name not in keys]

        def columns(prefix=None, extra=()):
            return SQL(", ").join(
                [
                    SQL.identifier(prefix, name) if prefix else SQL.identifier(name)
                    for name in values
                ]
                + list(extra)
            )

        insert_names = SQL(", ").join(SQL.identifier(name) for name in names)
        selected = insert_names
        updated = columns()
        excluded = columns("excluded")
        if Model._log_access:
            now = self.env.cr.now()
            log = [SQL("%s", self.env.uid), SQL("%s", now)] * 2
            insert_names = SQL(
                "%s, create_uid, create_date, write_uid, write_date", insert_names
            )
            selected = SQL("%s, %s", selected, SQL(", ").join(log))
            updated = SQL("%s, write_uid, write_date", updated)
            excluded = SQL("%s, EXCLUDED.write_uid, EXCLUDED.write_date", excluded)
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s AS t (company_id, %(insert_names)s)
                   SELECT %(company)s, %(selected)s FROM %(copy)s
              ON CONFLICT (company_id, %(keys)s) DO UPDATE
                      SET (%(updated)s) = ROW(%(excluded)s)
                    WHERE (%(current)s) IS DISTINCT FROM (%(incoming)s)""",
                table=SQL.identifier(Model._table),
                insert_names=insert_names,
                company=company.id,
                selected=selected,
                copy=SQL.identifier(COPY_TABLE),
                keys=SQL(", ").join(SQL.identifier(key) for key in keys),
                updated=updated,
                excluded=excluded,
                current=columns("t"),
                incoming=columns("excluded"),
            )
        )
