"""Counting a page's queries, for the tests that assert they do not grow with the data."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Written at most once a minute whatever the page (the idle clock of the session): not the page's.
_BOOKKEEPING = ("django_session", "SAVEPOINT", "RELEASE SAVEPOINT")


def page_queries(client: Client, url: str) -> int:
    """Queries of a warm request: the first fills per-minute caches (menu, figures) whatever the data."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return sum(1 for query in context.captured_queries if not any(mark in query["sql"] for mark in _BOOKKEEPING))
