from . import sales_applicant_onboard
from . import sales_applicant_onboard_checks
from . import sales_applicant_onboard_steps
