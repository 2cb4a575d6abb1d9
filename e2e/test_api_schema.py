"""The API against its own OpenAPI schema, fuzzed by schemathesis on a running server (a copy
of the demo installation, so that its writes disturb no other test): as anonymous, as a
listener and as an administrator with bearer tokens. No answer may be a server error or break
the schema, and no request the schema calls valid may be refused as malformed (400); what a
rule of the domain refuses is 403, 404 or 422 (e2e/schemathesis.toml)."""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.conftest import free_port, start_server

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))  # per operation and identity; bounded for CI
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,positive_data_acceptance"


@pytest.fixture(scope="module")
def fuzzed_server(installation: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    var = tmp_path_factory.mktemp("fuzz-var")
    source = Path(installation["EACADEMY_VAR_DIR"])
    for name in ("eacademy.sqlite3", "secret_key"):
        shutil.copy2(source / name, var / name)
    env = {**installation, "EACADEMY_VAR_DIR": str(var), "STATIC_ROOT": str(source / "static")}
    tokens = {}
    for username in ("listener", "admin"):
        made = subprocess.run(
            [sys.executable, "-m", "eacademy", "shell", "-c",
             ("from eacademy.core.models import User; from eacademy.core.services import api_token_create; "
              f"print(api_token_create(user=User.objects.get(username='{username}'), name='schemathesis')[1])")],
            env=env, capture_output=True, text=True, check=True, timeout=120)
        tokens[username] = made.stdout.strip().splitlines()[-1]
    port = free_port()
    process = start_server(env, port)
    try:
        yield f"http://127.0.0.1:{port}", tokens
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("who", ["anonymous", "listener", "admin"])
def test_the_api_keeps_to_its_schema(fuzzed_server: tuple[str, dict[str, str]], tmp_path: Path, who: str) -> None:
    url, tokens = fuzzed_server
    report = tmp_path / "report.json"
    command = [str(Path(sys.executable).parent / "st"), "--config-file", str(Path(__file__).with_name("schemathesis.toml")), "run", f"{url}/api/v1/openapi.json", "--checks", CHECKS,
               "--max-examples", str(EXAMPLES), "--seed", "1", "--workers", "2", "--no-color", "--phases", "examples,coverage,fuzzing",
               "--report", "json", "--report-json-path", str(report), "--generation-database", "none"]
    if who != "anonymous":
        command += ["--header", f"Authorization: Bearer {tokens[who]}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    summary = json.loads(report.read_text()) if report.exists() else {}
    cases = summary.get("test_cases", {})
    print(f"\nschemathesis as {who}: {summary.get('operations', {}).get('tested')} operations, {cases.get('generated')} requests, "
          f"{cases.get('with_failures')} with failures, {len(summary.get('errors', []))} errors")
    failures = result.stdout[result.stdout.find("FAILURES"):result.stdout.find("SUMMARY")] if "FAILURES" in result.stdout else result.stdout[-6000:]
    assert result.returncode == 0, failures[:20000]
