# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Sales Forecast dashboard (forecast addon): the company's forecast
against its target by month, and the source-to-cash funnel."""

from .spreadsheet import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    TILE_ORANGE,
    TILE_RED,
    Spreadsheet,
    chart,
    col,
    menu_link,
    put,
    row_top,
    sales_filters,
    section,
    tile_row,
    tr,
)

SMF = "sales_management_forecast"


def sales_forecast_dashboard():
    book = Spreadsheet(
        "sales_forecast",
        sales_filters("this_year"),
    )
    forecasts = book.list(
        "Forecasts of the company by month",
        "sales.forecast",
        [["owner_type", "=", "company"], ["period_type", "=", "month"]],
        [
            "period_name",
            "target",
            "closed_won",
            "commit_amount",
            "best_case_amount",
            "statistical_amount",
            "statistical_lower",
            "statistical_upper",
        ],
        [("date_from", True), ("id", True)],
        matching={"period": ("date_from", "date", 0)},
    )
    funnel_matching = {
        "period": ("date_created", "date", 0),
        "team": ("team_id", "many2one"),
        "user": ("user_id", "many2one"),
    }
    counts = [
        "lead_count",
        "opportunity_count",
        "won_count",
        "invoiced_count",
        "paid_count",
    ]
    amounts = ["expected_revenue", "invoiced_amount", "paid_amount"]
    funnel = book.pivot(
        "Source to cash",
        "sales.funnel.report",
        [],
        counts + amounts,
        matching=funnel_matching,
    )
    sources = book.pivot(
        "Source to cash by source",
        "sales.funnel.report",
        [],
        counts,
        rows=["source_id"],
        order=("won_count", "desc"),
        matching=funnel_matching,
    )

    data = book.sheet("Data", [160, 110, 110, 110, 110, 110, 110, 110])
    headers = [
        "Month",
        "Target",
        "Closed won",
        "Commit",
        "Best case",
        "Statistical forecast",
        "Lower bound",
        "Upper bound",
    ]
    for i, header in enumerate(headers):
        put(data, f"{col(i)}1", tr(header), "bold")
    columns = book.lists[forecasts]["columns"]
    for n in range(2, 14):
        for i, field in enumerate(columns):
            put(
                data,
                f"{col(i)}{n}",
                f'=ODOO.LIST({forecasts},{n - 1},"{field}")',
                fmt=None if i == 0 else "amount",
            )
    # this month's row of the list (none when the period shown is another year)
    month = 15
    put(data, f"A{month}", '=TEXT(TODAY(),"yyyy-mm")', "bold")
    for i in range(1, len(columns)):
        letter = col(i)
        put(
            data,
            f"{letter}{month}",
            f'=IFERROR(INDEX({letter}2:{letter}13,MATCH($A${month},$A$2:$A$13,0)),"")',
            fmt="amount",
        )
        put(
            data,
            f"{letter}{month + 1}",
            f'=IF({letter}{month}="","",FORMAT.LARGE.NUMBER({letter}{month}))',
            "fill",
        )
    stages = [
        ("Leads", "lead_count", None),
        ("Opportunities", "opportunity_count", "expected_revenue"),
        ("Won", "won_count", None),
        ("Invoiced", "invoiced_count", "invoiced_amount"),
        ("Paid", "paid_count", "paid_amount"),
    ]
    put(data, "A19", tr("Stage"), "bold")
    put(data, "B19", tr("Count"), "bold")
    for n, (label, measure, _amount) in enumerate(stages, start=20):
        put(data, f"A{n}", tr(label))
        put(data, f"B{n}", f'=PIVOT.VALUE({funnel},"{measure}")', fmt="integer")

    sheet = book.sheet("Dashboard", [170, 100, 100, 100, 100, 20, 170, 100, 100, 100])
    book.sheets = {"Dashboard": sheet, "Data": data}
    # the tiles show this month, the chart the months of the period
    tiles = [
        (
            "target",
            "Target",
            "Data!B16",
            "Data!A15",
            {"background": TILE_ORANGE, "mode": "text"},
        ),
        ("closed_won", "Closed won", "Data!C16", "Data!A15", {"mode": "text"}),
        ("commit", "Commit", "Data!D16", "Data!A15", {"mode": "text"}),
        ("best_case", "Best case", "Data!E16", "Data!A15", {"mode": "text"}),
        (
            "statistical",
            "Statistical",
            "Data!F16",
            "Data!A15",
            {"background": TILE_ORANGE, "mode": "text"},
        ),
        (
            "won_against_target",
            "Won vs target",
            "Data!C15",
            "Data!B15",
            {"mode": "progress", "background": TILE_RED},
        ),
    ]
    tile_row(sheet, book, tiles, menu=f"{SMF}.menu_sales_forecast")

    row = 7
    put(
        sheet,
        f"A{row}",
        menu_link("Forecast against target, by month", f"{SMF}.menu_sales_forecast"),
        "title",
    )
    sheet["borders"][f"A{row}:J{row}"] = 1
    sheet["rows"][str(row - 1)] = {"size": 40}
    chart(
        sheet,
        book,
        "forecast_by_month",
        (0, 0, 1000, 320),
        {
            "type": "line",
            "title": {"text": ""},
            "dataSetsHaveTitle": True,
            "dataSets": [
                {
                    "dataRange": f"Data!{col(i)}1:{col(i)}13",
                    "yAxisId": "y",
                    "backgroundColor": color,
                }
                for i, color in (
                    (1, GREY),
                    (2, GREEN),
                    (3, BLUE),
                    (4, ORANGE),
                    (5, PURPLE),
                )
            ],
            "labelRange": "Data!A2:A13",
            "legendPosition": "top",
            "labelsAsText": True,
            "stacked": False,
            "aggregated": False,
            "cumulative": False,
            "fillArea": False,
            "background": "#FFFFFF",
        },
        menu=f"{SMF}.menu_sales_forecast",
    )
    sheet["figures"][-1]["y"] = row_top(sheet, row + 1)
    row = row + 16
    end = section(
        sheet,
        row,
        0,
        menu_link("Source to cash", f"{SMF}.menu_sales_funnel_report"),
        [tr("Stage"), tr("Count"), tr("Conversion"), tr("Amount")],
        [
            [
                tr(label),
                f'=PIVOT.VALUE({funnel},"{measure}")',
                ""
                if n == 0
                else f'=IFERROR(PIVOT.VALUE({funnel},"{measure}")'
                f'/PIVOT.VALUE({funnel},"{stages[n - 1][1]}"),"")',
                f'=PIVOT.VALUE({funnel},"{amount}")' if amount else "",
            ]
            for n, (label, measure, amount) in enumerate(stages)
        ],
        [None, "integer", "percent", "amount"],
    )
    section(
        sheet,
        row,
        6,
        menu_link("Sources that convert", f"{SMF}.menu_sales_funnel_report"),
        [tr("Source"), tr("Leads"), tr("Won"), tr("Win rate")],
        [
            [
                f'=PIVOT.HEADER({sources},"#source_id",{i})',
                f'=PIVOT.VALUE({sources},"lead_count","#source_id",{i})',
                f'=PIVOT.VALUE({sources},"won_count","#source_id",{i})',
                f'=IFERROR(PIVOT.VALUE({sources},"won_count","#source_id",{i})/PIVOT.VALUE({sources},"lead_count","#source_id",{i}),"")',
            ]
            for i in range(1, 8)
        ],
        [None, "integer", "integer", "percent"],
    )
    chart(
        sheet,
        book,
        "funnel",
        (0, row_top(sheet, end + 1), 1000, 280),
        {
            "type": "bar",
            "title": {"text": "Source to cash"},
            "dataSetsHaveTitle": True,
            "dataSets": [
                {"dataRange": "Data!B19:B24", "yAxisId": "y", "backgroundColor": BLUE}
            ],
            "labelRange": "Data!A20:A24",
            "legendPosition": "none",
            "stacked": False,
            "aggregated": False,
            "horizontal": True,
            "background": "#FFFFFF",
        },
        menu=f"{SMF}.menu_sales_funnel_report",
    )
    return book.data()
