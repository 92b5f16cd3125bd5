# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import models

HEAD_COLOUR = "#1f6f8b"
# characters Excel refuses in a sheet name
SHEET_NAME_RE = re.compile(r"[\[\]:*?/\\]")


class SalesXlsxAbstract(models.AbstractModel):
    """What every Excel export of the project starts from.

    The exports are ``ir.actions.report`` records of type ``xlsx`` (OCA
    ``report_xlsx``): in the Print menu of their model, attachable to emails
    and rendered with ``ir.actions.report._render_xlsx``. Each report model
    inherits this one and fills the workbook in ``generate_xlsx_report``.
    The records are read as the user who prints: record rules apply.
    """

    _name = "report.sales_management.xlsx_abstract"
    _inherit = "report.report_xlsx.abstract"
    _description = "Sales Management Excel Export"

    def get_workbook_options(self):
        return {"in_memory": True}

    def _add_sheet(self, workbook, name):
        """A new sheet called ``name`` (cut to Excel's 31 characters)."""
        return workbook.add_worksheet(SHEET_NAME_RE.sub(" ", name)[:31])

    def _get_formats(self, workbook):
        """The common cell formats of ``workbook``: ``title``, ``head``,
        ``text``, ``number`` (two decimals), ``integer`` and ``percent``
        (0.0 %)."""
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "head": workbook.add_format(
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
            "text": workbook.add_format({"border": 1}),
            "number": workbook.add_format({"num_format": "#,##0.00", "border": 1}),
            "integer": workbook.add_format({"num_format": "0", "border": 1}),
            "percent": workbook.add_format({"num_format": "0.0%", "border": 1}),
        }
