# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime

# What the Onboard Salesperson wizard records on the application: written by
# its button only (_sales_write_onboarding), never by a client.
ONBOARDING_FIELDS = {
    "sales_onboarded_date",
    "sales_onboarded_uid",
    "sales_user_id",
    "sales_target_plan_id",
}
SALES_MANAGER = "sales_team.group_sale_manager"


class HrApplicant(models.Model):
    """The onboarding of a hired salesperson: when it was done, by whom, the
    salesperson's user and the target plan of their ramped targets.

    Recorded once, by the Onboard Salesperson wizard (sales.applicant.onboard):
    a second onboarding of the same application is refused.
    """

    # one model split by concern across files, as Odoo splits account.move
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "hr.applicant"

    sales_onboarded_date = fields.Datetime(
        "Onboarded On",
        readonly=True,
        copy=False,
        help="When the hired applicant was onboarded as a salesperson (user, "
        "team, activity plan and ramped targets).",
    )
    sales_onboarded_uid = fields.Many2one(
        "res.users",
        "Onboarded By",
        readonly=True,
        copy=False,
        help="Who onboarded the hired applicant.",
    )
    sales_user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The user of the new salesperson, as onboarded: the one their "
        "targets and team membership are for.",
    )
    sales_target_plan_id = fields.Many2one(
        "sales.quota.plan",
        "Onboarding Target Plan",
        readonly=True,
        copy=False,
        groups=SALES_MANAGER,
        help="The target plan the ramped targets of the new salesperson were "
        "created in.",
    )
    sales_target_count = fields.Integer(
        "Targets",
        compute="_compute_sales_target_count",
        groups=SALES_MANAGER,
        help="Targets of the new salesperson in the active and closed target "
        "plans of the applicant's company.",
    )

    def _compute_sales_target_count(self):
        """Counted through the one definition of the targets figure (every
        applicant of the request in one query)."""
        users = self.sales_user_id
        counts = {}
        if users:
            domain = self.env["sales.figure"]._figure_domain(
                "targets", users=users.ids, target_type="user"
            )
            groups = (
                self.env["sales.quota"]
                .sudo()
                ._read_group(domain, ["user_id", "company_id"], ["__count"])
            )
            counts = {(user.id, company.id): count for user, company, count in groups}
        for applicant in self:
            applicant.sales_target_count = counts.get(
                (applicant.sales_user_id.id, applicant.company_id.id), 0
            )

    # ------------------------------------------------------------------
    # The record of the onboarding: the wizard's only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(ONBOARDING_FIELDS & set(vals) for vals in vals_list):
            self._sales_raise_onboarding_fields()
        return super().create(vals_list)

    def write(self, vals):
        if ONBOARDING_FIELDS & set(vals):
            self._sales_raise_onboarding_fields()
        return super().write(vals)

    def _sales_raise_onboarding_fields(self):
        raise UserError(
            self.env._(
                "The onboarding of a hired salesperson is recorded by the Onboard "
                "Salesperson button only."
            )
        )

    def _sales_write_onboarding(self, vals):
        """Record the onboarding, past the guard of ``write``.

        Private (no RPC client calls it): the onboarding wizard, once it has
        checked the user's rights and onboarded the applicant.
        """
        return super().write(vals)

    def _sales_lock_onboarding(self):
        """Lock the applications for this transaction, or refuse at once.

        Two requests onboarding the same applicant (a double click, two
        recruiters) would create everything twice: the second one waits for
        nothing and gets a clear message instead. Once the first is committed,
        a retry finds the application onboarded.
        """
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except LockNotAvailable:
            raise UserError(
                self.env._(
                    "%(applicant)s is being onboarded by another request right "
                    "now. Wait a moment and reload the application: it shows "
                    "what was done.",
                    applicant=self[0].partner_name or self[0].display_name,
                )
            ) from None
        # what a request committed before the lock was taken
        self.invalidate_recordset(list(ONBOARDING_FIELDS))

    def _sales_onboarded_message(self):
        """Why the application cannot be onboarded again."""
        self.ensure_one()
        applicant = self.sudo()
        message = self.env._(
            "%(applicant)s was already onboarded on %(date)s by %(user)s: "
            "nothing was done again.",
            applicant=applicant.partner_name or applicant.display_name,
            date=format_datetime(self.env, applicant.sales_onboarded_date),
            user=applicant.sales_onboarded_uid.name or "-",
        )
        if applicant.sales_target_plan_id:
            message += " " + self.env._(
                "The ramped targets of %(user)s are in the target plan %(plan)s.",
                user=applicant.sales_user_id.name,
                plan=applicant.sales_target_plan_id.display_name,
            )
        return message

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.readonly
    def action_open_sales_onboarding(self):
        """The Onboard Salesperson wizard of the hired applicant."""
        self.ensure_one()
        if self.sales_onboarded_date:
            raise UserError(self._sales_onboarded_message())
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.applicant.onboard",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._(
                "Onboard %(applicant)s",
                applicant=self.partner_name or self.display_name,
            ),
            "context": {"default_applicant_id": self.id},
        }

    @api.readonly
    def action_open_sales_targets(self):
        """The targets of the new salesperson: the records the Targets count
        counts (the same definition of the figure)."""
        self.ensure_one()
        model, domain = self.env["sales.figure"]._figure_client_domain(
            "targets",
            users=self.sales_user_id.ids,
            target_type="user",
            company=self.company_id.id,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "views": [
                (
                    self.env.ref(
                        "sales_management_recruiting.sales_quota_view_list_onboarding"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": domain,
            "context": {"create": False},
            "name": self.env._(
                "Targets of %(salesperson)s", salesperson=self.sales_user_id.name
            ),
        }
