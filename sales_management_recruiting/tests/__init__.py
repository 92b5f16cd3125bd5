from . import test_job_profile
from . import test_pipeline_stages
from . import test_scorecard
from . import test_scorecard_security
from . import test_comparison
from . import test_hiring_plan
from . import test_quality_of_hire
