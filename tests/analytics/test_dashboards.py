"""The KPI and effectiveness dashboards: figures, scope by role, drill-down, exports, refusals
of garbage filters, and a query count that does not grow with the years of data."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import queries as indicators
from eacademy.evaluation import rollups
from eacademy.evaluation.models import CourseFigures
from eacademy.people.queries import agency_id_of
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _last_year() -> int:
    return max(y for y in indicators.years() if y < datetime.date.today().year)


def test_the_dashboard_shows_the_strategy_s_indicators_with_charts_and_tables(client_as):
    year = _last_year()
    page = client_as(Role.LEADERSHIP).get("/analytics/")
    html = page.content.decode()
    trained, _distance = indicators.trained_by_year()[year]
    assert page.status_code == 200 and f'<span class="value">{trained:,}</span>'.replace(",", " ") in html
    assert f"Officers trained in {year}" in html and "1 750" in html
    assert html.count("<svg") >= 4 and not re.search(r'(src|href)="(https?:)?//', html)  # drawn on the server, nothing fetched
    assert f'href="/analytics/trained/?year={year}&amp;officers=1"' in html  # a bar and its table row lead to the list behind them
    assert "Share of each agency" in html and "Trained by agency and kind of programme" in html


def test_the_list_behind_a_bar_has_exactly_the_bar_s_count(client_as):
    year = _last_year()
    trained, _distance = indicators.trained_by_year()[year]
    listed = client_as(Role.LEADERSHIP).get(f"/analytics/trained/?year={year}&officers=1")
    assert listed.context["page"].paginator.count == trained  # the officers behind the bar, each once
    completions = Enrollment.objects.filter(status="completed", offering__ends_on__year=year).count()
    everyone = client_as(Role.LEADERSHIP).get(f"/analytics/trained/?year={year}")  # without officers=1: every completion of the year
    assert everyone.context["page"].paginator.count == completions
    workbook = load_workbook(io.BytesIO(client_as(Role.LEADERSHIP).get(f"/analytics/trained/?year={year}&format=xlsx").content))
    assert workbook.active.max_row == completions + 1


def test_a_coordinator_sees_only_his_agency(client_as, persona):
    mine = agency_id_of(persona(Role.AGENCY_COORDINATOR))
    other = CourseFigures.objects.exclude(agency_id=mine).exclude(agency=None).values_list("agency_id", flat=True).first()
    page = client_as(Role.AGENCY_COORDINATOR).get(f"/analytics/trained/?year={_last_year()}&agency={other}")
    agencies = {e.person.agency_id for e in page.context["page"]}
    assert agencies == {mine}
    board = client_as(Role.AGENCY_COORDINATOR).get(f"/analytics/?agency={other}")
    assert board.context["filters"].agency_id == mine


def test_exports_carry_the_same_figures(client_as):
    year = _last_year()
    client = client_as(Role.METHODOLOGIST)
    workbook = load_workbook(io.BytesIO(client.get(f"/analytics/?year={year}&format=xlsx").content))
    trained, _distance = indicators.trained_by_year()[year]
    first = workbook[workbook.sheetnames[1]]
    assert next(row for row in first.iter_rows(values_only=True) if row[0] == year)[1] == trained
    assert len(workbook.sheetnames) >= 5
    pdf = client.get(f"/analytics/effectiveness/?year={year}&by=lecturer&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("query", ["year=abc", "year=1900", "agency=999999", "programme=x", "by=nonsense"])
def test_garbage_filters_are_refused_with_a_message(client_as, query):
    page = client_as(Role.LEADERSHIP).get(f"/analytics/effectiveness/?{query}", follow=True)
    assert page.status_code == 200
    if not query.startswith("by="):
        assert "not valid and is left out" in page.content.decode()
    assert page.context["filters"].year == _last_year()


@pytest.mark.parametrize("by", ["programme", "offering", "lecturer", "department", "agency"])
def test_every_view_of_effectiveness_shows_its_indicators(client_as, by):
    page = client_as(Role.HEAD_OF_DEPARTMENT).get(f"/analytics/effectiveness/?by={by}&year={_last_year()}")
    assert page.status_code == 200 and "Index = 0.4" in page.content.decode()


def test_the_dashboard_s_queries_do_not_grow_with_the_data(client_as, persona):
    from eacademy.catalog.models import ProgrammeVersion
    from eacademy.people.models import Person
    from tests.evaluation.test_indicators import YEAR, _course

    client = client_as(Role.LEADERSHIP)
    urls = ["/analytics/", "/analytics/effectiveness/?by=lecturer", "/analytics/effectiveness/?by=programme"]

    def drawn(url: str) -> int:  # a page drawn afresh, as after the worker rewrites the rollups
        client.get(url)
        rollups.refresh([])
        return page_queries(client, url)

    before = [drawn(url) for url in urls]
    versions = ProgrammeVersion.objects.filter(status="approved").order_by("pk")
    people = list(Person.objects.filter(agency__kind="domestic", user=None)[:40])
    created = [_course(version, people[i * 4:i * 4 + 4], starts=datetime.date(YEAR + i % 3, 3, 1))[0] for i, version in enumerate(versions[:10])]
    rollups.refresh([o.pk for o in created])
    assert [drawn(url) for url in urls] == before


def test_the_figures_are_drawn_once_and_never_outlive_the_rollups(client_as):
    client = client_as(Role.LEADERSHIP)
    year = _last_year()
    url = f"/analytics/?year={year}"
    client.get(url)
    rollups.refresh([])  # a new version of the rollups: the next view draws afresh
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    drawn = len(context.captured_queries)  # read now: the next request clears the log
    assert page_queries(client, url) < drawn - 5  # then the figures come from the cache

    def shown() -> bool:
        return f'<span class="value">{before - 1:,}</span>'.replace(",", " ") in client.get(url).content.decode()

    before = indicators.trained_by_year()[year][0]
    leaver = Enrollment.objects.filter(status="completed", offering__ends_on__year=year, person__agency__code="prosecutor").first()
    Enrollment.objects.filter(pk=leaver.pk).update(status="expelled")
    assert not shown()  # the rollups are not rewritten yet
    rollups.refresh([leaver.offering_id])  # what the task worker does after such a change
    assert shown()


def test_a_garbage_filter_leaves_the_valid_ones_in_place(client_as):
    agency = CourseFigures.objects.exclude(agency=None).values_list("agency_id", flat=True).first()
    page = client_as(Role.LEADERSHIP).get(f"/analytics/?year=abc&agency={agency}")
    assert page.context["filters"].agency_id == agency and page.context["filters"].year == _last_year()
