"""Reminders on goal agreements: activities and the daily scheduled job.

Four kinds of reminder, each an activity type of this addon:

- agreement due: draft or submitted agreement whose period's "agree goals
  by" date is at most 14 days away or has passed; for the supervisor and
  the employee;
- check-in due: agreed or in-progress agreement whose last check-in (or,
  without one, the agreement or the period start) is older than the period's
  check-in interval; for the supervisor;
- rating due: agreement in rating, or in progress with the period's "rate
  goals by" date at most 14 days away or passed; for the supervisor;
- overdue: a deadline has passed (agreement not agreed by the agreement
  deadline, not rated by the rating deadline, or a goal past its deadline
  without a check-in at 100 %); for the supervisor and for the period's HR
  contact, else every HR officer of the agreement's company (all active
  internal users in ``group_hr_performance_officer``, which HR
  administrators imply; never an archived user such as OdooBot).

One reminder per person and agreement: who is due for several kinds gets
the most urgent one (overdue, then rating, check-in, agreement).

``activity_update()`` brings the reminders of the agreements in ``self`` in
line with these rules: it creates what is due and missing (one open
activity per type, agreement and user) and marks done what no longer
applies. Everything is set-based: one read of the agreements, one search of
the existing activities, one ``create()`` for all new activities and one
``write()`` for all completed ones, however many agreements there are.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

GROUP_OFFICER = "hr_performance.group_hr_performance_officer"
REMINDER_HORIZON_DAYS = 14
REMINDER_TYPES = {
    "agreement_due": "hr_performance.mail_act_goal_agreement_due",
    "checkin_due": "hr_performance.mail_act_goal_checkin_due",
    "rating_due": "hr_performance.mail_act_goal_rating_due",
    "overdue": "hr_performance.mail_act_goal_overdue",
}
# Agreements in these states may still need a reminder.
REMINDER_STATES = ("draft", "submitted", "agreed", "in_progress", "rating")
REMINDER_FIELDS = [
    "name",
    "state",
    "period_id",
    "company_id",
    "supervisor_user_id",
    "employee_user_id",
    "last_checkin_date",
    "employee_agreed_on",
    "supervisor_agreed_on",
]


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    @api.model
    def _cron_send_goal_reminders(self):
        """Daily job: create due reminders, complete those no longer due."""
        # sudo: the daily job manages the reminders of all agreements
        Agreement = self.sudo()
        candidates = Agreement.search(
            [("state", "in", REMINDER_STATES), ("period_id.state", "=", "open")]
        )
        with_open_reminders = Agreement.browse(
            Agreement._open_reminder_activities().mapped("res_id")
        )
        (candidates | with_open_reminders).activity_update()

    def activity_update(self):
        """Create the reminders due for the agreements in self and mark the
        ones that no longer apply as done."""
        if self.env.context.get("mail_activity_automation_skip") or not self:
            return False
        # sudo: reminders of other users (supervisor, HR) are kept in line
        agreements = self.sudo().with_context(active_test=False).exists()
        agreements.fetch(REMINDER_FIELDS)
        due = agreements._get_due_reminders(fields.Date.context_today(self))
        existing = agreements._open_reminder_activities()
        known = set()
        # sudo: reminders of other users (supervisor, HR) are kept in line
        to_complete = self.env["mail.activity"].sudo()
        for activity in existing:
            key = (activity.activity_type_id.id, activity.res_id, activity.user_id.id)
            if key in due and key not in known:
                known.add(key)
            else:
                to_complete |= activity
        if to_complete:
            # Set-based "done": archived activities of keep-done types are
            # the done activities of Odoo 18 (no chatter message per record).
            to_complete.write({"active": False})
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": res_id,
                "activity_type_id": type_id,
                "user_id": user_id,
                "date_deadline": deadline,
                "note": note,
                "automated": True,
            }
            for (type_id, res_id, user_id), (deadline, note) in due.items()
            if (type_id, res_id, user_id) not in known
        ]
        # No e-mail per activity: users see them in their activity menu.
        # sudo: reminders of other users (supervisor, HR) are kept in line
        Activity = self.env["mail.activity"].sudo()
        for batch in self._reminder_create_batches(vals_list):
            Activity.with_context(mail_activity_quick_update=True).create(batch)
        return True

    @api.model
    def _reminder_create_batches(self, vals_list):
        """Split ``vals_list`` so that no user gets two activities on the
        same agreement in one batch: ``mail.activity.create()`` subscribes
        the assignees per user and would insert the same follower twice.
        At most one batch per reminder kind, whatever the number of
        agreements."""
        batches = []
        for vals in vals_list:
            key = (vals["res_id"], vals["user_id"])
            target = next((pair for pair in batches if key not in pair[1]), None)
            if target is None:
                target = ([], set())
                batches.append(target)
            target[0].append(vals)
            target[1].add(key)
        return [batch for batch, _keys in batches]

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------
    @api.model
    def _reminder_activity_types(self):
        """``{kind: mail.activity.type}`` of the four reminder kinds."""
        return {kind: self.env.ref(xmlid) for kind, xmlid in REMINDER_TYPES.items()}

    def _open_reminder_activities(self):
        """Open automated reminder activities, on self (or on all agreements
        when self is empty), in one search."""
        types = self._reminder_activity_types()
        domain = [
            ("res_model", "=", self._name),
            ("activity_type_id", "in", [t.id for t in types.values()]),
            ("automated", "=", True),
        ]
        if self:
            domain.append(("res_id", "in", self.ids))
        return (
            self.env["mail.activity"]
            # sudo: the addon's own reminder activities of these agreements
            .sudo()
            .search_fetch(domain, ["res_id", "activity_type_id", "user_id"])
        )

    def _reminder_hr_officers(self):
        """``{company id: res.users}`` of the HR officers of the companies
        of self (one search)."""
        companies = self.company_id
        officers = (
            self.env["res.users"]
            # sudo: who the HR officers are, to remind them; ids only
            .sudo()
            .search_fetch(
                [
                    ("groups_id", "in", self.env.ref(GROUP_OFFICER).ids),
                    ("share", "=", False),
                    # the caller's active_test=False must not wake OdooBot
                    ("active", "=", True),
                    ("company_ids", "in", companies.ids),
                ],
                ["company_ids"],
            )
        )
        by_company = defaultdict(lambda: self.env["res.users"])
        for user in officers:
            for company in user.company_ids & companies:
                by_company[company.id] |= user
        return by_company

    def _reminder_goal_overdue_ids(self, today):
        """Ids of agreements in self with a goal past its deadline that no
        check-in reports as reached (two queries)."""
        running = self.filtered(lambda a: a.state in ("agreed", "in_progress"))
        if not running:
            return set()
        goals = (
            self.env["hr.goal"]
            # sudo: goal deadlines of agreements whose reminders are computed
            .sudo()
            .search_fetch(
                [("agreement_id", "in", running.ids), ("deadline", "<", today)],
                ["agreement_id", "last_checkin_id"],
            )
        )
        goals.last_checkin_id.fetch(["progress"])
        return {
            goal.agreement_id.id
            for goal in goals
            if not goal.last_checkin_id or goal.last_checkin_id.progress < 100
        }

    def _reminder_checkin_due_date(self):
        """The date a check-in is due for this running agreement, or False."""
        self.ensure_one()
        interval = self.period_id.checkin_interval_days
        if interval <= 0:
            return False
        agreed = [
            moment.date()
            for moment in (self.employee_agreed_on, self.supervisor_agreed_on)
            if moment
        ]
        starts = [
            day
            for day in (self.last_checkin_date, max(agreed) if agreed else False)
            if day
        ]
        start = max(starts) if starts else self.period_id.date_from
        return start + timedelta(days=interval)

    def _get_due_reminders(self, today):
        """``{(activity type id, agreement id, user id): (deadline, note)}``
        of the reminders due today for the agreements in self."""
        types = self._reminder_activity_types()
        horizon = today + timedelta(days=REMINDER_HORIZON_DAYS)
        officers = self._reminder_hr_officers()
        goal_overdue = self._reminder_goal_overdue_ids(today)
        due = {}

        # One reminder per person and agreement: the most urgent kind.
        urgency = {
            types[kind].id: rank
            for rank, kind in enumerate(
                ("agreement_due", "checkin_due", "rating_due", "overdue")
            )
        }
        chosen = {}

        def remind(kind, agreement, users, deadline, note):
            for user in users:
                if not user:
                    continue
                type_id = types[kind].id
                current = chosen.get((agreement.id, user.id))
                if current and urgency[current] >= urgency[type_id]:
                    continue
                if current:
                    due.pop((current, agreement.id, user.id))
                chosen[agreement.id, user.id] = type_id
                due[type_id, agreement.id, user.id] = (deadline, note)

        for agreement in self:
            period = agreement.period_id
            state = agreement.state
            if period.state != "open" or state not in REMINDER_STATES:
                continue
            supervisor = agreement.supervisor_user_id
            agree_by = period.agreement_deadline
            rate_by = period.rating_deadline
            overdue_reasons = []
            if state in ("draft", "submitted") and agree_by:
                if agree_by <= horizon:
                    remind(
                        "agreement_due",
                        agreement,
                        supervisor | agreement.employee_user_id,
                        agree_by,
                        self.env._(
                            "Agree the goals of %(agreement)s by %(date)s.",
                            agreement=agreement.name,
                            date=format_date(self.env, agree_by),
                        ),
                    )
                if agree_by < today:
                    overdue_reasons.append(
                        self.env._(
                            "The goals were to be agreed by %(date)s.",
                            date=format_date(self.env, agree_by),
                        )
                    )
            if state in ("agreed", "in_progress"):
                checkin_by = agreement._reminder_checkin_due_date()
                if checkin_by and checkin_by <= today:
                    remind(
                        "checkin_due",
                        agreement,
                        supervisor,
                        checkin_by,
                        self.env._(
                            "Hold a check-in on the goals of %(agreement)s.",
                            agreement=agreement.name,
                        ),
                    )
            if state == "rating" or (
                state == "in_progress" and rate_by and rate_by <= horizon
            ):
                remind(
                    "rating_due",
                    agreement,
                    supervisor,
                    rate_by or today,
                    self.env._(
                        "Rate the goals of %(agreement)s.", agreement=agreement.name
                    ),
                )
            if state in ("agreed", "in_progress", "rating") and rate_by:
                if rate_by < today:
                    overdue_reasons.append(
                        self.env._(
                            "The goals were to be rated by %(date)s.",
                            date=format_date(self.env, rate_by),
                        )
                    )
            if agreement.id in goal_overdue:
                overdue_reasons.append(
                    self.env._("A goal has passed its deadline without being reached.")
                )
            if overdue_reasons:
                hr_users = period.hr_contact_id or officers[agreement.company_id.id]
                remind(
                    "overdue",
                    agreement,
                    supervisor | hr_users,
                    today,
                    " ".join(overdue_reasons),
                )
        return due

    # ------------------------------------------------------------------
    # Mass action: remind whoever must act now
    # ------------------------------------------------------------------
    def action_send_reminder(self):
        """Remind, for each selected agreement, the people whose step is next
        (HR, from the list). One open reminder per person and agreement: who
        already has one gets none. Staff without a login are represented by
        the period's HR contact (else the HR officers), who records on paper.
        """
        if not self.env.user.has_group(GROUP_OFFICER):
            raise AccessError(self.env._("Only HR can send reminders from the list."))
        self.check_access("read")
        today = fields.Date.context_today(self)
        types = self._reminder_activity_types()
        # sudo: the step's people and the open reminders of HR's selection
        agreements = self.sudo()
        agreements.fetch(REMINDER_FIELDS)
        officers = agreements._reminder_hr_officers()
        open_keys = {
            (activity.res_id, activity.user_id.id)
            for activity in agreements._open_reminder_activities()
        }
        manual = (
            self.env["mail.activity"]
            # sudo: HR's selection, the same search for manual reminders
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", agreements.ids),
                    ("activity_type_id", "in", [t.id for t in types.values()]),
                ],
                ["res_id", "user_id"],
            )
        )
        open_keys |= {(activity.res_id, activity.user_id.id) for activity in manual}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list, skipped = [], 0
        for agreement in agreements:
            kind, users, paper, deadline, note = agreement._reminder_next_step(today)
            if not kind:
                skipped += 1
                continue
            if paper:
                # Someone without a login acts on paper: HR records it.
                users |= (
                    agreement.period_id.hr_contact_id
                    or officers[agreement.company_id.id]
                )
            for user in users:
                if (agreement.id, user.id) in open_keys:
                    skipped += 1
                    continue
                open_keys.add((agreement.id, user.id))
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": agreement.id,
                        "activity_type_id": types[kind].id,
                        "user_id": user.id,
                        "date_deadline": deadline,
                        "note": note,
                    }
                )
        # sudo: reminders for other users (supervisor, employee, HR)
        Activity = self.env["mail.activity"].sudo()
        for batch in self._reminder_create_batches(vals_list):
            Activity.with_context(mail_activity_quick_update=True).create(batch)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if vals_list else "info",
                "title": self.env._("Reminders"),
                "message": self.env._(
                    "%(sent)s reminders sent; %(skipped)s not sent (already "
                    "reminded, or nothing to do in this state).",
                    sent=len(vals_list),
                    skipped=skipped,
                ),
                "sticky": False,
            },
        }

    def _reminder_next_step(self, today):
        """``(kind, users, paper, deadline, note)`` of the step due next
        (sudo record); ``paper`` when someone who must act has no login."""
        self.ensure_one()
        period = self.period_id
        supervisor = self.supervisor_user_id
        if self.state == "draft":
            return (
                "agreement_due",
                supervisor,
                not supervisor,
                period.agreement_deadline or today,
                self.env._(
                    "Submit the goals of %(agreement)s for agreement.",
                    agreement=self.name,
                ),
            )
        if self.state == "submitted":
            users = self.env["res.users"]
            paper = False
            for agreed, user in (
                (self.employee_agreed_on, self.employee_user_id),
                (self.supervisor_agreed_on, supervisor),
            ):
                if not agreed:
                    users |= user
                    paper = paper or not user
            return (
                "agreement_due",
                users,
                paper,
                period.agreement_deadline or today,
                self.env._(
                    "Agree the goals of %(agreement)s (or record the signature "
                    "on paper).",
                    agreement=self.name,
                ),
            )
        if self.state in ("agreed", "in_progress"):
            return (
                "checkin_due",
                supervisor,
                not supervisor,
                today,
                self.env._(
                    "Hold a check-in on the goals of %(agreement)s.",
                    agreement=self.name,
                ),
            )
        if self.state == "rating":
            return (
                "rating_due",
                supervisor,
                not supervisor,
                period.rating_deadline or today,
                self.env._("Rate the goals of %(agreement)s.", agreement=self.name),
            )
        return False, None, False, None, None
