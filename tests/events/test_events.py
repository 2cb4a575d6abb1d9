"""International events: statistics counted from rows, registration through an invitation and
its bad input, the waiting list, check-in by the badge's code, certificates verified in public,
the retention of personal data, and page queries that do not grow with the participants."""

import datetime
import secrets
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.events import queries, services
from eacademy.events.models import Event, Expert, Invitation, Registration
from eacademy.people.models import Person
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db

FOREIGNER = {"last_name": "Toktogulov", "first_name": "Azamat", "passport_number": "AC 1234567", "nationality": "KG", "birth_date": "1985-04-12",
             "organisation": "Prosecutor General's Office of the Kyrgyz Republic", "position": "Prosecutor", "email": "azamat@example.kg",
             "phone": "", "dietary_needs": "halal", "accessibility_needs": "", "arrival_on": "", "departure_on": "", "consent": "on"}


@pytest.fixture
def cis():
    return Event.objects.get(cis_council="prosecutors", status=Event.Status.OPEN)


def _invite(persona, event, email="azamat@example.kg") -> str:
    ((_invitation, link),) = services.invitations_send(actor=persona(Role.METHODOLOGIST), event=event, emails=[email])
    return link.split("/events/register/")[1].rstrip("/")


def test_the_statistics_reproduce_the_hubs_figures_from_rows(client_as):
    figures = queries.statistics(until=datetime.date(2018, 6, 30))
    hub = Event.objects.exclude(hub_area="").filter(starts_on__lte=datetime.date(2018, 6, 30))
    assert figures.hub_events == hub.count() == 16
    by_hand = Counter(Registration.objects.filter(event__in=hub, status="approved").values_list("nationality", flat=True))
    assert dict(figures.by_country) == dict(by_hand) and figures.participants == sum(by_hand.values()) > 800
    assert {"KG", "TJ", "TM", "UZ", "AF", "PK"} <= set(by_hand) and figures.hub_countries == len(set(by_hand) - {"KZ"})
    speakers = {e.pk for e in Expert.objects.filter(international=True, sessions__event__in=hub)}
    assert figures.experts == len(speakers) == 38
    simulation = hub.get(format="simulation")
    assert simulation.registrations.count() == 57 and simulation.registrations.values("nationality").distinct().count() == 14
    page = client_as(Role.LEADERSHIP).get("/events/statistics/").content.decode()
    assert 'data-testid="experts">38<' in page and "Kyrgyzstan" in page and "Afghanistan" in page


def test_a_foreign_participant_registers_by_invitation_and_the_link_works_once(client, persona, cis, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        token = _invite(persona, cis)
    assert mail.outbox[-1].to == ["azamat@example.kg"] and token in mail.outbox[-1].body
    page = client.post(f"/events/register/{token}/", FOREIGNER, headers={"accept-language": "en"})
    assert page.status_code == 200 and "awaits the organiser" in page.content.decode()
    registration = Registration.objects.get(event=cis, last_name="TOKTOGULOV")
    assert (registration.passport_number, registration.status, registration.invitation.status) == ("AC1234567", "pending", Invitation.Status.ACCEPTED)
    again = client.post(f"/events/register/{token}/", FOREIGNER)
    assert again.status_code == 404 and "already been answered" in again.content.decode()
    assert Registration.objects.filter(event=cis, last_name="TOKTOGULOV").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("passport_number", "12", "5 to 20 Latin letters and digits"),
        ("passport_number", "АС123456", "5 to 20 Latin letters and digits"),
        ("birth_date", "1990-02-31", "Enter a valid date"),
        ("birth_date", "1890-01-01", "does not look right"),
        ("nationality", "XX", "Select a valid choice"),
        ("last_name", "Токтогулов", "Latin letters"),
        ("consent", "", "required"),
    ],
)
def test_bad_registration_input_is_refused_beside_its_field(client, persona, cis, field, value, message):
    token = _invite(persona, cis)
    before = Registration.objects.count()
    page = client.post(f"/events/register/{token}/", {**FOREIGNER, field: value}, headers={"accept-language": "en"})
    assert page.status_code == 422
    assert message in " ".join(page.context["form"].errors.get(field, [])), page.context["form"].errors
    assert Registration.objects.count() == before and Invitation.objects.get(event=cis, status="pending", email="azamat@example.kg")


