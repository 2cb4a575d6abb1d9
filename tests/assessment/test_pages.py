"""Must show 1: an expert's pages and API answers never carry a candidate's name, IIN, agency or
unit before finalisation. Must show 4 (in the test client; the browser walk is in e2e): model,
exercise, session, assignment, ratings, consensus, finalisation, reveal, profile PDF. And the
refusals: bad ratings, other experts' candidates, finalising early, revealing early or without the role."""

import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from eacademy.assessment import services
from eacademy.assessment.models import (
    Assignment,
    Candidate,
    Conflict,
    Consensus,
    Exercise,
    Rating,
    Reveal,
    Session,
    SessionExpert,
)
from eacademy.core.roles import Role
from eacademy.people.models import Person
from tests.querycount import page_queries

pytestmark = pytest.mark.django_db


def _identities(session: Session, surnames: bool = True) -> list[str]:
    """Everything that would identify the session's candidates (surnames alone only where no expert's name is on the page)."""
    found = []
    for c in session.candidates.select_related("person__agency", "person__unit"):
        person = c.person
        found += [person.full_name, f"{person.last_name} {person.first_name}", person.iin or "", person.last_name_latin]
        found += [person.last_name] if surnames else []
        found += [person.agency.name_ru, person.agency.name_kk, person.agency.name_en, person.unit.name_ru, person.unit.name_kk]
    # an expert's own name is on the page by right: a namesake candidate's "last first" is no leak
    experts = [e.person.full_name for e in session.experts.select_related("person")]
    return sorted({text for text in found if text and len(text) > 3 and not any(text in name for name in experts)})


def test_an_experts_pages_and_api_never_show_who_the_candidate_is(client_as, persona):
    session = Session.objects.get(status=Session.Status.RATING)
    expert = client_as(Role.EXPERT)
    mine = Assignment.objects.filter(session=session, expert__person__user=persona(Role.EXPERT))
    assert mine.exists()
    pages = [expert.get("/assessment/"), expert.get("/api/v1/assessment/assignments/"), *(expert.get(f"/assessment/assignments/{a.pk}/") for a in mine)]
    assert all(page.status_code == 200 for page in pages)
    bodies = [page.content.decode() for page in pages]
    assert all(a.candidate.code in "".join(bodies) for a in mine)  # codes are what he works with
    identities = _identities(session)
    assert len(identities) > 30
    for body in bodies:
        leaked = [text for text in identities if text in body]
        assert leaked == [], leaked
    # the session's pages, profiles and results are not the expert's
    candidate = session.candidates.first()
    for url in (f"/assessment/sessions/{session.pk}/", f"/assessment/candidates/{candidate.pk}/", f"/assessment/sessions/{session.pk}/results/"):
        assert expert.get(url).status_code == 403


def test_organisers_see_codes_not_names_while_rating_and_after_finalisation_until_revealed(client_as):
    rating = Session.objects.get(status=Session.Status.RATING)
    finalised = Session.objects.get(status=Session.Status.FINALISED)
    methodologist = client_as(Role.METHODOLOGIST)
    for session in (rating, finalised):
        for url in (f"/assessment/sessions/{session.pk}/", f"/assessment/sessions/{session.pk}/results/", f"/assessment/sessions/{session.pk}/discrepancies/"):
            body = methodologist.get(url).content.decode()
            assert [text for text in _identities(session, surnames=False) if text in body] == [], url


def test_the_conflict_of_interest_is_respected_and_another_experts_candidate_is_not_found(client_as, persona):
    session = Session.objects.get(status=Session.Status.RATING)
    expert_person = Person.objects.get(user=persona(Role.EXPERT))
    conflicted = session.candidates.get(person__in=Conflict.objects.filter(expert=expert_person).values("person"))
    assert not Assignment.objects.filter(candidate=conflicted, expert__person=expert_person).exists()
    other = Assignment.objects.filter(session=session).exclude(expert__person=expert_person).first()
    expert = client_as(Role.EXPERT)
    assert expert.get(f"/assessment/assignments/{other.pk}/").status_code == 404
    assert expert.post(f"/api/v1/assessment/assignments/{other.pk}/ratings/", data="[]", content_type="application/json").status_code == 404


