"""Must show 4, in Chromium: a methodologist prepares a session (exercise, three candidates, two
experts), the solver assigns them; each expert rates the candidates he knows by code, one item
two levels apart; the consensus is recorded and the session finalised; the administrator reveals
the names (recorded) and downloads a candidate's profile in Kazakh as a PDF."""

import json
import subprocess
import sys

from playwright.sync_api import expect

from e2e.conftest import sign_in

EXERCISE = "Приём гражданина с жалобой"


def _demo_facts(installation: dict[str, str]) -> dict[str, object]:
    """IINs of three young prosecutors and the two experts' person ids, read from the scratch database.
    The prosecutors are chosen so that no login's name on the pages contains theirs (a namesake
    expert listed there is no leak)."""
    code = (
        "import json; from eacademy.people.models import Person; from eacademy.assessment.models import Candidate;"
        "shown = [q.full_name for q in Person.objects.exclude(user=None)];"  # logins' names are on the pages by right
        "officers = [p for p in Person.objects.filter(position__code='assistant-prosecutor', user=None).exclude(pk__in=Candidate.objects.values('person'))"
        ".order_by('pk')[:60] if not any(p.last_name in name for name in shown)][:3];"
        "experts = dict(Person.objects.filter(user__username__in=['expert', 'expert2']).values_list('user__username', 'pk'));"
        "print(json.dumps({'iins': [p.iin for p in officers], 'names': [p.last_name for p in officers], 'experts': experts}))"
    )
    result = subprocess.run([sys.executable, "-m", "eacademy", "shell", "-c", code], env=installation, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_from_session_to_the_profile_pdf(browser, server, installation, tmp_path):
    facts = _demo_facts(installation)
    context = browser.new_context(base_url=server, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    sign_in(page, "methodologist")
    page.goto("/assessment/")
    page.fill("#id_title", "Сессия браузерного теста")
    page.fill("#id_date", "2026-12-15")
    page.select_option("#id_position", label="Помощник прокурора")
    page.get_by_label(EXERCISE).check()
    page.get_by_test_id("create-session").click()
    expect(page.locator("h1")).to_contain_text("Сессия браузерного теста")
    page.fill("#id_iins", "\n".join(facts["iins"]))
    page.get_by_test_id("add-candidates").click()
    expect(page.locator(".messages")).to_contain_text("Кандидаты добавлены")
    for username in ("expert", "expert2"):
        page.check(f"input[name=people][value='{facts['experts'][username]}']")
    page.get_by_test_id("add-experts").click()
    page.get_by_test_id("assign").click()
    expect(page.locator(".messages")).to_contain_text("Эксперты назначены")
    expect(page.get_by_test_id("matrix").locator("tbody tr")).to_have_count(3)
    session_url = page.url
    for name in facts["names"]:
        expect(page.locator("main")).not_to_contain_text(name)  # codes only while the experts rate
    codes = page.get_by_test_id("matrix").locator("tbody code").all_inner_texts()
    context.clear_cookies()

    disputed = codes[0]
    for username, level in (("expert", "4"), ("expert2", "2")):
        sign_in(page, username)
        for code in codes:
            page.goto("/assessment/")
            for name in facts["names"]:
                expect(page.locator("main")).not_to_contain_text(name)
            page.locator("tr", has_text="Сессия браузерного теста").filter(has_text=code).get_by_role("link", name=EXERCISE).click()
            radios = page.locator("fieldset")
            for index in range(radios.count()):
                value = level if code == disputed and index == 0 else "3"
                radios.nth(index).locator(f"input[type=radio][value='{value}']").check()
            page.get_by_test_id("submit-ratings").click()
            expect(page.locator(".messages")).to_contain_text("Оценки сохранены")
        context.clear_cookies()

    sign_in(page, "methodologist")
    page.goto(session_url)
    page.get_by_test_id("finalise").click()
    expect(page.locator(".messages")).to_contain_text("ждут консенсуса")
    page.goto(session_url + "discrepancies/")
    expect(page.locator("main")).to_contain_text(disputed)
    page.select_option("#id_level", "3")
    page.fill("#id_reasoning", "Эксперты сверили протоколы наблюдения.")
    page.get_by_test_id("consensus-1").click()
    expect(page.locator(".messages")).to_contain_text("Консенсус записан")
    page.goto(session_url)
    page.get_by_test_id("finalise").click()
    expect(page.locator(".messages")).to_contain_text("Сессия завершена")
    context.clear_cookies()

    sign_in(page, "admin")
    page.goto(session_url)
    expect(page.locator("main")).not_to_contain_text(facts["names"][0])
    page.get_by_test_id("reveal").click()
    expect(page.locator(".messages")).to_contain_text("раскрытие записано")
    for name in facts["names"]:
        expect(page.get_by_test_id("matrix")).to_contain_text(name)
    page.get_by_test_id("matrix").get_by_role("link", name=disputed).click()
    expect(page.locator("svg").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("pdf-kk").click()
    target = tmp_path / "profile.pdf"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    context.close()
