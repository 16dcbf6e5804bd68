# Portal routes, one file per area on one base (portal_base.py), in one
# chain so that each area extends the home tiles: agreement -> team ->
# assessment -> pay.
from . import portal_base
from . import portal_agreement
from . import portal_team
from . import portal_assessment
from . import portal_pay
