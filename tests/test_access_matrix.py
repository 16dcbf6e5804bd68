"""The access matrix: model x role x operation x whose record -> expected.

One declarative table (``READERS``, ``CREATORS``, ``ACTORS``, ``FORBIDDEN``)
says who may do what; the test does every cell as that user and asserts its
outcome, then logs a summary (cells, allowed, denied). A new model adds its
rows to the tables and its records to ``_build_world``.

Roles: the employee, the team lead (supervisor of the employee), the manager
above the team lead, HR officer, HR administrator, payroll officer, the
portal user (an employee without backend login) and an HR officer of the
other company. Records ("subjects") belong to the employee, the portal
employee, the team lead, an employee outside every team of the company
("outsider"), and an employee of the other company ("foreign").
"""

import contextlib
import logging
from collections import Counter

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_builders import create_final_results
from .common_pay import PayRunCase

_logger = logging.getLogger(__name__)

ROLES = {
    "employee": "user_employee",
    "team_lead": "user_manager",
    "manager": "user_head",
    "officer": "user_officer",
    "admin": "user_admin",
    "payroll": "user_payroll",
    "portal": "user_portal",
    "other_company": "user_other_officer",
}
SUBJECTS = ("employee", "portal_employee", "team_lead", "outsider", "foreign")

