"""Must show 5 of issue 22: 300 listeners hand in a 1 MB file each at the deadline, all at once,
against the real server (gunicorn, as `make run` starts it) on loopback. Afterwards every
listener's work must be submitted with his file intact (compared by SHA-256); no 5xx. The
throughput is compared with the same 300 uploads, by the same signed-in listeners through the
same server, to a view that only writes them with plain Django storage (bench/urls.py), run
just before: what checking the file, the deadline, the statement and recording the
submission with its history costs on top of receiving and storing it."""

import asyncio
import hashlib
import json
import os
import subprocess
import sys
import time

from bench.common import ROOT, manage, report, scratch_installation, server

LISTENERS, SIZE = int(os.environ.get("BENCH_LISTENERS", "300")), 1024 * 1024
BOUNDARY = "eacademybenchboundary"


def _work(n: int) -> bytes:
    """A listener's 1 MB PDF: a real header and trailer around bytes of his own."""
    body = hashlib.shake_256(f"work {n}".encode()).digest(SIZE - 64)
    return b"%PDF-1.4\n" + body + b"\n%%EOF\n"


def _multipart(csrf: str, data: bytes, n: int) -> bytes:
    fields = {"csrfmiddlewaretoken": csrf, "text": f"Работа слушателя {n}", "statement": "on", "action": "submit"}
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode() for name, value in fields.items()]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="work-{n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


async def _submit(port: int, path: str, item: dict, n: int, latencies: list[float], statuses: dict[int, int]) -> None:
    body = _multipart(item["csrf"], _work(n), n)
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: sessionid={item['session']}; csrftoken={item['csrf']}\r\nReferer: http://127.0.0.1:{port}/\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    latencies.append(time.perf_counter() - started)
    status = int(data.split(b" ", 2)[1]) if data else 0
    if status != 302 and not statuses.get(status):
        print(f"first answer {status}: {data[:600]!r}", file=sys.stderr)
    statuses[status] = statuses.get(status, 0) + 1


async def _burst(port: int, path: str, listeners: list[dict]) -> tuple[list[float], dict[int, int], float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    await asyncio.gather(*(_submit(port, path, item, n, latencies, statuses) for n, item in enumerate(listeners)))
    return latencies, statuses, time.perf_counter() - started


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


_STORED = """
import django, hashlib, json; django.setup()
from eacademy.distance.models import Submission
rows = {}
for s in Submission.objects.filter(assignment_id=%d).prefetch_related("files"):
    files = list(s.files.all())
    rows[s.enrollment.person.user_id] = [s.status, s.statement_at is not None, [hashlib.sha256(f.file.open("rb").read()).hexdigest() for f in files]]
print(json.dumps(rows))
"""



def main() -> None:
    with scratch_installation() as env:
        env = {**env, "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "5")}
        manage(env, "demo", "--scale", "small", "--seed", "1")
        setup = json.loads(_python(env, f"import runpy, sys; sys.argv=['x', '{LISTENERS}']; runpy.run_module('bench.assignment_burst_setup', run_name='__main__')"))
        with server(env) as base:
            port = int(base.rsplit(":", 1)[1])
            asyncio.run(_burst(port, "/bench/plain-upload", setup["listeners"][:30]))  # every worker warm
            _latencies, plain_statuses, plain_elapsed = asyncio.run(_burst(port, "/bench/plain-upload", setup["listeners"]))
            latencies, statuses, elapsed = asyncio.run(_burst(port, f"/distance/assignments/{setup['assignment']}/submit/", setup["listeners"]))
        stored = json.loads(_python(env, _STORED % setup["assignment"]))
    baseline = LISTENERS / plain_elapsed
    expected = {str(item["user"]): hashlib.sha256(_work(n)).hexdigest() for n, item in enumerate(setup["listeners"])}
    intact = sum(1 for user, digest in expected.items() if stored.get(user) == ["submitted", True, [digest]])
    errors_5xx = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    latencies.sort()
    rate = LISTENERS / elapsed
    bench = "assignment_burst"
    report(bench, "works_submitted_intact", intact, "works", f"== {LISTENERS}", intact == LISTENERS)
    report(bench, "lost_works", LISTENERS - intact, "works", "== 0", intact == LISTENERS)
    report(bench, "responses_5xx", errors_5xx, "responses", "== 0", errors_5xx == 0)
    report(bench, "p95_ms", latencies[int(len(latencies) * 0.95) - 1] * 1000, "ms", "informational", True)
    report(bench, "works_per_second", rate, "works/s", "informational", True)
    report(bench, "plain_storage_uploads_per_second", baseline, "files/s", "informational", True)
    report(bench, "plain_storage_failed_uploads", LISTENERS - plain_statuses.get(302, 0), "uploads", "== 0", plain_statuses.get(302, 0) == LISTENERS)
    report(bench, "slowdown_against_plain_storage", baseline / rate, "ratio", "<= 3.0", baseline / rate <= 3.0)


if __name__ == "__main__":
    main()
