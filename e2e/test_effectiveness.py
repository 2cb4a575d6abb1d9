"""Leadership reads the strategy's indicators in Kazakh and follows a bar of the chart to the
officers behind it; a methodologist builds a survey of the staff climate and asks the staff."""

import re

from playwright.sync_api import expect

from e2e.conftest import sign_in


def test_a_bar_leads_to_the_officers_behind_it(browser, server):
    context = browser.new_context(base_url=server, locale="kk-KZ")
    page = context.new_page()
    sign_in(page, "leadership")
    page.goto("/analytics/")
    expect(page.locator("h1")).to_have_text("Стратегияның көрсеткіштері")
    expect(page.get_by_test_id("cards")).to_contain_text("1 750")
    bar = page.locator("figure.chart svg a").first
    href = bar.get_attribute("xlink:href") or bar.get_attribute("href")
    year = re.search(r"year=(\d{4})", href).group(1)
    bar.locator("rect").first.click()
    expect(page).to_have_url(re.compile(rf"/analytics/trained/\?year={year}"))
    expect(page.locator("main table tbody tr").first).to_be_visible()
    with page.expect_download() as download:
        page.goto(f"/analytics/effectiveness/?year={year}&by=lecturer")
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()


def test_a_methodologist_builds_a_climate_survey(browser, server):
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    sign_in(page, "methodologist")
    page.goto("/evaluation/surveys/new/")
    page.fill("#id_title", "Климат в коллективе, весна")
    page.select_option("#id_kind", "climate")
    page.select_option("#id_audience", "staff")
    page.fill("#id_opens_at", "2026-01-01T09:00")
    page.fill("#id_closes_at", "2099-01-01T09:00")
    page.get_by_test_id("create-survey").click()
    page.fill("#id_text", "В коллективе доверительная атмосфера")
    page.get_by_test_id("add-question").click()
    expect(page.get_by_test_id("questions")).to_contain_text("доверительная атмосфера")
    page.get_by_test_id("invite").click()
    expect(page.locator(".messages")).to_contain_text("Ответить попросили")
    context.close()
