from . import hr_job
from . import sales_job_ramp
from . import sales_job_competency
