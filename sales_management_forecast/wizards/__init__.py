from . import sales_forecast_submit
from . import sales_forecast_prepare
from . import sales_forecast_waterfall
from . import sales_forecast_waterfall_line
from . import sales_forecast_waterfall_chart
