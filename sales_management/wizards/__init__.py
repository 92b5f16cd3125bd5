from . import sales_quota_distribute
