"""Charts drawn on the server as SVG (pygal, no JavaScript): each bar links to the list behind it."""

import math
from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

_LOOK = {"font_family": "DejaVu Sans, sans-serif", "background": "transparent", "plot_background": "transparent",
         "colors": ("#1f5f8b", "#c0392b", "#2e8b57", "#b8860b"), "label_font_size": 11, "major_label_font_size": 11, "value_font_size": 10,
         "legend_font_size": 11, "title_font_size": 13, "guide_stroke_color": "#d0d4da", "major_guide_stroke_dasharray": "0"}
# The red line is the target, drawn only where there is one; pygal otherwise marks round values
# (50 %, 100 %) as "major", which read as targets that do not exist.
_TARGET_STYLE = Style(**_LOOK, major_guide_stroke_color="#c0392b")
_PLAIN_STYLE = Style(**_LOOK, major_guide_stroke_color="#d0d4da")
_WIDTH = 760
_OPTIONS = {"js": [], "disable_xml_declaration": True, "height": 280, "width": _WIDTH, "print_values": True,
            "print_zeroes": False, "legend_at_bottom": True}


def _axis(labels: Sequence[str]) -> dict[str, object]:
    """Labels side by side when they fit their share of the width, else slanted and shortened,
    so that neighbours never run into one string."""
    fits = int(_WIDTH * 0.85 / max(len(labels), 1) / 7)  # characters of 11 px DejaVu Sans in a label's share
    if all(len(label) <= fits for label in labels):
        return {"x_label_rotation": 0, "truncate_label": -1}
    return {"x_label_rotation": 35, "truncate_label": 26}


def _point(value: float | None, link: str | None) -> dict[str, object] | None:
    if value is None:
        return None
    point: dict[str, object] = {"value": value}
    if link:
        point["xlink"] = {"href": link, "target": "_self"}
    return point


def _ticks(top: float, target: float | None) -> list[float]:
    """About five round steps from 0 past the highest value, and the target among them."""
    top = max(top, target or 0, 1e-9) * 1.08
    step = 10 ** math.floor(math.log10(top / 5))
    step = next(s * step for s in (1, 2, 2.5, 5, 10) if top / (s * step) <= 6)
    ticks = [i * step for i in range(math.ceil(top / step) + 1)]
    return sorted(set(ticks) | ({target} if target is not None else set()))


def bar_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], links: Sequence[str | None] = (),
              target: float | None = None, percent: bool = False) -> SafeString:
    """Bars per label (one colour per series); the `target` is the axis' red line."""
    top = max((v for values in series.values() for v in values if v is not None), default=0)
    ticks = _ticks(top, target)
    chart = pygal.Bar(title=title, show_legend=len(series) > 1, y_labels=ticks, y_labels_major=[target] if target is not None else [],
                      show_minor_y_labels=True, range=(0, ticks[-1]), style=_TARGET_STYLE if target is not None else _PLAIN_STYLE,
                      **_axis(labels), **_OPTIONS)
    chart.value_formatter = (lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:,.0f}".replace(",", " "))
    chart.x_labels = list(labels)
    for index, (name, values) in enumerate(series.items()):
        chart.add(name, [_point(v, links[i] if index == 0 and i < len(links) else None) for i, v in enumerate(values)])
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal escapes labels and values


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], percent: bool = False, range_: tuple[float, float] | None = None) -> SafeString:
    chart = pygal.Line(title=title, show_legend=len(series) > 1, range=range_, style=_PLAIN_STYLE, **_axis(labels), **{**_OPTIONS, "print_values": False})
    chart.value_formatter = (lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:.2f}")
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal escapes labels and values
