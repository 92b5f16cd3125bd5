from . import test_job_profile
from . import test_pipeline_stages
