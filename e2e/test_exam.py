"""Must show 3, in the browser: a listener answers, the server is killed (SIGKILL, no goodbye)
in the middle of the attempt, the page says the connection is lost and keeps the answer, the
server comes back, the page says so, and every acknowledged answer is there after a reload."""

import json
import os
import signal

from playwright.sync_api import expect

from e2e.conftest import free_port, go, sign_in, start_server


def _answer(page, position: int) -> None:
    question = page.locator(f"fieldset.question[data-position='{position}']")
    kind = question.get_attribute("data-kind")
    if kind in ("single", "multiple", "truefalse"):
        question.locator("input").first.check()
    elif kind == "matching":
        for select in question.locator("select").all():
            select.select_option(index=1)
    else:
        question.locator("input[type=text], textarea").first.fill("2")
        question.locator("input[type=text], textarea").first.dispatch_event("change")


def test_answers_survive_a_killed_server_and_the_page_tells_the_listener(browser, installation):
    port = free_port()
    process = start_server(installation, port)
    context = browser.new_context(base_url=f"http://127.0.0.1:{port}", locale="en-US")
    page = context.new_page()
    try:
        sign_in(page, "listener")
        page.goto("/exams/")
        page.locator("form[action$='/start/'] button").last.click()
        page.wait_for_selector("#attempt")
        for position in (1, 2, 3):
            _answer(page, position)
            page.wait_for_selector(f"fieldset[data-position='{position}'] .save-state:has-text('✓')")  # acknowledged

        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        _answer(page, 4)
        banner = page.get_by_test_id("connection")
        banner.wait_for(state="visible")
        assert "No connection" in banner.inner_text()

        process = start_server(installation, port)
        page.wait_for_selector("#connection.online", timeout=30_000)  # the retry got through
        assert "connection is back" in banner.inner_text()

        page.reload()
        for position in (1, 2, 3, 4):
            saved = page.locator(f"fieldset[data-position='{position}']").get_attribute("data-response")
            assert saved and saved != "null", position
    finally:
        context.close()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_a_listener_fills_the_gaps_of_an_embedded_answers_question_in_place(page) -> None:
    sign_in(page, "listener")
    go(page, "Тесты")
    page.locator("form[action$='/start/'] button").last.click()
    page.wait_for_selector("#attempt")
    cloze = page.locator("fieldset.question[data-kind='cloze']")
    with page.expect_response(lambda r: "/answers/" in r.url and r.status == 200):
        cloze.locator("select[data-gap='1']").select_option(index=1)
    with page.expect_response(lambda r: "/answers/" in r.url and r.status == 200):
        cloze.locator("input[data-gap='2']").nth(1).check()
    with page.expect_response(lambda r: "/answers/" in r.url and r.status == 200):
        cloze.locator("input[data-gap='3']").fill("следственный судья")  # saved when the typing pauses
    page.reload()
    saved = json.loads(cloze.get_attribute("data-response"))
    assert set(saved["gaps"]) == {"1", "2", "3"} and saved["gaps"]["3"] == {"text": "следственный судья"}
    expect(cloze.locator("input[data-gap='3']")).to_have_value("следственный судья")  # put back in place
    expect(cloze.locator("input[data-gap='2']").nth(1)).to_be_checked()
    expect(cloze.locator("select[data-gap='1']")).not_to_have_value("")
