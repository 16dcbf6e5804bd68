from odoo import api, fields, models
from odoo.exceptions import UserError

from ..common.text_limits import check_texts
from ..common.write_guard import check_no_related_create, check_no_related_write


class HrAssessmentObjection(models.Model):
    """An objection (Reklamation) of an employee against an assessment."""

    _name = "hr.assessment.objection"
    _description = "Assessment Objection"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "raised_on desc, id desc"

    assessment_id = fields.Many2one(
        "hr.assessment", required=True, index=True, ondelete="restrict"
    )
    # The user's rights: an onchange with another assessment reveals nothing.
    name = fields.Char(related="assessment_id.name", related_sudo=False)
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one(related="assessment_id.employee_id", store=True)
    employee_user_id = fields.Many2one(
        related="assessment_id.employee_user_id", store=True, index=True
    )
    assessor_id = fields.Many2one(
        related="assessment_id.assessor_id", store=True, index=True
    )
    raised_by = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    raised_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    reason = fields.Text(required=True, tracking=True)
    recorded_on_behalf = fields.Boolean(
        "Recorded by HR",
        compute="_compute_recorded_on_behalf",
        help="Raised on paper by the employee; HR entered it on his behalf.",
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("review", "Under Review by HR"),
            ("commission", "Referred to the Joint Commission"),
            ("decided", "Decided"),
        ],
        string="Handling",
        default="open",
        required=True,
        tracking=True,
        copy=False,
    )
    decision = fields.Selection(
        [
            ("upheld", "Upheld: Result Is Corrected"),
            ("rejected", "Rejected: Result Stands"),
        ],
        tracking=True,
        copy=False,
    )
    decision_note = fields.Text("Grounds of the Decision", tracking=True)
    decision_date = fields.Date(readonly=True, copy=False, tracking=True)
    decided_by = fields.Many2one("res.users", readonly=True, copy=False)
    result_before = fields.Float(
        "Result Objected To (%)", readonly=True, digits=(16, 2)
    )
    result_after = fields.Float(
        "Final Result (%)", readonly=True, digits=(16, 2), copy=False
    )

    @api.constrains("reason")
    def _check_texts(self):
        check_texts(self, texts=("reason",))

    @api.model
    def _undecided_keys(self, employees, periods):
        """(employee id, period id) of the objections not decided yet that
        ``employees`` raised to assessments of ``periods`` (one search)."""
        objections = self.search(
            [
                ("state", "!=", "decided"),
                ("employee_id", "in", employees.ids),
                ("assessment_id.period_id", "in", periods.ids),
            ]
        )
        return {(o.employee_id.id, o.assessment_id.period_id.id) for o in objections}

    @api.depends("raised_by", "employee_user_id")
    def _compute_recorded_on_behalf(self):
        for objection in self:
            objection.recorded_on_behalf = (
                objection.raised_by != objection.employee_user_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        assessments = self.env["hr.assessment"].browse(
            [vals.get("assessment_id") for vals in vals_list]
        )
        if not assessments:
            raise UserError(self.env._("An objection needs an assessment."))
        # The employee objects himself; for staff without a login HR enters
        # the objection raised on paper (recorded on behalf).
        own = assessments.filtered(lambda a: a.employee_user_id == self.env.user)
        on_paper = assessments - own
        for records, step in ((own, "object"), (on_paper, "record_objection")):
            records._workflow_check_states(step)
            records._workflow_check(step)
        now = fields.Datetime.now()
        for vals, assessment in zip(vals_list, assessments, strict=True):
            vals.update(
                raised_by=self.env.uid,
                raised_on=now,
                state="open",
                # sudo: the employee's own result, kept as it was before the objection
                result_before=assessment.sudo().result_percent,
            )
            for fname in ("decision", "decision_date", "decided_by", "result_after"):
                vals.pop(fname, None)
        # The employee has no write access to the assessment: checked above.
        # sudo: state and employee were checked above; the employee may object
        objections = super(HrAssessmentObjection, self.sudo()).create(vals_list)
        own._do_object()
        on_paper._do_record_objection()
        for assessment in on_paper:
            assessment.message_post(
                body=self.env._(
                    "%(user)s recorded on behalf of %(employee)s: objection raised "
                    "on paper.",
                    user=self.env.user.name,
                    employee=assessment.employee_id.name,
                )
            )
        return objections.with_env(self.env)

    def write(self, vals):
        check_no_related_write(self, vals)
        if {
            "assessment_id",
            "raised_by",
            "raised_on",
            "recorded_on_behalf",
            "result_before",
            "reason",
        }.intersection(vals):
            raise UserError(
                self.env._("Who objected, when and to what cannot be changed.")
            )
        if {"state", "decision", "decision_note", "decision_date"}.intersection(vals):
            self._check_hr()
            decided = self.filtered(lambda o: o.state == "decided")
            if decided:
                raise UserError(
                    self.env._(
                        "The objection to %(name)s has been decided and cannot "
                        "be changed.",
                        name=decided[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if self:
            raise UserError(self.env._("Objections are never deleted."))

    def _check_hr(self):
        if not self.env.user.has_group("hr_performance.group_hr_performance_officer"):
            raise UserError(self.env._("Only HR handles objections."))

    def action_review(self):
        self._check_handling(("open",))
        self._check_hr()
        self.write({"state": "review"})

    def action_refer_commission(self):
        self._check_handling(("open", "review"))
        self._check_hr()
        self.write({"state": "commission"})

    def action_decide(self):
        """Record the decision: an upheld objection reopens the assessment."""
        self._check_handling(("open", "review", "commission"))
        self._check_hr()
        undecided = self.filtered(lambda o: not o.decision or not o.decision_note)
        if undecided:
            raise UserError(
                self.env._(
                    "Please enter the decision and its grounds for the objection "
                    "to %(name)s.",
                    name=undecided[0].name,
                )
            )
        self.write(
            {
                "state": "decided",
                "decision_date": fields.Date.context_today(self),
                "decided_by": self.env.uid,
            }
        )
        for objection in self:
            assessment = objection.assessment_id
            if objection.decision == "upheld":
                assessment._reopen(
                    self.env._(
                        "Objection upheld: %(note)s", note=objection.decision_note
                    )
                )
            elif assessment.state == "objected" and not (
                assessment.objection_ids - objection
            ).filtered(lambda o: o.state != "decided"):
                assessment.action_finalize()

    def _check_handling(self, states):
        wrong = self.filtered(lambda o: o.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "The objection to %(name)s is already %(state)s.",
                    name=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _record_final_result(self):
        """Keep the final result next to the one objected to."""
        for objection in self.filtered(lambda o: o.state == "decided"):
            if not objection.result_after:
                objection.result_after = objection.assessment_id.result_percent