def test_bad_ratings_are_refused_and_change_nothing(client_as, persona):
    session = Session.objects.get(status=Session.Status.RATING)
    assignment = Assignment.objects.filter(session=session, expert__person__user=persona(Role.EXPERT)).first()
    indicators = list(assignment.exercise.indicators.values_list("pk", flat=True))
    expert = client_as(Role.EXPERT)
    before = Rating.objects.count()
    partial = {f"level_{indicators[0]}": "3"}  # one indicator of several
    page = expert.post(f"/assessment/assignments/{assignment.pk}/", partial)
    assert page.status_code == 200 and "This field is required." in page.content.decode()
    out_of_scale = {f"level_{pk}": "7" for pk in indicators}
    assert expert.post(f"/assessment/assignments/{assignment.pk}/", out_of_scale).status_code == 200
    api = f"/api/v1/assessment/assignments/{assignment.pk}/ratings/"
    for body in ([{"indicator_id": pk, "level": 9} for pk in indicators], [{"indicator_id": indicators[0], "level": 2}], "garbage",
                 [{"indicator_id": pk, "level": 2} for pk in [*indicators, indicators[0]]]):
        response = expert.post(api, data=json.dumps(body), content_type="application/json")
        assert response.status_code in (400, 422), body
    assert Rating.objects.count() == before
    assert Assignment.objects.get(pk=assignment.pk).submitted_at is None
    ok = expert.post(api, data=json.dumps([{"indicator_id": pk, "level": 3} for pk in indicators]), content_type="application/json")
    assert ok.status_code == 204 and Rating.objects.count() == before + len(indicators)


def test_finalising_and_revealing_too_early_or_without_the_role_is_refused(client_as, persona):
    session = Session.objects.get(status=Session.Status.RATING)
    methodologist = client_as(Role.METHODOLOGIST)
    page = methodologist.post(f"/assessment/sessions/{session.pk}/finalise/", follow=True)
    assert "assignments are not rated yet" in page.content.decode()
    assert Session.objects.get(pk=session.pk).status == Session.Status.RATING
    admin = client_as(Role.ADMINISTRATOR)
    page = admin.post(f"/assessment/sessions/{session.pk}/reveal/", follow=True)
    assert "only after the session is finalised" in page.content.decode() and not Reveal.objects.filter(session=session).exists()
    finalised = Session.objects.get(status=Session.Status.FINALISED)
    assert methodologist.post(f"/assessment/sessions/{finalised.pk}/reveal/").status_code == 403
    assert not Reveal.objects.exists()


def test_the_whole_way_from_session_to_profile_pdf(client_as, persona):
    methodologist, admin = client_as(Role.METHODOLOGIST), client_as(Role.ADMINISTRATOR)
    exercises = list(Exercise.objects.filter(kind__in=["case_study", "role_play"]))
    page = methodologist.post("/assessment/", {"title": "Проверочная сессия", "date": "2026-12-01", "position": Person.objects.filter(position__code="assistant-prosecutor").first().position_id,
                                               "exercises": [e.pk for e in exercises], "experts_per_candidate": 2})
    session = Session.objects.get(title="Проверочная сессия")
    assert page.status_code == 302
    officers = list(Person.objects.filter(position__code="assistant-prosecutor", user=None).exclude(pk__in=Candidate.objects.values("person")).order_by("pk")[:5])
    methodologist.post(f"/assessment/sessions/{session.pk}/candidates/", {"iins": "\n".join(p.iin for p in officers)})
    experts = list(Person.objects.filter(user__groups__name=Role.EXPERT).order_by("pk")[:4])
    methodologist.post(f"/assessment/sessions/{session.pk}/experts/", {"people": [p.pk for p in experts]})
    assert session.candidates.count() == 5 and session.experts.count() == 4
    assert Client().get(f"/assessment/sessions/{session.pk}/").status_code == 302
    methodologist.post(f"/assessment/sessions/{session.pk}/assign/")
    session.refresh_from_db()
    assert session.status == Session.Status.RATING and session.assignments.count() == 5 * 2 * 2
    # every expert rates his candidates; on one item two experts are two levels apart
    disputed = session.assignments.order_by("candidate__code", "exercise").first()
    for expert_person in experts:
        client = Client()
        client.force_login(expert_person.user)
        for a in session.assignments.filter(expert__person=expert_person):
            levels = {f"level_{i.pk}": "3" for i in a.exercise.indicators.all()}
            if a.candidate_id == disputed.candidate_id and a.exercise_id == disputed.exercise_id:
                first = a.exercise.indicators.first().pk
                levels[f"level_{first}"] = "4" if a.pk == disputed.pk else "2"
            assert client.post(f"/assessment/assignments/{a.pk}/", levels).status_code == 302
    page = methodologist.post(f"/assessment/sessions/{session.pk}/finalise/", follow=True)
    assert "wait for the experts" in page.content.decode()  # the wide gap first
    indicator = disputed.exercise.indicators.first()
    page = methodologist.get(f"/assessment/sessions/{session.pk}/discrepancies/")
    assert disputed.candidate.code in page.content.decode()
    methodologist.post(f"/assessment/sessions/{session.pk}/discrepancies/", {"candidate": disputed.candidate_id, "exercise": disputed.exercise_id,
                                                                            "indicator": indicator.pk, "level": 3, "reasoning": "Сверили протоколы наблюдения."})
    assert Consensus.objects.get(candidate=disputed.candidate).level == 3
    methodologist.post(f"/assessment/sessions/{session.pk}/finalise/")
    session.refresh_from_db()
    assert session.status == Session.Status.FINALISED and session.finalised_by == persona(Role.METHODOLOGIST)
    # names only after an audited reveal, by the administrator
    name = disputed.candidate.person.last_name
    assert name not in admin.get(f"/assessment/sessions/{session.pk}/results/").content.decode()
    admin.post(f"/assessment/sessions/{session.pk}/reveal/")
    assert Reveal.objects.filter(session=session, user=persona(Role.ADMINISTRATOR)).count() == 1
    assert name in admin.get(f"/assessment/sessions/{session.pk}/results/").content.decode()
    assert name not in methodologist.get(f"/assessment/sessions/{session.pk}/results/").content.decode()  # he has not revealed them
    profile = admin.get(f"/assessment/candidates/{disputed.candidate_id}/")
    assert "<svg" in profile.content.decode() and "Communicative competency" in profile.content.decode()
    pdf = admin.get(f"/assessment/candidates/{disputed.candidate_id}/?format=pdf&lang=kk")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Коммуникативтік құзыреттілік" in text and disputed.candidate.code in text and name in text
    reliability = methodologist.get(f"/assessment/sessions/{session.pk}/reliability/")
    assert reliability.status_code == 200 and "ICC(1,1)" in reliability.content.decode()


