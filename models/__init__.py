from . import hr_salary_rule_category
from . import hr_salary_rule
