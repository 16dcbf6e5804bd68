# One subpackage per area; in each, a file named after a model (hr_*.py)
# defines that model if the area owns it, or extends it; every other file
# adds one concern to a model of the area (e.g. goals/agreement_reports.py).
from . import common
from . import goals
from . import assessment
from . import pay
from . import payroll
from . import variable
from . import kpi
from . import payout
from . import portal
from . import demo
