"""Must show 2: on the freshly loaded demo, each of the ten roles signs in and does the first
piece of its day's work from its home page, by clicking, without typing an address."""

import re
import subprocess
import sys

from playwright.sync_api import expect

from e2e.conftest import sign_in


def _task(page, key: str):
    return page.get_by_test_id(f"task-{key}")


def test_the_listener_takes_his_open_test_and_sees_his_score(page) -> None:
    sign_in(page, "listener")
    _task(page, "tests").get_by_role("button", name="Запустить").first.click()
    expect(page).to_have_url(re.compile(r"/exams/attempts/\d+/$"))
    first = page.locator("fieldset.question", has=page.locator("input[type=radio]")).first  # the questions come in a random order
    first.locator("input[type=radio]").first.check()
    expect(first).to_contain_text("✓")  # saved
    page.get_by_test_id("finish").click()
    expect(page.locator("h1")).to_have_text("Завершить попытку?")
    expect(page.get_by_test_id("unanswered")).to_contain_text("без ответа")
    page.get_by_test_id("finish-confirm").click()
    expect(page.get_by_test_id("score")).to_contain_text("Балл")
    page.get_by_role("link", name="Главная").first.click()
    expect(_task(page, "tests")).not_to_contain_text("Входной контроль")


def _an_officer_to_nominate(installation: dict[str, str]) -> tuple[int, str]:
    """The first course on the coordinator's home page that an officer of his agency is eligible
    for (a course of initial training is for recruits, whom he names by IIN instead), as its
    place in the list, and the full name of that officer: the person he has in mind, read from
    the scratch database."""
    code = (
        "from eacademy.analytics.today import tasks_for; from eacademy.core.models import User; from eacademy.planning.models import Offering;"
        "from eacademy.enrollment.queries import in_categories; from eacademy.people.queries import visible_to;"
        "user = User.objects.get(username='coordinator');"
        "items = next(t for t in tasks_for(user) if t.key == 'nominate').items;"
        "offerings = [Offering.objects.get(pk=int(item.url.split('/')[-3])) for item in items];"
        "found = [(n, visible_to(user).filter(in_categories(o.version.target_categories)).exclude(applications__offering=o).order_by('pk').first())"
        " for n, o in enumerate(offerings)];"
        "n, person = next((n, p) for n, p in found if p is not None);"
        "print(n, person.full_name)"
    )
    result = subprocess.run([sys.executable, "-m", "eacademy", "shell", "-c", code], env=installation, capture_output=True, text=True, check=True)
    place, name = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(place), name


def test_the_coordinator_nominates_an_officer_found_by_name(page, installation) -> None:
    place, wanted = _an_officer_to_nominate(installation)
    sign_in(page, "coordinator")
    _task(page, "nominate").locator("li a").nth(place).click()
    expect(page.locator("h1")).to_have_text("Направление на курс")
    page.get_by_test_id("nominee-search").fill(" ".join(wanted.split()[:2]).lower())
    page.get_by_role("button", name="Найти").click()
    row = page.get_by_test_id("found").locator("tbody tr", has_text=wanted)
    name = wanted
    row.get_by_role("button", name="Направить").click()
    expect(page.locator(".messages")).to_contain_text(f"{name} направлен(а) на курс")
    expect(page.get_by_test_id("nominated")).to_contain_text(name)


