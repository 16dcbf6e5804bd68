from odoo import api, fields, models
from odoo.exceptions import UserError

from ...engine import EngineError, combined_result
from ...engine.rounding import to_decimal
from .engine_messages import engine_error_message
from .write_guard import check_no_related_create, check_no_related_write

COUNTED_AGREEMENT_STATES = ("rated", "closed")
COUNTED_ASSESSMENT_STATES = ("submitted", "acknowledged", "objected", "final")
#: Set by the result generation and the buttons only, never by a user write.
WORKFLOW_FIELDS = frozenset(
    {
        "period_id",
        "employee_id",
        "goal_agreement_id",
        "assessment_id",
        "assessment_result",
        "assessment_counted",
        "assessment_detail",
        "state",
        "final_snapshot",
        # computed by the engine, never typed in
        "goal_result",
        "final_result",
        "complete",
        "breakdown",
    }
)


class HrPerformanceResult(models.Model):
    """Performance result (Leistungsfeststellung) of one employee in one period.

    Combines the goal result and the assessment result with the period's
    weights; feeds the performance pay runs.
    """

    _name = "hr.performance.result"
    _description = "Performance Result"
    _inherit = [
        "mail.thread",
        "hr.performance.employee.mixin",
        "hr.performance.input.mixin",
    ]
    _order = "period_id desc, employee_id, id"

    period_id = fields.Many2one(
        "hr.performance.period", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict"
    )
    goal_agreement_id = fields.Many2one("hr.goal.agreement", readonly=True, index=True)
    assessment_id = fields.Many2one("hr.assessment", readonly=True, index=True)
    goal_result = fields.Float(
        compute="_compute_result", store=True, digits=(16, 2), tracking=True
    )
    # Set explicitly when an assessment is submitted, finalized or reopened
    # (no ORM dependency on hr.assessment: mass submissions stay set-based).
    assessment_result = fields.Float(readonly=True, digits=(16, 2), tracking=True)
    assessment_counted = fields.Boolean(readonly=True)
    assessment_detail = fields.Json(readonly=True)
    final_result = fields.Float(
        compute="_compute_result", store=True, digits=(16, 2), tracking=True
    )
    complete = fields.Boolean(
        compute="_compute_result",
        store=True,
        help="Every part the period's method needs has a result.",
    )
    breakdown = fields.Json(compute="_compute_result", store=True)
    result_scale = fields.Selection(related="period_id.result_scale")
    state = fields.Selection(
        [("provisional", "Provisional"), ("final", "Final")],
        default="provisional",
        required=True,
        tracking=True,
        copy=False,
    )
    final_snapshot = fields.Json(readonly=True, copy=False)

    _sql_constraints = [
        (
            "employee_period_unique",
            "unique(employee_id, period_id)",
            "An employee has one performance result per period.",
        ),
    ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        if not self.env.su and any(
            vals.get("state", "provisional") != "provisional"
            or vals.get("final_snapshot")
            or vals.get("assessment_counted")
            for vals in vals_list
        ):
            raise UserError(self.env._("A performance result starts as provisional."))
        return super().create(vals_list)

    def write(self, vals):
        # A closed period fixes its results, also for the system; only the
        # chatter's technical fields still change.
        if any(
            not name.startswith(("message_", "activity_"))
            for name in vals
            # sudo: the period's state is no secret of the result's readers
        ) and self.sudo().period_id.filtered(lambda p: p.state == "closed"):
            # sudo: the period's state is no secret of the result's readers
            self.sudo().period_id.filtered(lambda p: p.state == "closed")[
                :1
            ]._check_open()
        if not self.env.su:
            check_no_related_write(self, vals)
            if WORKFLOW_FIELDS.intersection(vals):
                raise UserError(
                    self.env._(
                        "Performance results are computed from the goal agreement "
                        "and the assessment; use the buttons to finalize them."
                    )
                )
        return super().write(vals)

    @api.depends(
        "state",
        "goal_agreement_id.result_total",
        "goal_agreement_id.result_personal",
        "goal_agreement_id.result_department",
        "goal_agreement_id.result_company",
        "goal_agreement_id.state",
        "assessment_result",
        "assessment_counted",
        "period_id.method",
        "period_id.weight_goals",
        "period_id.weight_assessment",
        "period_id.weight_personal",
        "period_id.weight_department",
        "period_id.weight_company",
        "period_id.self_assessment_counts",
        "period_id.self_assessment_weight",
    )
    def _compute_result(self):
        for result in self:
            if result.state == "final" and result.final_snapshot:
                values = result.final_snapshot
            else:
                values = result._combine()
            result.goal_result = values["goal_result"]
            result.final_result = values["final_result"]
            result.complete = values["complete"]
            result.breakdown = values["breakdown"]

    # ------------------------------------------------------------------
    # the combination (engine)
    # ------------------------------------------------------------------
    def _readable_source(self, record):
        """``record`` (agreement or assessment) with superuser rights for a
        saved result, whose readers the record rules decide; a result being
        edited (``onchange`` with any ids) reads only what the user may read."""
        # A stored compute runs as superuser: ask the real user.
        if (
            self.id
            or not record
            or record.with_env(self.env(su=False)).has_access("read")
        ):
            # sudo: a saved result's readers may see its sources' results.
            return record.sudo()
        return record.browse()

    def _goal_part(self):
        agreement = self._readable_source(self.goal_agreement_id)
        if agreement and agreement.state in COUNTED_AGREEMENT_STATES:
            return agreement
        return None

    def _assessment_values(self):
        """Assessment result (%) with the counted self-assessment, or None."""
        assessment = self._readable_source(self.assessment_id)
        if not assessment or assessment.state not in COUNTED_ASSESSMENT_STATES:
            return None
        period = self.period_id
        own = assessment.self_assessment_id._as_own_self_assessment(
            assessment.employee_id
        )
        parts = [("assessor", assessment.result_percent, 100.0)]
        if period.self_assessment_counts and own:
            weight = period.self_assessment_weight
            parts = [
                ("assessor", assessment.result_percent, 100.0 - weight),
                ("self", own.result_percent, weight),
            ]
        return combined_result(parts, set_name="assessment")

    def _refresh_assessment_part(self):
        for result in self.filtered(lambda r: r.state != "final"):
            try:
                total = result._assessment_values()
            except EngineError as error:
                total = None
                detail = {"error": engine_error_message(self.env, error)}
            else:
                detail = total and {
                    line.key: float(line.contribution) for line in total.lines
                }
            values = {
                "assessment_result": float(total.total) if total else 0.0,
                "assessment_counted": bool(total),
                "assessment_detail": detail or False,
            }
            if any(result[f] != v for f, v in values.items()):
                result.write(values)

    def _combine(self):
        self.ensure_one()
        period = self.period_id
        method = period.method
        breakdown = {"method": method, "parts": [], "missing": []}
        agreement = self._goal_part()
        goal_value = agreement.result_total if agreement else 0.0
        assessment_value = self.assessment_result
        if self.assessment_detail:
            breakdown["assessment"] = self.assessment_detail
        if method in ("goals", "combined") and not agreement:
            breakdown["missing"].append("goals")
        if method in ("assessment", "combined") and not self.assessment_counted:
            breakdown["missing"].append("assessment")
        if method == "goals":
            items = [("goals", goal_value, 100)]
        elif method == "assessment":
            items = [("assessment", assessment_value, 100)]
        else:
            items = self._combined_items(agreement, goal_value, assessment_value)
        try:
            total = combined_result(items, set_name=period.name)
        except EngineError as error:
            breakdown["error"] = engine_error_message(self.env, error)
            total = None
        if total is not None:
            breakdown["parts"] = [
                {
                    "key": line.key,
                    "value": float(line.value),
                    "weight": float(line.weight),
                    "contribution": float(line.contribution),
                }
                for line in total.lines
            ]
        complete = total is not None and not breakdown["missing"]
        return {
            "goal_result": goal_value,
            "final_result": float(total.total) if total is not None else 0.0,
            "complete": complete,
            "breakdown": breakdown,
        }

    def _combined_items(self, agreement, goal_value, assessment_value):
        """Weighted parts of the combined method (Kombi-Modell).

        Each goal level is its own part of the final result:
        its weight is the level weight times the weight of the goal result
        (personal 50 %, department 30 %, company 10 % of the final result
        when the goal result weighs 90 %). Without level results the goal
        result as a whole carries the goal weight.
        """
        period = self.period_id
        goals_weight = to_decimal(period.weight_goals, "weight of goals")
        items = []
        levels = [
            ("personal", period.weight_personal),
            ("department", period.weight_department),
            ("company", period.weight_company),
        ]
        if agreement and any(agreement[f"result_{level}"] for level, _w in levels):
            for level, weight in levels:
                if weight:
                    share = to_decimal(weight, f"weight of {level}") * goals_weight
                    items.append((level, agreement[f"result_{level}"], share / 100))
        else:
            items.append(("goals", goal_value, period.weight_goals))
        items.append(("assessment", assessment_value, period.weight_assessment))
        return items

    # ------------------------------------------------------------------
    # generation and actions
    # ------------------------------------------------------------------
    @api.model
    def _update_from_assessments(self, assessments):
        """Create or relink the results of the assessed employees (set-based)."""
        # sudo: results follow from assessments a checked step changed
        assessments = assessments.sudo()
        assessments.fetch(["assessment_type", "employee_id", "period_id"])
        main = assessments.filtered(lambda a: a.assessment_type == "supervisor")
        selfs = assessments - main
        if selfs:
            main |= self.env["hr.assessment"].search(
                [("self_assessment_id", "in", selfs.ids)]
            )
        if not main:
            return self.browse()
        results = self._ensure_results(
            {(a.employee_id.id, a.period_id.id) for a in main}
        )
        by_key = {(r.employee_id.id, r.period_id.id): r for r in results}
        candidates = self.env["hr.assessment"].search(
            [
                ("employee_id", "in", main.employee_id.ids),
                ("period_id", "in", main.period_id.ids),
                ("assessment_type", "=", "supervisor"),
            ],
            order="date desc, id desc",
        )
        best = {}
        for assessment in candidates:
            key = (assessment.employee_id.id, assessment.period_id.id)
            current = best.get(key)
            if not current or (
                current.state not in COUNTED_ASSESSMENT_STATES
                and assessment.state in COUNTED_ASSESSMENT_STATES
            ):
                best[key] = assessment
        for key, result in by_key.items():
            if key in best and result.assessment_id != best[key]:
                result.assessment_id = best[key]
        results._refresh_assessment_part()
        return results

    @api.model
    def _update_from_agreements(self, agreements):
        """Create or relink the results of rated goal agreements (set-based).

        Periods by assessment only have no goal part and are left alone.
        """
        # sudo: results follow from agreements a checked step changed
        agreements = agreements.sudo().filtered(
            lambda a: a.state != "cancelled" and a.period_id.method != "assessment"
        )
        if not agreements:
            return self.browse()
        by_key = {(a.employee_id.id, a.period_id.id): a for a in agreements}
        results = self._ensure_results(set(by_key))
        for result in results.filtered(lambda r: r.state != "final"):
            agreement = by_key[result.employee_id.id, result.period_id.id]
            if result.goal_agreement_id != agreement:
                result.goal_agreement_id = agreement
        return results

    @api.model
    def _ensure_results(self, keys):
        """Return the results for ``{(employee_id, period_id)}``, creating missing."""
        employee_ids = {employee for employee, _period in keys}
        period_ids = {period for _employee, period in keys}
        existing = self.search(
            [
                ("employee_id", "in", list(employee_ids)),
                ("period_id", "in", list(period_ids)),
            ]
        )
        found = {(r.employee_id.id, r.period_id.id) for r in existing}
        missing = sorted(keys - found)
        agreements = self.env["hr.goal.agreement"].search(
            [
                ("employee_id", "in", [employee for employee, _p in missing]),
                ("period_id", "in", [period for _e, period in missing]),
                ("state", "!=", "cancelled"),
            ]
        )
        agreement_of = {(a.employee_id.id, a.period_id.id): a.id for a in agreements}
        created = self.create(
            [
                {
                    "employee_id": employee,
                    "period_id": period,
                    "goal_agreement_id": agreement_of.get((employee, period), False),
                }
                for employee, period in missing
            ]
        )
        return (existing | created).filtered(
            lambda r: (r.employee_id.id, r.period_id.id) in keys
        )

    @api.model
    def _generate_for_periods(self, periods):
        """Results for everybody with a goal agreement or assessment in ``periods``.

        HR only; the generation itself runs as superuser on exactly these
        periods (the workflow fields are not writable by users).
        """
        if not self.env.su:
            if not self.env.user.has_group(
                "hr_performance.group_hr_performance_officer"
            ):
                raise UserError(self.env._("Only HR can generate performance results."))
            periods.check_access("read")
            # sudo: HR (checked above) generates results of all its period's staff
            return self.sudo()._generate_for_periods(periods).with_env(self.env)
        agreements = self.env["hr.goal.agreement"].search(
            [("period_id", "in", periods.ids), ("state", "!=", "cancelled")]
        )
        assessments = self.env["hr.assessment"].search(
            [("period_id", "in", periods.ids), ("assessment_type", "=", "supervisor")]
        )
        keys = {(a.employee_id.id, a.period_id.id) for a in agreements}
        keys |= {(a.employee_id.id, a.period_id.id) for a in assessments}
        results = self._ensure_results(keys)
        agreement_of = {(a.employee_id.id, a.period_id.id): a for a in agreements}
        for result in results.filtered(lambda r: not r.goal_agreement_id):
            agreement = agreement_of.get((result.employee_id.id, result.period_id.id))
            if agreement:
                result.goal_agreement_id = agreement
        self._update_from_assessments(assessments)
        return results

    def action_finalize(self):
        if not self.env.user.has_group("hr_performance.group_hr_performance_officer"):
            raise UserError(self.env._("Only HR can finalize performance results."))
        final = self.filtered(lambda r: r.state == "final")
        if final:
            raise UserError(
                self.env._(
                    "The performance result of %(employee)s is already final.",
                    employee=final[0].employee_id.name,
                )
            )
        objected = self._objected()
        if objected:
            raise UserError(
                self.env._(
                    "%(employee)s objected to the assessment of %(period)s and the "
                    "objection has not been decided yet: the result cannot become "
                    "final before.",
                    employee=objected[0].employee_id.name,
                    period=objected[0].period_id.name,
                )
            )
        incomplete = self.filtered(lambda r: not r.complete)
        if incomplete:
            raise UserError(
                self.env._(
                    "The performance result of %(employee)s is not complete yet.",
                    employee=incomplete[0].employee_id.name,
                )
            )
        # sudo: HR (checked above) fixes the results as they stand
        for result in self.sudo():
            result.write(
                {
                    "final_snapshot": {
                        "goal_result": result.goal_result,
                        "final_result": result.final_result,
                        "complete": result.complete,
                        "breakdown": result.breakdown,
                    },
                    "state": "final",
                }
            )

    def _objected(self):
        """The results whose employee has an undecided objection to an
        assessment of the period (one search)."""
        keys = self.env["hr.assessment.objection"]._undecided_keys(
            self.employee_id, self.period_id
        )
        return self.filtered(lambda r: (r.employee_id.id, r.period_id.id) in keys)

    def action_reset_provisional(self):
        if not self.env.user.has_group("hr_performance.group_hr_performance_officer"):
            raise UserError(self.env._("Only HR can reopen performance results."))
        closed = self.filtered(lambda r: r.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The performance period %(name)s is closed.",
                    name=closed[0].period_id.name,
                )
            )
        # sudo: HR (checked above) reopens; state and snapshot are workflow-only
        self.sudo().write({"state": "provisional", "final_snapshot": False})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        if self.filtered(lambda r: r.state == "final"):
            raise UserError(self.env._("Final performance results cannot be deleted."))
