"""The KPI and effectiveness dashboards as sections (a chart, its table, links to the lists
behind them), so that the page, the Excel workbook and the PDF show the same figures.

Everything is read from the evaluation rollups: a handful of grouped queries over small
tables, the same number whatever the years of data."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from eacademy.analytics.charts import bar_chart, line_chart
from eacademy.catalog import queries as catalog_queries
from eacademy.catalog.models import ProgrammeKind
from eacademy.core.documents import Percent
from eacademy.distance import queries as distance_queries
from eacademy.evaluation import queries as indicators
from eacademy.evaluation.queries import Filters, Sums
from eacademy.events import queries as events_queries
from eacademy.governance import queries as governance_queries
from eacademy.postgrad import queries as postgrad_queries
from eacademy.staff import queries as staff_queries


@dataclass
class Cell:
    value: object
    link: str = ""
    percent: bool = False


@dataclass
class Section:
    title: str
    header: list[str]
    rows: list[list[Cell]]
    chart: SafeString | None = None
    note: str = ""


@dataclass
class Card:
    label: str
    value: str
    target: str = ""
    met: bool | None = None
    figure: object = None  # the value as a number (a Percent for a share), for Excel


def _share(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


@dataclass
class Dashboard:
    cards: list[Card] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def trained_link(filters: Filters, **overrides: int | None) -> str:
    params: dict[str, int | None] = {"year": filters.year, "agency": filters.agency_id, "programme": filters.programme_id, "department": filters.department_id}
    params.update(overrides)
    return reverse("analytics:trained") + "?" + urlencode({k: v for k, v in params.items() if v})


def _ratio(value: float | None) -> Cell:
    return Cell(value, percent=True)


def _mean(value: float | None) -> Cell:
    return Cell(None if value is None else round(value, 2))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def main(filters: Filters, years: list[int]) -> Dashboard:
    """The strategy's indicators for the chosen year, their trend and seed 002's table."""
    board = Dashboard()
    year = filters.year
    trained = indicators.trained_by_year(filters)
    completed, distance = trained.get(year or 0, (0, 0))
    total = indicators.overall(filters)
    by_year = {row.key: row.sums for row in indicators.effectiveness("year", Filters(agency_id=filters.agency_id, programme_id=filters.programme_id,
                                                                                       department_id=filters.department_id))}
    shares = indicators.agency_shares(year) if year else []
    if filters.agency_id:
        shares = [s for s in shares if s.agency_id == filters.agency_id]
    met = sum(1 for s in shares if s.share is not None and s.share >= indicators.AGENCY_SHARE_TARGET)
    board.cards = [
        Card(_("Officers trained in %(year)s") % {"year": year}, f"{completed:,}".replace(",", " "), f"≥ {indicators.TRAINED_PER_YEAR_TARGET:,}".replace(",", " "),
             completed >= indicators.TRAINED_PER_YEAR_TARGET if not (filters.agency_id or filters.programme_id or filters.department_id) else None,
             figure=completed),
        Card(_("By distance learning"), _percent(distance / completed if completed else None), figure=_share(distance / completed if completed else None)),
        Card(_("Agencies with half their officers trained"), f"{met} / {len(shares)}", "50 %", met == len(shares) if shares else None, figure=met),
        Card(_("Listeners' satisfaction (1–5)"), "—" if total.rating is None else f"{total.rating:.2f}", figure=total.rating),
        Card(_("Heads' evaluation (1–5)"), "—" if total.heads_rating is None else f"{total.heads_rating:.2f}", figure=total.heads_rating),
        Card(_("Effectiveness index"), _percent(total.index), figure=_share(total.index)),
    ]
    if year and not (filters.agency_id or filters.programme_id or filters.department_id):  # the Academy's international training, from the events' rows
        international = events_queries.statistics(since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31))
        board.cards += [
            Card(_("Participants of international events in %(year)s") % {"year": year}, str(international.participants), figure=international.participants),
            Card(_("Regional Hub events in %(year)s") % {"year": year}, str(international.hub_events), figure=international.hub_events),
            Card(_("Officers trained abroad in %(year)s") % {"year": year}, str(international.trained_abroad), figure=international.trained_abroad),
        ]

    labels = [str(y) for y in years]
    counts = [trained.get(y, (0, 0))[0] for y in years]
    board.sections.append(Section(
        _("Officers trained per year"), [_("Year"), _("Trained"), _("Of them by distance learning"), _("Share by distance learning")],
        [[Cell(y), Cell(trained.get(y, (0, 0))[0], trained_link(filters, year=y, officers=1)), Cell(trained.get(y, (0, 0))[1]),
          _ratio(trained[y][1] / trained[y][0] if trained.get(y, (0, 0))[0] else None)] for y in years],
        bar_chart(_("Officers trained per year"), labels, {_("Trained"): counts}, [trained_link(filters, year=y, officers=1) for y in years],
                  target=indicators.TRAINED_PER_YEAR_TARGET),
        _("The red line is the target, %(target)s a year. Each officer of the Republic's law-enforcement agencies counts once a year; "
          "the Ministry of Internal Affairs, CIS and foreign listeners are left out, as in the strategy's indicator.")
        % {"target": indicators.TRAINED_PER_YEAR_TARGET},
    ))
    if shares:
        board.sections.append(Section(
            _("Share of each agency's officers trained in five years, %(year)s") % {"year": year},
            [_("Agency"), _("Trained this year"), _("Trained in five years"), _("Officers"), _("Share")],
            [[Cell(s.name), Cell(s.trained, trained_link(filters, agency=s.agency_id)), Cell(s.trained_five_years), Cell(s.headcount), _ratio(s.share)]
             for s in shares],
            bar_chart(_("Share of officers trained"), [s.name for s in shares], {_("Share"): [s.share for s in shares]},
                      [trained_link(filters, agency=s.agency_id) for s in shares], target=indicators.AGENCY_SHARE_TARGET, percent=True),
            _("The red line is the target: half of each agency's officers trained within five years."),
        ))
    trend = [by_year.get(y, Sums()) for y in years]
    board.sections.append(Section(
        _("Satisfaction and effectiveness by year"),
        [_("Year"), _("Listeners' satisfaction (1–5)"), _("Learning gain"), _("Heads' evaluation (1–5)"), _("Effectiveness index")],
        [[Cell(y), _mean(s.rating), _ratio(s.learning), _mean(s.heads_rating), _ratio(s.index)] for y, s in zip(years, trend, strict=True)],
        line_chart(_("Satisfaction and effectiveness by year"), labels,
                   {_("Satisfaction"): [s.listeners for s in trend], _("Learning gain"): [s.learning for s in trend],
                    _("Heads' evaluation"): [s.heads for s in trend], _("Effectiveness index"): [s.index for s in trend]}, percent=True, range_=(0, 1)),
        _("Satisfaction and the heads' evaluation are shown on the chart as (mean − 1) / 4."),
    ))
    rows, totals, grand = indicators.by_agency_and_kind(filters)
    kinds = [k for k in ProgrammeKind if totals.get(k.value)]
    board.sections.append(Section(
        _("Trained by agency and kind of programme, %(year)s") % {"year": year} if year else _("Trained by agency and kind of programme"),
        [_("Agency"), *[str(k.label) for k in kinds], _("Total")],
        [[Cell(name), *[Cell(cells.get(k.value, 0)) for k in kinds], Cell(total_n, trained_link(filters, agency=agency_id or None))]
         for name, agency_id, cells, total_n in rows] + [[Cell(_("Total")), *[Cell(totals[k.value]) for k in kinds], Cell(grand, trained_link(filters))]],
        bar_chart(_("Trained by agency"), [r[0] for r in rows], {_("Trained"): [r[3] for r in rows]}, [trained_link(filters, agency=r[1] or None) for r in rows]),
    ))
    board.sections.append(effectiveness_section("programme", filters))
    staff_cards, staff_section = _staff(filters, years)
    board.cards += staff_cards
    board.sections.append(staff_section)
    if not (filters.agency_id or filters.programme_id or filters.department_id):  # the Academy's own strategy: quality, digital, climate
        quality_cards, quality_section = _quality(filters.year or max(years, default=timezone.localdate().year), years)
        board.cards += quality_cards
        board.sections.append(quality_section)
    if not (filters.agency_id or filters.programme_id):  # postgraduate study is the Academy's own, not an agency's
        postgrad_cards, postgrad_section = _postgrad(filters.year or max(years, default=timezone.localdate().year))
        board.cards += postgrad_cards
        board.sections.append(postgrad_section)
    return board


def _postgrad(year: int) -> tuple[list[Card], Section]:
    """Postgraduate study: students by programme and year of admission, the distribution of GPA,
    the defences of the year on time, and the share of them implemented in practice against the
    strategy's 50–90 % (seed 003)."""
    figures = postgrad_queries.indicators(year)
    share, goal = figures.implementation_share, figures.implementation_target
    cards = [
        Card(_("Master's and doctoral students"), str(sum(n for _p, _y, n in figures.by_programme)), figure=sum(n for _p, _y, n in figures.by_programme)),
        Card(_("Defences on time in %(year)s") % {"year": year}, f"{figures.defences_on_time} / {figures.defences}", figure=figures.defences_on_time),
        Card(_("Dissertations implemented in practice, %(year)s") % {"year": year}, _percent(share), "" if goal is None else f"≥ {goal:.0%}",
             None if goal is None or share is None else share >= goal, _share(share)),
    ]
    section = Section(
        _("Postgraduate study"), [_("Programme"), _("Year of admission"), _("Students")],
        [[Cell(programme), Cell(admitted), Cell(n)] for programme, admitted, n in figures.by_programme],
        bar_chart(_("Students by overall GPA"), [label for label, _n in figures.gpa_bands], {_("Students"): [n for _label, n in figures.gpa_bands]}),
        _("The chart shows the studying students by their overall GPA, weighted by credits."),
    )
    return cards, section


