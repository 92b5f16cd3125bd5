# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the follow-up rules fired: one row per rule, record, step and episode.

The rows make the scheduled job idempotent and safe to kill, in the
database itself:

* an *episode* is one occurrence of the watched situation (the first
  contact, the day the opportunity entered its stage, the day the quotation
  was last sent, the last order, the expected order): a rule fires once per
  record, step and episode (``episode_unique``);
* a rule never has two open activities on one record
  (``sales_followup_log_one_open``, a partial unique index): its escalation
  takes the reminder's activity over (reassigned to the team leader, the
  reminder's row *escalated*) when it is still open.

The job claims its rows with ``INSERT ... ON CONFLICT DO NOTHING`` before it
creates the activities, in the same transaction: a run killed before its
commit leaves nothing, a run repeated or running twice at once fires
nothing more. The state follows the activity: done when it is marked done,
stopped when it is cancelled or the rule stops it.
"""

from odoo import api, fields, models
from odoo.tools import SQL

STEPS = [("first", "Reminder"), ("escalation", "Escalation")]
STATES = [
    ("open", "Open"),
    ("done", "Done"),
    ("escalated", "Escalated"),
    ("stopped", "Stopped"),
]


class SalesFollowupLog(models.Model):
    _name = "sales.followup.log"
    _description = "Follow-up Fired by a Rule"
    _inherit = ["sales.input.guard"]
    _order = "date desc, id desc"
    _rec_name = "res_name"
    # written in bulk by the job (``date`` says when), never edited
    _log_access = False

    rule_id = fields.Many2one(
        "sales.followup.rule", required=True, readonly=True, ondelete="cascade"
    )
    kind = fields.Selection(related="rule_id.kind")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    res_model = fields.Char("Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        "Record", required=True, readonly=True, model_field="res_model"
    )
    res_name = fields.Char("Record Name", readonly=True)
    step = fields.Selection(STEPS, required=True, default="first", readonly=True)
    episode = fields.Char(
        required=True,
        readonly=True,
        help="What the rule reacted to (a date, a message): the rule fires "
        "once per episode.",
    )
    user_id = fields.Many2one(
        "res.users", "Assigned To", readonly=True, index=True, ondelete="set null"
    )
    team_id = fields.Many2one(
        "crm.team", "Sales Team", readonly=True, ondelete="set null"
    )
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, index="btree_not_null", ondelete="set null"
    )
    reason = fields.Char(readonly=True)
    state = fields.Selection(STATES, required=True, default="open", readonly=True)
    date = fields.Datetime(
        "Fired On", required=True, readonly=True, default=fields.Datetime.now
    )
    date_closed = fields.Datetime("Closed On", readonly=True)

    _sql_constraints = [
        (
            "episode_unique",
            "UNIQUE(rule_id, res_model, res_id, step, episode)",
            "A follow-up rule fires once per record and episode.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            """DROP INDEX IF EXISTS sales_followup_log_open_unique;
               CREATE UNIQUE INDEX IF NOT EXISTS sales_followup_log_one_open
                   ON sales_followup_log (rule_id, res_model, res_id)
                WHERE state = 'open'"""
        )

    @api.readonly
    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }

    @api.model
    def _close_for_activities(self, activities, state):
        """The open follow-ups of ``activities`` (being marked done or
        deleted) take ``state``. The rows mirror the activities: whoever may
        close an activity closes its follow-up, which nobody writes
        otherwise."""
        if not activities:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE sales_followup_log
                      SET state = %s, date_closed = now() AT TIME ZONE 'UTC'
                    WHERE activity_id = ANY(%s) AND state = 'open'
                RETURNING id""",
                state,
                activities.ids,
            )
        )
        closed = [row[0] for row in self.env.cr.fetchall()]
        if closed:
            self.browse(closed).invalidate_recordset(["state", "date_closed"])

    @api.model
    def _repair_open(self):
        """Open follow-ups whose activity went without our knowing (deleted
        by SQL, archived): done when archived, stopped when gone."""
        self.env["mail.activity"].flush_model(["active"])
        self.flush_model()
        self.env.cr.execute(
            """UPDATE sales_followup_log l
                  SET state = CASE WHEN EXISTS (
                          SELECT 1 FROM mail_activity a WHERE a.id = l.activity_id)
                      THEN 'done' ELSE 'stopped' END,
                      date_closed = now() AT TIME ZONE 'UTC'
                WHERE l.state = 'open'
                  AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                   WHERE a.id = l.activity_id AND a.active)"""
        )
        self.invalidate_model(["state", "date_closed"])
