from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ...engine import EngineError
from ...engine.curves import RATING_LEVELS, build_curve
from ..common.engine_messages import engine_error_message

CURVE_KINDS = [
    ("positive", "Standard Positive"),
    ("negative", "Standard Negative (Less Is Better)"),
    ("steps", "Steps"),
    ("table", "Free Curve (Table)"),
]
#: Kinds whose goals give the lower and the upper performance point.
PARAMETER_KINDS = ("positive", "negative")
THRESHOLD_FIELDS = (
    "threshold_missed",
    "threshold_narrowly_missed",
    "threshold_narrowly_reached",
    "threshold_exceeded",
    "threshold_far_exceeded",
)
CURVE_FIELDS = (
    "kind",
    "lower_achievement",
    "lower_rate",
    "upper_achievement",
    "upper_rate",
    *THRESHOLD_FIELDS,
)


def rating_levels(env):
    """The six rating levels with their translated labels (worst first)."""
    return [
        ("far_missed", env._("Goal Far Missed")),
        ("missed", env._("Goal Missed")),
        ("narrowly_missed", env._("Goal Narrowly Missed")),
        ("narrowly_reached", env._("Goal Narrowly Reached")),
        ("exceeded", env._("Goal Exceeded")),
        ("far_exceeded", env._("Goal Far Exceeded")),
    ]


def _tick(value):
    """A tick label: the number without trailing zeros (digits only)."""
    return f"{float(value):g}"


def curve_svg(curve, marker=None, width=360, height=200):
    """An inline SVG chart of an engine curve (numbers only, no user text)."""
    graph = curve.graph(0)
    max_x = float(graph[-1][0]) or 1.0
    max_y = max(float(curve.cap), 100.0) * 1.1
    pad = 30

    def x(value):
        return pad + (width - 2 * pad) * float(value) / max_x

    def y(value):
        return height - pad - (height - 2 * pad) * float(value) / max_y

    path = " ".join(f"{x(a):.1f},{y(r):.1f}" for a, r in graph)
    axes = (
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" '
        f'y2="{height - pad}" stroke="#888"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#888"/>'
        f'<line x1="{x(100):.1f}" y1="{pad}" x2="{x(100):.1f}" y2="{height - pad}" '
        'stroke="#ccc" stroke-dasharray="4"/>'
        f'<line x1="{pad}" y1="{y(100):.1f}" x2="{width - pad}" y2="{y(100):.1f}" '
        'stroke="#ccc" stroke-dasharray="4"/>'
        f'<text x="{x(100):.1f}" y="{height - 12}" font-size="10" '
        'text-anchor="middle">100 %</text>'
        f'<text x="4" y="{y(100) + 3:.1f}" font-size="10">100 %</text>'
    )
    ticks = ""
    # A label too close to another (or to the 100 % mark) is left out.
    placed_x = [x(100)]
    placed_y = [y(100)]
    for a, r in curve.points:
        if all(abs(x(a) - other) >= 18 for other in placed_x) and a <= max_x:
            placed_x.append(x(a))
            ticks += (
                f'<text x="{x(a):.1f}" y="{height - 12}" font-size="10" '
                f'text-anchor="middle" fill="#666">{_tick(a)}</text>'
            )
        if all(abs(y(r) - other) >= 10 for other in placed_y):
            placed_y.append(y(r))
            ticks += (
                f'<text x="4" y="{y(r) + 3:.1f}" font-size="10" '
                f'fill="#666">{_tick(r)}</text>'
            )
    dot = ""
    if marker is not None:
        a = min(float(marker), max_x)
        dot = (
            f'<circle class="o_hrp_curve_marker" cx="{x(a):.1f}" '
            f'cy="{y(curve.rate(a)):.1f}" r="5" fill="#e4572e"/>'
        )
    return Markup(
        f'<svg class="o_hrp_curve" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"{axes}{ticks}"
        f'<polyline fill="none" stroke="#017e84" stroke-width="2" points="{path}"/>'
        f"{dot}</svg>"
    )