def _quality(year: int, years: list[int]) -> tuple[list[Card], Section]:
    """Seed 003's quality indicators: the practice-oriented share of the approved programmes'
    taught hours (≥ 70 %), the IQAA recommendations fulfilled (90–95 %), the digitalisation share
    of the year's courses (30 → 70 %), and the staff's climate survey by year (favourable)."""
    practical, taught = catalog_queries.practice_hours()
    practice = practical / taught if taught else None
    iqaa = governance_queries.iqaa_fulfilment()
    low, high = governance_queries.IQAA_TARGET
    digital = {y: distance_queries.digital_courses(y) for y in years}
    climate = indicators.climate_by_year()

    def digital_share(y: int) -> float | None:
        online, total = digital[y] if y in digital else distance_queries.digital_courses(y)
        return online / total if total else None

    digital_goal, digital_now = staff_queries.target(distance_queries.DIGITAL_TARGET, year), digital_share(year)
    mood = climate.get(year) or climate.get(year - 1)  # the survey of the year, or the one before it
    cards = [
        Card(_("Practice-oriented share of the programmes' hours"), _percent(practice), f"≥ {catalog_queries.PRACTICE_TARGET:.0%}",
             None if practice is None else practice >= catalog_queries.PRACTICE_TARGET, _share(practice)),
        Card(_("IQAA recommendations fulfilled"), _percent(iqaa.share), f"{low:.0%}–{high:.0%}", None if iqaa.share is None else iqaa.share >= low,
             _share(iqaa.share)),
        Card(_("Digitalisation of the courses of %(year)s") % {"year": year}, _percent(digital_now),
             "" if digital_goal is None else f"≥ {digital_goal:.0%}", None if digital_goal is None or digital_now is None else digital_now >= digital_goal,
             _share(digital_now)),
        Card(_("Staff climate (1–5)"), "—" if mood is None else f"{mood[0]:.2f}", f"≥ {indicators.CLIMATE_FAVOURABLE}",
             None if mood is None else mood[0] >= indicators.CLIMATE_FAVOURABLE, None if mood is None else mood[0]),
    ]
    rows = [[Cell(y), _ratio(digital_share(y)), _ratio(staff_queries.target(distance_queries.DIGITAL_TARGET, y)),
             _mean(climate[y][0] if y in climate else None), Cell(climate[y][1] if y in climate else 0)] for y in years]
    section = Section(
        _("Quality, digitalisation and climate"),
        [_("Year"), _("Courses with an online part"), _("Target"), _("Staff climate (1–5)"), _("Staff who answered")], rows,
        line_chart(_("Digitalisation of the courses"), [str(y) for y in years], {_("Courses with an online part"): [digital_share(y) for y in years]},
                   percent=True, range_=(0, 1)),
        _("Practice-oriented hours are seminars and practicals, workshops and internships, of all taught hours (with the lectures) of the approved "
          "programmes: %(practical)s of %(taught)s. A course counts as digital when it has an online section, an assignment or an online lesson. "
          "The climate is favourable at a mean of %(favourable)s or more.") % {"practical": practical, "taught": taught,
                                                                              "favourable": indicators.CLIMATE_FAVOURABLE},
    )
    return cards, section


