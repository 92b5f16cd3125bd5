from . import test_quota_attainment
from . import test_quota_close
from . import test_quota_constraints
from . import test_quota_distribute
from . import test_quota_security
from . import test_quota_xlsx
from . import test_quota_tour
from . import test_lead_scoring_rules
