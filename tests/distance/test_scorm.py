"""SCORM packages: the manifest read by us (versions, launch file, base paths, mastery score),
every kind of bad package refused in words with nothing stored, the package's files served
only to the course in a frame of our own, and a run's commits: resumed data kept, a finished
score in the journal with its history, the course's completion moving; another's run refused."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.roles import Role
from eacademy.distance import queries, scorm, services
from eacademy.distance.models import Package, PackageAttempt
from eacademy.distance.services import packages
from eacademy.enrollment.models import Enrollment
from eacademy.journal.models import Mark
from eacademy.timetable.models import Lesson
from tests.distance.scorm_package import MANIFEST_12, package, page_12, scorm_12, scorm_2004

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(persona) -> Enrollment:
    enrollment = Enrollment.objects.filter(person__user=persona(Role.LISTENER), status="enrolled").exclude(group=None).select_related("offering__version").first()
    Lesson.objects.create(offering=enrollment.offering, group=enrollment.group, discipline=enrollment.offering.version.modules.first().disciplines.first(),
                          minutes=80, starts_at=timezone.now() + datetime.timedelta(days=1), lecturer=persona(Role.LECTURER))
    return enrollment


def add(actor, enrollment, data: bytes) -> Package:
    section = services.section_add(actor=actor, offering_id=enrollment.offering_id, title="Тема: меры пресечения")
    return packages.package_add(actor=actor, section=section, discipline=enrollment.offering.version.modules.first().disciplines.first(),
                                upload=SimpleUploadedFile("package.zip", data))


def test_the_manifest_is_read_for_both_versions() -> None:
    twelve = scorm.manifest(scorm.members(scorm_12(), 10**7))
    assert (twelve.version, twelve.title, twelve.launch, twelve.mastery) == ("1.2", "Самопроверка: меры пресечения", "index.html", Decimal(60))
    later = scorm.manifest(scorm.members(scorm_2004(), 10**7))
    assert (later.version, later.launch, later.mastery) == ("2004", "content/start.html", None)
    assert scorm.result("1.2", {"core": {"lesson_status": "passed", "score": {"raw": "17", "min": "0", "max": "20"}}}) == scorm.Result("passed", Decimal("85.00"), True, True)
    assert scorm.result("2004", {"completion_status": "completed", "success_status": "failed", "score": {"scaled": "0.4"}}) == scorm.Result("failed", Decimal("40.00"), False, True)
    assert scorm.result("1.2", {"core": {"lesson_status": "incomplete", "score": {"raw": "1e999"}}}).finished is False


@pytest.mark.parametrize(("files", "message"), [
    ({"index.html": "<p>"}, "no imsmanifest.xml"),
    ({"imsmanifest.xml": "<manifest", "index.html": "x"}, "not well-formed"),
    ({"imsmanifest.xml": MANIFEST_12, "../evil.html": "x", "index.html": "x"}, "outside itself"),
    ({"imsmanifest.xml": MANIFEST_12}, "not in the package"),
    ({"imsmanifest.xml": MANIFEST_12.replace("<schemaversion>1.2</schemaversion>", "<schemaversion>CMI5</schemaversion>"), "index.html": "x"}, "SCORM 1.2 and 2004"),
    ({"imsmanifest.xml": MANIFEST_12.replace('identifierref="r1"', 'identifierref="none"'), "index.html": "x"}, "no launch file"),
    ({"imsmanifest.xml": MANIFEST_12, "index.html": page_12(), "big.bin": b"\0" * (3 * 1024 * 1024)}, "unpacks to more than 2 MB"),
])
def test_bad_packages_are_refused_in_words_and_nothing_is_stored(mine, persona, files, message, tmp_path, settings) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    before = (Package.objects.count(), default_storage.exists("distance/packages") and len(default_storage.listdir("distance/packages")[0]))
    with override_settings(PACKAGE_UNPACKED_MB=2), pytest.raises(DomainError, match=message):
        add(persona(Role.LECTURER), mine, package(files))
    with pytest.raises(DomainError, match="not a SCORM package"):
        add(persona(Role.LECTURER), mine, b"PK\x03\x04 not really a zip")
    with pytest.raises(DomainError, match="not in this course's programme"):
        packages.package_add(actor=persona(Role.LECTURER), section=services.section_add(actor=persona(Role.LECTURER), offering_id=mine.offering_id, title="Т"),
                             discipline=Discipline.objects.exclude(module__version=mine.offering.version).first(), upload=SimpleUploadedFile("p.zip", scorm_12()))
    assert (Package.objects.count(), default_storage.exists("distance/packages") and len(default_storage.listdir("distance/packages")[0])) == before


def test_a_run_is_served_in_our_frame_resumed_and_its_score_reaches_the_journal(mine, persona, client_as) -> None:
    before = queries.space(mine.offering_id, enrollment=mine, teacher=False)
    quiz = add(persona(Role.LECTURER), mine, scorm_12())
    listener = client_as(Role.LISTENER)
    player = listener.get(quiz.get_absolute_url()).content.decode()
    assert "scorm-again.min.js" in player and 'data-version="1.2"' in player
    commit_url = player.split('data-commit="')[1].split('"')[0]
    content = listener.get(f"/distance/packages/{quiz.pk}/content/index.html")
    assert content.status_code == 200 and content["Content-Type"].startswith("text/html") and content["X-Frame-Options"] == "SAMEORIGIN"
    assert "'unsafe-inline'" in content["Content-Security-Policy"] and "frame-ancestors 'self'" in content["Content-Security-Policy"]
    assert listener.get(f"/distance/packages/{quiz.pk}/content/../../settings.py").status_code == 404

    half = {"cmi": {"core": {"lesson_status": "incomplete", "lesson_location": "page-3"}, "suspend_data": "a=1"}}
    assert listener.post(commit_url, json.dumps(half), content_type="application/json").json() == {"result": "true", "errorCode": 0}
    assert not Mark.objects.filter(activity=quiz.journal_key).exists()
    assert "page-3" in listener.get(quiz.get_absolute_url()).content.decode()  # resumed where he left
    done = {"cmi": {"core": {"lesson_status": "passed", "score": {"raw": "85", "min": "", "max": ""}}, "suspend_data": "a=2"}}
    listener.post(commit_url, json.dumps(done), content_type="text/plain;charset=UTF-8")  # the final commit is a beacon
    run = PackageAttempt.objects.get(package=quiz, enrollment=mine)
    assert (run.status, run.score, run.passed) == ("passed", Decimal("85.00"), True)
    mark = Mark.objects.get(enrollment=mine, activity=quiz.journal_key)
    assert (mark.points, mark.discipline_id, mark.source) == (Decimal("85.00"), quiz.discipline_id, "activity")
    after = queries.space(mine.offering_id, enrollment=mine, teacher=False)
    assert (after.done, after.required) == (before.done + 1, before.required + 1)
    listener.post(commit_url, json.dumps({"cmi": {"core": {"lesson_status": "passed", "score": {"raw": "92"}}}}), content_type="application/json")
    mark.refresh_from_db()
    assert mark.points == Decimal(92) and mark.history.count() == 2
    assert "92" in client_as(Role.LECTURER).get(quiz.get_absolute_url()).content.decode()


def test_another_s_run_and_strangers_are_refused(mine, persona, client_as) -> None:
    quiz = add(persona(Role.LECTURER), mine, scorm_12())
    listener = client_as(Role.LISTENER)
    player = listener.get(quiz.get_absolute_url()).content.decode()
    commit_url = player.split('data-commit="')[1].split('"')[0]
    forged = commit_url.rsplit("/", 2)[0] + "/forged-token/"
    assert listener.post(forged, json.dumps({"cmi": {"core": {"lesson_status": "passed", "score": {"raw": "100"}}}}), content_type="application/json").status_code == 403
    assert listener.post(commit_url, "not json", content_type="application/json").status_code == 422
    assert not PackageAttempt.objects.filter(package=quiz).exists()
    with pytest.raises(NotAllowed):
        packages.commit(user=persona(Role.LECTURER), package=quiz, token=commit_url.rsplit("/", 2)[1], cmi={})
    other = Enrollment.objects.filter(status="enrolled").exclude(offering=mine.offering).first()
    elsewhere = add(persona(Role.ADMINISTRATOR), other, scorm_12())
    assert listener.get(elsewhere.get_absolute_url()).status_code == 404
    assert listener.get(f"/distance/packages/{elsewhere.pk}/content/index.html").status_code == 404
