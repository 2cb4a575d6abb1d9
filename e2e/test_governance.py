"""Issue 24 in Chromium: the Academic Council cannot decide without its quorum, then approves a
new version of a programme; the head of department approves the version by that decision; the
order approving it goes through two visas and is signed by the Rector; its PDF's PAdES signature
verifies on the public page, and a copy changed by one byte fails."""

import datetime
import re

from playwright.sync_api import expect

from e2e.conftest import go, sign_in

PROGRAMME = "Противодействие терроризму и экстремизму"


def _choose(page, select: str, login: str) -> None:
    """Pick a member of the staff by his login, shown in brackets after his name."""
    value = page.locator(f"{select} option", has_text=f"({login})").first.get_attribute("value")
    page.select_option(select, value=value)


def test_a_council_decision_approves_a_programme_and_the_signed_order_verifies(page, browser, server, tmp_path) -> None:
    sign_in(page, "methodologist")
    go(page, "Программы")
    page.get_by_role("link", name=PROGRAMME).first.click()
    page.get_by_role("button", name="Начать новую версию").click()
    programme = page.url.split("?")[0]

    go(page, "Советы")
    page.get_by_role("link", name="Учёный совет").click()
    page.fill("#id_held_on", datetime.datetime.now(datetime.UTC).date().isoformat())
    page.get_by_test_id("plan-meeting").click()
    page.select_option("#id_subject", "programme")
    page.fill("#id_title", f"Об утверждении новой версии программы «{PROGRAMME}»")
    page.get_by_test_id("add-question").click()
    boxes = page.locator("input[name=present]")
    for i in range(4):  # 4 of 7 members: below two thirds
        boxes.nth(i).check()
    page.get_by_test_id("attendance").click()
    expect(page.get_by_test_id("quorum")).to_have_text("кворума нет")
    page.fill("#id_text", "Утвердить новую версию программы.")
    page.fill("#id_votes_for", "4")
    page.get_by_test_id("decide-1").click()
    expect(page.locator(".messages")).to_contain_text("нет кворума")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_test_id("attendance").click()
    expect(page.get_by_test_id("quorum")).to_have_text("кворум есть")
    page.fill("#id_text", "Утвердить новую версию программы.")
    page.fill("#id_votes_for", "7")
    page.get_by_test_id("decide-1").click()
    expect(page.get_by_test_id("decision-1")).to_contain_text("Принято")
    page.get_by_test_id("logout").click()

    sign_in(page, "head")
    page.goto(programme + "?version=2")
    page.select_option("#id_decision", index=1)  # the newest decision on a programme: this meeting's
    page.select_option("#id_reviewing_agency", index=1)
    page.fill("#id_conclusion", "Соответствует потребностям практики.")
    page.get_by_test_id("approve").click()
    expect(page.locator(".messages")).to_contain_text("Версия утверждена.")
    expect(page.get_by_test_id("decision")).to_contain_text("Учёный совет")
    page.get_by_test_id("logout").click()

    sign_in(page, "methodologist")
    go(page, "Приказы и визы")
    page.get_by_test_id("new-order").click()
    page.select_option("#id_kind", "approval")
    page.fill("#id_title_kk", "Білім беру бағдарламасының жаңа нұсқасын бекіту туралы")
    page.fill("#id_title_ru", "Об утверждении новой версии образовательной программы")
    page.fill("#id_text_kk", f"Ғылыми кеңестің шешімі негізінде «{PROGRAMME}» бағдарламасының жаңа нұсқасы бекітілсін.")
    page.fill("#id_text_ru", f"На основании решения Учёного совета утвердить новую версию программы «{PROGRAMME}».")
    page.select_option("#id_decision", index=1)
    page.get_by_test_id("save-order").click()
    order = page.url
    _choose(page, "#id_first", "head")
    _choose(page, "#id_second", "accountant")
    page.get_by_test_id("set-route").click()
    expect(page.get_by_test_id("visa-2")).to_contain_text("Ожидается")
    page.get_by_test_id("logout").click()

    sign_in(page, "leadership")
    page.goto(order)
    page.get_by_test_id("sign").click()
    expect(page.locator(".messages")).to_contain_text("нельзя подписать, пока не поставлены все визы")
    page.get_by_test_id("logout").click()
    for visor in ("head", "accountant"):
        sign_in(page, visor)
        page.goto(order)
        page.get_by_test_id("give-visa").click()
        expect(page.locator(".messages")).to_contain_text("Ваша виза поставлена.")
        page.get_by_test_id("logout").click()

    sign_in(page, "leadership")
    page.goto(order)
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("status")).to_have_text("Подписан")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"№ \d+/\d{4}"))
    with page.expect_download() as download:
        page.get_by_test_id("order-pdf").click()
    signed = tmp_path / "order.pdf"
    download.value.save_as(signed)
    changed = tmp_path / "changed.pdf"
    data = bytearray(signed.read_bytes())
    data[300] ^= 1
    changed.write_bytes(bytes(data))

    public = browser.new_context(base_url=server, locale="ru-RU").new_page()
    public.goto("/verify-signature/")
    public.set_input_files("#id_document", str(signed))
    public.get_by_test_id("verify").click()
    expect(public.get_by_test_id("verdict")).to_have_text("Подпись действительна: документ не изменялся после подписания.")
    expect(public.get_by_test_id("signer")).not_to_be_empty()
    public.set_input_files("#id_document", str(changed))
    public.get_by_test_id("verify").click()
    expect(public.get_by_test_id("verdict")).to_have_text("Подпись недействительна.")
    expect(public.get_by_test_id("result")).to_contain_text("Документ изменён после подписания.")
    public.context.close()
