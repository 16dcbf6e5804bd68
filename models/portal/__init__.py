from . import hr_performance_pay_line
from . import agreement_portal
from . import assessment_portal
