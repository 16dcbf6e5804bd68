from . import hr_goal_takeover_wizard
from . import hr_goal_agreement_reason_wizard
from . import hr_goal_status_report_wizard
from . import hr_assessment_schedule_wizard
from . import hr_assessment_schedule_wizard_line
from . import hr_assessment_reopen_wizard
from . import hr_performance_pay_correction_wizard
