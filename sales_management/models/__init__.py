from . import sales_quota_plan
from . import sales_quota
from . import account_move
from . import crm_lead
from . import crm_team
from . import sale_order