def test_an_expired_or_unknown_invitation_is_refused(client, persona, cis):
    token = _invite(persona, cis)
    Invitation.objects.filter(event=cis, email="azamat@example.kg").update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "expired" in client.get(f"/events/register/{token}/").content.decode()
    assert client.get(f"/events/register/{secrets.token_urlsafe(24)}/").status_code == 404


def test_past_capacity_a_registration_waits_and_a_freed_seat_goes_to_the_first_waiting(persona, cis):
    organiser = persona(Role.METHODOLOGIST)
    Event.objects.filter(pk=cis.pk).update(capacity=Registration.objects.filter(event=cis, status__in=["pending", "approved"]).count())
    late = services.register_by_invitation(token=_invite(persona, cis), **{**_fields(), "last_name": "LATE"})
    assert late.status == Registration.Status.WAITLISTED
    with pytest.raises(DomainError, match="seats are taken"):
        services.registration_decide(actor=organiser, registration=late, approve=True)
    pending = Registration.objects.get(event=cis, status="pending")
    services.registration_decide(actor=organiser, registration=pending, approve=False)
    late.refresh_from_db()
    assert late.status == Registration.Status.PENDING
    assert late.history.first().history_change_reason == "a seat was freed"


def _fields() -> dict:
    return {"last_name": "DOE", "first_name": "JOHN", "passport_number": "P1234567", "nationality": "UZ", "birth_date": datetime.date(1980, 1, 1),
            "organisation": "GPO Uzbekistan", "email": "doe@example.uz"}


def test_the_badge_checks_in_once_and_the_certificate_verifies_in_public(client, client_as, persona, cis):
    organiser = client_as(Role.METHODOLOGIST)
    registration = Registration.objects.filter(event=cis, status="approved").first()
    assert client_as(Role.LISTENER).post(f"/events/check-in/{registration.badge_code}/").status_code == 403
    assert "is checked in" in organiser.post(f"/events/check-in/{registration.badge_code}/", follow=True).content.decode()
    assert "was already checked in" in organiser.post(f"/events/check-in/{registration.badge_code}/", follow=True).content.decode()
    pending = Registration.objects.get(event=cis, status="pending")
    with pytest.raises(DomainError, match="not an approved participant"):
        services.check_in(actor=persona(Role.METHODOLOGIST), badge_code=pending.badge_code)
    with pytest.raises(DomainError, match="after the event ends"):
        services.certificates_issue(actor=persona(Role.METHODOLOGIST), event=cis)
    Event.objects.filter(pk=cis.pk).update(starts_on=timezone.localdate() - datetime.timedelta(days=3), ends_on=timezone.localdate())
    cis.refresh_from_db()
    assert services.certificates_issue(actor=persona(Role.METHODOLOGIST), event=cis) == 1  # only who came
    registration.refresh_from_db()
    page = client.get(f"/events/verify/{registration.certificate_code}/")
    assert page.status_code == 200 and registration.last_name in page.content.decode()
    assert client.get("/events/verify/forged-code/").status_code == 404
    assert organiser.get(f"/events/participants/{registration.pk}/certificate.pdf").content[:4] == b"%PDF"


def test_personal_data_are_erased_after_their_retention_period_and_the_statistics_stay(persona, cis):
    registration = Registration.objects.filter(event=cis, status="approved").first()
    statistics = queries.statistics()
    Event.objects.filter(pk=cis.pk).update(starts_on=timezone.localdate() - datetime.timedelta(days=95), ends_on=timezone.localdate() - datetime.timedelta(days=92))
    call_command("events", "erase")
    registration.refresh_from_db()
    assert (registration.passport_number, registration.birth_date) == ("", None)
    assert set(registration.erased) == {"passport_number", "birth_date"} and registration.email  # the e-mail is kept a year
    assert registration.nationality and registration.organisation
    record = registration.history.first()
    assert record.history_change_reason == "retention period over" and record.history_user.username == "e-academy"
    assert queries.statistics().by_country == statistics.by_country
    call_command("events", "erase")  # twice: nothing more
    assert registration.history.count() == record.history_object.history.count()


