from . import sales_forecast_xlsx
from . import sales_funnel_report
from . import sales_stage_duration_report
from . import sales_scorecard
