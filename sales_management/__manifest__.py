# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Management",
    "summary": "Sales targets with live attainment, pipeline coverage and pace",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/sales-management/sales-management",
    "author": "Sales Management contributors",
    "maintainers": ["sales-management"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["sale_crm", "sale_margin", "mail"],
    "external_dependencies": {"python": ["numpy", "xlsxwriter"]},
    "data": [
        "security/sales_management_groups.xml",
        "security/ir.model.access.csv",
        "security/sales_quota_security.xml",
        "security/sales_scoring_security.xml",
        "data/ir_cron_data.xml",
        "data/sales_scoring_data.xml",
        "views/sales_quota_views.xml",
        "views/sales_quota_plan_views.xml",
        "views/crm_team_views.xml",
        "views/sales_scoring_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/sales_quota_distribute_views.xml",
        "views/sales_management_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_management/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/sales_quota_demo.xml",
        "demo/sales_scoring_demo.xml",
    ],
}
