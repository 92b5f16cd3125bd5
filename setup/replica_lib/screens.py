"""Open every screen of the Sales Management menus over JSON-RPC.

As a browser does: the menus of the app the user sees, each menu's action
(``/web/action/load``), its views with their search view (``get_views``),
the first view's data with the filters the action turns on by default
(a list or kanban page, grouped when the action groups it; a pivot's or
graph's groups), then the form of its first record; a server action's
resulting screen (``/web/action/run``); a spreadsheet dashboard's data
sources (``sales_management.tools.dashboard``). Every request is numbered
(``?sm_request=N``) so that its line in Odoo's log says on which cursor it ran.
"""

import datetime
import time
import xml.etree.ElementTree as ET
from collections import namedtuple

from dateutil.relativedelta import relativedelta
from load_lib.rpc import RpcError, Session
from load_lib.specs import default_order, view_specification

ROOT_MENU = "sales_management.menu_sales_management_root"
PAGE = 80
# the data of a screen: what must run on the replica
DATA_METHODS = frozenset(
    {"web_search_read", "web_read", "web_read_group", "read_group", "read_progress_bar"}
)

Request = namedtuple("Request", "number login screen label data")
# buttons of the forms that only open records (``@api.readonly``)
DRILL_DOWNS = (
    ("res.partner", "action_sm_open_timeline", {}),
    ("sales.quota", "action_view_pipeline", {}),
    ("sales.quota", "action_view_achieved", {}),
    ("sales.scorecard", "action_view_figure", {"scorecard_figure": "won_count"}),
    ("sales.forecast", "action_view_commit", {}),
    ("sales.forecast", "action_view_closed_won", {}),
)


