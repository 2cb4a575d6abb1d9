import hashlib
from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eacademy.analytics import dashboards, queries, today
from eacademy.analytics.forms import EffectivenessForm, FilterForm
from eacademy.analytics.rules import DASHBOARD_READERS
from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.documents import Percent, dated_filename, pdf_response, xlsx_response, xlsx_sheets_response
from eacademy.core.numbers import MAX_ID, query_int
from eacademy.core.roles import Role
from eacademy.evaluation import queries as indicators
from eacademy.evaluation.queries import Filters
from eacademy.events import queries as events_queries
from eacademy.people.models import Person
from eacademy.people.queries import academy_unit_id_of, agency_id_of
from eacademy.postgrad import queries as postgrad_queries
from eacademy.staff import queries as staff_queries


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """Each role's working day: what is due, waiting or happening today, with links to do it;
    below, for the academy-wide roles, the Academy in figures."""
    user = signed_in_user(request)
    person = Person.objects.filter(user=user).select_related("agency", "position", "rank").first()
    context: dict[str, object] = {"person": person, "roles": [Role(r).label for r in sorted(user.roles)], "tasks": today.tasks_for(user)}
    if user.is_academy_wide:
        context["figures"] = queries.academy_figures()
    if user.has_role(Role.AGENCY_COORDINATOR) and person is not None and person.agency_id:
        context["agency_people"] = queries.agency_people_count(person.agency_id)
    return render(request, "analytics/home.html", context)




def _scope(request: HttpRequest, form_class: type[FilterForm]) -> tuple[FilterForm, Filters, list[int], str]:
    """The filters asked for, narrowed to what the user may see: a coordinator sees his agency,
    a head of department (not also academy-wide) his department."""
    user = signed_in_user(request)
    stamp = indicators.stamp()
    years: list[int] = cache.get_or_set(f"analytics:years:{stamp}", indicators.years, 24 * 3600) or []
    finished = [y for y in years if y < timezone.localdate().year]  # the current year is not over: the last full one is shown first
    default_year = (finished or years)[-1] if years else None
    form = form_class(request.GET or None, years=years, initial={"year": default_year})
    if form.is_bound:
        form.is_valid()
    data = form.cleaned_data if form.is_bound else {}  # holds the valid filters, the others are left out
    if form.is_bound and form.errors:
        messages.error(request, _("A filter was not valid and is left out: %(fields)s.") % {"fields": ", ".join(str(form.fields[f].label) for f in form.errors if f in form.fields)})
    agency, programme, department = data.get("agency"), data.get("programme"), data.get("department")
    filters = Filters(year=data.get("year") or default_year, agency_id=agency.pk if agency else None,
                      programme_id=programme.pk if programme else None, department_id=department.pk if department else None)
    if not user.is_academy_wide:
        if user.has_role(Role.AGENCY_COORDINATOR):
            filters = replace(filters, agency_id=agency_id_of(user) or -1)
        elif user.has_role(Role.HEAD_OF_DEPARTMENT):
            filters = replace(filters, department_id=academy_unit_id_of(user) or -1)
    return form, filters, years, stamp


def _export(request: HttpRequest, what: str, title: str, sections: list[dashboards.Section], cards: list[dashboards.Card],
            filters: Filters) -> HttpResponse | None:
    """The page as Excel (shares as percentages, means with two decimals) or PDF, named for what
    it holds, its year and the day it was made."""
    kind = request.GET.get("format")
    if kind not in ("xlsx", "pdf"):
        return None
    name = dated_filename(what, filters.year or "all-years", extension=kind)
    if kind == "xlsx":
        sheets = [(f"{number}. {section.title}"[:31], section.header,
                   [[Percent(c.value) if c.percent and isinstance(c.value, int | float) else c.value for c in row] for row in section.rows])
                  for number, section in enumerate(sections, start=1)]
        if cards:
            sheets.insert(0, (_("Indicators"), [_("Indicator"), _("Value"), _("Target")],
                              [[c.label, c.value if c.figure is None else c.figure, c.target] for c in cards]))
        return xlsx_sheets_response(sheets, name)
    return pdf_response("analytics/dashboard_pdf.html", {"title": title, "sections": sections, "cards": cards, "filters": filters}, name)