def test_the_participant_list_and_the_statistics_do_not_query_per_participant(client_as, persona, cis):
    client = client_as(Role.METHODOLOGIST)
    few = (page_queries(client, cis.get_absolute_url()), page_queries(client, "/events/statistics/"))
    many = [Registration(event=cis, **{**_fields(), "last_name": f"MANY{i}"}, registered_at=timezone.now(), badge_code=secrets.token_urlsafe(12),
                         status="approved") for i in range(60)]
    Registration.objects.bulk_create(many)
    assert (page_queries(client, cis.get_absolute_url()), page_queries(client, "/events/statistics/")) == few


def test_an_organiser_creates_an_event_refused_for_bad_dates_and_then_saved(client_as):
    client = client_as(Role.METHODOLOGIST)
    today = timezone.localdate()
    fields = {"name_ru": "Семинар ОДКБ", "name_en": "CSTO seminar", "format": "seminar", "country": "KZ", "place": "Astana", "languages": ["ru", "en"],
              "starts_on": today + datetime.timedelta(days=10), "ends_on": today + datetime.timedelta(days=8), "capacity": 30}
    refused = client.post("/events/new/", fields)
    assert refused.status_code == 422 and "ends_on" in refused.context["form"].errors and not Event.objects.filter(name_ru="Семинар ОДКБ").exists()
    fields["ends_on"] = today + datetime.timedelta(days=11)
    created = client.post("/events/new/", fields)
    assert created.status_code == 302 and Event.objects.get(name_ru="Семинар ОДКБ").languages == ["ru", "en"]


def test_the_partners_page_flags_an_agreement_without_activity(client_as):
    page = client_as(Role.LEADERSHIP).get("/events/partners/").content.decode()
    assert page.count('data-testid="idle"') == 1 and "Vienna" in page


def test_the_organiser_adds_an_officer_by_iin_and_a_foreigner_by_passport(client_as, cis):
    client = client_as(Role.METHODOLOGIST)
    officer = Person.objects.filter(agency__code="prosecutor").exclude(iin=None).exclude(event_registrations__event=cis).first()
    added = client.post(cis.get_absolute_url(), {"add-iin": officer.iin, "add-organisation": ""}, follow=True)
    assert added.status_code == 200 and Registration.objects.get(event=cis, person=officer).agency == officer.agency
    refused = client.post(cis.get_absolute_url(), {"add-iin": "", "add-last_name": "Doe", "add-first_name": "Jane", "add-passport_number": "1",
                                                   "add-nationality": "ZZ", "add-birth_date": "1980-01-01", "add-organisation": "UNODC", "add-email": "j@example.org"})
    assert refused.status_code == 422 and {"passport_number", "nationality"} <= set(refused.context["add_form"].errors)
    before = Registration.objects.filter(event=cis).count()
    client.post(cis.get_absolute_url(), {"add-iin": "", "add-last_name": "Doe", "add-first_name": "Jane", "add-passport_number": "N 7654321",
                                         "add-nationality": "AT", "add-birth_date": "1980-01-01", "add-organisation": "UNODC", "add-email": "j@example.org"})
    foreigner = Registration.objects.get(event=cis, last_name="DOE")
    assert (foreigner.passport_number, foreigner.status, Registration.objects.filter(event=cis).count()) == ("N7654321", "approved", before + 1)
    assert client.get(f"{cis.get_absolute_url()}programme.pdf").content[:4] == b"%PDF"


def test_officers_trained_abroad_are_counted_from_their_registrations(client_as):
    abroad = Registration.objects.filter(status="approved", person__isnull=False).exclude(event__country="KZ")
    assert queries.statistics().trained_abroad == abroad.values("person").distinct().count() == 269
    assert 'data-testid="trained-abroad">269<' in client_as(Role.LEADERSHIP).get("/events/statistics/").content.decode()


