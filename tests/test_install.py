from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestInstall(HrPerformanceCase):
    def test_module_installed_with_dependencies(self):
        module = self.env["ir.module.module"].search([("name", "=", "hr_performance")])
        self.assertEqual(module.state, "installed")
        dependencies = set(module.dependencies_id.mapped("name"))
        self.assertTrue(
            {"hr", "hr_contract", "mail", "portal", "payroll"} <= dependencies
        )

    def test_engine_is_importable_from_the_addon(self):
        """Models reach the calculation engine through the addon package."""
        from odoo.addons.hr_performance.engine import combined_result

        result = combined_result(
            [
                ("personal", 50, 50),
                ("department", 40, 30),
                ("company", 30, 10),
                ("assessment", 50, 10),
            ]
        )
        self.assertEqual(str(result.total), "45.00")

    def test_engine_has_no_odoo_import(self):
        import pathlib

        engine = pathlib.Path(file_path("hr_performance/engine"))
        offenders = [
            path.name
            for path in engine.rglob("*.py")
            if "import odoo" in path.read_text() or "from odoo" in path.read_text()
        ]
        self.assertEqual(offenders, [])
