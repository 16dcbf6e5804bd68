"""Translated user messages for errors of the calculation engine.

The engine raises exceptions with an English ``message`` for developers and
the data as attributes (``code``, ``item``, ``value``, ``set_name``,
``total``, ``limit``, ``other``). User-facing messages are built here from
those attributes only, translated in the user's language; callers never put
``error.message`` or ``str(error)`` in front of a user.
"""


def _internal_label(env, name):
    """Label of an internal name the models pass to the engine, or None."""
    # One literal per label so that the strings are extracted for translation.
    return {
        "goal levels": env._("goal levels"),
        "scale maximum": env._("scale maximum"),
        "points": env._("points"),
        "sum": env._("sum"),
        "denominator": env._("divisor"),
        "assessment": env._("assessment result"),
        "goals": env._("goal result"),
        "personal": env._("personal goals"),
        "department": env._("department goals"),
        "company": env._("company goals"),
        "assessor": env._("assessor's result"),
        "self": env._("self-assessment"),
    }.get(name)


def engine_item_label(env, name, labels=None):
    """A readable, translated label for an engine item or set name.

    ``labels`` maps the keys and set names the caller gave the engine (goal
    ids, criterion ids, group names...) to what the user knows them by.
    Composite engine names (``"<set>: <item>"``, ``"weight of <item>"``) are
    split and labelled part by part.
    """
    labels = labels or {}
    if name is None:
        return ""
    text = str(name)
    if name in labels:
        return str(labels[name])
    if text in labels:
        return str(labels[text])
    internal = _internal_label(env, text)
    if internal:
        return internal
    set_name, separator, rest = text.partition(": ")
    if separator:
        return env._(
            "%(item)s in %(set)s",
            item=engine_item_label(env, rest, labels),
            set=engine_item_label(env, set_name, labels),
        )
    if text.startswith("weight of "):
        return env._(
            "weight of %(item)s",
            item=engine_item_label(env, text[len("weight of ") :], labels),
        )
    return text


def engine_error_message(env, error, labels=None):
    """The translated sentence for an engine error (``EngineError``).

    Built only from the exception's attributes, never from its English text.
    """

    def label(name):
        return engine_item_label(env, name, labels)

    code = getattr(error, "code", "engine_error")
    item = label(getattr(error, "item", None))
    value = getattr(error, "value", None)
    if code == "weights_not_100":
        return env._(
            "The weights of %(set)s add up to %(total)s instead of 100.",
            set=label(getattr(error, "set_name", None)),
            total=getattr(error, "total", value),
        )
    if code == "negative_value":
        return env._(
            "%(item)s must not be negative (%(value)s).", item=item, value=value
        )
    if code in ("above_scale_max", "above_maximum"):
        return env._(
            "%(item)s is %(value)s, above the maximum of %(limit)s.",
            item=item,
            value=value,
            limit=getattr(error, "limit", None),
        )
    if code == "missing":
        return env._("%(item)s is missing.", item=item)
    if code in ("not_a_number", "not_finite"):
        return env._("%(item)s is not a valid number.", item=item)
    if code in ("too_many_decimals", "too_many_digits"):
        return env._("%(item)s has too many digits or decimal places.", item=item)
    if code == "zero":
        return env._("%(item)s must not be zero.", item=item)
    if code == "duplicate_key":
        return env._("%(item)s appears more than once.", item=item)
    if code == "overlap":
        return env._(
            "%(item)s overlaps %(other)s.",
            item=item,
            other=label(getattr(error, "other", None)),
        )
    if code == "date_order":
        return env._("%(item)s ends before it starts.", item=item)
    return env._(
        "The calculation is not possible (%(code)s: %(item)s).", code=code, item=item
    )
