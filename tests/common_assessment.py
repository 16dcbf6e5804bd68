"""Fixtures of the assessment tests: a small form, scheduling and rating."""

from odoo import Command

from .common import HrPerformanceCase


class AssessmentCase(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period(method="assessment")
        cls.scale = cls.env.ref("hr_performance.hr_assessment_scale_default")
        cls.levels = {int(level.points): level for level in cls.scale.level_ids}
        cls.form = cls.create_form()
        cls.criteria = {c.name: c for c in cls.form.criterion_ids}

    @classmethod
    def create_form(cls, name="Annual Assessment", **values):
        """Quality 60 % (two criteria), quantity 40 %, leadership for leaders."""
        vals = {
            "name": name,
            "scale_id": cls.scale.id,
            "group_ids": [
                Command.create(
                    {
                        "sequence": 1,
                        "name": "Quality of Work",
                        "weight": 60,
                        "weight_leaders": 50,
                        "criterion_ids": [
                            Command.create(
                                {"sequence": 1, "name": "On time", "weight": 50}
                            ),
                            Command.create(
                                {"sequence": 2, "name": "Carefully", "weight": 50}
                            ),
                        ],
                    }
                ),
                Command.create(
                    {
                        "sequence": 2,
                        "name": "Quantity of Work",
                        "weight": 40,
                        "weight_leaders": 30,
                        "criterion_ids": [
                            Command.create({"name": "Volume", "weight": 100})
                        ],
                    }
                ),
                Command.create(
                    {
                        "sequence": 3,
                        "name": "Leadership",
                        "weight": 0,
                        "weight_leaders": 20,
                        "leaders_only": True,
                        "criterion_ids": [
                            Command.create({"name": "Delegates", "weight": 100})
                        ],
                    }
                ),
            ],
        }
        vals.update(values)
        return cls.env["hr.assessment.form"].with_user(cls.user_admin).create(vals)

    def schedule(self, employees, user=None, **values):
        vals = {
            "period_id": self.period.id,
            "form_id": self.form.id,
            "date": "2027-12-01",
            "selection": "employees",
            "employee_ids": [Command.set(employees.ids)],
        }
        vals.update(values)
        wizard = (
            self.env["hr.assessment.schedule.wizard"]
            .with_user(user or self.user_officer)
            .create(vals)
        )
        wizard.action_schedule()
        return wizard

    def assessment_of(self, employee, kind="supervisor"):
        return self.env["hr.assessment"].search(
            [
                ("employee_id", "=", employee.id),
                ("period_id", "=", self.period.id),
                ("assessment_type", "=", kind),
            ]
        )

    def rate(self, assessment, user, points=None):
        """Rate every criterion (``points``: criterion name -> points, else 3)."""
        points = points or {}
        lines = assessment.with_user(user).line_ids
        for line in lines:
            level = self.levels[points.get(line.name, 3)]
            line.level_id = level
        return lines
