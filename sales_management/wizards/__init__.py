from . import sales_quota_distribute
from . import sales_evaluation_generate
from . import sales_category_propensity
from . import sales_followup_preview
