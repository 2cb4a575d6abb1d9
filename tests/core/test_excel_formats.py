"""Excel exports are read back as a user's Excel would show them: shares as percentages, dates
as dates, means with two decimals, and a file name that says what and when."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from eacademy.core.documents import DATE_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT
from eacademy.core.roles import Role
from eacademy.evaluation import queries as indicators

pytestmark = pytest.mark.django_db
TODAY = re.escape(f"-on-{datetime.date.today():%Y-%m-%d}")


def _download(client, url: str, name: str):
    response = client.get(url)
    assert response.status_code == 200
    assert re.fullmatch(rf'attachment; filename="{name}{TODAY}\.xlsx"', response["Content-Disposition"]), response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def _formats(sheet, column: str) -> set[str]:
    """The number formats of a column's cells that hold a value, below the header."""
    header = [c.value for c in sheet[1]]
    index = header.index(column)
    return {row[index].number_format for row in sheet.iter_rows(min_row=2) if row[index].value is not None}


def test_the_effectiveness_workbook_shows_shares_as_percentages_and_means_with_two_decimals(client_as):
    year = max(y for y in indicators.years() if y < datetime.date.today().year)
    workbook = _download(client_as(Role.METHODOLOGIST), f"/analytics/effectiveness/?year={year}&by=programme&format=xlsx",
                         f"effectiveness-by-programme-{year}")
    sheet = workbook[workbook.sheetnames[0]]
    assert _formats(sheet, "Index") == {PERCENT_FORMAT} and _formats(sheet, "Learning gain (level 2)") == {PERCENT_FORMAT}
    assert _formats(sheet, "Listeners (level 1, 1–5)") == {DECIMAL_FORMAT}
    indices = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[-1] is not None]
    assert indices and all(0 <= value <= 1 for value in indices)  # a number Excel can add up, shown as a percentage
    by_year = workbook[workbook.sheetnames[1]]
    for row in by_year.iter_rows(min_row=2, values_only=True):
        if not row[1]:  # nobody completed a course that year: no scores to show
            assert set(row[2:]) == {None}


def test_the_indicators_workbook_gives_its_cards_as_numbers(client_as):
    year = max(y for y in indicators.years() if y < datetime.date.today().year)
    workbook = _download(client_as(Role.LEADERSHIP), f"/analytics/?year={year}&format=xlsx", f"indicators-{year}")
    cards = {row[0].value: row[1] for row in workbook[workbook.sheetnames[0]].iter_rows(min_row=2)}
    assert isinstance(cards[f"Officers trained in {year}"].value, int)
    assert cards["Effectiveness index"].number_format == PERCENT_FORMAT and isinstance(cards["Effectiveness index"].value, float)


@pytest.mark.parametrize(("role", "url", "name", "dates"), [
    (Role.METHODOLOGIST, "/plan/plan.xlsx?year={year}", "plan-{year}", ["Starts on", "Ends on"]),
    (Role.LEADERSHIP, "/analytics/trained/?year={year}&format=xlsx", "trained-{year}", ["Starts", "Ends"]),
    (Role.METHODOLOGIST, "/staff/?format=xlsx", "teaching-staff", ["Last development"]),
])
def test_dates_are_dates_in_the_workbook(client_as, role, url, name, dates):
    year = datetime.date.today().year - 1
    workbook = _download(client_as(role), url.format(year=year), name.format(year=year))
    for column in dates:
        assert _formats(workbook.active, column) == {DATE_FORMAT}, column
        assert all(isinstance(value, datetime.datetime) for value in (r[[c.value for c in workbook.active[1]].index(column)]
                                                                       for r in workbook.active.iter_rows(min_row=2, values_only=True)) if value)
