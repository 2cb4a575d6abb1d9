"""The competence profile as a radar chart (pygal, SVG, no JavaScript): the candidate's levels against the position's requirement."""

import base64

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from eacademy.assessment.queries import Profile

_STYLE = Style(font_family="DejaVu Sans, sans-serif", background="transparent", plot_background="transparent", colors=("#1f5f8b", "#c0392b"),
               label_font_size=11, major_label_font_size=11, legend_font_size=11, title_font_size=13, guide_stroke_color="#d0d4da")


def radar(profile: Profile) -> str:
    chart = pygal.Radar(js=[], disable_xml_declaration=True, style=_STYLE, width=520, height=420, range=(0, 4), fill=False,
                        legend_at_bottom=True, show_dots=True, truncate_label=30)
    chart.x_labels = [str(row.competency) for row in profile.competencies]
    chart.add(_("Assessed"), [round(row.level, 2) if row.level is not None else None for row in profile.competencies])
    chart.add(_("Required"), [row.required for row in profile.competencies])
    return str(chart.render(is_unicode=True))


def radar_data_uri(profile: Profile) -> str:
    """For the PDF: WeasyPrint draws an SVG given as an image."""
    return "data:image/svg+xml;base64," + base64.b64encode(radar(profile).encode()).decode()
