from odoo import api, fields, models
from odoo.exceptions import UserError

ACTIVITY_TYPE = "hr_performance.mail_activity_type_assessment_todo"


class HrAssessmentScheduleWizard(models.TransientModel):
    """Schedule assessments for many employees at once (set-based)."""

    _name = "hr.assessment.schedule.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Schedule Assessments"

    period_id = fields.Many2one(
        "hr.performance.period",
        required=True,
        domain="[('state', '!=', 'closed')]",
    )
    company_id = fields.Many2one(related="period_id.company_id")
    form_id = fields.Many2one("hr.assessment.form", required=True)
    date = fields.Date(
        "Assessment Date", required=True, default=fields.Date.context_today
    )
    assessor_rule = fields.Selection(
        [
            ("supervisor", "Direct Supervisor"),
            ("department_head", "Department Head"),
            ("user", "A Named User"),
        ],
        string="Assessor",
        required=True,
        default="supervisor",
    )
    assessor_user_id = fields.Many2one("res.users", string="Named Assessor")
    selection = fields.Selection(
        [
            ("employees", "Selected Employees"),
            ("department", "A Department"),
            ("all_without", "All Without an Assessment in This Period"),
        ],
        string="Employees",
        required=True,
        default="employees",
    )
    employee_ids = fields.Many2many("hr.employee", string="Selected Employees")
    department_id = fields.Many2one("hr.department")
    include_subdepartments = fields.Boolean("Include Sub-departments", default=True)
    with_self_assessment = fields.Boolean(
        "Request a Self-Assessment",
        help="The employee also fills in the form; it is shown side by side "
        "with the assessor's scores.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", required=True
    )
    created_assessment_ids = fields.Many2many(
        "hr.assessment", string="Created Assessments", readonly=True
    )
    created_count = fields.Integer("Created", readonly=True)
    skipped_count = fields.Integer("Skipped", readonly=True)
    skipped_line_ids = fields.One2many(
        "hr.assessment.schedule.wizard.line",
        "wizard_id",
        string="Skipped Employees",
        readonly=True,
    )

    @api.onchange("period_id")
    def _onchange_period_id(self):
        if self.period_id.date_to and not self.date:
            self.date = self.period_id.date_to

    # ------------------------------------------------------------------
    # main action
    # ------------------------------------------------------------------
    def action_schedule(self):
        self.ensure_one()
        self._check_input()
        Assessment = self.env["hr.assessment"]
        Assessment.check_access("create")
        employees = self._target_employees()
        plan, skipped = self._plan(employees)
        lines = {flag: self._line_commands(flag) for flag in (False, True)}
        selfs = Assessment
        if self.with_self_assessment:
            with_user = [entry for entry in plan if entry["employee"].user_id]
            selfs = Assessment.create(
                [self._assessment_vals(entry, lines, "self") for entry in with_user]
            )
            self_of = dict(
                zip([e["employee"].id for e in with_user], selfs.ids, strict=True)
            )
            for entry in plan:
                entry["self_id"] = self_of.get(entry["employee"].id, False)
        assessments = Assessment.create(
            [self._assessment_vals(entry, lines) for entry in plan]
        )
        self._schedule_activities(assessments | selfs)
        self.write(
            {
                "state": "done",
                "created_assessment_ids": [(6, 0, assessments.ids)],
                "created_count": len(assessments),
                "skipped_count": len(skipped),
                "skipped_line_ids": [
                    (0, 0, {"employee_id": employee.id, "reason": reason})
                    for employee, reason in skipped
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Assessments Scheduled"),
        }

    def action_open_created(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_assessment_action"
        )
        action["domain"] = [("id", "in", self.created_assessment_ids.ids)]
        return action

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _check_input(self):
        if self.period_id.state == "closed":
            raise UserError(
                self.env._(
                    "The performance period %(name)s is closed.",
                    name=self.period_id.name,
                )
            )
        if self.assessor_rule == "user" and not self.assessor_user_id:
            raise UserError(self.env._("Please choose the assessor."))
        if self.selection == "department" and not self.department_id:
            raise UserError(self.env._("Please choose the department."))
        if self.selection == "employees" and not self.employee_ids:
            raise UserError(self.env._("Please choose at least one employee."))
        if self.form_id.company_id and self.form_id.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "The form %(form)s belongs to another company.",
                    form=self.form_id.name,
                )
            )
        self.form_id._check_weights()

    def _target_employees(self):
        Employee = self.env["hr.employee"]
        company = self.period_id.company_id
        if self.selection == "employees":
            return self.employee_ids
        if self.selection == "department":
            operator = "child_of" if self.include_subdepartments else "="
            return Employee.search(
                [("department_id", operator, self.department_id.id)], order="id"
            )
        assessed = self.env["hr.assessment"]._read_group(
            [
                ("period_id", "=", self.period_id.id),
                ("assessment_type", "=", "supervisor"),
            ],
            ["employee_id"],
        )
        return Employee.search(
            [
                ("company_id", "=", company.id),
                ("id", "not in", [employee.id for (employee,) in assessed]),
            ],
            order="id",
        )

    def _plan(self, employees):
        """Split employees into what to create and what to skip (with reasons)."""
        # sudo: HR schedules; the employees' organisation decides the assessor
        employees = employees.sudo()
        existing = {
            employee.id
            for (employee,) in self.env["hr.assessment"]
            # sudo: who is assessed already (skip reasons); ids only
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("period_id", "=", self.period_id.id),
                    ("form_id", "=", self.form_id.id),
                    ("assessment_type", "=", "supervisor"),
                ],
                ["employee_id"],
            )
        }
        leaders = {
            parent.id
            for (parent,) in self.env["hr.employee"]
            # sudo: which employees lead others (leader criteria); ids only
            .sudo()
            ._read_group([("parent_id", "in", employees.ids)], ["parent_id"])
        }
        company = self.period_id.company_id
        plan, skipped = [], []
        for employee in employees:
            reason = None
            assessor = self._assessor_of(employee)
            if employee.company_id != company:
                reason = self.env._("belongs to another company")
            elif employee.id in existing:
                reason = self.env._(
                    "already has an assessment on this form in this period"
                )
            elif not assessor:
                reason = self._no_assessor_reason()
            elif assessor == employee.user_id:
                reason = self.env._("would have to assess themselves")
            if reason:
                skipped.append((employee, reason))
                continue
            plan.append(
                {
                    "employee": employee,
                    "assessor": assessor,
                    "is_leader": employee.id in leaders,
                }
            )
        return plan, skipped

    def _assessor_of(self, employee):
        if self.assessor_rule == "user":
            return self.assessor_user_id
        if self.assessor_rule == "supervisor":
            return employee.parent_id.user_id
        department = employee.department_id
        manager = department.manager_id
        if manager == employee:
            manager = department.parent_id.manager_id
        return manager.user_id

    def _no_assessor_reason(self):
        if self.assessor_rule == "supervisor":
            return self.env._("has no supervisor with a user account")
        return self.env._("has no department head with a user account")

    def _line_commands(self, is_leader):
        form = self.form_id
        commands = []
        for group in form._groups_for(is_leader):
            group_weight = form._group_weight(group, is_leader)
            for criterion in group.criterion_ids:
                commands.append(
                    (
                        0,
                        0,
                        {
                            "criterion_id": criterion.id,
                            "group_id": group.id,
                            "weight": criterion.weight,
                            "group_weight": group_weight,
                        },
                    )
                )
        return commands

    def _assessment_vals(self, entry, lines, kind="supervisor"):
        employee = entry["employee"]
        vals = {
            "period_id": self.period_id.id,
            "form_id": self.form_id.id,
            "employee_id": employee.id,
            "date": self.date,
            "assessment_type": kind,
            "is_leader": entry["is_leader"],
            "line_ids": list(lines[entry["is_leader"]]),
        }
        if kind == "self":
            vals["assessor_id"] = employee.user_id.id
        else:
            vals["assessor_id"] = entry["assessor"].id
            vals["self_assessment_id"] = entry.get("self_id", False)
        return vals

    def _schedule_activities(self, assessments):
        """One activity per assessor (batch create), on their first assessment."""
        activity_type = self.env.ref(ACTIVITY_TYPE)
        by_assessor = {}
        for assessment in assessments:
            by_assessor.setdefault(assessment.assessor_id, []).append(assessment)
        model = self.env["ir.model"]._get_id("hr.assessment")
        vals_list = []
        for assessor, todo in by_assessor.items():
            names = ", ".join(a.employee_id.name for a in todo[:20])
            if len(todo) > 20:
                names += ", …"
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model,
                    "res_id": todo[0].id,
                    "user_id": assessor.id,
                    "date_deadline": self.date,
                    "summary": self.env._(
                        "Assessments to do: %(count)s", count=len(todo)
                    ),
                    "note": self.env._(
                        "Please assess by %(date)s: %(names)s",
                        date=self.date,
                        names=names,
                    ),
                }
            )
        self.env["mail.activity"].create(vals_list)
