from . import report_goal_agreement
from . import report_goal_result
from . import report_goal_status_list
from . import report_pay_statement
