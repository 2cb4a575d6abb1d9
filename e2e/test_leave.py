"""Must show 2, in Chromium: the listener asks to leave the territory; the Rector approves; the
listener prints the written permission; the dormitory sees him in the "out now" register (and
the demo's listener who is late back in "late"), then registers his return."""

import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from e2e.conftest import sign_in

ALMATY = ZoneInfo("Asia/Almaty")  # the server's TIME_ZONE: the form's times are read in it


def test_a_leave_request_from_asking_to_return(browser, server, tmp_path):
    now = datetime.datetime.now(ALMATY).replace(second=0, microsecond=0)
    context = browser.new_context(base_url=server, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    sign_in(page, "listener")
    page.goto("/campus/leave/")
    page.select_option("#id_kind", "leave")
    page.fill("#id_leaves_at", (now - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_returns_at", (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_destination", "Астана, ул. Сарыарка, 3")
    page.fill("#id_reason", "Свадьба брата")
    page.get_by_test_id("ask-leave").click()
    expect(page.locator("main table")).to_contain_text("Запрошено")
    context.clear_cookies()

    sign_in(page, "leadership")
    page.goto("/campus/leave/")
    request = page.locator(".item", has_text="Астана, ул. Сарыарка, 3")
    request.locator("select[name=approve]").select_option("1")
    request.locator("input[name=comment]").fill("Разрешаю")
    request.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("Решение записано")
    context.clear_cookies()

    sign_in(page, "listener")
    page.goto("/campus/leave/")
    expect(page.locator("main table")).to_contain_text("Разрешено")
    with page.expect_download() as download:
        page.locator("main table a", has_text="Разрешение (PDF)").first.click()
    target = tmp_path / "permission.pdf"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    context.clear_cookies()

    sign_in(page, "dormitory")
    page.goto("/campus/leave/")
    out_now = page.get_by_test_id("out-now")
    row = out_now.locator("tr", has_text="Астана, ул. Сарыарка, 3")
    expect(row).to_have_count(1)
    expect(page.get_by_test_id("late").locator("tbody tr")).not_to_have_count(0)
    expect(page.get_by_test_id("late")).not_to_contain_text("Никого")
    row.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("Возвращение зарегистрировано")
    expect(out_now.locator("tr", has_text="Астана, ул. Сарыарка, 3")).to_have_count(0)
    context.close()
