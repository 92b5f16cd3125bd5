# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the web client asks the server to show a spreadsheet dashboard.

A dashboard's figures come from its data sources: each pivot is one
``read_group`` for its total and one per level of its rows, each list one
``web_search_read`` of as many rows as its formulas show, each Odoo chart
one ``read_group``; the global filters add their domain to every data
source they are matched on. ``dashboard_requests`` lists these calls for
the filters' default values (or given ones) and ``read_requests`` runs
them, so that the tests and the benchmark read a dashboard as the web
client does, with the rights of the user whose environment runs them.
"""

import re
from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from .periods import MONTHS_PER_PERIOD, add_months, period_bounds

Request = namedtuple("Request", "name model method args kwargs")

LIST_FORMULA = re.compile(r"ODOO\.LIST\((\d+),(\d+),")
MONTHS = (
    "january february march april may june july august september october "
    "november december"
).split()
QUARTERS = ("first_quarter", "second_quarter", "third_quarter", "fourth_quarter")


def date_filter_bounds(value, today, offset=0):
    """The first and last day of a fixed-period date filter's value: its
    default ("this_month", "this_quarter", "this_year") or a chosen period
    (``{"period": "march", "yearOffset": 0}``), moved by ``offset`` periods
    as a data source's field matching asks."""
    if value in ("this_month", "this_quarter", "this_year"):
        granularity = value.split("_")[1]
        start = period_bounds(today, granularity)[0]
    else:
        period = value.get("period")
        year = today.year + (value.get("yearOffset") or 0)
        if period in MONTHS:
            granularity = "month"
            start = today.replace(year=year, month=MONTHS.index(period) + 1, day=1)
        elif period in QUARTERS:
            granularity = "quarter"
            start = today.replace(
                year=year, month=QUARTERS.index(period) * 3 + 1, day=1
            )
        else:
            granularity = "year"
            start = today.replace(year=year, month=1, day=1)
    months = MONTHS_PER_PERIOD[granularity]
    start = add_months(start, months * offset)
    return start, add_months(start, months) - timedelta(days=1)


def filter_domain(spec, matching, value, today, tz):
    """The domain a global filter adds to one data source."""
    chain = matching.get("chain")
    if not chain or value in (None, [], ""):
        return []
    if spec["type"] == "relation":
        return [(chain, "in", list(value))]
    first, last = date_filter_bounds(value, today, matching.get("offset") or 0)
    if matching.get("type") == "datetime":
        zone = pytz.timezone(tz or "UTC")

        def utc(day, moment):
            local = zone.localize(datetime.combine(day, moment))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return [
            (chain, ">=", utc(first, time.min).strftime("%Y-%m-%d %H:%M:%S")),
            (chain, "<=", utc(last, time(23, 59, 59)).strftime("%Y-%m-%d %H:%M:%S")),
        ]
    return [(chain, ">=", first.isoformat()), (chain, "<=", last.isoformat())]


def _source_domain(data, source, values, today, tz):
    domain = [
        tuple(leaf) if isinstance(leaf, list) else leaf for leaf in source["domain"]
    ]
    for spec in data.get("globalFilters", []):
        matching = source.get("fieldMatching", {}).get(spec["id"])
        if matching:
            value = values.get(spec["id"], spec.get("defaultValue"))
            domain += filter_domain(spec, matching, value, today, tz)
    return domain


def _list_rows(data):
    """How many rows of each list the formulas of the dashboard show."""
    rows = {}
    for sheet in data["sheets"]:
        for cell in sheet["cells"].values():
            for list_id, index in LIST_FORMULA.findall(cell.get("content", "")):
                rows[list_id] = max(rows.get(list_id, 0), int(index))
    return rows


def dashboard_requests(data, fields_of, today, tz=None, values=None):
    """The calls that load the figures of dashboard ``data`` (its JSON).

    :param fields_of: model name -> its fields (``fields_get``), for the
        relational columns of lists, read with their display name
    :param today: the date the filters' periods are relative to
    :param tz: the user's time zone (datetime fields are filtered in it)
    :param values: filter id -> value, instead of the filters' defaults
    """
    values = values or {}
    requests = []
    for pivot in data.get("pivots", {}).values():
        domain = _source_domain(data, pivot, values, today, tz)
        measures = [
            f"{m['fieldName']}:{m['aggregator']}"
            if m.get("aggregator")
            else m["fieldName"]
            for m in pivot["measures"]
        ]
        rows = [r["fieldName"] for r in pivot["rows"]]
        for groupby in ([], rows) if rows else ([],):
            by = f" by {','.join(groupby)}" if groupby else ""
            requests.append(
                Request(
                    f"pivot {pivot['id']}{by}",
                    pivot["model"],
                    "read_group",
                    (domain, measures, groupby),
                    {"lazy": False},
                )
            )
    rows = _list_rows(data)
    for list_id, spec in data.get("lists", {}).items():
        fields = fields_of(spec["model"])
        specification = {
            column: {"fields": {"display_name": {}}}
            if fields[column]["type"] in ("many2one", "many2many", "one2many")
            else {}
            for column in spec["columns"]
        }
        order = ", ".join(
            f"{o['name']} {'ASC' if o['asc'] else 'DESC'}" for o in spec["orderBy"]
        )
        requests.append(
            Request(
                f"list {list_id}",
                spec["model"],
                "web_search_read",
                (_source_domain(data, spec, values, today, tz),),
                {
                    "specification": specification,
                    "limit": rows.get(list_id, 0),
                    "order": order,
                },
            )
        )
    for sheet in data["sheets"]:
        for figure in sheet["figures"]:
            chart = figure["data"]
            if not chart.get("type", "").startswith("odoo_"):
                continue
            meta = chart["metaData"]
            source = {
                "domain": chart["searchParams"]["domain"],
                "fieldMatching": chart.get("fieldMatching", {}),
            }
            requests.append(
                Request(
                    f"chart {figure['id']}",
                    meta["resModel"],
                    "read_group",
                    (
                        _source_domain(data, source, values, today, tz),
                        [meta["measure"]],
                        meta["groupBy"],
                    ),
                    {"lazy": False},
                )
            )
    return requests


def read_requests(env, requests):
    """Run ``requests`` in ``env``: request name -> its result."""
    results = {}
    for request in requests:
        model = env[request.model]
        results[request.name] = getattr(model, request.method)(
            *request.args, **request.kwargs
        )
    return results
