# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Sales Management dashboard: installed as the app's first screen, its
data sources valid, its figures those of the scorecards, targets and
opportunities, read with the rights of whoever opens it."""

import json
from datetime import date

from odoo.tests import tagged

from ..tools.dashboard import dashboard_requests, date_filter_bounds, read_requests
from .test_scorecard import ScorecardCommon

DASHBOARD = "sales_management.spreadsheet_dashboard_sales_management"
# the day the dashboard is read: March 2026 against February (ScorecardCommon)
TODAY = date(2026, 3, 20)


def dashboard_data(env, xmlid=DASHBOARD):
    return json.loads(env.ref(xmlid).sudo().spreadsheet_data)


def check_data_sources(test, data):
    """Every data source reads fields that exist, measures that add up and
    groups that group; every filter is matched on a field of its kind."""
    filters = {spec["id"]: spec for spec in data["globalFilters"]}

    def field(model, chain):
        Model = test.env[model]
        *path, name = chain.split(".")
        for step in path:
            Model = test.env[Model._fields[step].comodel_name]
        test.assertIn(name, Model._fields, f"{model}.{chain}")
        return Model._fields[name]

    def check_matching(model, matching):
        for filter_id, spec in matching.items():
            kind = filters[filter_id]["type"]
            found = field(model, spec["chain"])
            if kind == "date":
                test.assertIn(found.type, ("date", "datetime"))
                test.assertEqual(spec["type"], found.type, spec["chain"])
            else:
                test.assertEqual(found.comodel_name, filters[filter_id]["modelName"])

    for pivot in data["pivots"].values():
        for measure in pivot["measures"]:
            if measure["fieldName"] == "__count":
                continue
            found = field(pivot["model"], measure["fieldName"])
            test.assertTrue(
                found.store and found.type in ("integer", "float", "monetary")
            )
            test.assertTrue(measure.get("aggregator") or found.aggregator)
        for row in pivot["rows"]:
            test.assertTrue(field(pivot["model"], row["fieldName"]).store)
        check_matching(pivot["model"], pivot["fieldMatching"])
    for spec in data["lists"].values():
        for column in spec["columns"]:
            field(spec["model"], column)
        for order in spec["orderBy"]:
            test.assertTrue(field(spec["model"], order["name"]).store)
        check_matching(spec["model"], spec["fieldMatching"])
    for sheet in data["sheets"]:
        for figure in sheet["figures"]:
            chart = figure["data"]
            if chart["type"].startswith("odoo_"):
                model = chart["metaData"]["resModel"]
                field(model, chart["metaData"]["measure"])
                check_matching(model, chart["fieldMatching"])


def check_menus_visible(test, data, user):
    """The menus that the dashboard's titles and tiles open are menus the
    users who see the dashboard can open."""
    menus = set(data["chartOdooMenusReferences"].values())
    for sheet in data["sheets"]:
        for cell in sheet["cells"].values():
            content = cell.get("content", "")
            if "odoo://ir_menu_xml_id/" in content:
                menus.add(content.split("odoo://ir_menu_xml_id/")[1].rstrip(")"))
    visible = test.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
    for xmlid in menus:
        test.assertIn(test.env.ref(xmlid).id, visible, xmlid)


@tagged("post_install", "-at_install")
class TestDashboard(ScorecardCommon):
    def read_dashboard(self, user, **values):
        env = self.env(user=user)
        data = dashboard_data(self.env)
        requests = dashboard_requests(
            data, lambda model: env[model].fields_get(), TODAY, "UTC", values
        )
        return read_requests(env, requests)

    def team_filter(self, team):
        data = dashboard_data(self.env)
        spec = next(f for f in data["globalFilters"] if f["label"] == "Sales Team")
        return {spec["id"]: team.ids}

    def test_installed_as_the_first_screen(self):
        dashboard = self.env.ref(DASHBOARD)
        self.assertTrue(dashboard.is_published)
        self.assertEqual(
            dashboard.group_ids, self.env.ref("sales_team.group_sale_salesman")
        )
        action = self.env.ref("sales_management.sales_management_dashboard_action")
        self.assertEqual(action.tag, "action_spreadsheet_dashboard")
        self.assertEqual(
            action.params, {"dashboard_id": dashboard.id, "sm_onboarding": True}
        )
        root = self.env.ref("sales_management.menu_sales_management_root")
        first = root.child_id.sorted("sequence")[0]
        self.assertEqual(
            first, self.env.ref("sales_management.menu_sales_management_dashboard")
        )
        self.assertEqual(first.action, action)
        # a salesperson sees the dashboard among Odoo's dashboards
        groups = self.env["spreadsheet.dashboard.group"].with_user(self.rep_a)
        self.assertIn(
            dashboard,
            groups.search([]).published_dashboard_ids.with_user(self.rep_a),
        )

    def test_data_sources(self):
        data = dashboard_data(self.env)
        check_data_sources(self, data)
        check_menus_visible(self, data, self.rep_a)

    def test_domains_are_those_of_the_sales_figures(self):
        Figure = self.env["sales.figure"]
        data = dashboard_data(self.env)

        def as_json(domain):
            return json.loads(json.dumps(domain))

        expected = {
            "Won opportunities": "won",
            "Won opportunities by source": "won",
            "Lost opportunities": "lost",
            "Lost opportunities by reason": "lost",
        }
        for pivot in data["pivots"].values():
            name = pivot["name"].split(",")[0]
            if name in expected:
                self.assertEqual(
                    pivot["domain"],
                    as_json(Figure._figure_base_domain(expected[name])),
                    name,
                )
        chart = next(
            f["data"]
            for f in data["sheets"][0]["figures"]
            if f["data"]["type"] == "odoo_bar"
        )
        self.assertEqual(
            chart["searchParams"]["domain"],
            as_json(Figure._figure_base_domain("pipeline")),
        )
        for spec in data["lists"].values():
            self.assertEqual(
                spec["domain"][:2], as_json(Figure._figure_base_domain("targets"))
            )

    def test_period_filter_bounds(self):
        self.assertEqual(
            date_filter_bounds("this_month", TODAY),
            (date(2026, 3, 1), date(2026, 3, 31)),
        )
        self.assertEqual(
            date_filter_bounds("this_month", TODAY, -1),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            date_filter_bounds({"period": "second_quarter", "yearOffset": -1}, TODAY),
            (date(2025, 4, 1), date(2025, 6, 30)),
        )
        self.assertEqual(
            date_filter_bounds("this_year", TODAY, -1),
            (date(2025, 1, 1), date(2025, 12, 31)),
        )

    def test_figures_of_a_team_as_manager(self):
        figures = self.read_dashboard(self.manager, **self.team_filter(self.team_north))
        now, before = figures["pivot 1"][0], figures["pivot 2"][0]
        # March: rep A 1,200 and rep B 100; February: 100 and 500
        self.assertAlmostEqual(now["revenue"], 1300.0)
        self.assertAlmostEqual(before["revenue"], 600.0)
        self.assertAlmostEqual(now["target"], 2400.0)
        # the scorecards' won deals are summed, not averaged
        self.assertEqual(now["won_count"], 2.0)
        cards = self.env["sales.scorecard"].search(
            [("period_id", "=", self.march.id), ("team_id", "=", self.team_north.id)]
        )
        self.assertAlmostEqual(now["revenue"], sum(cards.mapped("revenue")))
        # won and lost opportunities of the month, by closing date
        won, lost = figures["pivot 3"][0], figures["pivot 5"][0]
        self.assertEqual((won["__count"], won["expected_revenue"]), (2, 6000.0))
        self.assertEqual(lost["__count"], 1)
        self.assertEqual(figures["pivot 4"][0]["__count"], 0)
        # the leaderboard: rep A first, rep B last
        top = figures["pivot 7 by user_id"]
        self.assertEqual(
            {row["user_id"][0] for row in top}, {self.rep_a.id, self.rep_b.id}
        )
        best = max(top, key=lambda row: row["score"])
        self.assertEqual(best["user_id"][0], self.rep_a.id)
        # the salespeople's targets of the month, with their live attainment
        targets = figures["list 2"]["records"]
        self.assertEqual(len(targets), 1)
        self.assertEqual(targets[0]["user_id"]["id"], self.rep_a.id)
        quota = self.env["sales.quota"].browse(targets[0]["id"])
        self.assertAlmostEqual(targets[0]["attainment"], quota.attainment)
        self.assertAlmostEqual(quota.attainment, 50.0)

    def test_salesperson_sees_own_figures(self):
        figures = self.read_dashboard(self.rep_b, **self.team_filter(self.team_north))
        self.assertAlmostEqual(figures["pivot 1"][0]["revenue"], 100.0)
        self.assertEqual(
            [row["user_id"][0] for row in figures["pivot 7 by user_id"]],
            [self.rep_b.id],
        )
        # rep A's target and won deals are not rep B's to see
        self.assertFalse(figures["list 2"]["records"])
        self.assertEqual(figures["pivot 3"][0]["__count"], 0)
        rep_a = self.read_dashboard(self.rep_a, **self.team_filter(self.team_north))
        self.assertEqual(rep_a["pivot 3"][0]["__count"], 2)
        self.assertEqual(len(rep_a["list 2"]["records"]), 1)
