#!/usr/bin/env bash
# The production stack on this machine: PostgreSQL (URL in $1), Redis, gunicorn in production
# mode, an RQ worker. Checks `check --deploy`, /health (database and Redis queue), the login
# page over "HTTPS" (as nginx forwards it) and the HTTPS redirect. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_url=$1
run() { python3 -m uv run --locked --no-sync "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d)
redis_port=$(free_port)
web_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize yes --pidfile "$work/redis.pid" >/dev/null
# `uv run` starts gunicorn and the worker as its children: stop them, not only uv.
cleanup() {
  for pid in ${web_pid:-} ${worker_pid:-}; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export EACADEMY_MODE=production DATABASE_URL=$pg_url REDIS_URL="redis://127.0.0.1:$redis_port/0"
export SECRET_KEY_FILE="$work/secret" ALLOWED_HOSTS=127.0.0.1 STATIC_ROOT="$work/static" EACADEMY_VAR_DIR="$work"
python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > "$SECRET_KEY_FILE"

run eacademy migrate -v0
run eacademy check --deploy --fail-level WARNING
run eacademy collectstatic --no-input -v0
run gunicorn eacademy.wsgi --config deploy/gunicorn.conf.py --bind "127.0.0.1:$web_port" --workers 2 >"$work/web.log" 2>&1 &
web_pid=$!
run eacademy rqworker default --with-scheduler >"$work/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$web_port/health" >/dev/null && break; sleep 0.2; done

health=$(curl -s "http://127.0.0.1:$web_port/health")
[ "$health" = '{"status": "ok", "database": "ok", "tasks": "ok"}' ] || { echo "health: $health"; cat "$work/web.log"; exit 1; }
login=$(curl -s -H "X-Forwarded-Proto: https" -H "Accept-Language: kk" "http://127.0.0.1:$web_port/accounts/login/")
grep -q '<html lang="kk">' <<<"$login" || { echo "login page not served in Kazakh"; exit 1; }
redirect=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" "http://127.0.0.1:$web_port/accounts/login/")
[ "$redirect" = "301 https://127.0.0.1:$web_port/accounts/login/" ] || { echo "plain HTTP was not redirected: $redirect"; exit 1; }
cookie=$(curl -s -D - -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$web_port/accounts/login/" | grep -i '^set-cookie: csrftoken')
grep -qi 'secure' <<<"$cookie" || { echo "CSRF cookie is not Secure"; exit 1; }
echo "production stack: check --deploy clean, /health ok (PostgreSQL, Redis), HTTPS redirect and secure cookies in place"
