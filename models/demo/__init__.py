from . import hr_performance_demo
