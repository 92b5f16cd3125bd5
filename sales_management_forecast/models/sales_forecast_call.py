# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls of a forecast: submissions and adjustments, who may make them,
and the call that counts once the forecasts below are rolled up."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .sales_forecast import ENTRY_KINDS


class SalesForecast(models.Model):
    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "sales.forecast"

    # Latest submission and adjustments, and the resulting call.
    submitted_amount = fields.Monetary(
        "Submitted",
        compute="_compute_calls",
        help="The salesperson's latest submitted call.",
    )
    submitted_uid = fields.Many2one(
        "res.users", "Submitted By", compute="_compute_calls", help="Its author."
    )
    submitted_date = fields.Datetime(
        "Submitted On", compute="_compute_calls", help="When it was submitted."
    )
    leader_amount = fields.Monetary(
        "Leader Adjustment",
        compute="_compute_calls",
        help="The team leader's latest adjusted call.",
    )
    leader_note = fields.Text(compute="_compute_calls", help="Why the leader adjusted.")
    leader_uid = fields.Many2one(
        "res.users", "Adjusted By (Leader)", compute="_compute_calls", help="Author."
    )
    leader_date = fields.Datetime(
        "Leader Adjusted On", compute="_compute_calls", help="When."
    )
    manager_amount = fields.Monetary(
        "Manager Adjustment",
        compute="_compute_calls",
        help="The sales manager's latest adjusted call.",
    )
    manager_note = fields.Text(
        compute="_compute_calls", help="Why the manager adjusted."
    )
    manager_uid = fields.Many2one(
        "res.users", "Adjusted By (Manager)", compute="_compute_calls", help="Author."
    )
    manager_date = fields.Datetime(
        "Manager Adjusted On", compute="_compute_calls", help="When."
    )
    rollup_amount = fields.Monetary(
        "Rolled-up Call",
        compute="_compute_calls",
        help="Sum of the forecasts that roll up into this one: for each, its "
        "latest adjustment or submission, else closed won plus commit.",
    )
    forecast_amount = fields.Monetary(
        "Forecast",
        compute="_compute_calls",
        help="The call that counts: the manager's adjustment, else the "
        "leader's, else the submission, else the rolled-up call when a "
        "forecast below has one, else closed won plus commit.",
    )
    forecast_source = fields.Selection(
        [
            ("manager", "Manager adjustment"),
            ("leader", "Leader adjustment"),
            ("submission", "Submission"),
            ("rollup", "Rolled up"),
            ("system", "Closed won + commit"),
        ],
        string="Forecast From",
        compute="_compute_calls",
        help="Where the forecast figure comes from.",
    )
    can_submit = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may submit this forecast.",
    )
    can_adjust = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may adjust this forecast.",
    )

    # ------------------------------------------------------------------
    # Who may submit and adjust
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_can_edit(self):
        user = self.env.user
        for forecast in self:
            kinds = (
                forecast._allowed_entry_kinds(user) if not forecast.is_closed else ()
            )
            forecast.can_submit = "submission" in kinds
            forecast.can_adjust = bool({"leader", "manager"} & set(kinds))

    def _allowed_entry_kinds(self, user):
        """The kinds of entries ``user`` may add to this forecast."""
        self.ensure_one()
        kinds = []
        if self.owner_type == "user" and self.user_id == user:
            kinds.append("submission")
        if user.has_group("sales_team.group_sale_manager"):
            kinds.append("manager")
        elif user.has_group("sales_management.group_sales_team_leader") and (
            self.owner_type in ("user", "team") and self.team_id.user_id == user
        ):
            kinds.append("leader")
        return kinds

    def _check_entry_allowed(self, kind):
        """Raise unless the current user may add an entry of ``kind``."""
        self.ensure_one()
        if self.is_closed:
            raise UserError(
                self.env._(
                    "The period of the forecast %(forecast)s is closed: it takes "
                    "no more submissions or adjustments.",
                    forecast=self.display_name,
                )
            )
        if self.env.su:
            return
        if kind not in self._allowed_entry_kinds(self.env.user):
            messages = {
                "submission": self.env._(
                    "Only %(owner)s can submit the forecast %(forecast)s: "
                    "salespeople submit their own forecast.",
                    owner=self.user_id.name or self.env._("its salesperson"),
                    forecast=self.display_name,
                ),
                "leader": self.env._(
                    "Only the leader of the team %(team)s can adjust the "
                    "forecast %(forecast)s as team leader.",
                    team=self.team_id.name or "-",
                    forecast=self.display_name,
                ),
                "manager": self.env._(
                    "Only sales managers can adjust the forecast %(forecast)s "
                    "as manager.",
                    forecast=self.display_name,
                ),
            }
            raise AccessError(messages[kind])

    # ------------------------------------------------------------------
    # Calls: latest entries and roll-up
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_calls(self):
        entries, tree = self._get_latest_entries()
        # closed won + commit of the forecasts below that are not in self
        figures = {
            forecast.id: forecast.closed_won + forecast.commit_amount
            for forecast in self
        }
        below = {child for children in tree.values() for child in children}
        missing = [forecast_id for forecast_id in below if forecast_id not in figures]
        for forecast_id, values in self.browse(missing)._get_figures().items():
            figures[forecast_id] = values["closed_won"] + values["commit_amount"]
        calls = {}

        def call(forecast_id):
            """(amount, source, whether an entry decides it)"""
            if forecast_id not in calls:
                latest = entries.get(forecast_id, {})
                kind = next((k for k in reversed(ENTRY_KINDS) if k in latest), None)
                children = [call(child) for child in tree.get(forecast_id, ())]
                if kind:
                    calls[forecast_id] = (latest[kind]["amount"], kind, True)
                elif any(decided for _amount, _source, decided in children):
                    total = sum(amount for amount, _source, _decided in children)
                    calls[forecast_id] = (total, "rollup", True)
                else:
                    calls[forecast_id] = (
                        figures.get(forecast_id, 0.0),
                        "system",
                        False,
                    )
            return calls[forecast_id]

        Users = self.env["res.users"]
        for forecast in self:
            latest = entries.get(forecast.id, {})
            for kind, prefix in (
                ("submission", "submitted"),
                ("leader", "leader"),
                ("manager", "manager"),
            ):
                entry = latest.get(kind, {})
                forecast[f"{prefix}_amount"] = entry.get("amount", 0.0)
                forecast[f"{prefix}_uid"] = Users.browse(entry.get("user_id"))
                forecast[f"{prefix}_date"] = entry.get("date", False)
                if kind != "submission":
                    forecast[f"{prefix}_note"] = entry.get("note", False)
            forecast.rollup_amount = sum(
                call(child)[0] for child in tree.get(forecast.id, ())
            )
            amount, source, _decided = call(forecast.id)
            forecast.forecast_amount = amount
            forecast.forecast_source = source
            forecast.gap = forecast.target - amount

    def _get_latest_entries(self):
        """Latest entry of each kind of the forecasts and those below them.

        The forecasts rolling up into ``self`` (two levels: teams and their
        salespeople) are read in the same query, as their calls add up into
        the figures of ``self`` that the user may read.

        :return: ({forecast id: {kind: {amount, note, user_id, date}}},
                  {forecast id: [child forecast ids]})
        """
        ids = [forecast_id for forecast_id in self._ids if forecast_id]
        if not ids:
            return {}, {}
        self.env["sales.forecast.entry"].flush_model()
        self.flush_model(["parent_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH tree AS (
                    SELECT id, parent_id FROM sales_forecast WHERE id = ANY(%(ids)s)
                 UNION
                    SELECT c.id, c.parent_id FROM sales_forecast c
                     WHERE c.parent_id = ANY(%(ids)s)
                 UNION
                    SELECT g.id, g.parent_id FROM sales_forecast g
                      JOIN sales_forecast c ON c.id = g.parent_id
                     WHERE c.parent_id = ANY(%(ids)s)
                )
                SELECT tree.id, tree.parent_id, e.kind, e.amount, e.note, e.user_id,
                       e.date
                  FROM tree
             LEFT JOIN LATERAL (
                    SELECT DISTINCT ON (kind) kind, amount, note, user_id, date
                      FROM sales_forecast_entry
                     WHERE forecast_id = tree.id
                  ORDER BY kind, date DESC, id DESC
                  ) e ON TRUE
                """,
                ids=ids,
            )
        )
        entries, tree, seen = {}, {}, set()
        for (
            forecast_id,
            parent_id,
            kind,
            amount,
            note,
            user_id,
            date,
        ) in self.env.cr.fetchall():
            if parent_id and forecast_id not in seen:
                tree.setdefault(parent_id, []).append(forecast_id)
            seen.add(forecast_id)
            if kind:
                entries.setdefault(forecast_id, {})[kind] = {
                    "amount": amount,
                    "note": note,
                    "user_id": user_id,
                    "date": date,
                }
        return entries, tree

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _open_entry_wizard(self, kind):
        self.ensure_one()
        # the call below is computed in SQL, without the access check of a
        # read: check it first (an RPC client may send any forecast id)
        self.check_access("read")
        self._check_entry_allowed(kind)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_submit_action"
        )
        action["context"] = {
            "default_forecast_id": self.id,
            "default_kind": kind,
            "default_amount": self.forecast_amount,
        }
        return action

    def action_submit(self):
        self.ensure_one()
        return self._open_entry_wizard("submission")

    def action_adjust(self):
        self.ensure_one()
        kinds = self._allowed_entry_kinds(self.env.user)
        kind = "manager" if "manager" in kinds else "leader"
        return self._open_entry_wizard(kind)

    @api.readonly
    def action_view_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_management_forecast.sales_forecast_entry_action"
        )
        action["domain"] = [("forecast_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
