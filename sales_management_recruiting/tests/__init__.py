from . import test_job_profile
