from . import test_forecast_category
from . import test_forecast_sheet
from . import test_forecast_security
from . import test_forecast_xlsx
from . import test_forecast_snapshot
from . import test_forecast_statistical
from . import test_forecast_accuracy
from . import test_funnel
