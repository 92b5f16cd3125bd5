# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Sales Management dashboard: the month at a glance for a sales team."""

from .spreadsheet import (
    LOST,
    PIPELINE,
    TARGETS,
    TILE_ORANGE,
    TILE_RED,
    WON,
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

SM = "sales_management"


def sales_management_dashboard():
    book = Spreadsheet(
        "sales_management",
        sales_filters("this_month"),
    )
    scorecards = {
        "period": ("date_from", "date", 0),
        "team": ("team_id", "many2one"),
        "user": ("user_id", "many2one"),
    }
    previous = {**scorecards, "period": ("date_from", "date", -1)}
    months = [["period_type", "=", "month"]]
    figures = [
        "revenue",
        "target",
        "open_pipeline",
        "won_count:sum",
        "opportunities_created",
        "meetings_done",
        "calls_done",
    ]
    now, before = (
        book.pivot(name, "sales.scorecard", months, figures, matching=matching)
        for name, matching in (
            ("Scorecards of the period", scorecards),
            ("Scorecards of the previous period", previous),
        )
    )
    leads = {
        "period": ("date_closed", "datetime", 0),
        "team": ("team_id", "many2one"),
        "user": ("user_id", "many2one"),
    }
    leads_before = {**leads, "period": ("date_closed", "datetime", -1)}
    deals = ["__count", "expected_revenue"]
    won, won_before, lost, lost_before = (
        book.pivot(name, "crm.lead", domain, deals, matching=matching)
        for name, domain, matching in (
            ("Won opportunities", WON, leads),
            ("Won opportunities, previous period", WON, leads_before),
            ("Lost opportunities", LOST, leads),
            ("Lost opportunities, previous period", LOST, leads_before),
        )
    )
    top = book.pivot(
        "Leaderboard, best scores",
        "sales.scorecard",
        months,
        ["score", "revenue", "won_count:sum"],
        rows=["user_id"],
        order=("score", "desc"),
        matching=scorecards,
    )
    bottom = book.pivot(
        "Leaderboard, lowest scores",
        "sales.scorecard",
        months,
        ["score", "revenue", "won_count:sum"],
        rows=["user_id"],
        order=("score", "asc"),
        matching=scorecards,
    )
    by_team = book.pivot(
        "Visits and calls by team",
        "sales.scorecard",
        months,
        ["opportunities_created", "meetings_done", "calls_done"],
        rows=["team_id"],
        order=("opportunities_created", "desc"),
        matching=scorecards,
    )
    sources = book.pivot(
        "Won opportunities by source",
        "crm.lead",
        WON,
        ["__count", "expected_revenue"],
        rows=["source_id"],
        order=("expected_revenue", "desc"),
        matching=leads,
    )
    reasons = book.pivot(
        "Lost opportunities by reason",
        "crm.lead",
        LOST,
        ["__count", "expected_revenue"],
        rows=["lost_reason_id"],
        order=("__count", "desc"),
        matching=leads,
    )
    targets = {
        "period": ("date_from", "date", 0),
        "team": ("team_id", "many2one"),
        "user": ("user_id", "many2one"),
    }
    # the targets of the teams, then of the salespeople, largest first
    team_targets, user_targets = (
        book.list(
            name,
            "sales.quota",
            [*TARGETS, ["target_type", "=", kind]],
            [owner, "effective_target", "achieved", "attainment", "coverage"],
            [("effective_target", False), ("id", True)],
            matching=targets,
        )
        for name, kind, owner in (
            ("Team targets of the period", "team", "team_id"),
            ("Salesperson targets of the period", "user", "user_id"),
        )
    )

    # -- Data: the figures of the tiles, now and in the previous period
    data = book.sheet("Data", [220, 110, 110, 110, 110])
    for i, header in enumerate(("KPI", "Current", "Previous", "Current", "Previous")):
        put(data, f"{col(i)}1", tr(header), "bold")
    rows = [
        (
            "Revenue",
            f'PIVOT.VALUE({now},"revenue")',
            f'PIVOT.VALUE({before},"revenue")',
        ),
        ("Target", f'PIVOT.VALUE({now},"target")', f'PIVOT.VALUE({before},"target")'),
        (
            "Weighted pipeline",
            f'PIVOT.VALUE({now},"open_pipeline")',
            f'PIVOT.VALUE({before},"open_pipeline")',
        ),
        (
            "Won deals",
            f'PIVOT.VALUE({won},"__count")',
            f'PIVOT.VALUE({won_before},"__count")',
        ),
        (
            "Won revenue",
            f'PIVOT.VALUE({won},"expected_revenue")',
            f'PIVOT.VALUE({won_before},"expected_revenue")',
        ),
        (
            "Lost deals",
            f'PIVOT.VALUE({lost},"__count")',
            f'PIVOT.VALUE({lost_before},"__count")',
        ),
        ("Win rate", "IFERROR(B5/(B5+B7),0)", "IFERROR(C5/(C5+C7),0)"),
        (
            "Opportunities created",
            f'PIVOT.VALUE({now},"opportunities_created")',
            f'PIVOT.VALUE({before},"opportunities_created")',
        ),
        (
            "Meetings done",
            f'PIVOT.VALUE({now},"meetings_done")',
            f'PIVOT.VALUE({before},"meetings_done")',
        ),
        (
            "Calls done",
            f'PIVOT.VALUE({now},"calls_done")',
            f'PIVOT.VALUE({before},"calls_done")',
        ),
        ("Meetings per opportunity", "IFERROR(B10/B9,0)", "IFERROR(C10/C9,0)"),
        ("Calls per opportunity", "IFERROR(B11/B9,0)", "IFERROR(C11/C9,0)"),
        (
            "Won deals (scorecards)",
            f'PIVOT.VALUE({now},"won_count:sum")',
            f'PIVOT.VALUE({before},"won_count:sum")',
        ),
        ("Meetings per won deal", "IFERROR(B10/B14,0)", "IFERROR(C10/C14,0)"),
        ("Calls per won deal", "IFERROR(B11/B14,0)", "IFERROR(C11/C14,0)"),
    ]
    for n, (label, current, prior) in enumerate(rows, start=2):
        fmt = (
            "percent"
            if label == "Win rate"
            else "ratio"
            if " per " in label
            else "amount"
        )
        put(data, f"A{n}", tr(label))
        put(data, f"B{n}", f"={current}", fmt=fmt)
        put(data, f"C{n}", f"={prior}", fmt=fmt)
        if fmt == "amount":
            put(data, f"D{n}", f"=FORMAT.LARGE.NUMBER(B{n})", "fill")
            put(data, f"E{n}", f"=FORMAT.LARGE.NUMBER(C{n})", "fill")
        else:
            put(data, f"D{n}", f"=B{n}", "fill", fmt)
            put(data, f"E{n}", f"=C{n}", "fill", fmt)

    # -- Dashboard: five columns on the left, four on the right
    sheet = book.sheet("Dashboard", [190, 95, 95, 95, 95, 20, 190, 95, 95, 95])
    book.sheets = {"Dashboard": sheet, "Data": data}
    tiles = [
        (
            "revenue",
            "Revenue",
            "Data!D2",
            "Data!E2",
            {"menu": f"{SM}.menu_sales_scorecard"},
        ),
        (
            "against_target",
            "Against target",
            "Data!B2",
            "Data!B3",
            {
                "mode": "progress",
                "background": TILE_ORANGE,
                "menu": f"{SM}.menu_sales_quota_my",
            },
        ),
        (
            "pipeline",
            "Weighted pipeline",
            "Data!D4",
            None,
            {"menu": f"{SM}.menu_crm_lead_best", "background": TILE_ORANGE},
        ),
        ("won", "Won deals", "Data!D5", "Data!E5", {}),
        (
            "lost",
            "Lost deals",
            "Data!D7",
            "Data!E7",
            {"up": "#DC6965", "down": "#00A04A", "background": TILE_RED},
        ),
        (
            "win_rate",
            "Win rate",
            "Data!D8",
            "Data!E8",
            {"mode": "difference", "background": TILE_RED},
        ),
    ]
    tile_row(sheet, book, tiles, description="vs prev.")

    left, right = 0, 6

    def target_lines(list_id, owner, count):
        def value(i, field):
            return f'ODOO.LIST({list_id},{i},"{field}")'

        return [
            [
                f"={value(i, owner)}",
                f"={value(i, 'effective_target')}",
                f"={value(i, 'achieved')}",
                f'=IF({value(i, owner)}="","",{value(i, "attainment")}/100)',
                f'=IF({value(i, owner)}="","",{value(i, "coverage")})',
            ]
            for i in range(1, count + 1)
        ]

    def ranked(pivot, row_field, count, columns):
        """The first ``count`` rows of a pivot by one field, in its order.

        A cell of one pivot function opens its records when clicked (and a
        header sets the filter of its field): those stay alone in their
        cell, empty past the last row; a ratio of two is blank there."""
        lines = []
        for i in range(1, count + 1):
            header = f'PIVOT.HEADER({pivot},"#{row_field}",{i})'
            line = [f"={header}"]
            for column in columns:
                formula = column.format(p=pivot, f=row_field, i=i)
                if formula.startswith("PIVOT.VALUE("):
                    line.append(f"={formula}")
                else:
                    line.append(f'=IF({header}="","",{formula})')
            lines.append(line)
        return lines

    def cell(measure):
        return 'PIVOT.VALUE({p},"' + measure + '","#{f}",{i})'

    amounts = [None, "amount", "amount", "percent", "ratio"]
    target_headers = [tr("Target"), tr("Achieved"), tr("Attainment"), tr("Coverage")]
    row = 7
    end = section(
        sheet,
        row,
        left,
        menu_link("Team targets", f"{SM}.menu_sales_quota_my"),
        [tr("Team"), *target_headers],
        target_lines(team_targets, "team_id", 4),
        amounts,
    )
    section(
        sheet,
        row,
        right,
        menu_link("Leaderboard: best scores", f"{SM}.menu_sales_scorecard_leaderboard"),
        [tr("Salesperson"), tr("Score"), tr("Sales"), tr("Won")],
        ranked(
            top, "user_id", 5, [cell("score"), cell("revenue"), cell("won_count:sum")]
        ),
        [None, "score", "amount", "integer"],
    )
    row = end
    end = section(
        sheet,
        row,
        left,
        menu_link("Salesperson targets", f"{SM}.menu_sales_quota_my"),
        [tr("Salesperson"), *target_headers],
        target_lines(user_targets, "user_id", 6),
        amounts,
    )
    section(
        sheet,
        row,
        right,
        menu_link(
            "Leaderboard: lowest scores", f"{SM}.menu_sales_scorecard_leaderboard"
        ),
        [tr("Salesperson"), tr("Score"), tr("Sales"), tr("Won")],
        ranked(
            bottom,
            "user_id",
            5,
            [cell("score"), cell("revenue"), cell("won_count:sum")],
        ),
        [None, "score", "amount", "integer"],
    )
    row = end

    def per_opportunity(measure):
        return (
            f"IFERROR({cell(measure)}"
            '/PIVOT.VALUE({p},"opportunities_created","#{f}",{i}),"")'
        )

    end = section(
        sheet,
        row,
        left,
        menu_link("Meetings and calls per opportunity", f"{SM}.menu_sales_scorecard"),
        [tr("Team"), tr("Created"), tr("Meetings"), tr("Calls"), ""],
        [
            [*line, ""]
            for line in ranked(
                by_team,
                "team_id",
                5,
                [
                    cell("opportunities_created"),
                    per_opportunity("meetings_done"),
                    per_opportunity("calls_done"),
                ],
            )
        ],
        [None, "integer", "ratio", "ratio", None],
    )
    section(
        sheet,
        row,
        right,
        menu_link("Won deals by source", "crm.crm_menu_root"),
        [tr("Source"), tr("Won"), tr("Amount"), tr("Share")],
        ranked(
            sources,
            "source_id",
            5,
            [
                cell("__count"),
                cell("expected_revenue"),
                'IFERROR(PIVOT.VALUE({p},"expected_revenue","#{f}",{i})/PIVOT.VALUE({p},"expected_revenue"),"")',
            ],
        ),
        [None, "integer", "amount", "percent"],
    )
    row = end
    end = section(
        sheet,
        row,
        left,
        menu_link("Visits and calls", f"{SM}.menu_sales_scorecard"),
        [tr("Ratio"), tr("Current"), tr("Previous"), "", ""],
        [
            [f"=Data!A{n}", f"=Data!B{n}", f"=Data!C{n}", "", ""]
            for n in (12, 13, 15, 16)
        ],
        [None, "ratio", "ratio", None, None],
    )
    section(
        sheet,
        row,
        right,
        menu_link("Lost deals by reason", "crm.crm_menu_root"),
        [tr("Reason"), tr("Lost"), tr("Amount"), ""],
        [
            [*line, ""]
            for line in ranked(
                reasons,
                "lost_reason_id",
                4,
                [cell("__count"), cell("expected_revenue")],
            )
        ],
        [None, "integer", "amount", None],
    )
    row = end
    put(
        sheet,
        f"A{row}",
        menu_link("Open pipeline by stage", "crm.crm_menu_root"),
        "title",
    )
    sheet["borders"][f"A{row}:J{row}"] = 1
    sheet["rows"][str(row - 1)] = {"size": 40}
    chart(
        sheet,
        book,
        "pipeline_by_stage",
        (0, 0, 1000, 300),
        {
            "type": "odoo_bar",
            "title": {"text": ""},
            "background": "#FFFFFF",
            "legendPosition": "top",
            "metaData": {
                "groupBy": ["stage_id"],
                "measure": "prorated_revenue",
                "order": None,
                "resModel": "crm.lead",
                "mode": "bar",
            },
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": PIPELINE,
                "groupBy": ["stage_id"],
                "orderBy": [],
            },
            "verticalAxisPosition": "left",
            "stacked": False,
            "fieldMatching": book._matching(
                {
                    "period": ("date_deadline", "date", 0),
                    "team": ("team_id", "many2one"),
                    "user": ("user_id", "many2one"),
                }
            ),
        },
        menu="crm.crm_menu_root",
    )
    # the chart sits below the title row: rows are 23 px high unless sized
    sheet["figures"][-1]["y"] = row_top(sheet, row + 1)
    return book.data()
