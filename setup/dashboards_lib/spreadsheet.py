# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parts of an Odoo spreadsheet dashboard: sheets, cells, pivots, lists,
filters, tiles and charts, in the format of Odoo 18's dashboards."""

import uuid

NAMESPACE = uuid.UUID("5b0c2a43-5e3a-4c5e-9a77-0d6f1bd1e2a4")

# the colours of the addons' charts (static/src/chart/chart_palette.js)
BLUE, ORANGE, GREEN, RED, PURPLE, GREY = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#7f7f7f",
)
TILE_BLUE, TILE_ORANGE, TILE_RED = "#EFF6FF", "#FFF7ED", "#FEF2F2"

# the domains of sales.figure._figure_base_domain
WON = [
    ["type", "=", "opportunity"],
    ["active", "=", True],
    ["stage_id.is_won", "=", True],
]
LOST = [["type", "=", "opportunity"], ["active", "=", False], ["probability", "=", 0]]
PIPELINE = [
    ["type", "=", "opportunity"],
    ["active", "=", True],
    ["probability", "<", 100],
]
TARGETS = [["plan_id.active", "=", True], ["plan_state", "in", ["active", "closed"]]]

STYLES = {
    "title": 1,  # a section's title (a link to its screen)
    "header": 2,  # the column headers of a section
    "label": 3,  # the first column of a section
    "value": 4,  # the other columns
    "bold": 5,
    "fill": 6,
}
STYLE_DEFS = {
    "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
    "2": {"fontSize": 11, "textColor": "#434343", "bold": True, "align": "right"},
    "3": {"textColor": "#01666B", "verticalAlign": "middle"},
    "4": {"textColor": "#434343", "verticalAlign": "middle"},
    "5": {"bold": True},
    "6": {"fillColor": "#f2f2f2"},
}
FORMATS = {"amount": 1, "percent": 2, "ratio": 3, "integer": 4, "score": 5}
FORMAT_DEFS = {"1": "#,##0", "2": "0.0%", "3": "0.00", "4": "0", "5": "0.0"}
BORDERS = {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}}


def uid(name):
    """A stable id (the spreadsheet's ids are UUIDs)."""
    return str(uuid.uuid5(NAMESPACE, name))


def col(index):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def tr(text):
    """A cell showing ``text`` in the user's language."""
    return f'=_t("{text}")'


def menu_link(text, menu):
    return f"[{text}](odoo://ir_menu_xml_id/{menu})"


class Spreadsheet:
    """The parts of one dashboard, assembled by ``data()``."""

    def __init__(self, name, filters):
        self.name = name
        self.filters = filters
        self.sheets = {}
        self.pivots = {}
        self.lists = {}
        self.menus = {}

    def sheet(self, name, cols):
        sheet = {
            "id": uid(f"{self.name}/{name}"),
            "name": name,
            "colNumber": max(len(cols), 12),
            "rowNumber": 100,
            "rows": {},
            "cols": {str(i): {"size": size} for i, size in enumerate(cols)},
            "merges": [],
            "cells": {},
            "styles": {},
            "formats": {},
            "borders": {},
            "conditionalFormats": [],
            "figures": [],
            "tables": [],
            "areGridLinesVisible": False,
            "isVisible": True,
            "headerGroups": {"ROW": [], "COL": []},
            "dataValidationRules": [],
            "comments": {},
        }
        self.sheets[name] = sheet
        return sheet

    def _matching(self, matching):
        return {
            self.filters[key]["id"]: dict(
                zip(("chain", "type", "offset"), spec, strict=False)
            )
            for key, spec in matching.items()
        }

    def pivot(self, name, model, domain, measures, rows=(), order=None, matching=()):
        pivot_id = str(len(self.pivots) + 1)
        self.pivots[pivot_id] = {
            "type": "ODOO",
            "id": pivot_id,
            "formulaId": pivot_id,
            "name": name,
            "model": model,
            "domain": domain,
            "context": {},
            "measures": [_measure(m) for m in measures],
            "rows": [{"fieldName": r} for r in rows],
            "columns": [],
            "sortedColumn": order
            and {"groupId": [[], []], "measure": order[0], "order": order[1]},
            "fieldMatching": self._matching(dict(matching)),
        }
        return pivot_id

    def list(self, name, model, domain, columns, order, matching=()):
        list_id = str(len(self.lists) + 1)
        self.lists[list_id] = {
            "id": list_id,
            "name": name,
            "model": model,
            "domain": domain,
            "context": {},
            "columns": list(columns),
            "orderBy": [{"name": field, "asc": asc} for field, asc in order],
            "fieldMatching": self._matching(dict(matching)),
        }
        return list_id

    def data(self):
        figure_ids = [f["id"] for s in self.sheets.values() for f in s["figures"]]
        return {
            "version": 21,
            "sheets": list(self.sheets.values()),
            "styles": STYLE_DEFS,
            "formats": FORMAT_DEFS,
            "borders": BORDERS,
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {
                "locale": {
                    "name": "English (US)",
                    "code": "en_US",
                    "thousandsSeparator": ",",
                    "decimalSeparator": ".",
                    "dateFormat": "mm/dd/yyyy",
                    "timeFormat": "hh:mm:ss",
                    "formulaArgSeparator": ",",
                    "weekStart": 7,
                }
            },
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "customTableStyles": {},
            "odooVersion": 12,
            "globalFilters": list(self.filters.values()),
            "lists": self.lists,
            "listNextId": len(self.lists) + 1,
            "chartOdooMenusReferences": {
                fid: self.menus[fid] for fid in figure_ids if fid in self.menus
            },
        }