def test_the_methodologist_writes_a_question_and_puts_it_in_a_test(page) -> None:
    sign_in(page, "methodologist")
    _task(page, "banks").locator("li a").first.click()
    page.get_by_test_id("new-question").click()
    page.select_option("#id_kind", label="Один вариант")
    page.fill("#id_category", "Браузер")
    page.fill("#id_name", "Сроки задержания")
    page.fill("#id_text_ru", "Сколько часов может длиться задержание без санкции суда?")
    page.fill("#id_answer_0", "72")
    page.select_option("#id_grade_0", label="100%")
    page.fill("#id_answer_1", "24")
    page.fill("#id_default_mark", "")
    page.get_by_test_id("save-question").click()
    expect(page.locator("#id_default_mark_error")).to_be_visible()  # refused at the field, what was typed kept
    expect(page.locator("#id_answer_0")).to_have_value("72")
    page.fill("#id_default_mark", "1")
    page.select_option("#id_exam", index=1)
    page.get_by_test_id("save-question").click()
    expect(page.locator(".messages")).to_contain_text("Вопрос «Сроки задержания» сохранён и добавлен в тест")
    expect(page.locator("main")).to_contain_text("Сроки задержания")


def test_the_lecturer_marks_attendance_for_today_s_lesson(page) -> None:
    sign_in(page, "lecturer")
    _task(page, "teaching").locator("li a").first.click()
    cell = page.locator("form.attendance.unset").first
    button = cell.locator("button[value=present]")
    testid = button.get_attribute("data-testid")
    button.click()
    expect(page.get_by_test_id(testid)).to_have_attribute("aria-pressed", "true")


def test_the_expert_rates_a_candidate(page) -> None:
    sign_in(page, "expert")
    _task(page, "ratings").locator("li a").first.click()
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("input[type=radio][value='3']").check()
    page.get_by_test_id("submit-ratings").click()
    expect(page.locator(".messages")).to_contain_text("Оценки сохранены")


def test_the_dormitory_checks_a_listener_in(page) -> None:
    sign_in(page, "dormitory")
    arrival = _task(page, "arrivals").locator("li a").first
    name = arrival.inner_text()
    arrival.click()
    row = page.locator("tr", has_text=name)
    row.get_by_role("button", name="Заселить").click()
    expect(page.locator("tr", has_text=name)).to_contain_text("Заселён")


def test_the_leadership_signs_an_order(page) -> None:
    sign_in(page, "leadership")
    _task(page, "orders").locator("li a").first.click()
    page.get_by_test_id("sign").click()
    expect(page.locator(".messages")).to_contain_text("подписан")


def test_the_direct_head_evaluates_his_officer(page) -> None:
    sign_in(page, "directhead")
    item = _task(page, "follow-ups").locator("li a").first
    name = item.inner_text()
    item.click()
    for group in page.locator("main form div:has(input[type=radio])").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_test_id("send-evaluation").click()
    expect(page.locator(".messages")).to_contain_text(name)
    expect(_task(page, "follow-ups")).not_to_contain_text(name)


def test_the_head_approves_a_programme_draft(page) -> None:
    sign_in(page, "head")
    _task(page, "drafts").locator("li a").first.click()
    page.select_option("#id_decision", index=1)  # the Academic Council's decision on the programmes
    page.select_option("#id_reviewing_agency", index=1)
    page.fill("#id_conclusion", "Программа согласована с Генеральной прокуратурой.")
    page.get_by_test_id("approve").click()
    expect(page.locator(".messages")).to_contain_text("Версия утверждена.")


def test_the_administrator_resets_a_password(page, browser, server) -> None:
    sign_in(page, "admin")
    _task(page, "users").get_by_role("link", name="Пользователи и пароли").click()
    page.fill("#searchbar", "invited1")
    page.locator("#changelist-search input[type=submit]").click()
    page.get_by_role("link", name="invited1", exact=True).click()
    page.locator("a[href$='/password/']").first.click()
    page.fill("#id_password1", "Жаңа-құпия-2026")
    page.fill("#id_password2", "Жаңа-құпия-2026")
    page.locator("input[type=submit]").last.click()
    expect(page.locator(".messagelist, .messages")).to_contain_text("Пароль успешно изменен")
    other = browser.new_context(base_url=server, locale="ru-RU").new_page()
    sign_in(other, "invited1", "Жаңа-құпия-2026")
    expect(other.get_by_test_id("home-title")).to_be_visible()
    other.context.close()
