from . import sales_quota_plan_xlsx
from . import sales_scorecard_xlsx
