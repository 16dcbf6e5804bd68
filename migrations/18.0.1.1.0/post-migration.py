"""18.0.1.1.0: variable pay posts with its own wage type (VAR): add it to
every company's default payroll structure, as the install does."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["hr.salary.rule"]._hr_performance_add_to_default_structures()
