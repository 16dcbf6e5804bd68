from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalTemplate(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["hr.goal.template"].with_user(cls.user_admin)
        cls.root = Template.create(
            {
                "name": "Bürgerservice",
                "level": "personal",
                "weight": 50,
                "success_criteria": "Wartezeit unter 20 Minuten",
                "actions": "Terminvergabe online",
                "target_value": 20,
                "unit": "Minuten",
            }
        )
        cls.child = Template.create(
            {
                "name": "Bürgerservice Standesamt",
                "parent_id": cls.root.id,
                "weight": 30,
                "resources": "Zweiter Schalter",
            }
        )
        cls.grandchild = Template.create(
            {
                "name": "Standesamt Samstag",
                "parent_id": cls.child.id,
                "success_criteria": "Samstagstermine angeboten",
                "target_value": 0,
            }
        )

    def test_child_overrides_what_it_sets(self):
        values = self.child._effective_values()
        self.assertEqual(values["name"], "Bürgerservice Standesamt")
        self.assertEqual(values["weight"], 30)
        self.assertEqual(values["resources"], "Zweiter Schalter")

    def test_child_inherits_what_it_leaves_empty(self):
        values = self.child._effective_values()
        self.assertEqual(values["level"], "personal")
        self.assertEqual(values["success_criteria"], "Wartezeit unter 20 Minuten")
        self.assertEqual(values["actions"], "Terminvergabe online")
        self.assertEqual(values["unit"], "Minuten")

    def test_three_levels_resolve_nearest_value(self):
        values = self.grandchild._effective_values()
        self.assertEqual(values["name"], "Standesamt Samstag")
        # own value, overriding the root
        self.assertEqual(values["success_criteria"], "Samstagstermine angeboten")
        # from the middle template, overriding the root
        self.assertEqual(values["weight"], 30)
        self.assertEqual(values["resources"], "Zweiter Schalter")
        # from the root, two levels up (zero counts as empty)
        self.assertEqual(values["target_value"], 20)
        self.assertEqual(values["actions"], "Terminvergabe online")
        self.assertEqual(self.grandchild.effective_weight, 30)
        self.assertEqual(self.grandchild.effective_actions, "Terminvergabe online")
        self.assertEqual(
            self.grandchild.complete_name,
            "Bürgerservice / Bürgerservice Standesamt / Standesamt Samstag",
        )

    def test_changing_the_parent_changes_the_children(self):
        self.root.with_user(self.user_admin).write({"unit": "Min."})
        self.assertEqual(self.grandchild._effective_values()["unit"], "Min.")
        self.child.with_user(self.user_admin).write({"unit": "Sekunden"})
        self.assertEqual(self.grandchild._effective_values()["unit"], "Sekunden")

    def test_many_templates_at_once(self):
        templates = self.root | self.child | self.grandchild
        values = templates._effective_values_by_template()
        self.assertEqual(
            [values[t.id]["weight"] for t in templates], [50.0, 30.0, 30.0]
        )

    def test_no_cycles(self):
        with self.assertRaises(UserError):
            self.root.with_user(self.user_admin).parent_id = self.grandchild

    def test_hr_configures_templates_employees_only_read_them(self):
        self.assertEqual(
            self.grandchild.with_user(self.user_employee).effective_unit, "Minuten"
        )
        officer_template = (
            self.env["hr.goal.template"]
            .with_user(self.user_officer)
            .create({"name": "Aktenablage", "parent_id": self.child.id})
        )
        self.assertEqual(officer_template.effective_weight, 30)
        with self.assertRaises(AccessError):
            self.env["hr.goal.template"].with_user(self.user_manager).create(
                {"name": "Nicht erlaubt"}
            )
        with self.assertRaises(AccessError):
            self.root.with_user(self.user_employee).write({"weight": 10})

    def test_other_company_does_not_see_templates(self):
        self.root.company_id = self.company
        self.env.flush_all()
        Template = self.env["hr.goal.template"].with_user(self.user_other_officer)
        self.assertFalse(Template.search([("id", "=", self.root.id)]))
