from . import hr_salary_rule_category
from . import hr_salary_rule
from . import hr_performance_pay_run
from . import hr_performance_pay_line
from . import hr_payslip
