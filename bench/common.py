"""Helpers shared by the benchmarks: a scratch installation, a server, a load client, output."""

import asyncio
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def report(bench: str, figure: str, value: float, unit: str, target: str, ok: bool) -> None:
    print(json.dumps({"bench": bench, "figure": figure, "value": round(value, 3), "unit": unit, "target": target, "ok": ok}), flush=True)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "eacademy", *args], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return result.stdout


@contextmanager
def scratch_installation() -> Iterator[dict[str, str]]:
    """A fresh SQLite installation in a temporary directory."""
    var = Path(tempfile.mkdtemp(prefix="eacademy-bench-"))
    env = {**os.environ, "EACADEMY_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    try:
        manage(env, "migrate", "-v0")
        yield env
    finally:
        shutil.rmtree(var, ignore_errors=True)


@contextmanager
def in_process_demo() -> Iterator[None]:
    """This process set up on the small demo academy in a fresh SQLite database, for the
    benchmarks that time our services in process against a bare baseline."""
    var = tempfile.mkdtemp(prefix="eacademy-bench-")
    os.environ.update({"EACADEMY_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "eacademy.settings", "LOG_LEVEL": "WARNING"})
    os.environ.pop("DATABASE_URL", None)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("demo", scale="small", seed=1, verbosity=0, stdout=io.StringIO())  # the figures alone go to stdout
        yield
    finally:
        shutil.rmtree(var, ignore_errors=True)


class _Rollback(Exception):
    pass


def seconds_rolled_back(work: Callable[[], object]) -> float:
    """How long `work` takes, in a transaction then rolled back so that it can run again alike."""
    from django.db import transaction

    started = time.perf_counter()
    try:
        with transaction.atomic():
            work()
            raise _Rollback
    except _Rollback:
        pass
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [gunicorn, "eacademy.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


async def _one(port: int, path: str, cookie: str) -> tuple[float, int]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    headers = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if cookie:
        headers += f"Cookie: {cookie}\r\n"
    writer.write((headers + "\r\n").encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data else 0
    return time.perf_counter() - started, status


async def _load(port: int, path: str, cookie: str, clients: int, requests: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    errors = 0
    remaining = requests

    async def client() -> None:
        nonlocal remaining, errors
        while remaining > 0:
            remaining -= 1
            latency, status = await _one(port, path, cookie)
            if status != 200:
                errors += 1
            latencies.append(latency)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - started, errors


def load(base: str, path: str, *, cookie: str = "", clients: int = 50, requests: int = 2000) -> dict[str, float]:
    """`clients` concurrent connections on loopback; returns requests per second and p95 (s)."""
    port = int(base.rsplit(":", 1)[1])
    latencies, elapsed, errors = asyncio.run(_load(port, path, cookie, clients, requests))
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p95": latencies[int(len(latencies) * 0.95) - 1], "errors": errors}
