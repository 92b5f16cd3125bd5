from . import sales_quota_plan
from . import sales_quota
from . import sales_scoring_grade
from . import sales_scoring_rule
from . import account_move
from . import crm_lead
from . import crm_team
from . import sale_order
