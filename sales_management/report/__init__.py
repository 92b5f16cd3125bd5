from . import sales_scorecard
from . import sales_scorecard_sources
from . import sales_scorecard_months
from . import sales_scorecard_drilldown
from . import sales_xlsx_abstract
from . import sales_quota_plan_xlsx
from . import sales_scorecard_xlsx