def _sheet(*rows: list[object]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_list_of_participants_is_added_whole_or_refused_row_by_row(client_as, cis):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(Role.METHODOLOGIST)
    header = ["iin", "last_name", "first_name", "passport_number", "nationality", "birth_date", "organisation", "position", "email"]
    good = ["", "Rahimov", "Sardor", "AA1234567", "TJ", datetime.date(1984, 3, 2), "GPO Tajikistan", "Prosecutor", "s@example.tj"]
    bad = ["", "Рахимов", "Sardor", "12", "XX", "", "GPO", "", "s@example.tj"]
    before = Registration.objects.filter(event=cis).count()
    page = client.post(f"{cis.get_absolute_url()}participants/upload/", {"file": SimpleUploadedFile("list.xlsx", _sheet(header, good, bad))}, follow=True)
    text = page.content.decode()
    assert "row 3, last_name" in text and "row 3, passport_number" in text and "row 3, nationality" in text
    assert Registration.objects.filter(event=cis).count() == before  # nothing half-written
    client.post(f"{cis.get_absolute_url()}participants/upload/", {"file": SimpleUploadedFile("list.xlsx", _sheet(header, good))})
    assert Registration.objects.get(event=cis, last_name="RAHIMOV").passport_number == "AA1234567"


def test_the_indicators_dashboard_shows_the_years_international_training(client_as):
    from eacademy.analytics import dashboards
    from eacademy.evaluation.queries import Filters

    year = timezone.localdate().year
    figures = queries.statistics(since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31))
    cards = {card.label: card.figure for card in dashboards.main(Filters(year=year), [year]).cards}
    assert cards[f"Participants of international events in {year}"] == figures.participants > 0
    assert "Officers trained abroad in" in client_as(Role.LEADERSHIP).get("/analytics/").content.decode()  # the page's year


def test_badges_print_from_a_reusable_template_with_the_fields_it_names(client_as, cis):
    import io

    from pypdf import PdfReader

    from eacademy.events.models import BadgeTemplate

    client = client_as(Role.METHODOLOGIST)
    catering = BadgeTemplate.objects.get(name="Catering and access")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(f"{cis.get_absolute_url()}badges.pdf?template={catering.pk}").content)).pages)
    assert "halal" in text and "Regional Hub on Countering" not in text
    standard = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(f"{cis.get_absolute_url()}badges.pdf").content)).pages)
    assert "halal" not in standard and "Kyrgyzstan" in standard
    assert not any(r.passport_number in standard for r in Registration.objects.filter(event=cis, status="approved"))  # never on a badge


def test_an_agreement_near_its_end_asks_for_renewal_and_a_trainer_has_his_history(client_as):
    page = client_as(Role.METHODOLOGIST).get("/events/partners/").content.decode()
    assert page.count('data-testid="ends-soon"') == 1  # the CARICC agreement ends in 60 days, its reminder is 90
    expert = Expert.objects.filter(international=True, sessions__isnull=False).first()
    history = client_as(Role.METHODOLOGIST).get(f"/events/experts/{expert.pk}/").content.decode()
    assert all(s.title in history for s in expert.sessions.all())


def test_the_methodologists_home_lists_the_participants_awaiting_approval(client_as, cis):
    pending = Registration.objects.get(event=cis, status="pending")
    page = client_as(Role.METHODOLOGIST).get("/").content.decode()
    assert 'data-testid="task-event-registrations"' in page and pending.get_absolute_url() in page


def test_only_organisers_see_a_participants_passport(client_as, cis):
    registration = Registration.objects.filter(event=cis, status="approved").first()
    assert registration.passport_number in client_as(Role.METHODOLOGIST).get(registration.get_absolute_url()).content.decode()
    assert registration.passport_number not in client_as(Role.LEADERSHIP).get(registration.get_absolute_url()).content.decode()
