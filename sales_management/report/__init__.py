from . import sales_quota_plan_xlsx
