"""Orders of every kind: drafted in Kazakh and Russian, agreed by every visa of their route,
numbered per kind and year, signed as a PAdES PDF that the public page verifies (and a changed
copy fails), read only by those allowed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader
from weasyprint import HTML

from eacademy.core.errors import DomainError
from eacademy.core.models import Notification, SigningKey, User
from eacademy.core.roles import Role
from eacademy.core.signing import Authority, sign_pdf, verify_pdf
from eacademy.governance import queries, services
from eacademy.governance.models import Order, Visa
from eacademy.org.models import AcademyUnit
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _draft(persona, **extra) -> Order:
    fields = {"kind": Order.Kind.COMMENDATION, "title_kk": "Көтермелеу туралы", "title_ru": "О поощрении",
              "text_kk": "Оқытушыға алғыс жариялансын.", "text_ru": "Объявить благодарность преподавателю.", **extra}
    return services.order_draft(actor=persona(Role.METHODOLOGIST), **fields)


def _route(persona, order: Order) -> list[Visa]:
    units = AcademyUnit.objects.filter(code__in=["ivt-supervision", "finance"]).order_by("code")
    return services.visa_route_set(actor=persona(Role.METHODOLOGIST), order=order,
                                   route=[(persona(Role.HEAD_OF_DEPARTMENT), units[1]), (persona(Role.ACCOUNTANT), units[0])])


def test_an_order_is_signed_only_after_every_visa_and_is_numbered_within_its_kind(persona) -> None:
    rector = persona(Role.LEADERSHIP)
    order = _draft(persona)
    with pytest.raises(DomainError, match="no visas yet"):
        services.order_sign(actor=rector, order=order)
    first, second = _route(persona, order)
    assert Notification.objects.filter(user=persona(Role.HEAD_OF_DEPARTMENT), message__contains="visa").exists()
    services.visa_decide(actor=persona(Role.HEAD_OF_DEPARTMENT), visa=first, agree=True)
    with pytest.raises(DomainError, match="before every visa"):
        services.order_sign(actor=rector, order=order)
    with pytest.raises(DomainError, match="Say what you object to"):
        services.visa_decide(actor=persona(Role.ACCOUNTANT), visa=second, agree=False)
    services.visa_decide(actor=persona(Role.ACCOUNTANT), visa=second, agree=False, comment="Нет источника финансирования.")
    with pytest.raises(DomainError, match="before every visa"):
        services.order_sign(actor=rector, order=order)
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT and Order.objects.get(pk=order.pk).signed_pdf is None
    # the text changes: the visas given are asked again
    order = _draft(persona, order=order, text_ru="Объявить благодарность преподавателю кафедры.")
    assert set(order.visas.values_list("status", flat=True)) == {Visa.Status.PENDING}
    for visa in order.visas.all():
        services.visa_decide(actor=visa.visor, visa=visa, agree=True)
    movements = Order.objects.filter(kind=Order.Kind.MOVEMENT, year=order.year).aggregate(last=Max("number"))["last"]
    last = Order.objects.filter(kind=order.kind, year=order.year).aggregate(last=Max("number"))["last"] or 0
    signed = services.order_sign(actor=rector, order=order)
    assert (signed.number, signed.status, signed.signed_by) == (last + 1, Order.Status.SIGNED, rector)
    assert Order.objects.filter(kind=Order.Kind.MOVEMENT, year=order.year).aggregate(last=Max("number"))["last"] == movements  # numbered per kind
    result = verify_pdf(bytes(signed.signed_pdf))
    assert result.valid and result.signer == rector.get_full_name() and result.reason == str(signed)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(signed.signed_pdf))).pages)
    assert "Оқытушыға алғыс жариялансын" in text and "Объявить благодарность преподавателю кафедры" in text  # Kazakh and Russian
    with pytest.raises(DomainError, match="already signed"):
        services.visa_decide(actor=persona(Role.HEAD_OF_DEPARTMENT), visa=signed.visas.first(), agree=True)


def test_only_the_visor_gives_his_visa_and_a_signer_needs_a_key(persona) -> None:
    order = _draft(persona)
    first, _second = _route(persona, order)
    with pytest.raises(DomainError, match="asked of someone else"):
        services.visa_decide(actor=persona(Role.ACCOUNTANT), visa=first, agree=True)
    with pytest.raises(DomainError, match="not by the author"):
        services.visa_route_set(actor=persona(Role.METHODOLOGIST), order=order, route=[(persona(Role.METHODOLOGIST), None)])
    for visa in order.visas.all():
        services.visa_decide(actor=visa.visor, visa=visa, agree=True)
    deputy = User.objects.create(username="vice-rector", first_name="Проректор")
    deputy.groups.add(*persona(Role.LEADERSHIP).groups.all())
    with pytest.raises(DomainError, match="has no signing key"):
        services.order_sign(actor=deputy, order=order)
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT


@pytest.mark.parametrize(
    ("change", "message"),
    [({"title_kk": ""}, "Give the title in Kazakh and in Russian"), ({"text_ru": " "}, "Give the text in Kazakh and in Russian"),
     ({"kind": "movement"}, "drafted by the movements themselves"), ({"official_use": True}, "Say which roles may read"),
     ({"official_use": True, "readers": ["listener"]}, "among the Academy's staff roles")],
)
def test_a_bad_draft_is_refused_and_nothing_is_written(persona, change, message) -> None:
    count = Order.objects.count()
    with pytest.raises(DomainError, match=message):
        _draft(persona, **change)
    assert Order.objects.count() == count


def test_an_order_for_official_use_is_read_only_by_the_roles_on_its_list_and_those_named_on_it(persona, client_as) -> None:
    order = _draft(persona, kind=Order.Kind.PENALTY, official_use=True, readers=[Role.LEADERSHIP], concerned=[persona(Role.LECTURER)])
    readers = {role for role in Role if queries.orders_visible_to(persona(role)).filter(pk=order.pk).exists()}
    assert readers == {Role.LEADERSHIP, Role.METHODOLOGIST, Role.LECTURER}  # its list, its author, the one it concerns
    assert client_as(Role.ADMINISTRATOR).get(f"/governance/orders/{order.pk}/").status_code == 404
    assert order.pk not in client_as(Role.ADMINISTRATOR).get("/governance/orders/").context["orders"].values_list("pk", flat=True)
    draft = client_as(Role.LEADERSHIP).get(f"/governance/orders/{order.pk}/pdf/")
    assert draft.status_code == 200
    pages = PdfReader(io.BytesIO(draft.content)).pages
    assert all("Қызметтік пайдалану үшін" in p.extract_text() or "Для служебного пользования" in p.extract_text() for p in pages)  # every page


def _signed(persona) -> Order:
    order = _draft(persona, concerned=[persona(Role.LECTURER)])
    for visa in _route(persona, order):
        services.visa_decide(actor=visa.visor, visa=visa, agree=True)
    return services.order_sign(actor=persona(Role.LEADERSHIP), order=order)


def test_the_signed_order_is_published_to_those_it_concerns(persona) -> None:
    order = _signed(persona)
    assert Notification.objects.filter(user=persona(Role.LECTURER), url=f"/governance/orders/{order.pk}/").exists()


def test_the_public_page_verifies_a_signed_order_and_fails_a_changed_copy(persona, client) -> None:
    data = bytes(_signed(persona).signed_pdf)

    def verify(content: bytes, name: str = "order.pdf"):
        return client.post("/verify-signature/", {"document": SimpleUploadedFile(name, content, "application/pdf")})

    valid = verify(data)
    assert valid.status_code == 200 and valid.context["result"].valid
    assert persona(Role.LEADERSHIP).get_full_name() in valid.content.decode()
    changed = bytearray(data)
    changed[200] ^= 1  # one byte inside the signed range
    result = verify(bytes(changed)).context["result"]
    assert not result.valid and "changed after it was signed" in result.problem
    writer = IncrementalPdfFileWriter(io.BytesIO(data))  # a page added after signing, as an incremental update would
    writer.root["/Lang"] = generic.TextStringObject("ru")
    writer.update_root()
    appended = io.BytesIO()
    writer.write(appended)
    assert not verify(appended.getvalue()).context["result"].valid
    unsigned = verify(HTML(string="<p>Бұйрық</p>").write_pdf()).context["result"]
    assert not unsigned.valid and "no digital signature" in unsigned.problem
    garbage = verify(b"not a pdf at all", "x.pdf")
    assert garbage.status_code == 422 and "not a PDF" in garbage.content.decode()


def test_a_signature_by_an_authority_the_academy_does_not_trust_fails(persona) -> None:
    stranger = Authority.create("Another authority")  # never trusted
    key = stranger.issue_key(persona(Role.LECTURER), "Посторонний")
    signed = sign_pdf(HTML(string="<p>Бұйрық</p>").write_pdf(), key=key, reason="copy")
    result = verify_pdf(signed)
    assert not result.valid and "authority the Academy trusts" in result.problem
    SigningKey.objects.filter(pk=key.pk).delete()


def test_the_register_of_orders_keeps_its_query_count_as_orders_grow(client_as, persona) -> None:
    client = client_as(Role.LEADERSHIP)
    before = page_queries(client, "/governance/orders/")
    for _ in range(3):
        _signed(persona)
    assert page_queries(client, "/governance/orders/") == before
    detail = _signed(persona)
    assert page_queries(client, f"/governance/orders/{detail.pk}/") <= 12