HR = {"officer", "admin"}
COMPANY = {"employee", "portal_employee", "team_lead", "outsider"}
TEAM = {"employee", "portal_employee", "team_lead"}
# Who reads whose personal records (agreement, goal, check-in, result, ...).
PERSONAL = {
    "employee": {"employee"},
    "team_lead": TEAM,
    "manager": TEAM,
    "officer": COMPANY,
    "admin": COMPANY,
    "payroll": set(),
    "portal": {"portal_employee"},
    "other_company": {"foreign"},
}
READERS = {
    "hr.goal.agreement": PERSONAL,
    "hr.goal": PERSONAL,
    "hr.goal.checkin": PERSONAL,
    "hr.goal.subgoal": PERSONAL,
    "hr.performance.result": {**PERSONAL, "portal": set()},
    # Supervisor assessments, submitted: the assessed reads them too.
    "hr.assessment": PERSONAL,
    "hr.assessment.line": PERSONAL,
    # Pay of the approved run: payroll reads the company's lines; the team
    # lead and the manager their teams' (the period shows pay to managers).
    "hr.performance.pay.line": {**PERSONAL, "payroll": COMPANY},
}
# Models whose records are the company's, not a person's: subject
# "employee" is the company's record, "foreign" the other company's.
COMPANY_READERS = {
    "hr.performance.pay.run": {
        "employee": {"employee"},
        "team_lead": {"employee"},
        "manager": {"employee"},
        "officer": {"employee"},
        "admin": {"employee"},
        "payroll": {"employee"},
        "portal": set(),
        "other_company": {"foreign"},
    },
    "hr.performance.period": {
        **{role: {"employee"} for role in ROLES},
        "portal": set(),
        "other_company": {"foreign"},
    },
}
# Whose goal agreement each role may create (in a period without any).
# Every internal user proposes his own (a draft); supervisors their team's.
CREATORS = {
    "employee": {"employee"},
    "team_lead": TEAM,
    "manager": TEAM,
    "officer": COMPANY,
    "admin": COMPANY,
    "payroll": set(),
    "portal": set(),
    "other_company": {"foreign"},
}
# Who may take each step by its button (on the employee's record; the other
# company's HR on the foreign one). The run's reopen_payment has no button:
# the payroll hook takes it when a paying payslip is cancelled.
ACTORS = {
    # The employee submits his own proposal and takes it back; supervisor,
    # the managers above and HR drive the agreement; HR closes it.
    ("hr.goal.agreement", "submit"): {"employee", "team_lead", "manager", *HR},
    ("hr.goal.agreement", "reset"): {"employee", "team_lead", "manager", *HR},
    ("hr.goal.agreement", "agree"): {"employee", "team_lead"},
    ("hr.goal.agreement", "record_agreement"): HR,
    ("hr.goal.agreement", "start"): {"team_lead", "manager", *HR},
    ("hr.goal.agreement", "start_rating"): {"team_lead", "manager", *HR},
    ("hr.goal.agreement", "finish_rating"): {"team_lead"},
    ("hr.goal.agreement", "close"): HR,
    ("hr.goal.agreement", "cancel"): {"team_lead", "manager", *HR},
    ("hr.goal.agreement", "revise"): {"team_lead", "manager", *HR},
    ("hr.assessment", "submit"): {"team_lead", *HR},
    ("hr.assessment", "acknowledge"): {"employee"},
    ("hr.assessment", "object"): {"employee"},
    ("hr.assessment", "record_acknowledgement"): HR,
    ("hr.assessment", "record_objection"): HR,
    ("hr.assessment", "finalize"): HR,
    ("hr.assessment", "reopen"): HR,
    ("hr.performance.pay.run", "compute"): HR,
    ("hr.performance.pay.run", "approve"): {"admin"},
    ("hr.performance.pay.run", "post"): {"payroll"},
    ("hr.performance.pay.run", "mark_paid"): {"payroll"},
    ("hr.performance.pay.run", "cancel"): HR,
    ("hr.performance.pay.run", "reset"): HR,
    ("hr.performance.period", "close"): {"admin"},
}
# Writes nobody makes by hand (every role; the record stays as it was).
FORBIDDEN = {
    "hr.goal.agreement": [
        ("workflow", {"state": "closed"}),
        ("audit", {"supervisor_agreed_on": "2027-02-01 10:00:00"}),
    ],
    "hr.assessment": [
        ("workflow", {"state": "final"}),
        ("audit", {"submitted_on": "2027-02-01 10:00:00"}),
    ],
    "hr.performance.result": [
        ("locked", {"final_result": 99.0}),
        ("workflow", {"state": "provisional"}),
    ],
    "hr.performance.pay.line": [
        ("locked", {"amount": 99999.0}),
        ("locked", {"employee_id": False}),
    ],
    "hr.performance.pay.run": [
        ("workflow", {"state": "paid"}),
        ("audit", {"approved_date": "2027-02-01 10:00:00"}),
        ("locked", {"budget_amount": 1.0}),
    ],
}
# Parent fields through which onchange could read a subject's data.
ONCHANGE = {
    "hr.goal": ("agreement_id",),
    "hr.goal.checkin": ("goal_id",),
    "hr.goal.subgoal": ("goal_id",),
    "hr.performance.result": ("goal_agreement_id",),
    "hr.assessment.objection": ("assessment_id",),
    "hr.assessment.note": ("assessment_id",),
}
# Buttons not named action_<step>.
METHODS = {("hr.goal.agreement", "reset"): "action_reset_draft"}
DENIED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install", "access_matrix")
class TestAccessMatrix(PayRunCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_world()

    @classmethod
    def _build_world(cls):
        env = cls.env
        cls.period.pay_manager_visible = True
        cls.user_outsider = new_test_user(
            env, login="hrp_outsider", groups="base.group_user"
        )
        # The outsider's supervisor is outside the team lead's chain too.
        outside_head = env["hr.employee"].create(
            {
                "name": "Outside Head",
                "user_id": new_test_user(
                    env, login="hrp_outside_head", groups="base.group_user"
                ).id,
            }
        )
        cls.employee_outsider = env["hr.employee"].create(
            {
                "name": "Outsider",
                "user_id": cls.user_outsider.id,
                "parent_id": outside_head.id,
                "department_id": env["hr.department"].create({"name": "Kämmerei"}).id,
            }
        )
        # The other company's employee reports to its HR officer.
        cls.employee_other.parent_id = env["hr.employee"].create(
            {
                "name": "Other Officer",
                "user_id": cls.user_other_officer.id,
                "company_id": cls.other_company.id,
            }
        )
        owners = {
            "employee": cls.employee,
            "portal_employee": cls.employee_portal,
            "team_lead": cls.employee_manager,
            "outsider": cls.employee_outsider,
            "foreign": cls.employee_other,
        }
        cls.owners = owners
        cls.other_period = env["hr.performance.period"].create(
            {
                "name": "2027 (Other)",
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
                "company_id": cls.other_company.id,
                "state": "open",
                "pay_budget_amount": 500.0,
                "pay_manager_visible": True,
            }
        )
        # Subjects' records: agreement (in progress), goal, check-in.
        cls.records = {model: {} for model in (*READERS, *ONCHANGE)}
        for index, (subject, owner) in enumerate(owners.items()):
            period = cls.other_period if subject == "foreign" else cls.period
            supervisor = owner.parent_id
            agreement = env["hr.goal.agreement"].create(
                {
                    "employee_id": owner.id,
                    "period_id": period.id,
                    "supervisor_id": supervisor.id,
                    "goal_ids": [
                        Command.create(
                            {
                                "level": "personal",
                                "name": f"Geheimziel {subject}",
                                "weight": 100,
                                "subgoal_ids": [
                                    Command.create(
                                        {
                                            "date_from": period.date_from,
                                            "date_to": period.date_to,
                                            "target_value": 41.0 + index,
                                        }
                                    )
                                ],
                            }
                        )
                    ],
                }
            )
            cls._walk(agreement, "in_progress")
            goal = agreement.goal_ids
            cls.records["hr.goal.subgoal"][subject] = goal.subgoal_ids
            checkin = env["hr.goal.checkin"].create(
                {
                    "agreement_id": agreement.id,
                    "goal_id": goal.id,
                    "progress": 37.0 + index,
                    "comment": f"Geheimvermerk {subject}",
                }
            )
            cls.records["hr.goal.agreement"][subject] = agreement
            cls.records["hr.goal"][subject] = goal
            cls.records["hr.goal.checkin"][subject] = checkin
        # Results: the team's from PayRunCase; the others' here.
        results = dict(cls.results)
        results.update(
            {
                cls.employee_manager: create_final_results(
                    env, cls.period, {cls.employee_manager: 41.5}
                ),
                cls.employee_outsider: create_final_results(
                    env, cls.period, {cls.employee_outsider: 52.5}
                ),
                cls.employee_other: create_final_results(
                    env, cls.other_period, {cls.employee_other: 63.5}
                ),
            }
        )
        for subject, owner in owners.items():
            cls.records["hr.performance.result"][subject] = results[owner]
        cls._build_assessments()
        cls._build_pay()
        cls._post_messages()

    @staticmethod
    def _paths(record):
        """The states reachable from ``record``'s state: state -> path."""
        paths = {record.state: []}
        queue = [record.state]
        while queue:
            state = queue.pop(0)
            for step in record._workflow_steps.values():
                if state in step.sources and step.target and step.target not in paths:
                    paths[step.target] = paths[state] + [step.target]
                    queue.append(step.target)
        return paths

    @classmethod
    def _walk(cls, record, target):
        """Superuser steps along the graph to ``target``, writing only the
        state (a fixture: the kernel refuses any jump)."""
        # sudo: the fixture moves states as the system would
        record = record.sudo()
        for state in cls._paths(record)[target]:
            # As the step would (a locked record takes no plain state write).
            action = record._workflow_edge(record.state, state)
            record._workflow_write(action, {"state": state})
        return record

    @classmethod
    def _build_assessments(cls):
        env = cls.env
        form = env.ref("hr_performance.hr_assessment_form_tvoed")
        scale = form.scale_id
        line_commands = [
            Command.create(
                {
                    "criterion_id": criterion.id,
                    "group_id": group.id,
                    "weight": criterion.weight,
                    "group_weight": form._group_weight(group, False),
                }
            )
            for group in form._groups_for(False)
            for criterion in group.criterion_ids
        ]
        for subject, owner in cls.owners.items():
            period = cls.other_period if subject == "foreign" else cls.period
            assessor = owner.parent_id.user_id or cls.user_admin
            if subject == "foreign":
                assessor = cls.user_other_officer
            assessment = env["hr.assessment"].create(
                {
                    "period_id": period.id,
                    "form_id": form.id,
                    "employee_id": owner.id,
                    "assessor_id": assessor.id,
                    "assessment_type": "supervisor",
                    "date": "2027-11-30",
                    "line_ids": line_commands,
                }
            )
            for line in assessment.line_ids:
                line.level_id = scale.level_ids[:1]
            cls._walk(assessment, "submitted")
            cls.records["hr.assessment"][subject] = assessment
            cls.records["hr.assessment.line"][subject] = assessment.line_ids[:1]

    @classmethod
    def _build_pay(cls):
        env = cls.env
        for owner in (cls.employee_manager, cls.employee_outsider):
            cls.create_contract(owner)
        cls.create_contract(
            cls.employee_other,
            resource_calendar_id=cls.other_company.resource_calendar_id.id,
        )
        env["hr.performance.bonus.group"].create(
            {"name": "Alle", "period_id": cls.other_period.id, "selection_type": "all"}
        )
        Run = env["hr.performance.pay.run"]
        cls.pay_run = Run.create({"period_id": cls.period.id})
        cls.other_run = Run.create({"period_id": cls.other_period.id})
        for run in cls.pay_run | cls.other_run:
            run.action_compute()
            run.action_approve()
        for subject, owner in cls.owners.items():
            run = cls.other_run if subject == "foreign" else cls.pay_run
            line = run.line_ids.filtered(
                lambda line, owner=owner: line.employee_id == owner
            )
            cls.records["hr.performance.pay.line"][subject] = line
        cls.company_records = {
            "hr.performance.pay.run": {
                "employee": cls.pay_run,
                "foreign": cls.other_run,
            },
            "hr.performance.period": {
                "employee": cls.period,
                "foreign": cls.other_period,
            },
        }

    @classmethod
    def _post_messages(cls):
        """A message and an attachment on every record (chatter cells)."""
        Attachment = cls.env["ir.attachment"]
        for records in (*cls.records.values(), *cls.company_records.values()):
            for record in records.values():
                if hasattr(record, "message_post"):
                    record.message_post(
                        body="Vertraulich",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
                Attachment.create(
                    {
                        "name": "vertraulich.txt",
                        "raw": b"vertraulich",
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                )

    # ------------------------------------------------------------------
    # The cells
    # ------------------------------------------------------------------
    def setUp(self):
        super().setUp()
        self.cells = Counter()
        self.failures = []
        self.last_error = ""

    def cell(self, model, role, subject, operation, expected, actual, detail=""):
        self.cells[(model, "allowed" if expected else "denied")] += 1
        if bool(expected) != bool(actual):
            self.failures.append(
                f"{model} {operation} {subject}'s as {role}: expected "
                f"{'allowed' if expected else 'denied'}, got "
                f"{'allowed' if actual else 'denied'} {detail}"
            )

    def user(self, role):
        return getattr(self, ROLES[role])

    def try_(self, function):
        """Run ``function`` in a savepoint: True if it passed, False if it
        was refused with a user-facing error (anything else fails the test)."""
        savepoint = self.env.cr.savepoint()
        try:
            function()
            self.env.flush_all()
        except DENIED as error:
            self.last_error = str(error)[:200]
            return False
        finally:
            # Every cell starts from the same world.
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)
        return True

    def read_outcomes(self, record, user):
        """The six read cells of ``record`` as ``user`` (True = visible)."""
        Model = self.env[record._name].with_user(user)
        domain = [("id", "=", record.id)]
        outcomes = {}
        outcomes["read"] = self.try_(
            lambda: record.with_user(user).read(["display_name"])
        )
        found = []
        outcomes["search"] = self.try_(
            lambda: found.append(bool(Model.search(domain)))
        ) and all(found)
        groups = []
        outcomes["read_group"] = self.try_(
            lambda: groups.append(Model.read_group(domain, ["__count"], []))
        ) and bool(groups and groups[0] and groups[0][0]["__count"])
        outcomes["web_read"] = self.try_(
            lambda: record.with_user(user).web_read({"display_name": {}})
        )
        messages = []
        outcomes["chatter"] = self.try_(
            lambda: messages.append(
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", record._name), ("res_id", "=", record.id)])
            )
        ) and bool(messages and messages[0])
        attachments = []
        outcomes["attachment"] = self.try_(
            lambda: attachments.append(
                self.env["ir.attachment"]
                .with_user(user)
                .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
            )
        ) and bool(attachments and attachments[0])
        if not hasattr(record, "message_post"):
            outcomes.pop("chatter")
        return {op: (ok, "" if ok else self.last_error) for op, ok in outcomes.items()}

    def test_reads(self):
        """Read, search, read_group, web_read, chatter and attachments of
        every subject's record, for every role."""
        tables = [(model, READERS[model], self.records[model]) for model in READERS] + [
            (model, COMPANY_READERS[model], self.company_records[model])
            for model in COMPANY_READERS
        ]
        for model, readers, records in tables:
            for role in ROLES:
                for subject, record in records.items():
                    expected = subject in readers[role]
                    for op, (actual, error) in self.read_outcomes(
                        record, self.user(role)
                    ).items():
                        if role == "portal" and op == "attachment":
                            # Portal users open attachments by token only.
                            expected = False
                        self.cell(model, role, subject, op, expected, actual, error)
        self.report("reads")

    def test_onchange_reveals_nothing_unreadable(self):
        """A new child record pointing at another person's record answers
        without that person's data (goal titles, check-in notes, results)."""
        secrets = {
            subject: (
                f"Geheimziel {subject}",
                f"Geheimvermerk {subject}",
                repr(self.records["hr.performance.result"][subject].final_result),
            )
            for subject in SUBJECTS
        }
        parents = {
            "agreement_id": "hr.goal.agreement",
            "goal_agreement_id": "hr.goal.agreement",
            "goal_id": "hr.goal",
            "assessment_id": "hr.assessment",
        }
        for model, parent_fields in ONCHANGE.items():
            Model = self.env[model]
            spec = {
                name: {}
                for name, field in Model._fields.items()
                if field.type not in ("one2many", "many2many", "binary")
            }
            for role in ROLES:
                user = self.user(role)
                for subject in SUBJECTS:
                    for parent_field in parent_fields:
                        parent = self.records[parents[parent_field]][subject]
                        values = {parent_field: parent.id}
                        if model == "hr.performance.result":
                            values.update(
                                employee_id=parent.employee_id.id,
                                period_id=parent.period_id.id,
                            )
                        answers = self._onchange(Model, user, values, spec)
                        readable = (
                            subject
                            in READERS.get(parents[parent_field], PERSONAL)[role]
                        )
                        text = repr(answers)
                        leaked = [s for s in secrets[subject] if s in text]
                        # The cell: nothing of an unreadable record comes back.
                        self.cell(
                            model,
                            role,
                            subject,
                            "onchange",
                            True,
                            readable or not leaked,
                            detail=str(leaked),
                        )
        self.report("onchange")

    def _onchange(self, Model, user, values, spec):
        answers = []
        self.try_(
            lambda: answers.append(Model.with_user(user).onchange(values, [], spec))
        )
        return answers

    def test_create_agreements(self):
        """Whose goal agreement each role may create (in a fresh period)."""
        period = self.create_period(
            name="2028", date_from="2028-01-01", date_to="2028-12-31"
        )
        other = self.other_period.copy(
            {
                "name": "2028 (Other)",
                "date_from": "2028-01-01",
                "date_to": "2028-12-31",
                "state": "open",
            }
        )
        for role in ROLES:
            user = self.user(role)
            for subject, owner in self.owners.items():
                values = {
                    "employee_id": owner.id,
                    "period_id": (other if subject == "foreign" else period).id,
                    "supervisor_id": owner.parent_id.id or self.employee_head.id,
                }
                actual = self.try_(
                    lambda user=user, values=values: (
                        self.env["hr.goal.agreement"].with_user(user).create(values)
                    )
                )
                self.cell(
                    "hr.goal.agreement",
                    role,
                    subject,
                    "create",
                    subject in CREATORS[role],
                    actual,
                    "" if actual else self.last_error,
                )
        self.report("create")

    def test_forbidden_writes_and_deletes(self):
        """State, audit and locked fields are written by nobody by hand; no
        approved, final or running record is deleted, whoever tries."""
        tables = {**self.records, **self.company_records}
        for model, writes in FORBIDDEN.items():
            for role in ROLES:
                user = self.user(role)
                for subject, record in tables[model].items():
                    for kind, vals in writes:
                        # sudo: the test looks at what is stored, whoever wrote
                        before = record.sudo().read(list(vals))[0]
                        actual = self.try_(
                            lambda record=record, user=user, vals=vals: (
                                record.with_user(user).write(vals)
                            )
                        )
                        # sudo: the test looks at what is stored, whoever wrote
                        after = record.sudo().read(list(vals))[0]
                        self.cell(model, role, subject, f"write {kind}", False, actual)
                        self.assertEqual(before, after)
        for model in (
            "hr.goal.agreement",
            "hr.assessment",
            "hr.performance.pay.line",
            "hr.performance.pay.run",
            "hr.performance.result",
            "hr.performance.period",
        ):
            for role in ROLES:
                for subject, record in tables[model].items():
                    actual = self.try_(
                        lambda record=record, role=role: record.with_user(
                            self.user(role)
                        ).unlink()
                    )
                    self.cell(model, role, subject, "unlink", False, actual)
                    self.assertTrue(record.exists())
        self.report("writes")

    def test_actions(self):
        """Every step of every workflow as every role, from a state it starts
        from: the entitled pass the rights check, the others are refused and
        the record stays as it was."""
        tables = {**self.records, **self.company_records}
        for (model, action), actors in ACTORS.items():
            for subject in ("employee", "foreign"):
                record = tables[model][subject]
                for role in ROLES:
                    # The other company's user is an HR officer there and
                    # the foreign employee's supervisor.
                    entitled = (
                        role == "other_company"
                        and subject == "foreign"
                        and bool(actors & {"officer", "team_lead"})
                    ) or (subject == "employee" and role in actors)
                    outcome = {}
                    with (
                        contextlib.suppress(_Rollback),
                        self.env.cr.savepoint(),
                    ):
                        self._attempt(record, action, self.user(role), outcome)
                    self.env.invalidate_all()
                    self.cell(
                        model,
                        role,
                        subject,
                        f"action_{action}",
                        entitled,
                        outcome["result"] != "denied",
                        detail=outcome.get("message", ""),
                    )
                    if outcome["result"] == "denied":
                        self.assertTrue(outcome.get("unchanged", True))
        self.report("actions")

    def _user_reason(self, record, user, action):
        """The reason only ``user`` gets for ``action`` (None if the system
        gets the same one: then it is about the record, not the user)."""
        try:
            reason = record.with_user(user)._workflow_cannot_reason(action)
        except AccessError as error:
            return str(error.args[0])
        finally:
            self.env.invalidate_all()
        # sudo: what the system would answer, to tell rights from content
        if reason == record.sudo()._workflow_cannot_reason(action):
            return None
        return reason

    def _attempt(self, record, action, user, outcome):
        """Put ``record`` in the first state ``action`` starts from, press
        the button as ``user``, note the outcome, and roll everything back."""
        paths = self._paths(record)
        sources = record._workflow_steps[action].sources
        self._walk(record, next(state for state in sources if state in paths))
        # A request starts with an empty cache: what the fixture read as
        # superuser is read again with the user's rights.
        state = record.state
        self.env.invalidate_all()
        as_user = record.with_user(user)
        try:
            with self.env.cr.savepoint():
                method = getattr(
                    as_user, METHODS.get((record._name, action), f"action_{action}")
                )
                if action in ("cancel", "revise") and record._name == (
                    "hr.goal.agreement"
                ):
                    method(reason="Matrix")
                else:
                    method()
                self.env.flush_all()
            outcome["result"] = "ok"
        except AccessError as error:
            outcome["result"] = "denied"
            outcome["message"] = str(error)[:120]
        except (UserError, ValidationError) as error:
            # Denied: the user got a reason the system would not get (his
            # rights). Refused: the record's content, for anyone.
            message = str(error.args[0])
            outcome["message"] = message[:120]
            outcome["result"] = (
                "denied"
                if self._user_reason(record, user, action) == message
                else "refused"
            )
        record.invalidate_recordset()
        outcome["unchanged"] = record.state == state
        raise _Rollback()

    def report(self, part):
        total = sum(self.cells.values())
        allowed = sum(n for (_, kind), n in self.cells.items() if kind == "allowed")
        _logger.info(
            "access matrix (%s): %d cells, %d allowed, %d denied, %d wrong",
            part,
            total,
            allowed,
            total - allowed,
            len(self.failures),
        )
        type(self).totals[part] = (total, allowed)
        self.assertFalse(self.failures, "\n" + "\n".join(self.failures))

    totals = {}

    @classmethod
    def tearDownClass(cls):
        total = sum(t for t, _ in cls.totals.values())
        allowed = sum(a for _, a in cls.totals.values())
        _logger.info(
            "access matrix: %d cells in all (%d allowed, %d denied)",
            total,
            allowed,
            total - allowed,
        )
        super().tearDownClass()


class _Rollback(Exception):
    """Leaves a savepoint without keeping what happened in it."""