class Checker:
    """One user's walk through the app's screens."""

    def __init__(self, url, db, login, password, log, counter):
        self.session = Session(url, db, timeout=300.0)
        self.login = login
        self.password = password
        self.log = log  # list of Request
        self.counter = counter  # itertools.count shared by every user
        self.screen = "login"
        self.failures = []  # (screen, message)
        self.screens = []  # (name, action type, records, seconds)
        self.seen = set()  # external ids of the actions opened
        self.loaded_xmlid = None

    # -- requests ------------------------------------------------------

    def post(self, path, params, label, data=False):
        number = next(self.counter)
        self.log.append(Request(number, self.login, self.screen, label, data))
        return self.session.post(f"{path}?sm_request={number}", params)

    def call(self, model, method, args=(), kwargs=None, context=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.session.context, **(context or {})}
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            f"{model}.{method}",
            data=method in DATA_METHODS,
        )

    # -- the walk ------------------------------------------------------

    def run(self):
        self.session.authenticate(self.login, self.password)
        menus = self.call("ir.ui.menu", "load_menus", [False])
        root = next(
            (
                menu
                for menu in menus.values()
                if isinstance(menu, dict) and menu.get("xmlid") == ROOT_MENU
            ),
            None,
        )
        if root is None:
            self.failures.append(("menus", f"{self.login} does not see the app"))
            return
        opened = set()
        for menu in self._walk(menus, root["id"]):
            if not menu.get("action"):
                continue
            model, _sep, action_id = menu["action"].partition(",")
            action = (model, int(action_id))
            if action in opened:
                continue
            opened.add(action)
            self.screen = menu["name"]
            self.loaded_xmlid = None
            started = time.perf_counter()
            try:
                records = self.open_action(action[1])
            except (RpcError, ValueError, KeyError, TypeError) as error:
                self.failures.append((self.screen, f"{type(error).__name__}: {error}"))
                records = None
            self.screens.append(
                (self.screen, action[0], records, time.perf_counter() - started)
            )
            if self.loaded_xmlid:
                self.seen.add(self.loaded_xmlid)
        self.drill_downs()

    def drill_downs(self):
        """Click the drill-down buttons (methods marked ``@api.readonly``)
        on the first record the user sees, then open their screen."""
        self.screen = "drill-downs"
        started, clicked = time.perf_counter(), 0
        for model, method, context in DRILL_DOWNS:
            try:
                found = self.call(
                    model,
                    "web_search_read",
                    [],
                    {
                        "domain": [],
                        "specification": {},
                        "limit": 1,
                    },
                )["records"]
                if not found:
                    continue
                action = self.post(
                    f"/web/dataset/call_button/{model}/{method}",
                    {
                        "model": model,
                        "method": method,
                        "args": [[found[0]["id"]]],
                        "kwargs": {"context": {**self.session.context, **context}},
                    },
                    f"{model}.{method}",
                    data=True,
                )
                clicked += 1
                if action:
                    self.open_loaded(action)
            except (RpcError, ValueError, KeyError, TypeError) as error:
                self.failures.append(
                    (f"{model}.{method}", f"{type(error).__name__}: {error}")
                )
        self.screens.append(
            (self.screen, "buttons", clicked, time.perf_counter() - started)
        )

    def _walk(self, menus, menu_id):
        menu = menus.get(str(menu_id)) or menus.get(menu_id)
        if not menu:
            return
        yield menu
        for child in menu.get("children") or ():
            yield from self._walk(menus, child)

    def open_action(self, action_id):
        action = self.post(
            "/web/action/load",
            {"action_id": action_id, "context": self.session.context},
            "action.load",
        )
        self.loaded_xmlid = action.get("xml_id")
        return self.open_loaded(action)

    def open_loaded(self, action):
        kind = action.get("type")
        if kind == "ir.actions.act_window":
            return self.open_window(action)
        if kind == "ir.actions.server":
            result = self.post(
                "/web/action/run",
                {"action_id": action["id"], "context": self.session.context},
                "action.run",
            )
            return self.open_loaded(result) if result else None
        if (
            kind == "ir.actions.client"
            and action.get("tag") == "action_spreadsheet_dashboard"
        ):
            return self.open_dashboard(action)
        return None

    # -- window actions ------------------------------------------------

    def eval_context(self, context=None):
        from odoo.tools import safe_eval

        now = datetime.datetime.now()
        return {
            "uid": self.session.uid,
            "context": context or self.session.context,
            "context_today": lambda: now,
            "datetime": safe_eval.datetime,
            "relativedelta": relativedelta,
            "time": safe_eval.time,
            "today": now.strftime("%Y-%m-%d"),
            "current_date": now.strftime("%Y-%m-%d"),
            "now": now.strftime("%Y-%m-%d %H:%M:%S"),
            "active_id": False,
            "active_ids": [],
        }

    def evaluate(self, value, default, context=None):
        if not isinstance(value, str):
            return value if value else default
        from odoo.tools.safe_eval import safe_eval

        return safe_eval(value, self.eval_context(context))

    def open_window(self, action):
        model = action["res_model"]
        context = {**self.session.context, **self.evaluate(action.get("context"), {})}
        domain = list(self.evaluate(action.get("domain"), [], context))
        views = [list(view) for view in action.get("views") or [[False, "list"]]]
        answer = self.call(
            model,
            "get_views",
            [],
            {
                "views": views
                + [
                    [
                        action.get("search_view_id") and action["search_view_id"][0],
                        "search",
                    ]
                ],
                "options": {
                    "action_id": action.get("id"),
                    "load_filters": True,
                    "toolbar": True,
                },
            },
            context=context,
        )
        archs = {kind: view["arch"] for kind, view in answer["views"].items()}
        models = answer["models"]
        filters, groupby = self.default_filters(archs.get("search"), context)
        domain += filters
        groupby = (
            [context["group_by"]]
            if isinstance(context.get("group_by"), str)
            else (context.get("group_by") or groupby)
        )
        first = views[0][1]
        ids = []
        if action.get("res_id"):
            ids = [action["res_id"]]
        elif first in ("list", "kanban"):
            ids = self.read_page(
                model, first, archs[first], models, domain, groupby, context
            )
        elif first in ("pivot", "graph"):
            self.read_groups(model, first, archs[first], domain, context)
            if "list" in archs:
                ids = self.read_page(
                    model, "list", archs["list"], models, domain, [], context
                )
        if ids and "form" in archs:
            spec = view_specification(archs["form"], model, models)
            self.call(
                model, "web_read", [ids[:1]], {"specification": spec}, context=context
            )
        elif not ids and "form" in archs and action.get("target") == "new":
            spec = view_specification(archs["form"], model, models)
            self.call(model, "onchange", [[], {}, [], spec], context=context)
        return len(ids)

    def default_filters(self, arch, context):
        """The domain and group-by of the search filters the context turns on."""
        if not arch:
            return [], []
        domain, groupby = [], []
        today = datetime.date.today()
        for node in ET.fromstring(arch).iter("filter"):
            if not context.get(f"search_default_{node.get('name')}"):
                continue
            if node.get("date"):
                period = node.get("default_period") or "month"
                start = today.replace(day=1)
                months = 1
                if "quarter" in period:
                    start = start.replace(month=(today.month - 1) // 3 * 3 + 1)
                    months = 3
                elif "year" in period:
                    start = start.replace(month=1)
                    months = 12
                end = start + relativedelta(months=months)
                field = node.get("date")
                domain += [(field, ">=", str(start)), (field, "<", str(end))]
            if node.get("domain"):
                domain += list(self.evaluate(node.get("domain"), [], context))
            if node.get("context"):
                value = self.evaluate(node.get("context"), {}, context).get("group_by")
                if value:
                    groupby += [value] if isinstance(value, str) else list(value)
        return domain, groupby

    def read_page(self, model, kind, arch, models, domain, groupby, context):
        spec = view_specification(arch, model, models)
        if groupby:
            groups = self.call(
                model,
                "web_read_group",
                [],
                {"domain": domain, "fields": [], "groupby": groupby[:1], "lazy": True},
                context=context,
            )["groups"]
            if not groups:
                return []
            domain = groups[0]["__domain"]
        answer = self.call(
            model,
            "web_search_read",
            [],
            {
                "domain": domain,
                "specification": spec,
                "limit": PAGE,
                "order": default_order(arch),
                "count_limit": 10001,
            },
            context=context,
        )
        return [record["id"] for record in answer["records"]]

    def read_groups(self, model, kind, arch, domain, context):
        """A pivot's rows or a graph's groups, with the action's measures."""
        nodes = list(ET.fromstring(arch).iter("field"))
        measures = (
            context.get(f"{kind}_measures")
            or (
                [context["graph_measure"]]
                if kind == "graph" and context.get("graph_measure")
                else []
            )
            or [node.get("name") for node in nodes if node.get("type") == "measure"]
        )
        groupby = (
            context.get("pivot_row_groupby")
            if kind == "pivot"
            else context.get("graph_groupbys")
        ) or [node.get("name") for node in nodes if node.get("type") in (None, "row")]
        self.call(
            model,
            "read_group",
            [],
            {
                "domain": domain,
                "fields": [f"{name}:sum" for name in measures if name != "__count"]
                + ["__count"],
                "groupby": groupby[:1],
                "lazy": False,
            },
            context=context,
        )

    # -- dashboards ----------------------------------------------------

    def open_dashboard(self, action):
        from odoo.addons.sales_management.tools.dashboard import dashboard_requests

        params = action.get("params") or {}
        dashboard_id = params.get("dashboard_id")
        if not dashboard_id:
            return None
        data = self.call(
            "spreadsheet.dashboard", "get_readonly_dashboard", [dashboard_id]
        )["snapshot"]
        fields = {}

        def fields_of(model):
            if model not in fields:
                fields[model] = self.call(
                    model,
                    "fields_get",
                    [],
                    {"attributes": ["type", "relation", "string"]},
                )
            return fields[model]

        requests = dashboard_requests(
            data, fields_of, datetime.date.today(), self.session.context.get("tz")
        )
        for request in requests:
            self.call(request.model, request.method, request.args, request.kwargs)
        return len(requests)
