# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# lines listed (the count says how many would fire in all)
MAX_LINES = 500


class SalesFollowupPreview(models.TransientModel):
    """What a follow-up rule would fire now, and why: the rule's candidates
    computed as the scheduled job computes them, without scheduling,
    posting or recording anything."""

    _name = "sales.followup.preview"
    _description = "Follow-ups a Rule Would Fire Now"
    _inherit = ["sales.input.guard"]

    rule_id = fields.Many2one("sales.followup.rule", required=True, ondelete="cascade")
    count = fields.Integer("Would Fire", readonly=True)
    line_ids = fields.One2many(
        "sales.followup.preview.line", "wizard_id", "Follow-ups", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._sm_check_input_list(vals_list)
        previews = super().create(vals_list)
        # the rule must be one the user may read (another company's is not)
        previews.rule_id.check_access("read")
        previews.rule_id._check_manager()
        previews._fill_lines()
        return previews

    def action_refresh(self):
        self.ensure_one()
        self.rule_id.check_access("read")
        self.rule_id._check_manager()
        self._fill_lines()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def _fill_lines(self):
        for preview in self:
            rule = preview.rule_id.sudo()
            todo = rule._followup_candidates()
            lines = [
                {
                    "res_model": rule.model_name,
                    "res_id": candidate.res_id,
                    "name": rule._followup_name(candidate.name),
                    "step": candidate.step,
                    "user_id": user,
                    "reason": rule._followup_reason(candidate),
                }
                for candidate, user in todo[:MAX_LINES]
            ]
            preview.line_ids.unlink()
            preview.write(
                {
                    "count": len(todo),
                    "line_ids": [fields.Command.create(v) for v in lines],
                }
            )


class SalesFollowupPreviewLine(models.TransientModel):
    _name = "sales.followup.preview.line"
    _description = "Follow-up a Rule Would Fire Now"
    _inherit = ["sales.input.guard"]

    wizard_id = fields.Many2one(
        "sales.followup.preview", required=True, ondelete="cascade"
    )
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Many2oneReference("Record", readonly=True, model_field="res_model")
    name = fields.Char("Record Name", readonly=True)
    step = fields.Selection(
        [("first", "Reminder"), ("escalation", "Escalation")], readonly=True
    )
    user_id = fields.Many2one("res.users", "Assigned To", readonly=True)
    reason = fields.Char(readonly=True)

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
