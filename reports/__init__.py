from . import report_goal_agreement
from . import report_goal_result
from . import report_goal_status_list
