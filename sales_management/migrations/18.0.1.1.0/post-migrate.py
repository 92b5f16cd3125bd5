# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scores move from crm_lead to their own table, sales_lead_score; models are
trained every night."""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

# old crm_lead column: sales_lead_score column
MOVED = {
    "sm_rule_score": "rule_score",
    "sm_rule_detail": "rule_detail",
    "sm_score": "score",
    "sm_probability": "probability",
    "sm_grade_id": "grade_id",
    "sm_score_source": "source",
    "sm_scoring_model_id": "model_id",
    "sm_priority_value": "priority_value",
    "sm_scored_date": "scored_date",
}


def migrate(cr, version):
    # models are trained every night (they were trained weekly)
    cr.execute(
        """UPDATE ir_cron SET interval_type = 'days'
            WHERE interval_type = 'weeks' AND interval_number = 1
              AND id = (SELECT res_id FROM ir_model_data
                         WHERE module = 'sales_management'
                           AND name = 'ir_cron_train_scoring_models')"""
    )
    old = [column for column in MOVED if column_exists(cr, "crm_lead", column)]
    if not old:
        return
    if "sm_score_source" in old:
        cr.execute(
            SQL(
                """INSERT INTO sales_lead_score (lead_id, %s)
                   SELECT id, %s FROM crm_lead
                    WHERE sm_score_source IS NOT NULL
                       ON CONFLICT (lead_id) DO NOTHING""",
                SQL(", ").join(SQL.identifier(MOVED[column]) for column in old),
                SQL(", ").join(SQL.identifier(column) for column in old),
            )
        )
        _logger.info("Scores of %s leads moved to sales_lead_score", cr.rowcount)
        cr.execute(
            """UPDATE crm_lead SET sm_score_id = s.id
                 FROM sales_lead_score s
                WHERE s.lead_id = crm_lead.id AND crm_lead.sm_score_id IS NULL"""
        )
    cr.execute(
        SQL(
            "ALTER TABLE crm_lead %s",
            SQL(", ").join(
                SQL("DROP COLUMN %s", SQL.identifier(column)) for column in old
            ),
        )
    )
    # their foreign keys went with them
    cr.execute(
        """DELETE FROM ir_model_constraint
            WHERE name IN ('crm_lead_sm_grade_id_fkey',
                           'crm_lead_sm_scoring_model_id_fkey')"""
    )
