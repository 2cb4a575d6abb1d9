"""Sessions on the real multi-worker server (gunicorn with two workers, as `make run` starts
it): a logout ends the session on every worker, and a token's secret shown once reaches the
page whichever worker serves it."""

import re

import httpx

from e2e.conftest import PASSWORD

TRIES = 30  # requests spread over the workers by the kernel: each worker answers many of them


def _signed_in(server: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=server, follow_redirects=False, timeout=30)
    page = client.get("/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = client.post("/accounts/login/", data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and answer.headers["location"] == "/"
    return client


def _csrf(client: httpx.Client, path: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(path).text).group(1)


def test_a_logout_ends_the_session_on_every_worker(server: str) -> None:
    client = _signed_in(server, "lecturer")
    stolen = client.cookies["sessionid"]
    assert all(client.get("/").status_code == 200 for _ in range(TRIES))
    assert client.post("/accounts/logout/", data={"csrfmiddlewaretoken": _csrf(client, "/accounts/")}).status_code == 302
    replay = httpx.Client(base_url=server, follow_redirects=False, timeout=30, cookies={"sessionid": stolen})
    answers = [replay.get("/") for _ in range(TRIES)]
    assert [a.status_code for a in answers] == [302] * TRIES
    assert all(a.headers["location"].startswith("/accounts/login/") for a in answers)


def test_a_new_token_s_secret_is_shown_once_whichever_worker_answers(server: str) -> None:
    client = _signed_in(server, "methodologist")
    for number in range(6):
        client.post("/accounts/tokens/", data={"name": f"script {number}", "csrfmiddlewaretoken": _csrf(client, "/accounts/")})
        assert 'data-testid="new-token"' in client.get("/accounts/").text
        assert 'data-testid="new-token"' not in client.get("/accounts/").text
