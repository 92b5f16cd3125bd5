from . import hr_job
from . import sales_job_ramp
from . import sales_job_competency
from . import hr_recruitment_stage
from . import hr_applicant
from . import sales_interview_scorecard
from . import sales_interview_scorecard_line
from . import hr_applicant_onboarding
