"""The signed-in home page against a minimal Django view, same server, same run, `medium` demo,
50 concurrent clients on loopback. Figures: p95 ratio and requests-per-second ratio."""

import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from bench.common import load, manage, report, scratch_installation, server

BENCH = "home_page"


def _session_cookie(base: str, username: str = "admin") -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": username, "password": "eacademy-demo", "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body, headers={"Referer": f"{base}/accounts/login/"}))  # noqa: S310
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def main() -> None:
    with scratch_installation() as env:
        manage(env, "demo", "--scale", "medium", "--seed", "1")
        manage(env, "collectstatic", "--no-input", "-v0")
        with server(env) as base:
            cookie = _session_cookie(base)
            load(base, "/bench/minimal", requests=300)  # warm-up: workers, caches, templates
            load(base, "/", cookie=cookie, requests=300)
            minimal = load(base, "/bench/minimal")
            home = load(base, "/", cookie=cookie)
    if home["errors"] or minimal["errors"]:
        raise SystemExit(f"errors under load: home {home['errors']}, minimal {minimal['errors']}")
    p95_ratio = home["p95"] / minimal["p95"]
    report(BENCH, "p95_ratio_to_minimal_view", p95_ratio, "ratio", "<= 2.0", p95_ratio <= 2.0)
    report(BENCH, "rps_ratio_to_minimal_view", home["rps"] / minimal["rps"], "ratio", "informational", True)
    report(BENCH, "home_rps", home["rps"], "requests/s", "informational", True)
    report(BENCH, "home_p95_ms", home["p95"] * 1000, "ms", "informational", True)


if __name__ == "__main__":
    main()
