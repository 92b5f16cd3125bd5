# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class SalesStageDurationReport(models.Model):
    """Time spent in each stage, from the tracked stage changes of leads."""

    _name = "sales.stage.duration.report"
    _description = "Time in Stage"
    _auto = False
    _order = "date_left desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        "crm.lead", readonly=True, help="The lead or opportunity."
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the lead."
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True, help="Its salesperson."
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", readonly=True, help="Its sales team."
    )
    stage_id = fields.Many2one("crm.stage", readonly=True, help="The stage it left.")
    next_stage_id = fields.Many2one(
        "crm.stage", readonly=True, help="The stage it went to."
    )
    date_entered = fields.Datetime(
        "Entered", readonly=True, help="When it entered the stage."
    )
    date_left = fields.Datetime("Left", readonly=True, help="When it left the stage.")
    days = fields.Float(
        "Days in Stage",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days between entering and leaving the stage.",
    )
    change_count = fields.Integer(
        "Stage Changes", readonly=True, help="1 per stage change."
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT c.id, c.lead_id, l.company_id, l.user_id, l.team_id,
                   c.stage_id, c.next_stage_id,
                   COALESCE(c.entered, l.create_date) AS date_entered,
                   c.date_left,
                   EXTRACT(EPOCH FROM c.date_left - COALESCE(c.entered, l.create_date))
                       / 86400.0 AS days,
                   1 AS change_count
              FROM (
                  SELECT v.id, m.res_id AS lead_id,
                         v.old_value_integer AS stage_id,
                         v.new_value_integer AS next_stage_id,
                         m.date AS date_left,
                         LAG(m.date) OVER (PARTITION BY m.res_id
                                           ORDER BY m.date, v.id) AS entered
                    FROM mail_tracking_value v
                    JOIN mail_message m ON m.id = v.mail_message_id
                    JOIN ir_model_fields fd ON fd.id = v.field_id
                   WHERE fd.model = 'crm.lead' AND fd.name = 'stage_id'
                     AND m.model = 'crm.lead'
              ) c
              JOIN crm_lead l ON l.id = c.lead_id
            """
        )
