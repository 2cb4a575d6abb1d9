"""The library's pages read a fixed number of queries however many records, copies, loans and
works they show."""

import datetime

import pytest
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.library import services
from eacademy.library.models import Loan, Record, Work
from eacademy.library.services import circulation, repository
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _records(persona, count: int, start: int) -> list[Record]:
    records = [Record(title=f"Тактика допроса свидетеля, часть {n}", language="ru", summary="Допрос свидетеля на стадии расследования")
               for n in range(start, start + count)]
    return services.records_add(actor=persona(Role.LIBRARIAN), records=records, reason="test")


def test_search_desk_record_and_repository_pages(client_as, persona):
    librarian = persona(Role.LIBRARIAN)
    first = _records(persona, 3, 0)
    services.acquisition(actor=librarian, number="Q-1", date=timezone.localdate(), basis="дар", items=[services.Acquired(first[0], 2)])
    client = client_as(Role.LIBRARIAN)
    pages = ["/library/?q=допрос+свидетеля&kind=record", "/library/?q=допрос+свидетеля&kind=work", "/library/desk/", f"/library/records/{first[0].pk}/", "/library/repository/", "/library/my/"]
    before = [page_queries(client, url) for url in pages]

    more = _records(persona, 30, 3)
    services.acquisition(actor=librarian, number="Q-2", date=timezone.localdate(), basis="дар",
                         items=[services.Acquired(first[0], 10), *(services.Acquired(r, 1) for r in more)])
    readers = [persona(role) for role in (Role.LECTURER, Role.HEAD_OF_DEPARTMENT, Role.METHODOLOGIST, Role.LEADERSHIP)]
    for reader, record in zip(readers, more, strict=False):
        loan = circulation.loan_issue(actor=librarian, reader=reader, inventory_number=record.copies.first().inventory_number,
                                      today=timezone.localdate() - datetime.timedelta(days=90))
        assert loan.due_on < timezone.localdate()
    for number in range(5):
        repository.work_deposit(actor=librarian, kind=Work.Kind.ARTICLE, access=Work.Access.OPEN, year=2025, files=[],
                                metadata=[repository.Metadata("ru", f"Статья {number}", "Автор А."), repository.Metadata("kk", f"Мақала {number}", "Автор А.")])
    assert Loan.objects.filter(returned_on=None).count() >= 4
    assert [page_queries(client, url) for url in pages] == before
