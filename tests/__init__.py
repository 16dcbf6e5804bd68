from . import test_install
from . import test_security_groups
from . import test_wage_type
from . import test_demo_data
from . import test_i18n