def test_an_expert_dropping_out_hands_over_only_what_he_has_not_rated(persona):
    session = Session.objects.get(status=Session.Status.RATING)
    leaving = SessionExpert.objects.get(session=session, person__user=persona(Role.EXPERT))  # he has rated nothing yet
    before = {(a.candidate_id, a.exercise_id, a.expert_id) for a in session.assignments.all()}
    rated = {(a.candidate_id, a.exercise_id, a.expert_id) for a in session.assignments.filter(ratings__isnull=False).distinct()}
    services.expert_drop(actor=persona(Role.METHODOLOGIST), expert=leaving, seconds=20)
    after = {(a.candidate_id, a.exercise_id, a.expert_id) for a in session.assignments.all()}
    assert rated <= after
    assert before - after == {slot for slot in before if slot[2] == leaving.pk} - rated
    assert before - after and not Assignment.objects.filter(session=session, expert=leaving).exists()
    assert SessionExpert.objects.get(pk=leaving.pk).dropped_out


def test_pages_ask_the_database_as_often_whatever_the_number_of_candidates(client_as, persona):
    """The session, results, reliability, discrepancies and expert pages: the same queries after the
    session doubles its candidates (and their ratings)."""
    session = Session.objects.get(status=Session.Status.FINALISED)
    methodologist, expert = client_as(Role.METHODOLOGIST), client_as(Role.EXPERT)
    urls = [f"/assessment/sessions/{session.pk}/{tail}" for tail in ("", "results/", "reliability/", "discrepancies/")]
    before = [page_queries(methodologist, url) for url in urls] + [page_queries(expert, "/assessment/")]
    # as many candidates again, each rated like the first one in every exercise
    template = session.candidates.first()
    people = Person.objects.filter(position__code="assistant-prosecutor", user=None).exclude(pk__in=Candidate.objects.values("person"))[:12]
    for number, person in enumerate(people):
        candidate = Candidate.objects.create(session=session, person=person, code=f"Q{number:05d}")
        for a in Assignment.objects.filter(candidate=template):
            copy = Assignment.objects.create(session=session, candidate=candidate, exercise=a.exercise, expert=a.expert, submitted_at=a.submitted_at)
            Rating.objects.bulk_create([Rating(assignment=copy, indicator=r.indicator, level=r.level) for r in a.ratings.all()])
        for settled in Consensus.objects.filter(candidate=template):
            Consensus.objects.create(candidate=candidate, exercise=settled.exercise, indicator=settled.indicator, level=settled.level,
                                     reasoning=settled.reasoning, recorded_by=settled.recorded_by)
    after = [page_queries(methodologist, url) for url in urls] + [page_queries(expert, "/assessment/")]
    assert after == before
