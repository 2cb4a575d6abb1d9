"""The lecturer marks attendance with a tap (the cell updates in place); the listener finds his
certificate in "My studies"; anyone can verify it from its address."""

from playwright.sync_api import expect

from e2e.conftest import sign_in


def test_a_tap_in_the_journal_and_a_verified_certificate(browser, server):
    context = browser.new_context(base_url=server, locale="ru-RU")
    page = context.new_page()
    sign_in(page, "lecturer")
    page.goto("/journal/")
    page.locator("table tbody a").last.click()  # last year's course: the only one already held
    page.locator("main ul li a").first.click()
    button = page.locator("form.attendance button[value=absent]").first
    button.click()
    expect(page.locator("form.attendance button[value=absent]").first).to_have_attribute("aria-pressed", "true")
    page.get_by_test_id("logout").click()

    sign_in(page, "listener")
    page.goto("/journal/my/")
    page.get_by_test_id("certificate").click()
    address = page.locator("a[href*='/verify/']").first.get_attribute("href")
    anonymous = browser.new_context(locale="ru-RU").new_page()
    anonymous.goto(address.replace("http://127.0.0.1:8000", server))
    expect(anonymous.get_by_test_id("verdict")).to_contain_text("Этот сертификат действителен")
    context.close()