def _body(request: HttpRequest, template: str, stamp: str, filters: Filters, extra: str, build: Callable[[], dict[str, object]]) -> SafeString:
    """The figures and charts of a page, drawn once per version of the rollups (they change
    only when the task worker rewrites them), language and filters, then served from the cache."""
    key = "analytics:" + hashlib.sha256(f"{template}:{stamp}:{get_language()}:{extra}:{filters}".encode()).hexdigest()
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string(template, build(), request)
        cache.set(key, html, 24 * 3600)
    return mark_safe(html)  # noqa: S308 - rendered by our template above


@role_required(*DASHBOARD_READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The strategy's indicators against their targets, by year, agency and programme."""
    form, filters, years, stamp = _scope(request, FilterForm)
    title = _("Indicators of the strategy")
    if request.GET.get("format"):
        board = dashboards.main(filters, years)
        exported = _export(request, "indicators", title, board.sections, board.cards, filters)
        if exported is not None:
            return exported
    body = _body(request, "analytics/_dashboard_body.html", stamp, filters, f"{staff_queries.stamp()}:{events_queries.stamp()}:{postgrad_queries.stamp()}",
                 lambda: {"board": dashboards.main(filters, years)})
    return render(request, "analytics/dashboard.html", {"title": title, "form": form, "body": body, "filters": filters, "query": request.GET.urlencode(),
                                                          "stamp": stamp})


@role_required(*DASHBOARD_READERS)
def effectiveness(request: HttpRequest) -> HttpResponse:
    """The three indicators and the index per course, programme, lecturer, department or agency,
    with their trend by year and Kirkpatrick's fourth level where agencies report it."""
    form, filters, _years, stamp = _scope(request, EffectivenessForm)
    by = form.cleaned_data.get("by") or "programme" if form.is_bound else "programme"
    title = _("Effectiveness of training")

    def sections() -> list[dashboards.Section]:
        return [dashboards.effectiveness_section(by, filters), dashboards.effectiveness_section("year", replace(filters, year=None))]

    if request.GET.get("format"):
        exported = _export(request, f"effectiveness-by-{by}", title, sections(), [], filters)
        if exported is not None:
            return exported
    body = _body(request, "analytics/_effectiveness_body.html", stamp, filters, by, lambda: {
        "sections": sections(), "filters": filters, "level_four": indicators.level_four(filters.year, filters.agency_id) if filters.year else None})
    return render(request, "analytics/effectiveness.html", {"title": title, "form": form, "body": body, "filters": filters, "query": request.GET.urlencode(),
                                                          "stamp": stamp})


@role_required(*DASHBOARD_READERS)
def trained(request: HttpRequest) -> HttpResponse:
    """The list behind a bar: the completions of a year, an agency, a programme or a course; with
    `officers=1`, the strategy's officers trained in the year, each once."""
    _form, filters, _years, _stamp = _scope(request, FilterForm)
    offering = query_int(request, "offering", minimum=1, maximum=MAX_ID)
    if request.GET.get("officers") == "1" and filters.year:
        rows = indicators.officers_trained_in(filters.year, filters)
    else:
        rows = filters.completions()
        if offering is not None:
            rows = rows.filter(offering_id=offering)
        elif filters.year:
            rows = rows.filter(offering__ends_on__year=filters.year)
    rows = rows.select_related("person__agency", "offering__version__programme").order_by("-offering__ends_on", "person__last_name", "pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("Trained"), [_("Listener"), _("Agency"), _("Programme"), _("Starts"), _("Ends")],
                             ([e.person.full_name, e.person.agency.short_name if e.person.agency else "", str(e.offering.version.programme),
                               e.offering.starts_on, e.offering.ends_on] for e in rows[:20_000]),
                             dated_filename("trained", filters.year or "all-years", extension="xlsx"))
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "analytics/trained.html", {"page": page, "filters": filters, "query": params.urlencode()})