def _measure(spec):
    """A pivot measure: ``field`` with the field's aggregator, or
    ``field:aggregator`` (a KPI averaged on the scorecards, summed here)."""
    field, _sep, aggregator = spec.partition(":")
    measure = {"id": spec, "fieldName": field}
    if aggregator:
        measure["aggregator"] = aggregator
    return measure


def put(sheet, ref, content, style=None, fmt=None):
    sheet["cells"][ref] = {"content": content}
    if style:
        sheet["styles"][ref] = STYLES[style]
    if fmt:
        sheet["formats"][ref] = FORMATS[fmt]


def section(sheet, row, first_col, title, headers, lines, formats, size=None):
    """A titled table: ``title`` in row ``row``, its ``headers`` below, then
    one row per line (a list of formulas, one per column)."""
    put(sheet, f"{col(first_col)}{row}", title, "title")
    sheet["borders"][
        f"{col(first_col)}{row}:{col(first_col + len(headers) - 1)}{row}"
    ] = 1
    sheet["rows"][str(row - 1)] = {"size": 40}
    for i, header in enumerate(headers):
        put(sheet, f"{col(first_col + i)}{row + 1}", header, "header" if i else "bold")
    for n, line in enumerate(lines):
        r = row + 2 + n
        if size:
            sheet["rows"][str(r - 1)] = {"size": size}
        for i, formula in enumerate(line):
            put(
                sheet,
                f"{col(first_col + i)}{r}",
                formula,
                "value" if i else "label",
                formats[i],
            )
    return row + 2 + len(lines) + 1


def tile(sheet, spreadsheet, name, x, title, key, baseline=None, **options):
    """A scorecard chart at the top of the dashboard."""
    data = {
        "type": "scorecard",
        "title": {"text": title, "bold": True, "color": "#434343"},
        "keyValue": key,
        "background": options.get("background", TILE_BLUE),
        "baselineColorDown": options.get("down", "#DC6965"),
        "baselineColorUp": options.get("up", "#00A04A"),
        "baselineMode": options.get("mode", "percentage"),
        "humanize": False,
    }
    if baseline:
        data["baseline"] = baseline
        if options.get("mode") not in ("progress", "text"):
            data["baselineDescr"] = options.get("description", "since last period")
    figure = {
        "id": uid(f"{spreadsheet.name}/{name}"),
        "x": x,
        "y": 11,
        "width": options.get("width", 175),
        "height": 101,
        "tag": "chart",
        "data": data,
    }
    sheet["figures"].append(figure)
    if options.get("menu"):
        spreadsheet.menus[figure["id"]] = options["menu"]


def chart(sheet, spreadsheet, name, position, data, menu=None):
    x, y, width, height = position
    figure = {
        "id": uid(f"{spreadsheet.name}/{name}"),
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "tag": "chart",
        "data": data,
    }
    sheet["figures"].append(figure)
    if menu:
        spreadsheet.menus[figure["id"]] = menu


def filters(*specs):
    result = {}
    for key, label, kind, extra in specs:
        result[key] = {
            "id": uid(f"filter/{key}"),
            "type": kind,
            "label": label,
            **extra,
        }
    return result


def row_top(sheet, row):
    """The y of the top of ``row`` (1-based) in pixels."""
    return sum(sheet["rows"].get(str(r), {}).get("size", 23) for r in range(row - 1))


def sales_filters(period):
    """The filters of a sales dashboard: the period (``this_month``,
    ``this_quarter`` or ``this_year`` by default), a team, a salesperson."""
    people = {"defaultValue": [], "includeChildren": False}
    return filters(
        (
            "period",
            "Period",
            "date",
            {"rangeType": "fixedPeriod", "defaultValue": period},
        ),
        ("team", "Sales Team", "relation", {"modelName": "crm.team", **people}),
        ("user", "Salesperson", "relation", {"modelName": "res.users", **people}),
    )


def tile_row(sheet, spreadsheet, tiles, **common):
    """The tiles at the top of a dashboard, side by side: ``tiles`` are
    (name, title, key value, baseline, options) with ``common`` options."""
    for n, (name, title, key, baseline, options) in enumerate(tiles):
        tile(
            sheet,
            spreadsheet,
            name,
            n * 186,
            title,
            key,
            baseline,
            width=176,
            **common,
            **options,
        )
