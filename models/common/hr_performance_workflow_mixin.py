"""The workflow kernel: one mixin for every state machine of the addon.

A workflow model inherits ``hr.performance.workflow.mixin`` and declares,
as class attributes:

- ``_workflow_steps``: ``{action: Step(sources, target, raw, groups)}``, the
  transition graph. ``sources`` are the states the action starts from,
  ``target`` the state it leads to (``None``: the action changes no state,
  e.g. a partial agreement), ``raw`` whether a user may do it by writing the
  state field (only for steps without side effects), ``groups`` the groups
  of which the user needs one (checked unless the system acts as superuser);
- ``_workflow_undeletable_states``: records in these states are never
  deleted;
- ``_workflow_locked_states``: records in these states accept no plain
  writes except of the free fields (``_workflow_free_fields()``);
- ``_workflow_depends``: the fields the ``can_<action>`` flags depend on
  besides the state;
- ``_workflow_activity_steps``: the actions after which
  ``activity_update()`` brings the record's activities in line.

The mixin then provides, for every action, the computed ``can_<action>``
flag and ``cannot_<action>_reason`` text (per user), the one check
(``_workflow_check``), the ``write`` guard, the delete guard and the state
label. A model writes only its ``_cannot_<action>_reason(context)`` hooks
(business rules, also for the system), ``_workflow_rights_reason`` (who may
act, skipped when the system acts as superuser) and its ``_do_<action>()``
steps. Its ``action_<x>()`` buttons call ``_workflow_run("<x>", ...)``.

Steps write through ``_workflow_write(action, vals)``: the write runs with
superuser rights (a step may set fields no user may write) but the kernel
still checks that every record is in a source state of the action and that
the new state is the action's target. A plain write of the state field is a
transition too: a user may only take the ``raw`` edges he may do by button;
the superuser may take any edge of the graph, never one outside it.
"""

from dataclasses import dataclass

from odoo import api, fields, models
from odoo.exceptions import UserError

from .text_limits import check_input

STEP_KEY = "hrp_workflow_step"


@dataclass(frozen=True)
class Step:
    """One action of a workflow: from which states to which one."""

    sources: tuple
    target: str | None = None
    raw: bool = False
    groups: tuple = ()


