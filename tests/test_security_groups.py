from odoo.tests import tagged

from .common import (
    GROUP_ADMIN,
    GROUP_EMPLOYEE,
    GROUP_MANAGER,
    GROUP_OFFICER,
    HrPerformanceCase,
)


@tagged("post_install", "-at_install")
class TestSecurityGroups(HrPerformanceCase):
    def test_groups_share_one_category(self):
        category = self.env.ref("hr_performance.module_category_hr_performance")
        groups = [
            self.env.ref(xmlid)
            for xmlid in (GROUP_EMPLOYEE, GROUP_MANAGER, GROUP_OFFICER, GROUP_ADMIN)
        ]
        self.assertEqual({group.category_id for group in groups}, {category})

    def test_each_group_implies_the_one_below(self):
        employee, manager, officer, admin = (
            self.env.ref(xmlid)
            for xmlid in (GROUP_EMPLOYEE, GROUP_MANAGER, GROUP_OFFICER, GROUP_ADMIN)
        )
        self.assertIn(employee, manager.implied_ids)
        self.assertIn(manager, officer.implied_ids)
        self.assertIn(officer, admin.implied_ids)
        self.assertIn(employee, admin.trans_implied_ids)

    def test_roles_of_the_test_users(self):
        self.assertTrue(self.user_employee.has_group(GROUP_EMPLOYEE))
        self.assertFalse(self.user_employee.has_group(GROUP_MANAGER))
        self.assertTrue(self.user_manager.has_group(GROUP_MANAGER))
        self.assertFalse(self.user_manager.has_group(GROUP_OFFICER))
        self.assertTrue(self.user_officer.has_group(GROUP_OFFICER))
        self.assertFalse(self.user_officer.has_group(GROUP_ADMIN))
        self.assertTrue(self.user_admin.has_group(GROUP_ADMIN))
        self.assertTrue(self.user_admin.has_group(GROUP_EMPLOYEE))

    def test_every_internal_user_is_a_performance_employee(self):
        """New internal users can work on their own goals right away."""
        self.assertTrue(self.user_payroll.has_group(GROUP_EMPLOYEE))
        self.assertTrue(self.env.ref("base.user_admin").has_group(GROUP_ADMIN))

    def test_portal_users_get_no_backend_group(self):
        self.assertFalse(self.user_portal.has_group(GROUP_EMPLOYEE))
        self.assertFalse(self.user_portal.has_group("base.group_user"))

    def test_hr_officer_can_read_employees_and_payroll_stays_separate(self):
        """HR officers read employees; payroll rights remain payroll's own."""
        self.assertTrue(self.user_officer.has_group("hr.group_hr_user"))
        self.assertFalse(self.user_admin.has_group("payroll.group_payroll_user"))
        self.assertFalse(self.user_officer.has_group("payroll.group_payroll_user"))
        self.assertFalse(self.user_employee.has_group("hr.group_hr_user"))
