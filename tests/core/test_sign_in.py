"""Signing in and out: lockout, the sign-in log, session timeouts, language, two-factor."""

import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eacademy.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "eacademy-demo"


def _sign_in(username: str, password: str, address: str = "10.0.0.1", client: Client | None = None):
    client = client or Client(REMOTE_ADDR=address)
    return client, client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_sign_in_and_out_are_logged_without_passwords() -> None:
    client, response = _sign_in("lecturer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/accounts/logout/")
    entry = AccessLog.objects.filter(username="lecturer").latest("attempt_time")
    assert entry.logout_time is not None


def test_a_failed_sign_in_is_logged_and_explained() -> None:
    _client, response = _sign_in("lecturer", "wrong password")
    assert response.status_code == 200
    assert b"Please enter a correct" in response.content
    assert AccessFailureLog.objects.filter(username="lecturer").exists()


def test_five_failures_lock_that_login_from_that_address_only() -> None:
    for _ in range(5):
        _sign_in("lecturer", "wrong password", "10.0.0.7")
    _client, locked = _sign_in("lecturer", PASSWORD, "10.0.0.7")
    assert locked.status_code == 429
    assert b"Too many failed attempts" in locked.content
    # A classmate behind the same address, and the same login from elsewhere, still get in.
    assert _sign_in("listener", PASSWORD, "10.0.0.7")[1].status_code == 302
    assert _sign_in("lecturer", PASSWORD, "10.0.0.8")[1].status_code == 302
    assert AccessAttempt.objects.filter(username="lecturer", ip_address="10.0.0.7").get().failures_since_start >= 5


def test_an_idle_session_ends(client_as, settings) -> None:
    client = client_as(Role.LECTURER)
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen_at"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302  # signed out for good


def test_a_busy_session_still_ends_at_the_absolute_limit(client_as, settings) -> None:
    client = client_as(Role.LECTURER)
    client.get("/")
    session = client.session
    session["signed_in_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    assert client.get("/").status_code == 302


def test_the_chosen_language_follows_the_user_to_another_device(persona) -> None:
    first, _ = _sign_in("methodologist", PASSWORD)
    first.post("/accounts/language/", {"language": "kk", "next": "/"})
    assert persona(Role.METHODOLOGIST).language == "kk"
    second, _ = _sign_in("methodologist", PASSWORD, "10.0.0.2")
    page = second.get("/").content.decode()
    assert '<html lang="kk">' in page and "Басты бет" in page


def test_the_language_switch_refuses_a_foreign_redirect() -> None:
    response = Client().post("/accounts/language/", {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(("language", "text"), [("kk", "Кіру"), ("ru", "Войти"), ("en", "Sign in")])
def test_the_login_page_speaks_three_languages(language: str, text: str) -> None:
    page = Client().get("/accounts/login/", headers={"Accept-Language": language}).content.decode()
    assert f'<html lang="{language}">' in page and text in page


@override_settings(REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_staff_must_pass_two_factor_before_anything_else(persona) -> None:
    client, _ = _sign_in("methodologist", PASSWORD)
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/two-factor/setup/"
    assert client.get("/accounts/two-factor/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=persona(Role.METHODOLOGIST))
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert b"The code is wrong" in client.post("/accounts/two-factor/setup/", {"token": wrong}).content
    assert client.post("/accounts/two-factor/setup/", {"token": code}).status_code == 302
    assert client.get("/people/").status_code == 200
    # Next sign-in: the confirmed device is asked for.
    again, _ = _sign_in("methodologist", PASSWORD, "10.0.0.3")
    assert again.get("/people/")["Location"] == "/accounts/two-factor/"


@override_settings(REQUIRE_STAFF_2FA=True)
def test_a_listener_is_not_asked_for_two_factor() -> None:
    client, _ = _sign_in("listener", PASSWORD)
    assert client.get("/").status_code == 200


def test_an_api_token_is_shown_once(client_as) -> None:
    client = client_as(Role.LECTURER)
    client.post("/accounts/tokens/", {"name": "my script"})
    first = client.get("/accounts/").content.decode()
    assert 'data-testid="new-token"' in first
    assert 'data-testid="new-token"' not in client.get("/accounts/").content.decode()


@pytest.mark.parametrize(("proxies", "forwarded", "counted"), [
    (0, "198.51.100.7", "203.0.113.1"),                # no proxy: the header is the client's word, ignored
    (1, "198.51.100.7", "198.51.100.7"),               # nginx: the address it saw
    (1, "192.0.2.66, 198.51.100.7", "198.51.100.7"),   # what the client wrote before it is ignored
    (2, "192.0.2.66, 198.51.100.7, 10.1.1.1", "198.51.100.7"),
    (1, "not-an-address", "203.0.113.1"),
])
def test_the_lockout_counts_the_address_the_trusted_proxies_saw(settings, proxies: int, forwarded: str, counted: str) -> None:
    settings.PROXY_COUNT = proxies
    client = Client(REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR=forwarded)
    client.post("/accounts/login/", {"username": "lecturer", "password": "wrong password"})
    assert AccessAttempt.objects.filter(username="lecturer").get().ip_address == counted


def test_behind_a_proxy_nobody_locks_another_s_account_nor_spreads_his_guesses(settings) -> None:
    settings.PROXY_COUNT = 1
    for number in range(5):  # an attacker varying the header: all counted on his real address
        Client(REMOTE_ADDR="127.0.0.1").post("/accounts/login/", {"username": "lecturer", "password": "wrong"},
                                             HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.66")
    locked = Client(REMOTE_ADDR="127.0.0.1").post("/accounts/login/", {"username": "lecturer", "password": PASSWORD},
                                                  HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert locked.status_code == 429
    # The lecturer himself, through the same nginx from his own address, still gets in.
    own = Client(REMOTE_ADDR="127.0.0.1").post("/accounts/login/", {"username": "lecturer", "password": PASSWORD},
                                               HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert own.status_code == 302


@override_settings(REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example"])
def test_two_factor_sign_in_never_sends_the_user_to_another_site(persona, target: str) -> None:
    device = TOTPDevice.objects.create(user=persona(Role.METHODOLOGIST), name="phone", confirmed=True)
    client, _ = _sign_in("methodologist", PASSWORD)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = client.post(f"/accounts/two-factor/?next={target}", {"token": code})
    assert response.status_code == 302 and response["Location"] == "/"
    inside = client.post("/accounts/language/", {"language": "en", "next": "/people/?q=1"})
    assert inside["Location"] == "/people/?q=1"


def test_no_next_parameter_leads_off_the_site(client_as) -> None:
    from eacademy.enrollment.models import Enrollment
    from eacademy.timetable.models import Lesson

    lesson = Lesson.objects.exclude(group=None).first()
    enrollment = Enrollment.objects.filter(group=lesson.group).first()
    marks = client_as(Role.LECTURER).post("/journal/marks/", {"next": "https://evil.example/", "points": "x", "lesson": lesson.pk, "enrollment": enrollment.pk})
    assert marks.status_code == 302 and marks["Location"] == "/journal/"
    admin = Client().get("/admin/login/?next=https://evil.example/")
    assert admin.status_code == 302 and "evil.example" not in admin["Location"]
