# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The workbook every Excel export of the project starts from."""

import io

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - declared in external_dependencies
    xlsxwriter = None

HEAD_COLOUR = "#1f6f8b"


def new_book(sheet_name):
    """An in-memory workbook with one sheet and the common cell formats.

    :return: (output, book, sheet, formats): ``output.getvalue()`` gives the
        file once ``book.close()`` is called; ``formats`` has ``title``,
        ``head``, ``text``, ``number`` (two decimals), ``integer`` and
        ``percent`` (0.0 %).
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet(sheet_name[:31])
    formats = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "head": book.add_format(
            {
                "bold": True,
                "bg_color": HEAD_COLOUR,
                "font_color": "#ffffff",
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
            }
        ),
        "text": book.add_format({"border": 1}),
        "number": book.add_format({"num_format": "#,##0.00", "border": 1}),
        "integer": book.add_format({"num_format": "0", "border": 1}),
        "percent": book.add_format({"num_format": "0.0%", "border": 1}),
    }
    return output, book, sheet, formats
