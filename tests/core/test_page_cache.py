"""The home page is cached per session and language for a minute, never across users."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eacademy.core.roles import Role

pytestmark = pytest.mark.django_db


def _queries(client: Client, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get("/", headers=headers)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return len(context), response.content.decode()


def test_a_second_visit_is_served_from_the_cache_without_page_queries(client_as) -> None:
    client = client_as(Role.METHODOLOGIST)
    first_count, first = _queries(client)
    second_count, second = _queries(client)
    assert second == first
    assert second_count < first_count
    assert second_count <= 2  # the user and his session: nothing of the page itself


def test_users_never_see_each_others_cached_page(client_as) -> None:
    _count, methodologist = _queries(client_as(Role.METHODOLOGIST))
    _count, listener = _queries(client_as(Role.LISTENER))
    assert "Methodologist" in methodologist and "Methodologist" not in listener
    assert "Listener" in listener


def test_the_language_is_part_of_the_key(client_as) -> None:
    client = client_as(Role.METHODOLOGIST)
    _count, english = _queries(client)
    client.post("/accounts/language/", {"language": "kk", "next": "/"})
    _count, kazakh = _queries(client)
    assert '<html lang="en">' in english and '<html lang="kk">' in kazakh


def test_a_page_with_a_message_is_rendered_fresh_and_not_kept() -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "lecturer", "password": "eacademy-demo"})
    _queries(client)
    client.post("/accounts/tokens/", {"name": ""})  # an error message waits for the next page
    _count, with_message = _queries(client)
    assert "Name the token" in with_message
    _count, after = _queries(client)
    assert "Name the token" not in after
