from . import sales_applicant_competency
from . import sales_applicant_comparison
from . import sales_hiring_report
from . import sales_hiring_stage_report
from . import sales_quality_hire
from . import sales_quality_hire_summary
