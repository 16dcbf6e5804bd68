from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

GROUP_OFFICER = "hr_performance.group_hr_performance_officer"

# Mass creation posts nothing per record: no "created" log note, no
# automatic followers, no field tracking. The wizard posts one summary
# note on the period instead.
BATCH_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}

RESULT_ACTIONS = [
    ("created", "Created"),
    ("updated", "Updated"),
    ("unchanged", "Unchanged"),
    ("skipped", "Skipped"),
]


class HrGoalTakeoverWizard(models.TransientModel):
    """Take templates, company goals or department goals over into the
    goal agreements of many employees at once (set-based)."""

    _name = "hr.goal.takeover.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Take Over Goals"

    period_id = fields.Many2one(
        "hr.performance.period",
        required=True,
        domain="[('state', '=', 'open')]",
        default=lambda self: self._default_period(),
    )
    company_id = fields.Many2one(related="period_id.company_id")
    source = fields.Selection(
        [
            ("templates", "Goal Templates"),
            ("company", "Company Goals of the Period"),
            ("department", "Department Goals of the Period"),
        ],
        string="Take Over",
        required=True,
        default="templates",
    )
    template_ids = fields.Many2many(
        "hr.goal.template",
        string="Templates",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    period_goal_ids = fields.Many2many(
        "hr.performance.period.goal",
        string="Goals",
        domain="[('period_id', '=', period_id), ('level', '=', source)]",
        help="Leave empty to take over all goals of this level of the period.",
    )
    scope = fields.Selection(
        [
            ("employees", "Selected Employees"),
            ("department", "All Employees of a Department"),
            ("company", "All Employees of the Company"),
        ],
        string="For",
        required=True,
        default="employees",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Employees",
        default=lambda self: self._default_employees(),
        domain="[('company_id', '=', company_id)]",
    )
    department_id = fields.Many2one(
        "hr.department", domain="[('company_id', 'in', (company_id, False))]"
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    result_ids = fields.One2many(
        "hr.goal.takeover.result", "wizard_id", string="Results", readonly=True
    )
    created_count = fields.Integer("Agreements Created", readonly=True)
    updated_count = fields.Integer("Agreements Updated", readonly=True)
    unchanged_count = fields.Integer("Agreements Unchanged", readonly=True)
    skipped_count = fields.Integer("Employees Skipped", readonly=True)

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    @api.model
    def _default_period(self):
        if self.env.context.get("active_model") == "hr.performance.period":
            return self.env.context.get("active_id")
        return self.env["hr.performance.period"].search(
            [("state", "=", "open"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    @api.model
    def _default_employees(self):
        if self.env.context.get("active_model") == "hr.employee":
            return [Command.set(self.env.context.get("active_ids") or [])]
        return []

    @api.onchange("period_id", "source")
    def _onchange_period_source(self):
        self.period_goal_ids = False

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_apply(self):
        """Create or update the draft agreements and show what was done."""
        self.ensure_one()
        self._check_can_apply()
        employees = self._get_employees()
        sources = self._get_goal_sources()
        results = self._do_apply(employees, sources)
        self._write_results(results)
        return self._action_reopen()

    def action_open_agreements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Goal Agreements"),
            "res_model": "hr.goal.agreement",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.result_ids.agreement_id.ids)],
        }

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_can_apply(self):
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(
                self.env._("Only HR officers can take goals over for employees.")
            )
        period = self.period_id
        if period.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot take goals over into %(name)s: the period belongs "
                    "to a company you do not work for.",
                    # sudo: the period's name in the message; no data
                    name=period.sudo().display_name,
                )
            )
        if period.state == "closed":
            raise UserError(
                self.env._(
                    "The performance period %(name)s is closed: goals can no "
                    "longer be taken over into it.",
                    name=period.display_name,
                )
            )
        if period.state != "open":
            raise UserError(
                self.env._(
                    "The performance period %(name)s is not open yet: open it "
                    "before taking goals over into it.",
                    name=period.display_name,
                )
            )
        if self.source == "templates" and not self.template_ids:
            raise UserError(self.env._("Select at least one goal template."))
        if self.scope == "employees" and not self.employee_ids:
            raise UserError(self.env._("Select at least one employee."))
        if self.scope == "department" and not self.department_id:
            raise UserError(self.env._("Select the department."))

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------
    def _get_employees(self):
        """The employees in scope, with the fields needed, read in one go."""
        fnames = ["name", "parent_id", "department_id", "company_id"]
        Employee = self.env["hr.employee"]
        if self.scope == "employees":
            employees = self.employee_ids
            employees.fetch(fnames)
            return employees
        domain = [("company_id", "=", self.period_id.company_id.id)]
        if self.scope == "department":
            domain.append(("department_id", "=", self.department_id.id))
        return Employee.search_fetch(domain, fnames, order="name, id")

    def _get_goal_sources(self):
        """One dict per goal to take over: ``key`` (identifies the goal line
        in an agreement), ``vals`` (hr.goal values), ``excluded`` (employee
        ids) and ``department_id`` (only its employees, or False)."""
        if self.source == "templates":
            values = self.template_ids._effective_values_by_template()
            return [
                {
                    "key": ("template", template.id),
                    "vals": dict(values[template.id], template_id=template.id),
                    "excluded": set(),
                    "department_id": False,
                }
                for template in self.template_ids
            ]
        goals = self.period_goal_ids.filtered(
            lambda goal: goal.period_id == self.period_id and goal.level == self.source
        )
        if not self.period_goal_ids:
            goals = self.env["hr.performance.period.goal"].search(
                [("period_id", "=", self.period_id.id), ("level", "=", self.source)]
            )
        if not goals:
            raise UserError(
                self.env._(
                    "The period %(period)s has no goals of this level to take over.",
                    period=self.period_id.display_name,
                )
            )
        return [
            {
                "key": ("period_goal", goal.id),
                "vals": {
                    "name": goal.name,
                    "level": goal.level,
                    "sequence": goal.sequence,
                    "description": goal.description,
                    "weight": goal.weight,
                    "success_criteria": goal.success_criteria,
                    "target_value": goal.target_value,
                    "unit": goal.unit,
                    "deadline": goal.deadline,
                    "period_goal_id": goal.id,
                },
                "excluded": set(goal.excluded_employee_ids.ids),
                "department_id": goal.level == "department" and goal.department_id.id,
            }
            for goal in goals
        ]

    def _get_supervisor(self, employee):
        """Who signs for the employer, per the period's signer rule."""
        return self.env["hr.goal.agreement"]._default_supervisor(
            # sudo: the period's signer rule decides the default supervisor
            employee,
            self.period_id.sudo(),
        )

    @api.model
    def _source_applies(self, source, employee):
        if employee.id in source["excluded"]:
            return False
        if source["department_id"] is not False:
            return employee.department_id.id == source["department_id"]
        return True

    def _existing_agreements(self, employees):
        """``{employee id: agreement}`` of active agreements, one search."""
        agreements = self.env["hr.goal.agreement"].search_fetch(
            [
                ("period_id", "=", self.period_id.id),
                ("employee_id", "in", employees.ids),
                ("state", "!=", "cancelled"),
            ],
            ["employee_id", "state"],
            order="id",
        )
        by_employee = {}
        for agreement in agreements:
            by_employee.setdefault(agreement.employee_id.id, agreement)
        return by_employee

    def _existing_goal_keys(self, agreements):
        """``{agreement id: {source keys}}`` of goal lines, one search."""
        keys = defaultdict(set)
        if not agreements:
            return keys
        goals = self.env["hr.goal"].search_fetch(
            [
                ("agreement_id", "in", agreements.ids),
                "|",
                ("period_goal_id", "!=", False),
                ("template_id", "!=", False),
            ],
            ["agreement_id", "period_goal_id", "template_id"],
        )
        for goal in goals:
            if goal.period_goal_id:
                keys[goal.agreement_id.id].add(("period_goal", goal.period_goal_id.id))
            if goal.template_id:
                keys[goal.agreement_id.id].add(("template", goal.template_id.id))
        return keys

    def _do_apply(self, employees, sources):
        """Plan everything in memory, then one create() per model."""
        period = self.period_id
        state_labels = dict(
            self.env["hr.goal.agreement"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        existing = self._existing_agreements(employees)
        drafts = self.env["hr.goal.agreement"].browse(
            agreement.id
            for agreement in existing.values()
            if agreement.state == "draft"
        )
        existing_keys = self._existing_goal_keys(drafts)
        agreement_vals, agreement_results = [], []
        goal_vals, results = [], []
        for employee in employees:
            result = {"employee_id": employee.id, "goal_count": 0}
            results.append(result)
            if employee.company_id != period.company_id:
                result.update(
                    action="skipped",
                    reason=self.env._("Belongs to another company than the period."),
                )
                continue
            applicable = [
                source for source in sources if self._source_applies(source, employee)
            ]
            agreement = existing.get(employee.id)
            if agreement:
                result["agreement_id"] = agreement.id
            if not applicable:
                result.update(
                    action="skipped",
                    reason=self.env._("None of the selected goals applies."),
                )
            elif agreement and agreement.state != "draft":
                result.update(
                    action="skipped",
                    reason=self.env._(
                        "The agreement is %(state)s: it needs a revision first.",
                        state=state_labels.get(agreement.state, agreement.state),
                    ),
                )
            elif agreement:
                missing = [
                    source
                    for source in applicable
                    if source["key"] not in existing_keys[agreement.id]
                ]
                goal_vals += [
                    dict(source["vals"], agreement_id=agreement.id)
                    for source in missing
                ]
                result.update(
                    action="updated" if missing else "unchanged",
                    goal_count=len(missing),
                    reason=""
                    if missing
                    else self.env._("All goals are already in the agreement."),
                )
            else:
                supervisor = self._get_supervisor(employee)
                if not supervisor:
                    result.update(
                        action="skipped",
                        reason=self.env._(
                            "No supervisor: set the employee's manager or the "
                            "department head first."
                        ),
                    )
                    continue
                agreement_vals.append(
                    {
                        "period_id": period.id,
                        "employee_id": employee.id,
                        "supervisor_id": supervisor.id,
                        "goal_ids": [
                            Command.create(dict(source["vals"]))
                            for source in applicable
                        ],
                    }
                )
                agreement_results.append(result)
                result.update(action="created", goal_count=len(applicable))
        new_agreements = self._create_agreements(agreement_vals)
        for result, agreement in zip(agreement_results, new_agreements, strict=True):
            result["agreement_id"] = agreement.id
        if goal_vals:
            self.env["hr.goal"].with_context(**BATCH_CONTEXT).create(goal_vals)
        return results

    def _create_agreements(self, vals_list):
        """Create the new drafts in one batch.

        The HR officer's right to create agreements for these employees was
        checked above (group, company, access rights); every supervisor is
        the period's default signer. The creation itself runs as superuser
        (``create_uid`` stays the officer) because the agreement's per-record
        check of a manually chosen supervisor would search the officer's
        team once per agreement, which is pointless here and does not scale.
        """
        Agreement = self.env["hr.goal.agreement"]
        if not vals_list:
            return Agreement
        Agreement.check_access("create")
        # sudo: create access checked above; batch create of the drafts
        return Agreement.sudo().with_context(**BATCH_CONTEXT).create(vals_list)

    def _write_results(self, results):
        counts = defaultdict(int)
        for result in results:
            counts[result["action"]] += 1
        self.env["hr.goal.takeover.result"].create(
            [dict(result, wizard_id=self.id) for result in results]
        )
        self.write(
            {
                "state": "done",
                "created_count": counts["created"],
                "updated_count": counts["updated"],
                "unchanged_count": counts["unchanged"],
                "skipped_count": counts["skipped"],
            }
        )
        # One summary note on the period instead of one message per record.
        # sudo: one summary note on the period HR took goals over into
        self.period_id.sudo().message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Goals taken over by %(user)s: %(created)s agreements created, "
                "%(updated)s updated, %(unchanged)s unchanged, %(skipped)s "
                "employees skipped.",
                user=self.env.user.name,
                created=counts["created"],
                updated=counts["updated"],
                unchanged=counts["unchanged"],
                skipped=counts["skipped"],
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Over Goals"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }


class HrGoalTakeoverResult(models.TransientModel):
    """What the take-over wizard did for one employee."""

    _name = "hr.goal.takeover.result"
    _description = "Take-Over Result"
    _order = "id"

    wizard_id = fields.Many2one(
        "hr.goal.takeover.wizard", required=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    agreement_id = fields.Many2one(
        "hr.goal.agreement", string="Goal Agreement", readonly=True
    )
    action = fields.Selection(RESULT_ACTIONS, string="Result", readonly=True)
    goal_count = fields.Integer("Goals Added", readonly=True)
    reason = fields.Char(readonly=True)
