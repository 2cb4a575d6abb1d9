"""Issue 23 in Chromium: a listener finds a book by another form of its words and reads its
copies; the librarian lends a copy at the desk and takes it back; the methodologist reads the
similarity report of the demo's master's project (the copied passage beside its source) and
decides on the violation."""

import re

from playwright.sync_api import expect

from e2e.conftest import go, sign_in


def test_a_search_a_loan_and_a_return(page) -> None:
    sign_in(page, "listener")
    go(page, "Библиотека")
    page.locator("#id_q").fill("расследования досудебные")
    page.get_by_test_id("search").click()
    expect(page.get_by_test_id("total")).to_contain_text(re.compile(r"[1-9]"))
    expect(page.locator("[data-testid=hits] mark").first).to_be_visible()
    page.locator("[data-testid=hits] li a").first.click()
    expect(page.get_by_test_id("on-shelf")).to_be_visible()
    record = page.url
    page.get_by_test_id("logout").click()

    sign_in(page, "librarian")
    go(page, "Кафедра выдачи")
    page.goto(record)
    number = page.locator("main table tbody tr", has_text="на полке").first.locator("td").first.inner_text()
    go(page, "Кафедра выдачи")
    page.get_by_label("Читатель (логин или ИИН)").fill("nobody-at-all")
    page.get_by_label("Инвентарный номер").first.fill(number)
    page.get_by_test_id("issue").click()
    expect(page.get_by_text("Нет активного пользователя с таким логином или ИИН.")).to_be_visible()
    page.get_by_label("Читатель (логин или ИИН)").fill("head")
    page.get_by_test_id("issue").click()
    expect(page.get_by_text(re.compile("Выдано до"))).to_be_visible()
    page.locator("#id_back-inventory_number").fill(number)
    page.get_by_test_id("return").click()
    expect(page.get_by_text("Экземпляр возвращён.")).to_be_visible()


def test_the_similarity_report_and_the_decision_on_a_violation(page) -> None:
    sign_in(page, "methodologist")
    go(page, "Академическая честность")
    row = page.locator("main table tbody tr").first
    row.get_by_role("link", name="отчёт").click()
    expect(page.get_by_test_id("share")).to_contain_text("%")
    passage = page.get_by_test_id("passage").first
    expect(passage).to_contain_text("Допрос свидетеля проводится следователем")
    expect(passage.locator("mark")).to_have_count(2)  # the work's words and the source's, side by side
    page.go_back()
    row = page.locator("main table tbody tr").first
    row.locator("select[name=confirmed]").select_option("1")
    row.locator("select[name=measure]").select_option("warning")
    row.locator("input[name=reason]").fill("Решение комиссии по академической честности")
    row.get_by_role("button", name="Решить").click()
    expect(page.get_by_text("Решение записано.")).to_be_visible()
    expect(page.locator("main table tbody tr").first).to_contain_text("Предупреждение")
