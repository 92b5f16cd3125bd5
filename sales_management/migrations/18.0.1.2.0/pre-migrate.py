# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring rules belong to one company: a rule that scored the leads of every
company becomes one rule per company, with the same condition and points.

Team leaders see their own documents and their teams' instead of every
document: the "All Documents" rights that the Team Leader level used to imply
are taken from the team leaders who are not sales managers. Before this
version no user held the Team Leader level without having been given it (or
being a sales manager), since "All Documents" did not imply it."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    _team_leaders_own_documents(cr)
    _scoring_rules_per_company(cr)


def _group_id(cr, module, name):
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s",
        (module, name),
    )
    row = cr.fetchone()
    return row and row[0]


def _team_leaders_own_documents(cr):
    leader = _group_id(cr, "sales_management", "group_sales_team_leader")
    all_docs = _group_id(cr, "sales_team", "group_sale_salesman_all_leads")
    manager = _group_id(cr, "sales_team", "group_sale_manager")
    if not (leader and all_docs and manager):
        return
    cr.execute(
        """DELETE FROM res_groups_users_rel
            WHERE gid = %(all_docs)s
              AND uid IN (SELECT uid FROM res_groups_users_rel WHERE gid = %(leader)s)
              AND uid NOT IN (SELECT uid FROM res_groups_users_rel
                               WHERE gid = %(manager)s)""",
        {"all_docs": all_docs, "leader": leader, "manager": manager},
    )
    _logger.info(
        "%s team leaders see their own and their teams' documents", cr.rowcount
    )
    # the Team Leader level no longer implies "All Documents"
    cr.execute(
        "DELETE FROM res_groups_implied_rel WHERE gid = %s AND hid = %s",
        (leader, all_docs),
    )


def _scoring_rules_per_company(cr):
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
        "%s scoring rules of every company now belong to each of the %s companies",
        len(shared),
        len(companies),
    )