def _staff(filters: Filters, years: list[int]) -> tuple[list[Card], Section]:
    """Seed 003's staff indicators: scientists and practitioners among the teaching staff (as it
    stands), the share trained each year, the Regional Hub's national trainers."""
    now = staff_queries.composition(filters.department_id)
    trained = staff_queries.trained_by_year(filters.department_id)
    hub = staff_queries.hub_trainers_by_year(years)
    year = filters.year or max(years, default=0)

    def share_trained(y: int) -> float | None:
        return trained.get(y, 0) / now.teaching if now.teaching else None

    def card(label: str, value: float | None, targets: dict[int, float]) -> Card:
        goal = staff_queries.target(targets, year)
        return Card(label, _percent(value), "" if goal is None else f"≥ {goal:.0%}", None if goal is None or value is None else value >= goal, _share(value))

    cards = [card(_("Scientists and practitioners among the teaching staff"), now.share, staff_queries.SCIENTISTS_PRACTITIONERS_TARGET),
             card(_("Teaching staff trained in %(year)s") % {"year": year}, share_trained(year), staff_queries.TRAINED_SHARE_TARGET)]
    rows = [[Cell(y), Cell(trained.get(y, 0)), _ratio(share_trained(y)), _ratio(staff_queries.target(staff_queries.TRAINED_SHARE_TARGET, y)),
             Cell(hub[y])] for y in years]
    section = Section(
        _("Teaching staff"), [_("Year"), _("Staff trained"), _("Share trained"), _("Target"), _("National trainers of the Regional Hub")], rows,
        line_chart(_("Share of the teaching staff trained"), [str(y) for y in years], {_("Share trained"): [share_trained(y) for y in years]},
                   percent=True, range_=(0, 1)),
        _("Now %(teaching)s on the teaching staff (invited lecturers left out): %(scientists)s with an academic degree or title, %(practitioners)s "
          "with a special title of at least Counsellor of Justice, %(either)s either. Shares trained are of today's teaching staff; national "
          "trainers are counted in total up to each year.") % {"teaching": now.teaching, "scientists": now.scientists,
                                                               "practitioners": now.practitioners, "either": now.either},
    )
    return cards, section


