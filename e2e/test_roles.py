"""Each role signs in, sees its home page, switches language, and signs out."""

import datetime

import pytest
from playwright.sync_api import expect

from e2e.conftest import go, nav_link, sign_in
from eacademy.core.iin import MALE, make_iin

ROLES = [
    ("admin", "Администратор", ["Люди", "Ведомства", "Администрирование"]),
    ("methodologist", "Методист", ["Люди", "Ведомства"]),
    ("head", "Начальник кафедры", ["Люди", "Ведомства"]),
    ("lecturer", "Преподаватель", ["Ведомства"]),
    ("coordinator", "Координатор ведомства", ["Люди", "Ведомства"]),
    ("directhead", "Непосредственный руководитель", []),
    ("listener", "Слушатель", []),
    ("expert", "Эксперт по оценке", []),
    ("dormitory", "Сотрудник общежития", []),
    ("leadership", "Руководство", ["Люди", "Ведомства"]),
    ("accountant", "Бухгалтер", ["Платные услуги", "Счета", "Задолженность"]),
    ("librarian", "Библиотекарь", ["Кафедра выдачи", "Библиотека"]),
    ("student", "Магистрант или докторант", ["Моя учёба в магистратуре и докторантуре"]),
]


@pytest.mark.parametrize(("username", "role", "links"), ROLES)
def test_each_role_signs_in_switches_language_and_signs_out(page, username: str, role: str, links: list[str]) -> None:
    sign_in(page, username)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_test_id("roles")).to_contain_text(role)
    expect(page.get_by_role("navigation", name="Основная навигация")).to_be_visible()
    for link in links:
        expect(nav_link(page, link)).to_have_count(1)
    if "Администрирование" not in links:
        expect(nav_link(page, "Администрирование")).to_have_count(0)
    page.get_by_test_id("lang-kk").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("link", name="Басты бет")).to_be_visible()
    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_test_id("lang-ru").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url("/accounts/login/")
    expect(page.locator("h1")).to_have_text("Войти")


def test_a_wrong_password_is_explained_and_nothing_opens(page) -> None:
    sign_in(page, "lecturer", "not the password")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url("/accounts/login/")


def test_a_methodologist_fixes_a_mistyped_iin_and_registers_the_person(page) -> None:
    iin = make_iin(datetime.date(1993, 7, 14), MALE, 8642)
    sign_in(page, "methodologist")
    go(page, "Люди")
    page.get_by_role("link", name="Зарегистрировать человека").click()
    page.fill("#id_iin", iin[:11] + str((int(iin[11]) + 1) % 10))
    page.fill("#id_last_name", "Құрманғалиев")
    page.fill("#id_first_name", "Дәурен")
    page.get_by_test_id("save").click()
    expect(page.locator("#id_iin_error")).to_contain_text("Неверная контрольная цифра ИИН")
    expect(page.get_by_role("alert")).to_contain_text("Ничего не сохранено")
    page.fill("#id_iin", iin)
    page.get_by_test_id("save").click()
    expect(page.locator("h1")).to_have_text("Құрманғалиев Дәурен")
    expect(page.locator(".facts")).to_contain_text("14.07.1993")
    go(page, "Люди")
    page.fill("#q", "құрманғалиев д")
    expect(page.get_by_role("link", name="Құрманғалиев Дәурен")).to_be_visible()
