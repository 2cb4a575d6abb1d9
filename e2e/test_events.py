"""Must show 1, in Chromium: an organiser creates a seminar in two languages and invites by
e-mail; a foreign participant registers through the link in English with his passport; the
organiser approves him, and the visa letter carries his name as in the passport; the QR code
of his badge, read off the screen as a phone would, checks him in; after the event his
certificate verifies in public."""

import io
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import go, sign_in

APPROVED = "Утверждена"


def _pdf_text(download) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(download.path()).pages)


def test_an_international_seminar_from_invitation_to_certificate(page, browser, server) -> None:
    sign_in(page, "methodologist")
    go(page, "Международные мероприятия")
    page.get_by_test_id("new-event").click()
    page.fill("#id_name_ru", "Семинар по киберпреступности")
    page.fill("#id_name_en", "Seminar on cybercrime")
    page.select_option("#id_format", "seminar")
    page.select_option("#id_hub_area", "cybercrime")
    today = page.evaluate("new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Almaty'})")  # the Academy's today, as the server counts it
    page.fill("#id_starts_on", today)
    page.fill("#id_ends_on", today)
    page.fill("#id_capacity", "30")
    page.fill("#id_place", "Astana, the Academy")
    page.check("input[name=languages][value=ru]")
    page.check("input[name=languages][value=en]")
    page.get_by_test_id("save-event").click()
    expect(page.locator("h1")).to_have_text("Семинар по киберпреступности")
    event_url = page.url
    page.get_by_test_id("open-event").click()
    page.fill("#id_emails", "b.karimov@gpo.example.uz")
    page.get_by_test_id("send-invitations").click()
    message = page.locator(".messages").inner_text()
    link = re.search(r"https?://\S+/events/register/\S+/", message).group(0)

    guest_context = browser.new_context(base_url=server, locale="en-US")
    guest = guest_context.new_page()
    guest.goto(server + "/events/" + link.split("/events/", 1)[1])  # SITE_URL of the scratch installation is not this port
    expect(guest.locator("h1")).to_have_text("Seminar on cybercrime")
    guest.fill("#id_last_name", "Karimov")
    guest.fill("#id_first_name", "Bobur")
    guest.select_option("#id_nationality", "UZ")
    guest.fill("#id_passport_number", "FA 1234567")
    guest.fill("#id_birth_date", "1986-05-17")
    guest.fill("#id_organisation", "Prosecutor General's Office of Uzbekistan")
    guest.check("#id_consent")
    guest.get_by_test_id("register").click()
    expect(guest.get_by_test_id("outcome")).to_contain_text("awaits the organiser")
    guest_context.close()

    page.goto(event_url)
    page.get_by_role("link", name="KARIMOV BOBUR").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status")).to_have_text(APPROVED)
    with page.expect_download() as letter:
        page.get_by_test_id("visa-letter").click()
    text = _pdf_text(letter.value)
    assert "KARIMOV BOBUR" in text and "FA1234567" in text and "Uzbekistan" in text

    page.get_by_test_id("badge").click()
    shot = page.get_by_test_id("badge-qr").screenshot()
    qr = Image.open(io.BytesIO(shot)).convert("L")
    (found,) = zxingcpp.read_barcodes(qr)
    assert "/events/check-in/" in found.text
    phone = browser.new_context(base_url=server, locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)  # the organiser's phone at the door
    door = phone.new_page()
    sign_in(door, "methodologist")
    door.goto(found.text.replace(found.text.split("/events/")[0], server))
    expect(door.locator("h1")).to_have_text("KARIMOV BOBUR")
    door.get_by_test_id("check-in").click()
    expect(door.get_by_test_id("check-ins").locator("li")).to_have_count(1)
    phone.close()

    page.goto(event_url)
    page.get_by_test_id("issue-certificates").click()
    page.get_by_role("link", name="KARIMOV BOBUR").click()
    with page.expect_download() as certificate:
        page.get_by_test_id("certificate").click()
    verify_url = re.search(r"https?://\S+/events/verify/\S+/", _pdf_text(certificate.value).replace("\n", " ")).group(0)
    anyone = browser.new_context(base_url=server, locale="en-US")
    public = anyone.new_page()
    public.goto(server + "/events/verify/" + verify_url.split("/events/verify/")[1])
    expect(public.get_by_test_id("verified")).to_have_text("The certificate is genuine")
    expect(public.locator("dl")).to_contain_text("KARIMOV BOBUR")
    anyone.close()
