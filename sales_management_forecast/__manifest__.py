# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Management: Forecasting",
    "summary": "Forecast categories, submissions, snapshots and accuracy",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-management/sales-management",
    "author": "Sales Management contributors",
    "maintainers": ["sales-management"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["sales_management"],
    "data": [
        "views/sales_management_forecast_menus.xml",
    ],
}
