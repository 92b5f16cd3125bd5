# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sales Management: Recruiting",
    "summary": "Hire, compare and onboard salespeople with ramped targets",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Recruitment",
    "website": "https://github.com/sales-management/sales-management",
    "author": "Sales Management contributors",
    "maintainers": ["sales-management"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["sales_management", "hr_recruitment", "hr_recruitment_skills"],
    "data": [
        "security/ir.model.access.csv",
        "security/sales_management_recruiting_security.xml",
        "data/hr_recruitment_stage_data.xml",
        "views/hr_job_description_templates.xml",
        "views/hr_job_views.xml",
        "views/hr_applicant_views.xml",
        "views/sales_interview_scorecard_views.xml",
        "views/sales_applicant_comparison_views.xml",
        "views/sales_hiring_plan_views.xml",
        "views/sales_quality_hire_views.xml",
        "views/res_config_settings_views.xml",
        "views/sales_management_recruiting_menus.xml",
    ],
    "demo": [
        "demo/sales_recruiting_demo.xml",
        "demo/sales_hiring_plan_demo.xml",
    ],
}
