"""In Chromium: a head of department records a lecturer's degree and professional development on
his profile, garbage refused beside its field; the list shows them; the leadership sees the staff
indicators on the dashboard."""

from playwright.sync_api import expect

from e2e.conftest import sign_in


def test_a_head_keeps_his_lecturers_records_and_the_leadership_sees_the_indicators(browser, server):
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    sign_in(page, "head")
    page.goto("/staff/")
    row = page.locator("main table tbody tr", has_text="Старший преподаватель").first
    name = row.locator("a").first.inner_text()
    row.locator("a").first.click()

    page.select_option("#id_academic_degree", "phd")
    page.fill("#id_practice_years", "6")
    page.get_by_test_id("submit-profile").click()
    expect(page.locator("dl.facts")).to_contain_text("Доктор философии (PhD)")

    form = page.locator("form", has=page.get_by_test_id("submit-development"))
    form.locator("#id_kind").select_option("school")
    form.locator("#id_title").fill("Школа педагогического мастерства: активные методы")
    form.locator("#id_organisation").fill("Академия правоохранительных органов")
    form.locator("#id_starts_on").fill("2026-10-05")
    form.locator("#id_ends_on").fill("2026-10-01")
    form.locator("#id_hours").fill("36")
    page.get_by_test_id("submit-development").click()
    expect(page.locator(".field.invalid")).to_contain_text("Оно заканчивается в день начала или позже.")
    page.locator("form", has=page.get_by_test_id("submit-development")).locator("#id_ends_on").fill("2026-10-09")
    page.get_by_test_id("submit-development").click()
    expect(page.locator("main table").first).to_contain_text("Школа педагогического мастерства: активные методы")

    page.goto("/staff/")
    expect(page.locator("main table tbody tr", has_text=name)).to_contain_text("09.10.2026")
    context.clear_cookies()

    sign_in(page, "leadership")
    page.goto("/analytics/")
    expect(page.locator("main")).to_contain_text("Учёные и практики среди профессорско-преподавательского состава")
    expect(page.locator("main")).to_contain_text("Национальные тренеры Регионального хаба")
    context.close()
