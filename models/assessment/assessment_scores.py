"""Assessment: scores entered per criterion and the result computed by the engine."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, plaintext2html

from ...engine import EngineError, divide_rounded, running_result, weighted_total
from ...engine.rounding import RESULT_QUANTUM, to_decimal
from ..common.engine_messages import engine_error_message


class HrAssessment(models.Model):
    _inherit = "hr.assessment"

    running_percent = fields.Float(
        "Result So Far (%)",
        digits=(16, 2),
        compute="_compute_running",
        help="Result of the criteria rated so far (unrated criteria do not "
        "count); equals the result once every criterion is rated.",
    )
    running_points = fields.Float(
        "Points So Far", digits=(16, 2), compute="_compute_running"
    )
    running_rated = fields.Char("Rated Criteria", compute="_compute_running")

    @api.depends(
        "line_ids.score",
        "line_ids.is_scored",
        "line_ids.weight",
        "line_ids.group_weight",
        "form_id.scale_id.max_points",
    )
    def _compute_running(self):
        for assessment in self:
            groups = {}
            for line in assessment.line_ids:
                group = groups.setdefault(line.group_id.id, (line.group_weight, []))
                group[1].append((line.score if line.is_scored else None, line.weight))
            maximum = assessment.form_id.scale_id.max_points
            if not groups or not maximum:
                assessment.running_percent = assessment.running_points = 0.0
                assessment.running_rated = False
                continue
            result = running_result(groups.values(), maximum)
            assessment.running_percent = float(result.percent or 0)
            assessment.running_points = float(result.points or 0)
            assessment.running_rated = f"{result.rated} / {result.total}"

    def _save_scores(self, scores, comment=None):
        """Write the scores entered on a page, with the user's rights.

        ``scores``: {line id: {field: value}} for the fields of
        :meth:`_score_fields`; levels are ids of levels of the form's scale.
        Lines with the same new values are written together (set-based).
        ``comment``: the overall comment as plain text (None: unchanged).
        """
        self.ensure_one()
        Line = self.env["hr.assessment.line"]
        lines = self.line_ids
        unknown = set(scores) - set(lines.ids)
        if unknown:
            raise UserError(
                self.env._(
                    "The criteria entered do not belong to the assessment %(name)s.",
                    name=self.name,
                )
            )
        allowed = set(self._score_fields())
        level_fields = allowed - {"comment", "private_comment"}
        # sudo: the form's scale is configuration, no personal data
        level_ids = set(self.sudo().form_id.scale_id.level_ids.ids)
        to_write = defaultdict(lambda: Line)
        for line in lines.filtered(lambda ln: ln.id in scores):
            vals = {}
            for fname, value in scores[line.id].items():
                if fname not in allowed:
                    raise UserError(
                        self.env._(
                            "%(field)s cannot be entered on the assessment %(name)s.",
                            field=fname,
                            name=self.name,
                        )
                    )
                if fname in level_fields:
                    value = value or False
                    if value and value not in level_ids:
                        raise UserError(
                            self.env._(
                                "The score for %(criterion)s is not on the scale "
                                "of the assessment %(name)s.",
                                criterion=line.name,
                                name=self.name,
                            )
                        )
                    if value != line[fname].id:
                        vals[fname] = value
                else:
                    value = (value or "").strip() or False
                    if value != (line[fname] or False):
                        vals[fname] = value
            if vals:
                to_write[tuple(sorted(vals.items()))] |= line
        for vals, records in to_write.items():
            records.write(dict(vals))
        if comment is not None:
            text = comment.strip()
            if text != html2plaintext(self.comment or "").strip():
                self.write({"comment": plaintext2html(text) if text else False})
        return True

    def _score_fields(self):
        """Fields of the lines that the assessor enters on a page."""
        self.ensure_one()
        # sudo: the form's settings are configuration, no personal data
        form = self.sudo().form_id
        if form.per_task:
            fields_ = [
                f"task_{index}_level_id" for index in range(1, form.task_count + 1)
            ]
        else:
            fields_ = ["level_id"]
        fields_.append("comment")
        if self.assessment_type == "supervisor":
            fields_.append("private_comment")
        return fields_

    def _lines_by_assessment(self):
        """All lines of self in one query: {assessment id: [lines]}."""
        lines = (
            self.env["hr.assessment.line"]
            # sudo: lines of assessments the step has checked; one read for all
            .sudo()
            .search([("assessment_id", "in", self.ids)])
        )
        by_assessment = {assessment_id: [] for assessment_id in self.ids}
        for line in lines:
            by_assessment[line.assessment_id.id].append(line)
        return by_assessment

    def _check_complete(self, lines_by_assessment):
        for assessment in self:
            lines = lines_by_assessment[assessment.id]
            if not lines:
                raise UserError(
                    self.env._(
                        "The assessment %(name)s has no criteria.",
                        name=assessment.name,
                    )
                )
            missing = [line for line in lines if not line.is_scored]
            if missing:
                raise UserError(
                    self.env._(
                        "The criterion %(criterion)s of the assessment %(name)s "
                        "has no score yet.",
                        criterion=missing[0].name,
                        name=assessment.name,
                    )
                )

    def _compute_results(self, lines_by_assessment):
        """Engine totals per assessment: {id: (points, percent, breakdown)}."""
        results = {}
        # sudo: the engine computes what the submitting step has checked
        for assessment in self.sudo():
            try:
                results[assessment.id] = assessment._engine_result(
                    lines_by_assessment[assessment.id]
                )
            except EngineError as error:
                raise UserError(
                    self.env._(
                        "The result of the assessment %(name)s cannot be "
                        "computed: %(error)s",
                        name=assessment.name,
                        error=engine_error_message(
                            self.env, error, assessment._engine_labels()
                        ),
                    )
                ) from error
        return results

    def _engine_labels(self):
        """Names of the criteria and groups the engine knows by id or name."""
        self.ensure_one()
        # sudo: criterion names of the form, configuration only
        lines = self.sudo().line_ids
        labels = {line.criterion_id.id: line.name for line in lines}
        labels.update({line.group_id.id: line.group_id.name for line in lines})
        labels.update({str(key): name for key, name in labels.items()})
        return labels

    def _engine_result(self, lines):
        """Weighted total per criterion group, then over the groups (engine)."""
        self.ensure_one()
        groups = {}
        for line in lines:
            groups.setdefault(line.group_id, []).append(line)
        group_items = []
        breakdown_groups = []
        for group, group_lines in groups.items():
            detail = weighted_total(
                [
                    (line.criterion_id.id, line.score, line.weight)
                    for line in group_lines
                ],
                set_name=group.name,
            )
            weight = group_lines[0].group_weight
            group_items.append((group.id, detail.exact, weight))
            breakdown_groups.append(
                {
                    "group_id": group.id,
                    "name": group.name,
                    "weight": weight,
                    "result": float(detail.total),
                    "criteria": [
                        {
                            "criterion_id": line.criterion_id.id,
                            "name": line.name,
                            "score": line.score,
                            "weight": line.weight,
                        }
                        for line in group_lines
                    ],
                }
            )
        total = weighted_total(group_items, set_name=self.form_id.name)
        scale_max = to_decimal(self.form_id.scale_id.max_points, "scale maximum")
        percent = divide_rounded(total.exact * 100, scale_max, RESULT_QUANTUM)
        breakdown = {
            "groups": breakdown_groups,
            "total": float(total.total),
            "percent": float(percent),
            "scale_max": float(scale_max),
        }
        return float(total.total), float(percent), breakdown
