"""A methodologist opens a group's week and tries to move a lesson onto the time of another
lesson of the group: he is told why not, and nothing is saved."""

import re

from playwright.sync_api import expect

from e2e.conftest import sign_in


def test_a_clashing_move_is_refused_with_its_reason(browser, server):
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    sign_in(page, "methodologist")
    page.goto("/timetable/")
    page.locator("form.filters").first.locator("button[type=submit]").click()
    expect(page.get_by_test_id("week")).to_be_visible()
    rows = page.locator("table.week tbody tr")
    taken = next((r, c) for r in range(rows.count()) for c in range(1, 7) if rows.nth(r).locator("td").nth(c - 1).locator(".lesson").count())
    row, column = taken
    day = re.search(r"(\d\d)\.(\d\d)", page.locator("table.week thead th").nth(column).inner_text()).groups()
    other = next(link for link in page.locator("td .lesson a").all()
                 if link.evaluate("(a, cell) => a.closest('td') !== cell", rows.nth(row).locator("td").nth(column - 1).element_handle()))
    other.click()
    expect(page).to_have_url(re.compile(r"/timetable/lessons/\d+/move/"))
    year = page.locator("#id_day").input_value()[:4]
    page.fill("#id_day", f"{year}-{day[1]}-{day[0]}")
    page.select_option("#id_period", index=row + 1)  # index 0 is the empty choice
    page.get_by_test_id("move").click()
    expect(page.locator(".alert")).to_contain_text("У группы в это время другое занятие")
    context.close()
