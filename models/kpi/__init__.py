from . import hr_performance_kpi
from . import hr_performance_kpi_group
from . import hr_performance_kpi_value
from . import hr_goal
from . import hr_performance_kpi_import
from . import kpi_compute
