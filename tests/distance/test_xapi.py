"""xAPI against a real learning record store (Ralph, `ralph-malph`, with its file-system
backend), started by the test: learning events become statements sent by the task; the store
is stopped mid-run, the statements wait (none lost, the failure counted) and a retry is
scheduled; restarted, it receives every one exactly once. The actor is a number, not a name."""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from eacademy.core.roles import Role
from eacademy.distance import services
from eacademy.distance.models import Statement
from eacademy.distance.services import assignments, forum, xapi
from eacademy.enrollment.models import Enrollment

pytestmark = pytest.mark.django_db
RALPH = Path(sys.executable).parent / "ralph"
# Ralph's API as `ralph runserver -b fs` serves it, without the reloader, and with its file
# backend appending (as shipped it writes its one file once: every later batch would fail).
SERVE = ("from ralph.backends.data.base import BaseOperationType; from ralph.backends.lrs.fs import FSLRSBackend;"
         "FSLRSBackend.default_operation_type = BaseOperationType.APPEND;"
         "import uvicorn; uvicorn.run('ralph.api:app', host='127.0.0.1', port=%d, log_level='warning')")


class Ralph:
    """A Ralph LRS on a free port, its statements in a directory that outlives a restart."""

    def __init__(self, root: Path) -> None:
        self.root, self.process = root, None
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        (root / "data").mkdir(parents=True)
        self.env = {**os.environ, "RALPH_APP_DIR": str(root), "RALPH_AUTH_FILE": str(root / "auth.json"), "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(root / "data")}
        subprocess.run([RALPH, "auth", "-u", "eacademy", "-p", "lrs-secret", "-s", "all", "-M", "mailto:lrs@academy.example.kz", "-w"],
                       env=self.env, check=True, capture_output=True, timeout=60)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", SERVE % self.port], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def statements(self) -> list[dict]:
        request = urllib.request.Request(f"{self.url}statements?limit=500", headers={  # noqa: S310 - loopback
            "X-Experience-API-Version": "1.0.3", "Authorization": "Basic " + base64.b64encode(b"eacademy:lrs-secret").decode()})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.load(response)["statements"]


@pytest.fixture
def ralph(tmp_path):
    if not RALPH.exists():
        pytest.skip("ralph-malph is not installed")
    lrs = Ralph(tmp_path / "ralph")
    lrs.start()
    with override_settings(XAPI_LRS_URL=lrs.url, XAPI_LRS_USERNAME="eacademy", XAPI_LRS_PASSWORD="lrs-secret", XAPI_TIMEOUT_SECONDS=3,
                           SITE_URL="https://e-academy.example.kz"):
        yield lrs
    if lrs.process.poll() is None:
        lrs.stop()
    shutil.rmtree(tmp_path / "ralph", ignore_errors=True)


def test_statements_wait_while_the_store_is_down_and_reach_it_once_when_it_is_back(ralph, persona, django_capture_on_commit_callbacks):
    listener, lecturer = persona(Role.LISTENER), persona(Role.LECTURER)
    mine = Enrollment.objects.filter(person__user=listener, status="enrolled").exclude(group=None).select_related("offering__version").first()
    week = services.section_add(actor=persona(Role.METHODOLOGIST), offering_id=mine.offering_id, title="Неделя xAPI")
    lecture = services.material_add(actor=persona(Role.METHODOLOGIST), section=week, kind="page", title="Лекция о задержании", body="<p>Текст</p>")
    with django_capture_on_commit_callbacks(execute=True):  # the immediate task backend sends at once
        services.material_open(user=listener, material=lecture)
    assert Statement.objects.get().sent_at is not None

    ralph.stop()  # the store goes down mid-run
    task = assignments.assignment_add(actor=persona(Role.METHODOLOGIST), offering_id=mine.offering_id, title="Эссе", discipline=lecture.section.offering.version
                                      .modules.first().disciplines.first(), opens_at=timezone.now() - timezone.timedelta(days=1),
                                      due_at=timezone.now() + timezone.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assignments.submission_save(user=listener, assignment=task, text="Эссе", final=True, statement=True)
        thread = forum.thread_start(actor=listener, offering_id=mine.offering_id, title="Вопрос", body="Текст")
        forum.post_add(actor=lecturer, thread=thread, body="Ответ")
    waiting = Statement.objects.filter(sent_at=None)
    assert waiting.count() == 3 and all(s.tries >= 1 for s in waiting)  # kept, the failure counted
    assert xapi.send() == 0 and Statement.objects.filter(sent_at=None).count() == 3

    ralph.start()
    assert xapi.send() == 3 and not Statement.objects.filter(sent_at=None).exists()
    stored = ralph.statements()
    ours = {str(s.id) for s in Statement.objects.all()}
    assert sorted(s["id"] for s in stored if s["id"] in ours) == sorted(ours)  # each once
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in stored}
    assert verbs == {"experienced", "submit", "commented"}
    assert all(s["actor"]["account"]["homePage"] == "https://e-academy.example.kz" for s in stored)
    assert {s["actor"]["account"]["name"] for s in stored} == {str(listener.pk), str(lecturer.pk)}
    assert listener.last_name not in json.dumps(stored, ensure_ascii=False)


def test_nothing_is_recorded_without_a_store(persona):
    listener = persona(Role.LISTENER)
    mine = Enrollment.objects.filter(person__user=listener, status="enrolled").exclude(group=None).first()
    week = services.section_add(actor=persona(Role.METHODOLOGIST), offering_id=mine.offering_id, title="Неделя")
    lecture = services.material_add(actor=persona(Role.METHODOLOGIST), section=week, kind="page", title="Лекция", body="<p>Текст</p>")
    services.material_open(user=listener, material=lecture)
    assert not Statement.objects.exists()
