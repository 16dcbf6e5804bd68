from . import engine_messages
from . import write_guard
from . import text_limits
from . import hr_performance_workflow_mixin
from . import hr_performance_employee_mixin
from . import hr_employee
from . import hr_performance_period
from . import hr_performance_result
