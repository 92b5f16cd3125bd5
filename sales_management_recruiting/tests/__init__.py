from . import test_job_profile
from . import test_pipeline_stages
from . import test_scorecard
from . import test_scorecard_security
from . import test_comparison
from . import test_onboarding
from . import test_onboarding_refusals
from . import test_onboarding_tour
