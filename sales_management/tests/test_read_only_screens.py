# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every screen of the Sales Management menus reads on a read-only
transaction, as on a read replica: its list (or kanban) and the form of its
first record, as a sales manager and as a salesperson; the dashboards'
requests too."""

from odoo import fields
from odoo.tests import tagged

from ..tools.dashboard import dashboard_requests, read_requests
from .read_only import read_action, read_only
from .test_dashboard import dashboard_data
from .test_scorecard import ScorecardCommon

ROOT = "sales_management.menu_sales_management_root"


@tagged("post_install", "-at_install")
class TestReadOnlyScreens(ScorecardCommon):
    def menu_actions(self, user):
        """The window actions of the app's menus ``user`` sees."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        visible = Menu._visible_menu_ids()
        root = self.env.ref(ROOT)
        menus = Menu.search([("id", "child_of", root.id), ("id", "in", list(visible))])
        return [
            menu.action
            for menu in menus.sudo()
            if menu.action and menu.action._name == "ir.actions.act_window"
        ]

    def test_refused_writes(self):
        """The mode refuses writes as a standby does, then lets them again."""
        with self.assertRaisesRegex(Exception, "read-only transaction"):
            with read_only(self.env), self.env.cr.savepoint(flush=False):
                self.env.cr.execute("UPDATE res_users SET write_date = write_date")
        self.env.cr.execute("UPDATE res_users SET write_date = write_date WHERE id = 1")

    def test_menus_read_only(self):
        failures, read = [], {}
        for user in (self.manager, self.rep_a):
            env = self.env(user=user)
            actions = self.menu_actions(user)
            for action in actions:
                data = action.sudo().read()[0]
                try:
                    with read_only(env):
                        read[user.login, data["name"]] = read_action(env, data)
                except Exception as error:  # noqa: BLE001 - listed below
                    failures.append(f"{user.login}: {data['name']}: {error}")
        self.assertFalse(failures, "\n".join(failures))
        # every screen of the app, some with rows: the test reads something
        self.assertGreater(len(read), 40, read)
        self.assertGreater(sum(1 for count in read.values() if count), 20, read)

    def test_leaderboard_read_only(self):
        """The leaderboard's menu creates the current periods only when they
        are missing (a new company, before the nightly job): once they exist,
        opening it writes nothing."""
        today = fields.Date.context_today(self.env.user)
        self.env["sales.scorecard.period"]._ensure_periods(self.company, today)
        for user in (self.manager, self.rep_a):
            env = self.env(user=user)
            with read_only(env):
                action = env["sales.scorecard"]._action_open_leaderboard()
                read_action(env, action)

    def test_dashboard_read_only(self):
        data = dashboard_data(self.env)
        for user in (self.manager, self.rep_a):
            env = self.env(user=user)
            requests = dashboard_requests(
                data,
                lambda model, env=env: env[model].fields_get(),
                self.march.date_from,
            )
            with read_only(env):
                read_requests(env, requests)

    def test_charts_and_setup_panel_read_only(self):
        card = self.card(self.rep_a)
        for user in (self.manager, self.rep_a):
            env = self.env(user=user)
            with read_only(env):
                self.assertTrue(card.with_user(user).sm_trend_chart["choices"])
                env["onboarding.onboarding"].sm_get_panel()
