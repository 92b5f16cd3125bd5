from . import sales_applicant_competency
from . import sales_applicant_comparison
