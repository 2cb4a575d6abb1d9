"""Issue 22 in Chromium, as far as it is built: the listener opens his course's space, reads a
lecture written in the browser, and his progress moves; the lecturer sees who is behind."""

import re

from playwright.sync_api import expect

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
