"""An officer applies for a published course, his coordinator approves, the methodologist
accepts, and the officer sees himself enrolled, in the browser."""

from playwright.sync_api import expect

from e2e.conftest import go, sign_in


def test_an_officer_is_enrolled_through_his_agency_and_the_academy(browser, server) -> None:
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    sign_in(page, "listener")
    go(page, "План курсов")
    year_links = page.locator("nav.tabs a")
    year_links.nth(2).click()  # next year's plan, where the published courses are
    # The latest run of an advanced course: the demo has filled only the earliest ones.
    course = page.locator("table tbody a", has_text="Прокурорский надзор за законностью досудебного расследования").last
    course_name = course.inner_text()
    course.click()
    starts_on = page.locator("p.muted").first.inner_text().split(" ")[0]
    page.get_by_test_id("apply").click()
    expect(page.locator(".messages")).to_contain_text("Ваша заявка направлена")
    expect(page.locator("table")).to_contain_text(course_name)
    expect(page.locator("table")).to_contain_text("Ожидает решения ведомства")
    page.get_by_test_id("logout").click()

    sign_in(page, "coordinator")
    go(page, "Заявки")
    row = page.locator("tr", has_text=course_name).filter(has_text=starts_on)
    row.get_by_test_id("approve-application").click()
    expect(page.locator(".messages")).to_contain_text("Заявка одобрена")
    page.get_by_test_id("logout").click()

    sign_in(page, "methodologist")
    go(page, "План курсов")
    page.locator("nav.tabs a").nth(2).click()
    page.locator("tr", has_text=course_name).filter(has_text=starts_on).get_by_role("link", name=course_name).click()
    page.get_by_role("link", name="Список слушателей").click()
    page.get_by_test_id("accept").click()
    expect(page.locator(".messages")).to_contain_text("Заявки обработаны")
    page.get_by_test_id("logout").click()

    sign_in(page, "listener")
    go(page, "Мои курсы")
    expect(page.locator("tr", has_text=course_name).filter(has_text=starts_on)).to_contain_text("Зачислен")
    context.close()
