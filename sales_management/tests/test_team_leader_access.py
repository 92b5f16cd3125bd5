# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from .common import LEADER, SalesManagementCommon

ALL_DOCS = "sales_team.group_sale_salesman_all_leads"


@tagged("post_install", "-at_install")
class TestTeamLeaderAccess(SalesManagementCommon):
    """A team leader sees their own documents and their teams', not the others'.

    (Invoices follow Odoo's invoicing rights, which the test users hold.)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_north = cls.create_opportunity(cls.rep_a, 20, 1000, date(2026, 3, 1))
        cls.lead_south = cls.create_opportunity(cls.rep_c, 20, 1000, date(2026, 3, 1))
        cls.order_north = cls.create_order(
            cls.rep_a, date(2026, 3, 2), [(cls.service, 1, 100)]
        )
        cls.order_south = cls.create_order(
            cls.rep_c, date(2026, 3, 2), [(cls.service, 1, 100)]
        )

    def test_group_chain(self):
        leader_group = self.env.ref(LEADER)
        all_docs = self.env.ref("sales_team.group_sale_salesman_all_leads")
        self.assertNotIn(all_docs, leader_group.implied_ids)
        self.assertIn(leader_group, all_docs.implied_ids)
        self.assertFalse(
            self.leader.has_group("sales_team.group_sale_salesman_all_leads")
        )
        self.assertTrue(self.manager.has_group(LEADER))

    def test_leader_sees_own_team_only(self):
        for model, north, south in (
            ("crm.lead", self.lead_north, self.lead_south),
            ("sale.order", self.order_north, self.order_south),
        ):
            Model = self.env[model].with_user(self.leader)
            found = Model.search([("id", "in", (north | south).ids)])
            self.assertEqual(found, north, model)
            with self.assertRaises(AccessError, msg=model):
                south.with_user(self.leader).read(["name"])
        lines = (
            self.env["sale.order.line"]
            .with_user(self.leader)
            .search([("order_id", "in", (self.order_north | self.order_south).ids)])
        )
        self.assertEqual(lines.order_id, self.order_north)
        rows = (
            self.env["sale.report"]
            .with_user(self.leader)
            .search_read(
                [("team_id", "in", (self.team_north | self.team_south).ids)],
                ["team_id"],
            )
        )
        self.assertEqual({row["team_id"][0] for row in rows}, {self.team_north.id})

    def test_all_documents_user_sees_everything(self):
        viewer = new_test_user(
            self.env,
            login="sm_all_docs",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        self.assertTrue(viewer.has_group(LEADER))
        leads = (
            self.env["crm.lead"]
            .with_user(viewer)
            .search([("id", "in", (self.lead_north | self.lead_south).ids)])
        )
        self.assertEqual(leads, self.lead_north | self.lead_south)

    def test_migration_moves_team_leaders_to_their_level(self):
        """A database of 18.0.1.1.0: the Team Leader level implied All Documents."""
        path = file_path("sales_management/migrations/18.0.1.2.0/pre-migrate.py")
        spec = importlib.util.spec_from_file_location("sm_pre_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        leader_group = self.env.ref(LEADER)
        all_docs = self.env.ref("sales_team.group_sale_salesman_all_leads")
        # the groups as version 18.0.1.1.0 left them
        all_docs.implied_ids -= leader_group
        leader_group.implied_ids |= all_docs
        self.assertTrue(self.leader.has_group(ALL_DOCS))
        viewer = new_test_user(
            self.env, login="sm_viewer_all", groups=f"base.group_user,{ALL_DOCS}"
        )
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.env.registry.clear_cache("groups")
        self.assertFalse(self.leader.has_group(ALL_DOCS))
        self.assertTrue(self.leader.has_group(LEADER))
        self.assertTrue(self.manager.has_group(ALL_DOCS))
        self.assertTrue(viewer.has_group(ALL_DOCS))
        self.assertNotIn(all_docs, leader_group.implied_ids)
