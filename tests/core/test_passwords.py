"""Passwords: a user changes his own (with the current one), an administrator resets one (the
user chooses his own at the next sign-in), and a user with an e-mail address resets a forgotten
one by a single-use link that expires. Lockout and two-factor authentication still apply."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, override_settings

from eacademy.core.models import User
from eacademy.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "eacademy-demo"
NEW = "Жаңа-құпия-сөз-2026"


def _sign_in(username: str, password: str, address: str = "10.9.0.1") -> tuple[Client, int]:
    client = Client(REMOTE_ADDR=address)
    return client, client.post("/accounts/login/", {"username": username, "password": password}).status_code


def test_a_user_changes_his_own_password_with_the_current_one(persona) -> None:
    client, _ = _sign_in("lecturer", PASSWORD)
    other_device, _ = _sign_in("lecturer", PASSWORD, "10.9.0.2")
    wrong = client.post("/accounts/password/", {"old_password": "guess", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 200 and "old password was entered incorrectly" in wrong.content.decode()
    assert persona(Role.LECTURER).check_password(PASSWORD)
    weak = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    changed = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert changed.status_code == 302 and changed["Location"] == "/accounts/"
    assert persona(Role.LECTURER).check_password(NEW)
    assert client.get("/").status_code == 200  # this session goes on
    assert other_device.get("/").status_code == 302  # the others end


def test_an_administrator_resets_a_password_and_the_user_must_choose_his_own(persona) -> None:
    listener = persona(Role.LISTENER)
    before, _ = _sign_in("listener", PASSWORD)
    admin, _ = _sign_in("admin", PASSWORD)
    page = admin.post("/admin/core/user/", {"action": "reset_passwords", "_selected_action": [listener.pk]})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    temporary = re.search(r'data-testid="temporary-password">([^<]+)<', page.content.decode()).group(1)
    listener.refresh_from_db()
    assert listener.must_change_password and listener.check_password(temporary)
    assert listener.history.latest().history_user.username == "admin"
    assert before.get("/").status_code == 302  # his session ended
    client, status = _sign_in("listener", temporary)
    assert status == 302
    assert client.get("/journal/my/")["Location"] == "/accounts/password/"
    assert client.get("/api/v1/certificates/").status_code == 403
    client.post("/accounts/password/", {"old_password": temporary, "new_password1": NEW, "new_password2": NEW})
    listener.refresh_from_db()
    assert not listener.must_change_password and client.get("/journal/my/").status_code == 200


def test_only_an_administrator_resets_a_password(client_as, persona) -> None:
    from eacademy.core.errors import DomainError
    from eacademy.core.services import user_password_reset

    with pytest.raises(DomainError):
        user_password_reset(actor=persona(Role.METHODOLOGIST), user=persona(Role.LISTENER))
    assert persona(Role.LISTENER).check_password(PASSWORD)


def _reset_link(email: str) -> str:
    Client().post("/accounts/password/reset/", {"email": email})
    (letter,) = mail.outbox
    return re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", letter.body).group(1)


def test_a_forgotten_password_is_reset_once_by_a_link_sent_to_the_user(persona) -> None:
    User.objects.filter(username="listener").update(email="listener@academy.example.kz")
    link = _reset_link("listener@academy.example.kz")
    client = Client()
    form = client.get(link, follow=True)
    assert 'data-testid="set-password"' in form.content.decode()
    form_url = form.redirect_chain[-1][0]
    mismatch = client.post(form_url, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert mismatch.status_code == 200 and persona(Role.LISTENER).check_password(PASSWORD)
    done = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and persona(Role.LISTENER).check_password(NEW)
    assert client.get("/").status_code == 302  # the link does not sign in
    again = Client().get(link, follow=True)
    assert 'data-testid="link-invalid"' in again.content.decode()  # single use


def test_an_unknown_address_gets_the_same_answer_and_no_letter() -> None:
    known = Client().post("/accounts/password/reset/", {"email": "nobody@academy.example.kz"})
    assert known.status_code == 302 and known["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_reset_link_expires(persona, settings) -> None:
    User.objects.filter(username="listener").update(email="listener@academy.example.kz")
    link = _reset_link("listener@academy.example.kz")
    later = settings.PASSWORD_RESET_TIMEOUT + 1
    import time
    with mock.patch("django.contrib.auth.tokens.PasswordResetTokenGenerator._now") as now:
        from datetime import datetime
        now.return_value = datetime.fromtimestamp(time.time() + later)
        page = Client().get(link, follow=True)
    assert 'data-testid="link-invalid"' in page.content.decode()


@override_settings(REQUIRE_STAFF_2FA=True)
def test_lockout_and_two_factor_still_apply_after_a_reset(persona) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=persona(Role.METHODOLOGIST), name="phone", confirmed=True)
    for _ in range(5):
        _sign_in("methodologist", "wrong", "10.9.0.9")
    User.objects.filter(username="methodologist").update(email="methodist@academy.example.kz")
    link = _reset_link("methodist@academy.example.kz")
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert _sign_in("methodologist", NEW, "10.9.0.9")[1] == 429  # still locked from that address
    elsewhere, status = _sign_in("methodologist", NEW, "10.9.0.10")
    assert status == 302 and elsewhere.get("/people/")["Location"] == "/accounts/two-factor/"
