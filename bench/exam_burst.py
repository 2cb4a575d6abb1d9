"""Must show 2: N listeners answer 30 questions each, all at once, as fast as they can, against
the real server (gunicorn, as `make run` starts it) on loopback. Afterwards the database must
hold every acknowledged answer exactly once; no 5xx. The throughput is compared with a bare ORM
insert loop (one `create()` per answer, autocommit) on the same database in the same run."""

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT, free_port, manage, report, scratch_installation, server

LISTENERS, ANSWERS = 300, 30


@contextmanager
def postgres() -> Iterator[str]:
    """A throw-away PostgreSQL 15 cluster with its default durability (fsync on)."""
    pg_bin = Path(shutil.which("initdb") or "/usr/lib/postgresql/15/bin/initdb").parent
    work = Path(tempfile.mkdtemp(prefix="eacademy-pg-"))
    port = free_port()
    as_user = ["runuser", "-u", "eacademy_ci", "--"] if os.geteuid() == 0 else []
    if as_user:
        subprocess.run(["useradd", "--system", "--no-create-home", "eacademy_ci"], capture_output=True, check=False)
        shutil.chown(work, "eacademy_ci")
    subprocess.run([*as_user, pg_bin / "initdb", "-D", work / "data", "-U", "eacademy", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run([*as_user, pg_bin / "pg_ctl", "-D", work / "data", "-o", f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c max_connections=200",
                    "-l", work / "log", "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgres://eacademy@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_bin / "pg_ctl", "-D", work / "data", "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)


async def _save(port: int, item: dict, position: int, latencies: list[float], statuses: dict[int, int], acked: list[tuple[int, int, int]]) -> None:
    body = json.dumps({"seq": 1, "response": {"choice": position % 3}}).encode()
    request = (
        f"POST /exams/attempts/{item['attempt']}/answers/{position}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: sessionid={item['session']}; csrftoken={item['csrf']}\r\nX-CSRFToken: {item['csrf']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    latencies.append(time.perf_counter() - started)
    status = int(data.split(b" ", 2)[1]) if data else 0
    statuses[status] = statuses.get(status, 0) + 1
    if status == 200:
        acked.append((item["attempt"], position, position % 3))


async def _listener(port: int, item: dict, latencies: list[float], statuses: dict[int, int], acked: list) -> None:
    for position in range(1, ANSWERS + 1):
        await _save(port, item, position, latencies, statuses, acked)


async def _burst(port: int, listeners: list[dict]) -> tuple[list[float], dict[int, int], list, float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    acked: list = []
    started = time.perf_counter()
    await asyncio.gather(*(_listener(port, item, latencies, statuses, acked) for item in listeners))
    return latencies, statuses, acked, time.perf_counter() - started


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


_COUNT = """
import django, json; django.setup()
from eacademy.exams.models import Slot
from django.db.models import Count
rows = list(Slot.objects.filter(attempt__exam__title="Bench", seq__gt=0).values_list("attempt_id", "position", "response"))
dups = Slot.objects.filter(attempt__exam__title="Bench").values("attempt_id", "position").annotate(n=Count("id")).filter(n__gt=1).count()
print(json.dumps({"rows": rows, "duplicates": dups}))
"""

_BASELINE = """
import django, time, json; django.setup()
from eacademy.exams.models import Attempt, Slot
attempt = Attempt.objects.filter(exam__title="Bench").first()
version = attempt.slots.first().version
count = %d
started = time.perf_counter()
for i in range(count):
    Slot.objects.create(attempt=attempt, position=1000 + i, version=version, kind="single", options=3, mark=1.0, response={"choice": i %% 3}, seq=1)
elapsed = time.perf_counter() - started
Slot.objects.filter(attempt=attempt, position__gte=1000).delete()
print(json.dumps({"per_second": count / elapsed}))
"""


def run(bench: str, database_url: str | None) -> None:
    with scratch_installation() as env:
        if database_url:
            env = {**env, "DATABASE_URL": database_url}
            manage(env, "migrate", "-v0")
        manage(env, "demo", "--scale", "small", "--seed", "1")
        listeners = json.loads(_python(env, f"import runpy, sys; sys.argv=['x', '{LISTENERS}']; runpy.run_module('bench.exam_burst_setup', run_name='__main__')"))
        with server(env) as base:
            port = int(base.rsplit(":", 1)[1])
            latencies, statuses, acked, elapsed = asyncio.run(_burst(port, listeners))
        stored = json.loads(_python(env, _COUNT))
        baseline = json.loads(_python(env, _BASELINE % (LISTENERS * ANSWERS)))["per_second"]
    in_db = {(a, p): r for a, p, r in stored["rows"]}
    lost = sum(1 for a, p, choice in acked if in_db.get((a, p)) != {"choice": choice})
    errors_5xx = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    latencies.sort()
    rate = len(acked) / elapsed
    report(bench, "answers_acknowledged", len(acked), "answers", f"== {LISTENERS * ANSWERS}", len(acked) == LISTENERS * ANSWERS)
    report(bench, "lost_answers", lost, "answers", "== 0", lost == 0)
    report(bench, "duplicated_answers", stored["duplicates"] + max(0, len(stored["rows"]) - LISTENERS * ANSWERS), "answers", "== 0",
           stored["duplicates"] == 0 and len(stored["rows"]) <= LISTENERS * ANSWERS)
    report(bench, "responses_5xx", errors_5xx, "responses", "== 0", errors_5xx == 0)
    report(bench, "answers_per_second", rate, "answers/s", "informational", True)
    report(bench, "p95_ms", latencies[int(len(latencies) * 0.95) - 1] * 1000, "ms", "informational", True)
    report(bench, "p99_ms", latencies[int(len(latencies) * 0.99) - 1] * 1000, "ms", "informational", True)
    report(bench, "orm_inserts_per_second", baseline, "inserts/s", "informational", True)
    report(bench, "throughput_ratio_to_orm_insert_loop", rate / baseline, "ratio", ">= 0.5", rate / baseline >= 0.5)
