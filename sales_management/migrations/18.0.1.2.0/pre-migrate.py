# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring rules belong to one company: a rule that scored the leads of every
company becomes one rule per company, with the same condition and points."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("SELECT id FROM sales_scoring_rule WHERE company_id IS NULL")
    shared = [row[0] for row in cr.fetchall()]
    if not shared:
        return
    cr.execute("SELECT id FROM res_company ORDER BY sequence, id")
    companies = [row[0] for row in cr.fetchall()]
    if not companies:
        return
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'sales_scoring_rule'
              AND column_name NOT IN ('id', 'company_id')"""
    )
    columns = SQL(", ").join(SQL.identifier(row[0]) for row in cr.fetchall())
    for company in companies[1:]:
        cr.execute(
            SQL(
                """INSERT INTO sales_scoring_rule (%(columns)s, company_id)
                   SELECT %(columns)s, %(company)s
                     FROM sales_scoring_rule WHERE id = ANY(%(ids)s)""",
                columns=columns,
                company=company,
                ids=shared,
            )
        )
    cr.execute(
        SQL(
            "UPDATE sales_scoring_rule SET company_id = %s WHERE id = ANY(%s)",
            companies[0],
            shared,
        )
    )
    _logger.info(
        "%s scoring rules of every company copied to each of %s companies",
        len(shared),
        len(companies),
    )
