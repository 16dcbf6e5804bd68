from . import hr_performance_pay_line
