from . import hr_goal_subgoal
from . import hr_goal
from . import hr_performance_period
from . import hr_performance_variable_entry
from . import hr_performance_pay_run
from . import line_monthly