class HrPerformanceCurveTemplate(models.Model):
    """Bonus curve template (Prämienkurvenvorlage).

    The kind says which parameters a goal must give: the standard curves
    take the lower and upper performance point from the goal (the
    template's values are the defaults); step and table curves are drawn
    here as a table of points. The five thresholds place the six rating
    levels on the achievement axis.
    """

    _name = "hr.performance.curve.template"
    _description = "Bonus Curve Template"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(
        CURVE_KINDS, required=True, default="positive", tracking=True
    )
    description = fields.Text(translate=True)
    lower_achievement = fields.Float(
        "Achievement at the Lower Point (%)",
        digits=(16, 4),
        default=80.0,
        tracking=True,
    )
    lower_rate = fields.Float(
        "Payout Rate at the Lower Point (%)",
        digits=(16, 4),
        default=50.0,
        tracking=True,
    )
    upper_achievement = fields.Float(
        "Achievement at the Upper Point (%)",
        digits=(16, 4),
        default=120.0,
        tracking=True,
    )
    upper_rate = fields.Float(
        "Payout Rate at the Upper Point (%)",
        digits=(16, 4),
        default=150.0,
        tracking=True,
    )
    point_ids = fields.One2many(
        "hr.performance.curve.point", "template_id", string="Points", copy=True
    )
    threshold_missed = fields.Float(
        "'Missed' From (%)", digits=(16, 4), default=70.0, tracking=True
    )
    threshold_narrowly_missed = fields.Float(
        "'Narrowly Missed' From (%)", digits=(16, 4), default=90.0, tracking=True
    )
    threshold_narrowly_reached = fields.Float(
        "'Narrowly Reached' From (%)", digits=(16, 4), default=100.0, tracking=True
    )
    threshold_exceeded = fields.Float(
        "'Exceeded' From (%)", digits=(16, 4), default=110.0, tracking=True
    )
    threshold_far_exceeded = fields.Float(
        "'Far Exceeded' From (%)", digits=(16, 4), default=130.0, tracking=True
    )
    uses_parameters = fields.Boolean(compute="_compute_uses_parameters")
    curve_svg = fields.Html("Curve", compute="_compute_curve_svg", sanitize=False)
    level_table = fields.Html("Rating Levels", compute="_compute_curve_svg")

    @api.depends("kind")
    def _compute_uses_parameters(self):
        for template in self:
            template.uses_parameters = template.kind in PARAMETER_KINDS

    def _engine_curve(self, lower=None, upper=None, name=None):
        """The engine curve of this template (goal parameters may replace the
        template's lower and upper point)."""
        self.ensure_one()
        return build_curve(
            self.kind,
            lower=lower or (self.lower_achievement, self.lower_rate),
            upper=upper or (self.upper_achievement, self.upper_rate),
            points=[(p.achievement, p.rate) for p in self.point_ids],
            thresholds=[self[field] for field in THRESHOLD_FIELDS],
            name=name or self.name or "",
        )

    def _curve_error(self, error, name):
        return self.env._(
            "The bonus curve %(name)s is not valid: %(reason)s",
            name=name,
            reason=curve_error_text(self.env, error),
        )

    @api.depends(
        "kind",
        "lower_achievement",
        "lower_rate",
        "upper_achievement",
        "upper_rate",
        "point_ids.achievement",
        "point_ids.rate",
        *THRESHOLD_FIELDS,
    )
    def _compute_curve_svg(self):
        for template in self:
            try:
                curve = template._engine_curve()
            except EngineError:
                template.curve_svg = False
                template.level_table = False
                continue
            template.curve_svg = curve_svg(curve)
            template.level_table = level_table(self.env, curve)

    @api.constrains(
        "kind",
        "lower_achievement",
        "lower_rate",
        "upper_achievement",
        "upper_rate",
        "point_ids",
        *THRESHOLD_FIELDS,
    )
    def _check_curve(self):
        for template in self:
            if template.kind in ("steps", "table") and not template.point_ids:
                # A new step or table template gets its points right after.
                continue
            try:
                template._engine_curve()
            except EngineError as error:
                raise ValidationError(
                    template._curve_error(error, template.display_name)
                ) from error


def level_table(env, curve):
    """HTML table of the six rating levels and their achievement ranges."""
    labels = dict(rating_levels(env))
    bounds = [None, *curve.thresholds, None]
    rows = []
    for index, level in enumerate(RATING_LEVELS):
        if curve.decreasing:
            low, high = (
                bounds[len(RATING_LEVELS) - 1 - index],
                bounds[len(RATING_LEVELS) - index],
            )
            text = _range_text(env, low, high, lower_open=True)
        else:
            low, high = bounds[index], bounds[index + 1]
            text = _range_text(env, low, high, lower_open=False)
        rows.append(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
            % (labels[level], text)
        )
    return (
        Markup("<table class='table table-sm o_hrp_levels'><tbody>")
        + Markup().join(rows)
        + Markup("</tbody></table>")
    )


def _fmt(env, value):
    return formatLang(env, float(value), digits=2)


def _range_text(env, low, high, lower_open):
    if low is None:
        return (
            env._("up to %(high)s %%", high=_fmt(env, high))
            if lower_open
            else env._("below %(high)s %%", high=_fmt(env, high))
        )
    if high is None:
        return (
            env._("above %(low)s %%", low=_fmt(env, low))
            if lower_open
            else env._("from %(low)s %%", low=_fmt(env, low))
        )
    return env._("%(low)s – %(high)s %%", low=_fmt(env, low), high=_fmt(env, high))


def curve_error_text(env, error):
    """The translated reason of an engine curve error."""
    code = getattr(error, "code", "")
    if code == "points_not_increasing":
        return env._(
            "the achievements must increase from point to point (point %(index)s).",
            index=error.other,
        )
    if code == "thresholds_not_increasing":
        return env._("the thresholds of the rating levels must increase.")
    if code == "points_around_100":
        return env._(
            "the lower point must lie below 100 % achievement and the upper "
            "point above it."
        )
    if code == "rates_direction":
        return env._(
            "the payout rates must run through 100 % in the curve's direction "
            "(standard positive: lower rate at most 100 %, upper rate at least "
            "100 %; standard negative the reverse)."
        )
    if code == "no_points":
        return env._("the curve has no points.")
    return engine_error_message(env, error)
