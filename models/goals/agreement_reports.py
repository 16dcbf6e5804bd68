"""Printable reports of goal agreements: data methods and the PDF archive.

The QWeb templates in ``reports/`` render only from the plain dictionaries
built here (``_get_report_data`` and ``_get_status_list_data``); every read
happens with the rights of the user who prints.
"""

from collections import defaultdict

from odoo import api, fields, models

from ...engine import EngineError, goal_result
from .hr_goal import GOAL_LEVELS
from .hr_goal_agreement import AGREEMENT_STATES

LEVEL_ORDER = [level for level, _label in GOAL_LEVELS]
STATE_ORDER = [state for state, _label in AGREEMENT_STATES]
RATED_STATES = ("rated", "closed")
AGREED_STATES = ("agreed", "in_progress", "rating", "rated", "closed")
#: States whose current version was agreed and is archived as PDF.
ARCHIVED_STATES = AGREED_STATES
ARCHIVE_CRON = "hr_performance.hr_goal_agreement_cron_archive"
# Which period deadline the status list shows for an agreement in a state.
AGREEMENT_DEADLINE_STATES = ("draft", "submitted")
RATING_DEADLINE_STATES = ("agreed", "in_progress", "rating")
# Marks the archived agreement PDF of one version (ir.attachment.description).
ARCHIVE_MARKER = "hr_performance:agreement_pdf:v%s"
AGREEMENT_REPORT = "hr_performance.hr_goal_agreement_report_agreement"


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    # ------------------------------------------------------------------
    # Agreement and result sheet
    # ------------------------------------------------------------------
    def _get_report_data(self):
        """Return one plain dict per agreement in ``self`` (same order).

        The agreement PDF and the result sheet render only from this data.
        Reads run with the current user's rights: a user who cannot read an
        agreement gets an ``AccessError``; the personnel number is included
        only for users allowed to read it on the employee.
        """
        self.check_access("read")
        show_personnel_number = self._report_shows_personnel_number()
        level_labels = dict(
            self.env["hr.goal"]._fields["level"]._description_selection(self.env)
        )
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        status_labels = dict(
            self.env["hr.goal"]._fields["last_status"]._description_selection(self.env)
        )
        return [
            agreement._report_agreement_values(
                show_personnel_number, level_labels, state_labels, status_labels
            )
            for agreement in self
        ]

    def _report_shows_personnel_number(self):
        """Whether the printing user may see personnel numbers.

        The archived copy attached to the agreement never shows it: everyone
        who can read the agreement can read that attachment.
        """
        if self.env.context.get("hr_performance_archive_copy"):
            return False
        field = self.env["hr.employee"]._fields["identification_id"]
        return field.is_accessible(self.env)

    def _report_agreement_values(
        self, show_personnel_number, level_labels, state_labels, status_labels
    ):
        self.ensure_one()
        period = self.period_id
        employee = self.employee_id
        rated = self.state in RATED_STATES
        scale_unit = "%" if period.result_scale == "percent" else self.env._("points")
        breakdown = self._report_breakdown() if rated else {}
        level_results = {
            "company": self.result_company,
            "department": self.result_department,
            "personal": self.result_personal,
        }
        levels = []
        for level in LEVEL_ORDER:
            goals = self.goal_ids.filtered(lambda goal, lvl=level: goal.level == lvl)
            weight = period[f"weight_{level}"]
            if not goals and not weight:
                continue
            level_breakdown = breakdown.get(level, {})
            levels.append(
                {
                    "key": level,
                    "label": level_labels.get(level, level),
                    "weight": weight,
                    "goals": [
                        self._report_goal_values(
                            goal, rated, level_breakdown, status_labels
                        )
                        for goal in goals.sorted(lambda g: (g.sequence, g.id))
                    ],
                    "result": level_results[level] if rated else None,
                    "contribution": level_breakdown.get("contribution")
                    if rated
                    else None,
                }
            )
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            # The archived copy is the agreed version, also when the job
            # renders it later (the agreement may be running by then).
            "state_label": state_labels.get("agreed")
            if self.env.context.get("hr_performance_archive_copy")
            else state_labels.get(self.state, self.state),
            "version": self.revision,
            "company": self.company_id.name,
            "employee": {
                "name": employee.name,
                "personnel_number": (
                    employee.identification_id or "" if show_personnel_number else None
                ),
                "job_title": employee.job_title or "",
            },
            "department": self.department_id.name or "",
            "supervisor": {
                "name": self.supervisor_id.name or "",
                "job_title": self.supervisor_id.job_title or "",
            },
            "period": {
                "name": period.name,
                "date_from": period.date_from,
                "date_to": period.date_to,
                "result_scale": period.result_scale,
                "scale_unit": scale_unit,
                "max_achievement": period.max_achievement,
            },
            "levels": levels,
            "rated": rated,
            "result_total": self.result_total if rated else None,
            "agreed": self.state in AGREED_STATES,
            "employee_agreed_by": self.employee_agreed_by.name or "",
            "employee_agreed_on": self.employee_agreed_on,
            "supervisor_agreed_by": self.supervisor_agreed_by.name or "",
            "supervisor_agreed_on": self.supervisor_agreed_on,
        }

    @api.model
    def _report_goal_values(self, goal, rated, level_breakdown, status_labels):
        return {
            "id": goal.id,
            "name": goal.name,
            "weight": goal.weight,
            "success_criteria": goal.success_criteria or "",
            "actions": goal.actions or "",
            "resources": goal.resources or "",
            "target_value": goal.target_value or None,
            "actual_value": goal.actual_value if rated and goal.target_value else None,
            "unit": goal.unit or "",
            "deadline": goal.deadline or None,
            "last_status": status_labels.get(goal.last_status, ""),
            "last_progress": goal.last_progress if goal.last_status else None,
            "achievement": goal.achievement if rated else None,
            "contribution": level_breakdown.get("goals", {}).get(goal.id)
            if rated
            else None,
        }

    def _report_breakdown(self):
        """Per level: the engine's contribution to the total and per goal.

        Read from the breakdown stored when the agreement was rated
        (``result_breakdown``); agreements rated without one get it from the
        engine. The stored results (``result_*``) stay authoritative for the
        level results and the total. Returns ``{}`` when the goals cannot be
        weighted (the result sheet then shows the stored results only).
        """
        self.ensure_one()
        stored = self.result_breakdown
        if isinstance(stored, dict) and isinstance(stored.get("levels"), list):
            return {
                level["level"]: {
                    "contribution": level.get("contribution"),
                    "goals": {
                        goal["goal_id"]: goal.get("contribution")
                        for goal in level.get("goals") or ()
                    },
                }
                for level in stored["levels"]
            }
        period = self.period_id
        levels = {
            level: (
                period[f"weight_{level}"],
                [
                    (goal.id, goal.achievement, goal.weight)
                    for goal in self.goal_ids
                    if goal.level == level
                ],
            )
            for level in LEVEL_ORDER
        }
        try:
            result = goal_result(levels, scale_max=period.max_achievement)
        except EngineError:
            return {}
        return {
            level.name: {
                "contribution": float(level.contribution),
                "goals": {
                    line.key: float(line.contribution) for line in level.detail.lines
                }
                if level.detail
                else {},
            }
            for level in result.levels
        }

    def _get_report_filename(self, report):
        """File name (without extension) of a printed report of one agreement."""
        self.ensure_one()
        values = {
            "employee": self.employee_id.name or "",
            "period": self.period_id.name or "",
        }
        if report == "result":
            name = self.env._("Result Sheet - %(employee)s - %(period)s", **values)
        else:
            name = self.env._("Goal Agreement - %(employee)s - %(period)s", **values)
        return name.replace("/", "-")

    # ------------------------------------------------------------------
    # Status list (Prüfliste)
    # ------------------------------------------------------------------
    @api.model
    def _get_status_list_data(self, domain):
        """Agreements matching ``domain`` grouped by department and state.

        Set-based: one search, one grouped count, batched reads through the
        prefetch; nothing is queried per agreement. Runs with the current
        user's rights, so it lists only agreements the user may read.
        """
        agreements = self.search(domain)
        # Counted over exactly the agreements the search returned with the
        # user's rights: sudo only spares evaluating the record rules twice.
        # sudo: counts over the agreements the user's search returned
        counts = self.sudo()._read_group(
            [("id", "in", agreements.ids)], ["department_id", "state"], ["__count"]
        )
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        today = fields.Date.context_today(self)
        rows = defaultdict(list)
        for agreement in agreements:
            deadline = agreement._status_list_deadline()
            rows[agreement.department_id.id, agreement.state].append(
                {
                    "id": agreement.id,
                    "employee": agreement.employee_id.name,
                    "supervisor": agreement.supervisor_id.name or "",
                    "period": agreement.period_id.name,
                    "state": agreement.state,
                    "state_label": state_labels.get(agreement.state),
                    "last_checkin": agreement.last_checkin_date or None,
                    "deadline": deadline,
                    "overdue": bool(deadline and deadline < today),
                }
            )
        departments = {}
        state_totals = defaultdict(int)
        for department, state, count in counts:
            department = department.with_env(self.env)  # names as the user
            entry = departments.setdefault(
                department.id,
                {
                    "id": department.id or False,
                    "name": department.name or self.env._("No Department"),
                    "count": 0,
                    "state_counts": defaultdict(int),
                    "states": [],
                },
            )
            entry["count"] += count
            entry["state_counts"][state] += count
            state_totals[state] += count
            entry["states"].append(
                {
                    "state": state,
                    "label": state_labels.get(state),
                    "count": count,
                    "rows": sorted(
                        rows[department.id, state],
                        key=lambda row: (row["employee"] or "").lower(),
                    ),
                }
            )
        for entry in departments.values():
            entry["states"].sort(key=lambda group: STATE_ORDER.index(group["state"]))
            entry["state_counts"] = dict(entry["state_counts"])
        used_states = [state for state in STATE_ORDER if state in state_totals]
        return {
            "ids": agreements.ids,
            "periods": sorted(set(agreements.period_id.mapped("name"))),
            "date": today,
            "count": len(agreements),
            "states": [
                {"state": state, "label": state_labels.get(state)}
                for state in used_states
            ],
            "state_totals": dict(state_totals),
            "departments": sorted(
                departments.values(),
                key=lambda entry: (not entry["id"], entry["name"].lower()),
            ),
        }

    def _status_list_deadline(self):
        """The next period deadline that applies to the agreement's state."""
        self.ensure_one()
        if self.state in AGREEMENT_DEADLINE_STATES:
            return self.period_id.agreement_deadline or None
        if self.state in RATING_DEADLINE_STATES:
            return self.period_id.rating_deadline or None
        return None

    # ------------------------------------------------------------------
    # Archive of the agreed version
    # ------------------------------------------------------------------
    def _attach_agreement_pdf(self):
        """Attach the agreement PDF of the current version to each agreement.

        Called when both sides have agreed. Creates at most one attachment
        per agreement and version (a second call is a no-op) and posts it in
        the chatter. Returns the attachments created.

        The acting user (possibly a plain employee) must be able to read the
        agreement. The rendering of exactly these records and the creation
        of the attachment run as superuser: an employee has no write access
        to an agreed agreement, which ``ir.attachment`` requires for linking a
        file to it, and the archived document must not depend on who agreed
        last. The archived copy leaves the personnel number out, since
        everyone who can read the agreement can read the attachment.
        """
        self.check_access("read")
        if self.env.context.get("hr_performance_defer_archive"):
            # Data loading (bin/demo) has no web server for wkhtmltopdf to
            # fetch the report's styles from: the hourly job archives these
            # versions once the server runs (and catches up whatever else is
            # missing).
            self.env.ref(ARCHIVE_CRON)._trigger()
            # sudo: an empty recordset of the model the caller expects
            return self.env["ir.attachment"].sudo()
        # sudo: after check_access above; the archived PDF is the agreement's
        agreements = self.sudo()
        existing = (
            self.env["ir.attachment"]
            # sudo: the agreement's own archived PDFs, checked by the agreement
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("description", "like", ARCHIVE_MARKER % ""),
                ],
                ["res_id", "description"],
            )
        )
        done = {(att.res_id, att.description) for att in existing}
        # sudo: the agreement's own archived PDFs, checked by the agreement
        attachments = self.env["ir.attachment"].sudo()
        for agreement in agreements:
            marker = ARCHIVE_MARKER % agreement.revision
            if (agreement.id, marker) in done:
                continue
            attachment = agreement._create_agreement_pdf_attachment(marker)
            agreement.message_post(
                body=self.env._(
                    "The agreed goal agreement (version %(version)s) has been "
                    "archived as PDF.",
                    version=agreement.revision,
                ),
                attachment_ids=attachment.ids,
                subtype_xmlid="mail.mt_note",
            )
            attachments |= attachment
        return attachments

    @api.model
    def _cron_archive_agreed_versions(self, limit=200):
        """Hourly job: archive the agreed versions that have no PDF yet
        (deferred during data loading, or a rendering that failed)."""
        # sudo: the job archives the agreements' own documents
        Agreement = self.sudo()
        candidates = Agreement.search(
            [("state", "in", ARCHIVED_STATES), ("revision", ">", 0)]
        )
        archived = {
            (att.res_id, att.description)
            for att in self.env["ir.attachment"]
            # sudo: which versions are archived already; names only
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", candidates.ids),
                    ("description", "like", ARCHIVE_MARKER % ""),
                ],
                ["res_id", "description"],
            )
        }
        missing = candidates.filtered(
            lambda agreement: (
                (agreement.id, ARCHIVE_MARKER % agreement.revision) not in archived
            )
        )
        missing[:limit]._attach_agreement_pdf()
        if len(missing) > limit:
            self.env.ref(ARCHIVE_CRON)._trigger()
        return len(missing[:limit])

    def _create_agreement_pdf_attachment(self, marker):
        """Render this agreement's PDF and store it as its attachment."""
        self.ensure_one()
        lang = self.employee_user_id.lang or self.env.lang
        agreement = self.with_context(lang=lang, hr_performance_archive_copy=True)
        # In test mode Odoo renders HTML instead of a PDF (unless the context
        # has ``force_report_rendering``); the attachment is stored all the
        # same so that the archive behaves alike.
        content, _report_type = agreement.env["ir.actions.report"]._render_qweb_pdf(
            AGREEMENT_REPORT, self.ids
        )
        name = agreement.env._(
            "Goal Agreement %(employee)s %(period)s v%(version)s.pdf",
            employee=self.employee_id.name or "",
            period=self.period_id.name or "",
            version=self.revision,
        ).replace("/", "-")
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
                "description": marker,
            }
        )