class HrPerformanceWorkflowMixin(models.AbstractModel):
    _name = "hr.performance.workflow.mixin"
    _description = "Performance Workflow"

    _workflow_state_field = "state"
    _workflow_steps = {}
    _workflow_undeletable_states = ()
    _workflow_locked_states = ()
    _workflow_depends = ()
    _workflow_activity_steps = ()

    # ------------------------------------------------------------------
    # Generated fields: can_<action>, cannot_<action>_reason
    # ------------------------------------------------------------------
    @api.model
    def _setup_base(self):
        cls = self.env.registry[self._name]
        if not cls._setup_done:
            # Odoo takes fields only from the model's definition classes: put
            # the generated ones on the class that declares the graph.
            owner = next(
                klass
                for klass in cls.mro()
                if getattr(klass, "pool", None) is None
                and "_workflow_steps" in vars(klass)
            )
            for action in cls._workflow_steps:
                # Labels from the names ("Can Submit", "Cannot Submit Reason").
                for name, field in (
                    (
                        f"can_{action}",
                        fields.Boolean(compute="_compute_workflow_flags"),
                    ),
                    (
                        f"cannot_{action}_reason",
                        fields.Char(compute="_compute_workflow_flags"),
                    ),
                ):
                    if name not in vars(owner) and not any(
                        name in vars(klass) for klass in cls.mro()
                    ):
                        setattr(owner, name, field)
                        field.__set_name__(owner, name)
        return super()._setup_base()

    workflow_hint = fields.Text(
        "Why Not",
        compute="_compute_workflow_hint",
        help="Why the steps of the current state are not open to you.",
    )

    def _workflow_flag_depends(self):
        return (self._workflow_state_field, *self._workflow_depends)

    @api.depends_context("uid")
    @api.depends(lambda self: self._workflow_flag_depends())
    def _compute_workflow_flags(self):
        context = self._workflow_prefetch()
        for record in self:
            for action in self._workflow_steps:
                reason = (
                    record._workflow_cannot_reason(action, context)
                    if record.id
                    else self.env._("Save the record first.")
                )
                record[f"can_{action}"] = not reason
                record[f"cannot_{action}_reason"] = reason or False

    @api.depends_context("uid")
    @api.depends(lambda self: self._workflow_flag_depends())
    def _compute_workflow_hint(self):
        """The reasons the model knows, for every step that starts from the
        record's state and has a button, that the user cannot take now
        (steps of groups the user is not in are left out: not his to do)."""
        user = self.env.user
        for record in self:
            state = record[self._workflow_state_field]
            reasons = []
            for action, step in self._workflow_steps.items():
                if (
                    not record.id
                    or state not in step.sources
                    or not hasattr(record, f"action_{action}")
                    or record[f"can_{action}"]
                    or (
                        step.groups
                        and not any(user.has_group(group) for group in step.groups)
                    )
                ):
                    continue
                reason = record[f"cannot_{action}_reason"]
                if reason and reason not in reasons:
                    reasons.append(reason)
            record.workflow_hint = "\n".join(reasons) or False

    # ------------------------------------------------------------------
    # The one check
    # ------------------------------------------------------------------
    def _workflow_run(self, action, *args, **kwargs):
        """Check and do ``action`` on every record in self (a button)."""
        self._workflow_check_states(action)
        self._workflow_check(action)
        result = getattr(self, f"_do_{action}")(*args, **kwargs)
        if action in self._workflow_activity_steps:
            self._workflow_activity_update()
        return True if result is None else result

    def _workflow_dialog(self, action, title, res_model, context):
        """Check that ``action`` is open to the user on every record, then
        open the dialog (a wizard or a form) that ends in that step."""
        self._workflow_check_states(action)
        self._workflow_check(action)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": res_model,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _workflow_check_states(self, action):
        """Raise unless every record is in a state ``action`` starts from."""
        sources = self._workflow_steps[action].sources
        for record in self:
            if record[self._workflow_state_field] not in sources:
                raise UserError(record._workflow_state_message(action))

    def _workflow_check(self, action):
        """Raise with the reason if the current user cannot do ``action``."""
        context = self._workflow_prefetch()
        for record in self:
            reason = record._workflow_cannot_reason(action, context)
            if reason:
                raise UserError(reason)

    def _workflow_cannot_reason(self, action, context=None):
        """Why ``action`` is not possible on this record now, or ``None``."""
        self.ensure_one()
        step = self._workflow_steps[action]
        # Who may never do it comes first: it needs no read of the record.
        if (
            not self.env.su
            and step.groups
            and not any(self.env.user.has_group(group) for group in step.groups)
        ):
            return self._workflow_group_message(action)
        reason = self._workflow_precheck(action, context)
        if reason:
            return reason
        if self[self._workflow_state_field] not in step.sources:
            return self._workflow_state_message(action)
        if not self.env.su:
            reason = self._workflow_rights_reason(action, context)
            if reason:
                return reason
        hook = getattr(self, f"_cannot_{action}_reason", None)
        return hook(context) if hook else None

    # Hooks of the models --------------------------------------------------
    def _workflow_prefetch(self):
        """What the reasons of all records need once (e.g. the user's team)."""
        return {}

    def _workflow_precheck(self, action, context):
        """A reason that comes before the state (e.g. a closed period)."""
        return None

    def _workflow_rights_reason(self, action, context):
        """Why the current user may not do ``action`` here (roles), or None."""
        return None

    def _workflow_free_fields(self):
        """Fields still written on a locked record (besides message_* and
        activity_* of the chatter)."""
        return set()

    def _workflow_system_fields(self):
        """Fields only the workflow steps write (never a user's plain write)."""
        return set()

    def _workflow_check_fields(self, vals):
        """Model-specific checks of a user's plain write (before the kernel's)."""

    def _workflow_activity_update(self):
        if hasattr(self, "activity_update"):
            self.activity_update()

    # Messages ------------------------------------------------------------
    def _workflow_action_label(self, action):
        method = getattr(type(self), f"action_{action}", None)
        return action.replace("_", " ") if method is None else action

    def _workflow_model_label(self):
        """The model's name in the user's language (e.g. "Leistungsentgelt-Lauf")."""
        # sudo: the translated name of a model is no secret (portal users
        # may not read ir.model).
        return self.env["ir.model"].sudo()._get(self._name).name or self._description

    def _workflow_state_label(self, state=None):
        field = self._fields[self._workflow_state_field]
        if state is None:
            state = self[self._workflow_state_field]
        return dict(field._description_selection(self.env)).get(state, state)

    def _workflow_state_message(self, action):
        return self.env._(
            "%(model)s %(name)s is %(state)s: this step is not possible now.",
            model=self._workflow_model_label(),
            name=self.display_name,
            state=self._workflow_state_label(),
        )

    def _workflow_group_message(self, action):
        return self.env._(
            "You are not allowed to do this step on %(model)s %(name)s.",
            model=self._workflow_model_label(),
            name=self.display_name,
        )

    def _workflow_locked_message(self):
        return self.env._(
            "%(model)s %(name)s is %(state)s and can no longer be changed.",
            model=self._workflow_model_label(),
            name=self.display_name,
            state=self._workflow_state_label(),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "%(model)s %(name)s is %(state)s and cannot be deleted.",
            model=self._workflow_model_label(),
            name=self.display_name,
            state=self._workflow_state_label(),
        )

    def _workflow_transition_message(self, new_state):
        return self.env._(
            "%(model)s %(name)s cannot change from %(old)s to %(new)s.",
            model=self._workflow_model_label(),
            name=self.display_name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_raw_message(self, new_state):
        return self.env._(
            "%(model)s %(name)s cannot change from %(old)s to %(new)s this way. "
            "Use the buttons of the record.",
            model=self._workflow_model_label(),
            name=self.display_name,
            old=self._workflow_state_label(),
            new=self._workflow_state_label(new_state),
        )

    def _workflow_system_message(self, names):
        return self.env._(
            "%(fields)s of %(model)s are set by the workflow only.",
            fields=", ".join(
                self._fields[name].get_description(self.env)["string"]
                for name in sorted(names)
            ),
            model=self._workflow_model_label(),
        )

    # ------------------------------------------------------------------
    # Writes: the steps' one way in, and the guard of plain writes
    # ------------------------------------------------------------------
    def _workflow_write(self, action, vals):
        """Write ``vals`` as step ``action`` (superuser; the graph still holds)."""
        if not self:
            return True
        # sudo: the step's user was checked; the graph is checked in write()
        return self.sudo().with_context(**{STEP_KEY: (self._name, action)}).write(vals)

    def _workflow_edge(self, old, new):
        """The action leading from state ``old`` to ``new`` (or None)."""
        for action, step in self._workflow_steps.items():
            if step.target == new and old in step.sources:
                return action
        return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_input(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, vals)
        # The context comes from the caller (also over RPC): a step counts
        # only as the superuser that _workflow_write makes of it.
        step = self.env.context.get(STEP_KEY)
        action = (
            step[1]
            if self.env.su and isinstance(step, (list, tuple)) and step[0] == self._name
            else None
        )
        state_field = self._workflow_state_field
        if action:
            self._workflow_guard_step(action, vals)
        else:
            self._workflow_guard_plain(vals)
        moved = self.browse()
        if not action and state_field in vals and self._workflow_activity_steps:
            moved = self.filtered(lambda r: r[state_field] != vals[state_field])
        result = super().write(vals)
        if moved:
            # A raw edge taken by a plain write updates activities like its button.
            moved._workflow_activity_update()
        return result

    def _workflow_guard_step(self, action, vals):
        step = self._workflow_steps.get(action)
        state_field = self._workflow_state_field
        if step is None:
            raise UserError(
                self.env._("Unknown workflow step %(action)s.", action=action)
            )
        for record in self:
            if record[state_field] not in step.sources and not (
                step.target and record[state_field] == step.target
            ):
                raise UserError(record._workflow_state_message(action))
            if state_field in vals and vals[state_field] not in (
                step.target,
                record[state_field],
            ):
                raise UserError(record._workflow_transition_message(vals[state_field]))

    def _workflow_guard_plain(self, vals):
        state_field = self._workflow_state_field
        if not self.env.su:
            self.check_access("write")
        # Locked records stay locked, also for the superuser's plain writes
        # (only the steps write them).
        free = self._workflow_free_fields()
        if self._workflow_locked_states and any(
            name not in free and not name.startswith(("message_", "activity_"))
            for name in vals
        ):
            for record in self:
                if record[state_field] in self._workflow_locked_states:
                    raise UserError(record._workflow_locked_message())
        if not self.env.su:
            self._workflow_check_fields(vals)
            system = self._workflow_system_fields() & set(vals)
            if system:
                raise UserError(self._workflow_system_message(system))
        if state_field not in vals:
            return
        new_state = vals[state_field]
        context = None
        for record in self:
            if record[state_field] == new_state:
                continue
            action = record._workflow_edge(record[state_field], new_state)
            if action is None:
                raise UserError(record._workflow_transition_message(new_state))
            if self.env.su:
                continue
            if not self._workflow_steps[action].raw:
                raise UserError(record._workflow_raw_message(new_state))
            if context is None:
                context = self._workflow_prefetch()
            reason = record._workflow_cannot_reason(action, context)
            if reason:
                raise UserError(reason)

    @api.ondelete(at_uninstall=False)
    def _unlink_workflow_undeletable(self):
        for record in self:
            if record[self._workflow_state_field] in self._workflow_undeletable_states:
                raise UserError(record._workflow_undeletable_message())