def _scores(sums: Sums) -> list[Cell]:
    """The indicators of a row; none where nobody completed a course (a test taken on a course
    still running says nothing of its effectiveness yet)."""
    if not sums.completed:
        return [Cell(None) for _ in range(8)]
    return [_ratio(sums.input_mean), _ratio(sums.output_mean), _ratio(sums.learning), _mean(sums.rating), Cell(sums.answers),
            _mean(sums.heads_rating), Cell(sums.heads_n), _ratio(sums.index)]


def effectiveness_section(dimension: str, filters: Filters) -> Section:
    titles = {"offering": _("Effectiveness by course"), "programme": _("Effectiveness by programme"), "lecturer": _("Effectiveness by lecturer"),
              "department": _("Effectiveness by department"), "agency": _("Effectiveness by agency"), "year": _("Effectiveness by year")}
    rows = indicators.effectiveness(dimension, filters)
    header = [_("Name"), _("Trained"), _("Input control"), _("Output control"), _("Learning gain (level 2)"), _("Listeners (level 1, 1–5)"),
              _("Answers"), _("Heads (level 3, 1–5)"), _("Heads answered"), _("Index")]

    def link(key: int) -> str:
        if dimension in ("programme", "agency", "department"):
            return trained_link(filters, **{dimension: key})
        if dimension == "year":
            return trained_link(filters, year=key)
        if dimension == "offering":
            return reverse("analytics:trained") + "?" + urlencode({"offering": key})
        return ""

    table = [[Cell(r.label, link(r.key)), Cell(r.sums.completed), *_scores(r.sums)] for r in rows]
    ranked = sorted((r for r in rows if r.sums.index is not None), key=lambda r: -(r.sums.index or 0))[:15]
    chart = bar_chart(titles[dimension], [r.label for r in ranked], {_("Index"): [r.sums.index for r in ranked]}, [link(r.key) for r in ranked],
                      percent=True) if ranked and dimension != "year" else None
    note = _("Index = 0.4 × learning gain + 0.3 × listeners + 0.3 × heads, ratings mapped to 0–1 as (mean − 1) / 4; a missing indicator is left out and the others re-weighed.")
    if dimension == "agency":
        note += " " + _("Listeners' answers are anonymous and cannot be split by agency.")
    return Section(titles[dimension], header, table, chart, note)
