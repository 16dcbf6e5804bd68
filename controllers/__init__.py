# Portal routes: controllers/portal.py (goal agreements, team, home tiles) and
# controllers/portal_assessment.py (assessments, performance pay statements).
from . import portal
from . import portal_assessment
