"""Shared fixtures. The demo academy (small scale) is loaded once per test database: its
logins are the personas, one per role, and every test runs in a transaction on top of it.
The database is made from the models (`--nomigrations`), so the reference data the migrations
seed is seeded here."""

import pytest
from django.test import Client

from eacademy.billing.services import load_vat_rates
from eacademy.core.grade_scales import load_grade_scales
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.demo.loader import DEMO_LOGINS, load_demo

PERSONAS = {role.value: username for username, role, _place in DEMO_LOGINS}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_grade_scales()
        load_vat_rates()
        load_demo(scale_name="small", seed=1)


@pytest.fixture
def persona(db):
    """persona(Role.X) -> the demo user holding that role."""

    def get(role: str) -> User:
        return User.objects.get(username=PERSONAS[role])

    return get


@pytest.fixture
def client_as(db, persona):
    """client_as(Role.X) -> a test client signed in as that role's persona."""

    def make(role: str) -> Client:
        client = Client()
        client.force_login(persona(role))
        return client

    return make


@pytest.fixture
def admin_client(client_as):
    return client_as(Role.ADMINISTRATOR)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request leaves its language active in the thread; service calls in tests read English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
