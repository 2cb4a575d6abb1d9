"""Issue 22 in Chromium: the listener opens his course's space, reads a lecture written in the
browser, and his progress moves; the lecturer sees who is behind. The listener hands in an
essay (a draft, then the final work with the statement), the lecturer marks it blind by its
rubric and releases it, the mark is in the journal with its history and the course's
completion moves. A SCORM package added by the lecturer runs in the listener's browser and its
score reaches the journal."""

import re

from playwright.sync_api import expect
from tests.distance.scorm_package import scorm_12

from e2e.conftest import go, sign_in


def _done(page) -> int:
    return int(re.match(r"\d+", page.get_by_test_id("progress-text").inner_text()).group())


def test_a_listener_reads_a_material_and_his_progress_moves(page) -> None:
    sign_in(page, "listener")
    go(page, "Дистанционное обучение")
    page.locator("main ul li a").first.click()
    expect(page.get_by_test_id("progress")).to_be_visible()
    before = _done(page)
    unread = page.locator("main li", has_not=page.get_by_test_id("opened")).locator("a[data-testid^=material-]").first
    title = unread.inner_text()
    unread.click()
    expect(page.locator("h1")).to_have_text(title)
    page.go_back()
    page.reload()
    assert _done(page) == before + 1
    page.get_by_test_id("logout").click()
    sign_in(page, "lecturer")
    go(page, "Дистанционное обучение")
    page.locator("main ul li a").first.click()
    expect(page.get_by_role("heading", name="Кто отстаёт")).to_be_visible()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_essay_from_a_draft_through_blind_marking_into_the_journal_and_the_course_s_completion(page) -> None:
    """Must show 1 of issue 22."""
    sign_in(page, "listener")
    go(page, "Дистанционное обучение")
    page.locator("main ul li a").first.click()
    before = _done(page)
    page.get_by_role("link", name="Эссе: основания начала досудебного расследования").click()
    essay = page.url
    page.get_by_label("ваш текст").fill("Поводом к началу досудебного расследования является заявление (ст. 180 УПК)…")
    page.set_input_files("#id_files", files=[{"name": "эссе.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_test_id("status")).to_have_text("Черновик")
    expect(page.get_by_role("link", name="эссе.pdf")).to_be_visible()
    page.get_by_label(re.compile("Подтверждаю, что эта работа моя")).check()
    page.get_by_role("button", name="Сдать на оценивание").click()
    expect(page.get_by_test_id("status")).to_have_text("Сдано на оценивание")
    page.get_by_test_id("logout").click()

    sign_in(page, "lecturer")
    page.goto(essay)
    row = page.get_by_test_id("work").filter(has=page.get_by_test_id("mark-link"))
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_contain_text("Участник")  # blind: a number, not the name
    row.get_by_test_id("mark-link").click()
    expect(page.get_by_test_id("work-text")).to_contain_text("ст. 180 УПК")
    criteria = page.locator("input[name^=criterion-]")
    criteria.nth(0).fill("50")
    criteria.nth(1).fill("35")
    page.get_by_label("отзыв", exact=True).fill("Позиция обоснована; добавьте ссылки на практику.")
    page.get_by_label("готово к публикации").check()
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_role("button", name="Опубликовать готовые оценки").click()
    row = page.get_by_test_id("work").filter(has=page.get_by_test_id("journal-link"))
    expect(row).to_have_count(1)
    expect(row.locator("td").first).not_to_contain_text("Участник")  # released: the name is shown
    row.get_by_test_id("mark-link").click()
    expect(page.get_by_test_id("journal-history")).to_contain_text("85")
    expect(page.get_by_test_id("journal-history")).to_contain_text("Задание оценено (попытка 1)")
    page.go_back()
    page.get_by_test_id("work").filter(has=page.get_by_test_id("journal-link")).get_by_test_id("journal-link").click()
    expect(page.locator("span[title^='Задание «Эссе']")).to_have_text("85")
    page.get_by_test_id("logout").click()

    sign_in(page, "listener")
    page.goto(essay)
    expect(page.get_by_test_id("grade")).to_contain_text("85")
    page.locator(".heading p a").first.click()  # back to the course
    assert _done(page) == before + 1


def test_a_scorm_package_set_by_the_lecturer_runs_in_the_browser_and_its_score_reaches_the_journal(page) -> None:
    """Must show 4 of issue 22: a SCORM 1.2 package built by the tests (tests/distance/scorm_package.py)."""
    sign_in(page, "listener")
    go(page, "Дистанционное обучение")
    page.locator("main ul li a").first.click()
    course = page.url
    page.get_by_test_id("logout").click()

    sign_in(page, "lecturer")
    page.goto(course)
    adding = page.locator("details", has=page.get_by_text("Добавить пакет SCORM")).first
    adding.locator("summary").click()
    adding.locator("input[name=upload]").set_input_files(files=[{"name": "quiz.zip", "mimeType": "application/zip", "buffer": scorm_12(85)}])
    adding.locator("select[name=discipline]").select_option(index=1)
    adding.get_by_role("button", name="Добавить").click()
    expect(page.get_by_role("link", name="Самопроверка: меры пресечения")).to_be_visible()
    page.get_by_test_id("logout").click()

    sign_in(page, "listener")
    page.goto(course)
    page.get_by_role("link", name="Самопроверка: меры пресечения").click()
    expect(page.frame_locator("[data-testid=scorm-frame]").locator("#state")).to_have_text("Готово: 85")
    page.reload()
    expect(page.get_by_test_id("package-result")).to_contain_text("85")
    page.goto("/journal/my/")
    expect(page.locator("main li", has_text="Самопроверка: меры пресечения")).to_contain_text("85")
